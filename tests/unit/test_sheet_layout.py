"""Column widths that follow a sheet's content: sampled, capped, headings wrapping on their longest word."""

from __future__ import annotations

from datetime import date, datetime, time

from openpyxl import load_workbook

from partnerdesk import i18n
from partnerdesk.exports.sheet_layout import NARROWEST, PADDING, WIDEST, fit, fitted_sheet, shown_length
from partnerdesk.exports.xlsx import Column, Kind, xlsx_file


def test_widths_fit_the_longest_value_and_the_headings_longest_word():
    columns = (Column("Mode"), Column("Papers days (shortest)", kind=Kind.NUMBER), Column("Notes"))
    rows = [["Hybrid (in person and online)", 4, "x" * 500], ["Online", 12, ""]]
    mode, papers, notes = fit(columns, rows)
    assert mode.width == len("Hybrid (in person and online)") + PADDING
    assert papers.width == len("(shortest)") + PADDING  # the heading wraps; its longest word decides
    assert notes.width == WIDEST  # one long note does not push every other column off the screen
    assert fit((Column("Id"),), [])[0].width == NARROWEST


def test_dates_times_and_money_are_measured_as_shown():
    assert shown_length(date(2026, 2, 16)) == 10
    assert shown_length(datetime(2026, 2, 16, 9, 30)) == 16
    assert shown_length(time(9, 30)) == 5
    assert shown_length(123456, Kind.MONEY_PENCE) == len("£1,234.56")
    assert shown_length("first line\na much longer second line") == len("a much longer second line")


def _written(path, columns, rows):
    with xlsx_file(path) as workbook:
        sheet = fitted_sheet(workbook, "Meetings", columns, rows)
        for row in rows:
            sheet.append(row)
        sheet.finish()
    return load_workbook(path)["Meetings"]


def test_every_sheet_prints_one_page_wide_on_a4_with_headings_title_and_page_numbers(tmp_path):
    wide = tuple(Column(f"Heading {n}") for n in range(12))
    sheet = _written(tmp_path / "wide.xlsx", wide, [["Committee or board meeting"] * 12])
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, as many long as it takes
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"  # the heading row on every page
    assert (sheet.oddHeader.center.text, sheet.oddFooter.center.text) == ("&A", "Page &P of &N")

    narrow = _written(tmp_path / "narrow.xlsx", (Column("Date", kind=Kind.DATE), Column("Count")), [[date.today(), 3]])
    assert narrow.page_setup.orientation == "portrait"  # a narrow sheet keeps its text large on a portrait page
    assert (narrow.page_setup.fitToWidth, int(narrow.page_setup.paperSize)) == (1, 9)


def test_a_sheet_written_in_another_language_translates_its_words_and_nothing_else(tmp_path):
    # A row's height, the filter's range and the header's field code are the file's own markup. Passed through the
    # translations, the pseudo-language (every string changed and bracketed) made rows no spreadsheet could read.
    i18n.set_language(i18n.PSEUDO)
    try:
        columns = (Column("Measure"), Column("Figure", kind=Kind.FIGURE))
        sheet = _written(tmp_path / "pseudo.xlsx", columns, [["People engaged", "a long note " * 10], ["Meetings", 4]])
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert sheet.auto_filter.ref == "A1:B3"
    assert sheet.oddHeader.center.text == "&A"
    assert (sheet.row_dimensions[2].height or 0) > 15  # the long note's row is as tall as its lines
    assert i18n.is_pseudo(sheet["A1"].value) and i18n.is_pseudo(sheet.oddFooter.center.text)  # words translated

"""Column widths that follow a sheet's content: sampled, capped, headings wrapping on their longest word."""

from __future__ import annotations

from datetime import date, datetime, time

from partnerdesk.exports.sheet_layout import NARROWEST, PADDING, WIDEST, fit, shown_length
from partnerdesk.exports.xlsx import Column, Kind


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

"""`partnerdesk export monitoring --out FILE.pdf`: the return's PDF summary for a board paper, read back with poppler
(pdftotext), its figures checked against the spreadsheet's Summary, hidden figures shown as "*" and never their
value, and every word on the page."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.monitoring import ABOUT_ROWS
from partnerdesk.exports.monitoring_pdf import export_monitoring_pdf
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.reports.monitoring import return_period
from tests.integration.test_export_monitoring import quarter_db, run  # noqa: F401 -- quarter_db is a fixture
from tests.integration.test_pdf_layout import assert_fits_the_page, pytestmark  # noqa: F401 -- skip without poppler

QUARTER = ("--quarter", "2026-Q1")


def text_lines(path: Path) -> list[str]:
    """The PDF's lines as poppler lays them out, runs of spaces made one."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def printed_row(lines: list[str], measure: str, figures: str) -> bool:
    """True when a table row reads measure then figures, the measure perhaps wrapped onto the lines below."""
    for number, line in enumerate(lines):
        if not line.endswith(" " + figures):
            continue
        start = line[: -len(figures) - 1]
        rest = measure[len(start) :].strip()
        if measure.startswith(start) and (not rest or " ".join(lines[number + 1 : number + 3]).startswith(rest)):
            return True
    return False


def as_printed(value) -> str:
    """A Summary cell as a reader sees it, worked out here from the spreadsheet's own value and number format."""
    if value.value is None:
        return ""
    if isinstance(value.value, str):
        return value.value
    if "%" in value.number_format:
        return f"{round(value.value * 100)}%"
    if "£" in value.number_format:
        return f"£{value.value:,.2f}"
    return f"{value.value:,}"


@pytest.fixture
def both(quarter_db, tmp_path):  # noqa: F811 -- the fixture imported above
    """The quarter's return written twice from the command line: as the spreadsheet and as the PDF."""
    xlsx, pdf = tmp_path / "return.xlsx", tmp_path / "return.pdf"
    for out in (xlsx, pdf):
        result = run("--db", str(quarter_db), "export", "monitoring", *QUARTER, "--out", str(out))
        assert result.returncode == 0, result.stderr
    return xlsx, pdf, result


def test_the_pdf_prints_every_summary_figure_the_spreadsheet_holds(both):
    xlsx, pdf, result = both
    assert "as a PDF summary" in result.stdout and str(pdf) in result.stdout
    lines = text_lines(pdf)
    sheet = load_workbook(xlsx)["Summary"]
    rows = list(sheet.iter_rows(min_row=ABOUT_ROWS + 2))
    assert len(rows) >= 15
    for row in rows:
        measure, *figures = [as_printed(cell) for cell in row[1:]]
        assert printed_row(lines, measure, " ".join(figure for figure in figures if figure)), (measure, figures)
    # Each area's heading comes before its figures.
    assert {"People", "Meetings", "Wellbeing", "Expenses and payments", "Definitions"} <= set(lines)


def test_a_hidden_figure_prints_as_a_star_with_why_and_never_its_value(both):
    _xlsx, pdf, _result = both
    lines = text_lines(pdf)
    text = "\n".join(lines)
    # 5 of 6 attended: the 5 and the 83% would say one did not come. Parking is one person's claim (£12.50), and
    # printing (£12.00) is hidden with it, or the total (£24.50) less printing would give parking away.
    assert "Attendance * 6 *" in lines and "Parking * *" in lines and "Printing * *" in lines
    assert "All expenses and payments 8 £24.50" in lines
    assert "83%" not in text and "12.50" not in text and "12.00" not in text
    assert "A figure is hidden so that nobody can be picked out." in text
    assert "Counts from 1 to 4, and any figure from which one could be worked out" in text
    # The charts leave hidden figures out, and say so: no bar for attendance, parking or printing.
    charts = text[text.index("Charts") : text.index("Answers of the people engaged")]
    assert "Notice sent on time 100%" in charts and "1 hidden figure is left out of this chart." in charts
    assert "Attendance" not in charts and "Parking" not in charts and "Printing" not in charts
    assert "Quarter Person" not in text  # nobody is named


def test_mistakes_get_a_plain_message_and_write_nothing(quarter_db, tmp_path):  # noqa: F811
    pdf = tmp_path / "named.pdf"
    cases = [
        (("--out", str(pdf), "--named"), "never names anyone"),
        (("--out", str(tmp_path / "return.txt")), "ending in .xlsx (the spreadsheet) or .pdf"),
        (("--out", str(tmp_path / "missing" / "return.pdf")), "does not exist"),
    ]
    for extra, message in cases:
        result = run("--db", str(quarter_db), "export", "monitoring", *QUARTER, *extra)
        assert result.returncode == 1 and message in result.stderr, (extra, result.stderr)
        assert "Traceback" not in result.stderr
    assert list(tmp_path.rglob("*.pdf")) == [] and list(tmp_path.rglob("*.txt")) == []
    # Other exports are spreadsheets only.
    other = run("--db", str(quarter_db), "export", "people", "--out", str(pdf))
    assert other.returncode == 1 and "ending in .xlsx" in other.stderr


def test_a_years_demo_return_stays_on_the_page(tmp_path):
    db, pdf = tmp_path / "demo.sqlite3", tmp_path / "year.pdf"
    assert run("--db", str(db), "demo", "--people", "150", "--seed", "3").returncode == 0
    result = run("--db", str(db), "export", "monitoring", "--from", "01/04/2026", "--to", "31/03/2027",
                 "--out", str(pdf))  # fmt: skip
    assert result.returncode == 0, result.stderr
    laid_out = assert_fits_the_page(pdf, tmp_path)
    assert len(laid_out) >= 4
    words = [word[4] for _, _, found in laid_out for word in found]
    assert words.count("Page") == len(laid_out)
    text = "\n".join(text_lines(pdf))
    assert "Equality: Ethnic group (people)" in text and "Definitions" in text
    definitions = text[text.index("Definitions") :]
    assert "People engaged People who, in the period" in definitions
    assert "Meetings sheet" not in definitions  # the summary has no row per meeting


def test_the_organisation_name_heads_the_first_page_and_an_empty_quarter_has_no_charts(store, tmp_path):
    with store.transaction() as session:
        set_setting(session, "organisation_name", "Lleisiau Gŵyr & Friends")
    pdf = tmp_path / "board.pdf"
    with store.reader() as session:
        period = return_period(session, date(2026, 4, 1), date(2026, 6, 30), today=date(2026, 7, 3))
        export_monitoring_pdf(session, pdf, period)
    lines = text_lines(pdf)
    first = lines[: lines.index("Summary")]
    assert "Lleisiau Gŵyr & Friends" in first
    assert "Made on Friday 3 July 2026" in first
    assert "Period Wednesday 1 April 2026 to Tuesday 30 June 2026" in first
    assert "Nothing to chart in this period." in lines  # an empty quarter draws no bars of nought

"""Every spreadsheet PartnerDesk exports, opened in LibreOffice and printed to PDF, then read with poppler: each sheet
prints one page wide with all its headings on its first page, its title at the top and the page number at the foot
of every page, and no word outside the page (issue 13: "every export passes through LibreOffice and poppler").

LibreOffice is started once for all the files (about 2 seconds a file on a test machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.expenses import export_expenses
from partnerdesk.exports.figures import export_supervision, export_wellbeing
from partnerdesk.exports.meetings import export_meetings
from partnerdesk.exports.people import export_people
from tests.integration.test_export_expenses import _setup as claims_to_export
from tests.integration.test_export_wellbeing import team  # noqa: F401  (the fixture: people, checks, supervision)
from tests.integration.test_pdf_layout import pages

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
    pytest.mark.usefixtures("team"),
]


@pytest.fixture
def printed(store, tmp_path) -> dict[Path, Path]:
    """Every kind of export written from one database, and each printed to PDF by LibreOffice: {xlsx: pdf}."""
    claims_to_export(store)
    files = tmp_path / "files"
    files.mkdir()
    with store.reader() as session:
        export_people(session, files / "people.xlsx")
        export_meetings(session, files / "meetings.xlsx")
        export_meetings(session, files / "meetings-named.xlsx", named=True)
        export_expenses(session, files / "expenses.xlsx")
        export_wellbeing(session, files / "wellbeing.xlsx")
        export_supervision(session, files / "supervision.xlsx")
    sheets = sorted(files.glob("*.xlsx"))
    out = tmp_path / "pdf"
    home = tmp_path / "lo-home"  # a profile of its own, so a LibreOffice the worker has open is left alone
    home.mkdir()
    subprocess.run(
        [shutil.which("soffice"), "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, sheets)],
        env={**os.environ, "HOME": str(home)}, check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    return {sheet: out / f"{sheet.stem}.pdf" for sheet in sheets}


def _line(words, y: float) -> str:
    """The words printed on the line at height y, left to right."""
    return " ".join(text for x_min, y_min, *_, text in sorted(words, key=lambda w: w[0]) if abs(y_min - y) < 2)


def test_every_sheet_prints_one_page_wide_with_its_headings_title_and_page_numbers(printed, tmp_path):
    for sheet_file, pdf in printed.items():
        laid_out = pages(pdf)
        assert laid_out, f"{pdf.name} has no pages"
        first_pages: dict[str, list] = {}
        for number, (width, height, words) in enumerate(laid_out, start=1):
            for x_min, y_min, x_max, y_max, text in words:
                assert x_min >= 0 and x_max <= width and y_min >= 0 and y_max <= height, f"{text!r} is off the page"
            title = _line(words, min(word[1] for word in words))  # the top line: the header
            assert _line(words, max(word[1] for word in words)) == f"Page {number} of {len(laid_out)}", pdf.name
            first_pages.setdefault(title, words)
        workbook = load_workbook(sheet_file)
        assert sorted(first_pages) == sorted(workbook.sheetnames), f"{pdf.name}: a page without its sheet's title"
        for sheet in workbook:
            headings = [cell.value for cell in sheet[1] if cell.value]
            page_one = {text for *_, text in first_pages[sheet.title]}
            missing = [heading for heading in headings if not set(heading.split()) <= page_one]
            # On page 1, so no column was pushed onto a page of its own.
            assert missing == [], f"{pdf.name}, sheet {sheet.title}: {missing} not on its first page"
    # The widest sheet (the meetings with names, 24 columns) lies on its side.
    width, height, _ = pages(printed[next(p for p in printed if p.stem == "meetings-named")])[0]
    assert width > height
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(printed[next(iter(printed))]),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    assert list(tmp_path.glob("page*.png"))

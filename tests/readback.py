"""Reading back what PartnerDesk wrote, as the programs people open it with would: spreadsheets with openpyxl,
calendar files with icalendar, PDFs with poppler's pdftotext. Shared by the export tests and the GUI tests."""

from __future__ import annotations

import base64
import re
import subprocess
import zlib
from pathlib import Path


def sheet_rows(path: Path, title: str = "Meetings"):
    """A sheet of an .xlsx file and its rows as lists of values (heading row first)."""
    from openpyxl import load_workbook

    sheet = load_workbook(path)[title]
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def ics_events(path: Path) -> list:
    """The events in an .ics file, as a calendar program would read them."""
    from icalendar import Calendar

    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def pdf_text(path: Path) -> str:
    """The words in a PDF, laid out as on the page."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_font_sizes(path: Path) -> set[float]:
    """Every font size set in the PDF's page streams (the Tf operator), read straight from the file."""
    raw = path.read_bytes()
    sizes = set()
    # reportlab writes page streams as ASCII85 over Flate ("/Filter [ /ASCII85Decode /FlateDecode ]").
    for stream in re.findall(rb"/ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)~>", raw, re.S):
        content = zlib.decompress(base64.a85decode(stream.strip()))
        sizes.update(float(size) for size in re.findall(rb"/F\d+(?:\+\d+)? ([\d.]+) Tf", content))
    return sizes

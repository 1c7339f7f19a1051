"""Every kind of export written in another language: the words translated, the files still sound.

The pseudo-language (issue 11) changes and brackets every string that goes through the translations, so a piece of
file markup wrongly wrapped for translation (an xlsx row's XML, a filter's cell range, a header's field code, a PDF
paragraph's tags) breaks the file here, as a translator's change to it would in Welsh.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from partnerdesk import i18n
from partnerdesk.cli import main
from partnerdesk.services.people.listing import PeopleFilter, list_keys
from partnerdesk.store import open_store


@pytest.fixture
def translated(tmp_path, monkeypatch):
    """A small demo database, with everything from here on in the pseudo-language."""
    monkeypatch.setenv(i18n.LANGUAGE_ENV, i18n.PSEUDO)
    db = tmp_path / "demo.sqlite3"
    try:
        assert main(["--db", str(db), "demo", "--people", "60"]) == 0
        yield db
    finally:
        i18n.set_language(i18n.ENGLISH)


def _someone(db) -> str:
    store = open_store(db)
    try:
        with store.reader() as session:
            (key, *_rest) = list_keys(session, PeopleFilter())
            return session.connection().exec_driver_sql("SELECT id FROM people WHERE rowid = ?", (key,)).scalar_one()
    finally:
        store.close()


def test_every_export_in_another_language_is_a_sound_file_in_that_language(translated, tmp_path):
    db = str(translated)
    person = _someone(translated)
    spreadsheets = {
        "people": [], "meetings": [], "expenses": [], "wellbeing": [], "supervision": [], "programmes": [],
        "monitoring": ["--quarter", "2026-Q2"], "all": [], "person": ["--id", person],
    }  # fmt: skip
    for kind, extra in spreadsheets.items():
        out = tmp_path / f"{kind}.xlsx"
        assert main(["--db", db, "export", kind, "--out", str(out), *extra]) == 0, kind
        book = load_workbook(out)
        for sheet in book.worksheets:
            if sheet.auto_filter.ref:
                assert re.fullmatch(r"A1:[A-Z]+\d+", sheet.auto_filter.ref), (kind, sheet.title)
            if sheet.oddHeader.center.text:
                assert sheet.oddHeader.center.text == "&A", (kind, sheet.title)
            assert i18n.is_pseudo(sheet["A1"].value or "⟦⟧"), (kind, sheet.title)  # its headings were translated
    for kind, extra in {"monitoring": ["--quarter", "2026-Q2"], "programmes": [], "person": ["--id", person]}.items():
        out = tmp_path / f"{kind}.pdf"
        assert main(["--db", db, "export", kind, "--out", str(out), *extra]) == 0, kind
        assert out.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
            assert "⟦" in text, kind  # the report's words came through the translations

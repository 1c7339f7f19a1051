"""Importing from LibreOffice's own .ods files: real files made by LibreOffice, read back by the import, and the
same plain refusals (nothing changed) as for .xlsx when a file cannot be imported."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from partnerdesk.cli import main
from partnerdesk.exports.importing import reading
from partnerdesk.exports.importing.reading import UnreadableFile, read_grid, sheet_names
from tests.builders import add_person, count_rows, dump_database

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

MARKER = "Marker Ffion-Ölwen 7e2"

#: Each workbook as rows (and a merged range), made as .xlsx by openpyxl then saved as .ods by LibreOffice.
BOOKS: dict[str, tuple[list[list], str | None]] = {
    "contacts": (
        [["Our contacts 2026", None, None], [], ["Full name", "E-mail", "Consent date"],
         [MARKER, "ffion@example.org", None], ["Bad Email", "nope", None], ["Twin", "here@example.org", None]],
        "A1:C1",
    ),
    "formulas": ([["Name", "Email"], ["=\"Calc\"&\"ulated Person\"", "calc@example.org"]], None),
    "empty": ([], None),
    "big": ([["Name"], *([f"Person {n}"] for n in range(40))], None),
}  # fmt: skip


@pytest.fixture(scope="module")
def ods(tmp_path_factory) -> dict[str, Path]:
    """Every book in BOOKS as a real .ods file, converted by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("ods")
    sources = []
    for name, (rows, merge) in BOOKS.items():
        book = Workbook()
        sheet = book.active
        sheet.title = "People"
        for row in rows:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
        sources.append(folder / f"{name}.xlsx")
        book.save(sources[-1])
    profile = folder / "lo-home"
    profile.mkdir()
    subprocess.run(
        [shutil.which("soffice"), "--headless", "--convert-to", "ods", "--outdir", str(folder), *map(str, sources)],
        env={**os.environ, "HOME": str(profile)}, check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    return {name: folder / f"{name}.ods" for name in BOOKS}


@pytest.fixture
def db(store, tmp_path):
    add_person(store, full_name="Already Here", email="here@example.org")
    return str(tmp_path / "test.sqlite3")


def test_an_ods_file_with_a_merged_title_imports_from_the_command_line(ods, db, store, capsys):
    assert sheet_names(ods["contacts"]) == ["People"]
    assert main(["--db", db, "import", "people", str(ods["contacts"])]) == 0
    out = capsys.readouterr().out
    assert "Row 5: Email: This doesn't look like an email address" in out  # rows numbered as LibreOffice shows
    assert "Row 6: looks like someone already in PartnerDesk (the same email address); will be skipped." in out
    assert "1 person added, 0 merged, 2 rows skipped." in out
    assert MARKER not in out
    assert count_rows(store, "people") == 2


def test_formulas_give_the_value_libreoffice_calculated(ods):
    assert read_grid(ods["formulas"]).rows[1] == (2, ["Calculated Person", "calc@example.org"])


def test_an_empty_ods_sheet_is_refused_and_nothing_changes(ods, db, capsys):
    before = dump_database(db)
    assert main(["--db", db, "import", "people", str(ods["empty"])]) == 1
    assert "This sheet is empty" in capsys.readouterr().err
    assert dump_database(db) == before


def test_too_many_rows_in_an_ods_file_are_refused_before_reading_them(ods, db, monkeypatch, capsys):
    monkeypatch.setattr(reading, "MOST_ROWS", 5)
    before = dump_database(db)
    assert main(["--db", db, "import", "people", str(ods["big"])]) == 1
    assert "more than 5 rows" in capsys.readouterr().err
    assert dump_database(db) == before


def test_a_password_protected_ods_file_is_refused_and_nothing_changes(ods, db, tmp_path, capsys):
    # LibreOffice keeps an encrypted .ods a zip, and says in the manifest how each part was encrypted.
    locked = tmp_path / "locked.ods"
    with zipfile.ZipFile(ods["contacts"]) as source, zipfile.ZipFile(locked, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "META-INF/manifest.xml":
                data = data.replace(b"</manifest:manifest>", b'<manifest:file-entry manifest:full-path="x.xml">'
                                    b"<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
            target.writestr(item, data)
    before = dump_database(db)
    assert main(["--db", db, "import", "people", str(locked)]) == 1
    err = capsys.readouterr().err
    assert "protected with a password" in err and "Traceback" not in err
    assert dump_database(db) == before


def test_a_damaged_ods_file_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "broken.ods"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile, match="damaged"):
        read_grid(path)

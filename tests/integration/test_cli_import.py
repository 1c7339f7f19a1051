"""`partnerdesk import people FILE [--dry-run]`: the row report, the exit code, and nothing changed when it fails."""

from __future__ import annotations

import pytest

from partnerdesk.cli import main
from tests.builders import add_person, count_rows, dump_database

MARKER = "Marker Ffion-Ölwen 5d1"


@pytest.fixture
def db(store, tmp_path):
    add_person(store, full_name="Already Here", email="here@example.org")
    return str(tmp_path / "test.sqlite3")


def _csv(tmp_path, text: str):
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


CONTACTS = (
    f"Full name,E-mail,Mobile\n{MARKER},ffion@example.org,07700 900123\nBad Email,nope,\nTwin,here@example.org,\n"
)


def test_dry_run_prints_the_report_and_changes_nothing(db, store, tmp_path, capsys):
    before = dump_database(db)
    assert main(["--db", db, "import", "people", _csv(tmp_path, CONTACTS), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Row 3: Email: This doesn't look like an email address" in out
    assert "Row 4: looks like someone already in PartnerDesk (the same email address); will be skipped." in out
    assert "Checked only: 1 of 3 rows could be imported; nothing was changed." in out
    assert MARKER not in out and "nope" not in out
    assert dump_database(db) == before


def test_import_adds_the_valid_rows_and_reports_the_rest(db, store, tmp_path, capsys):
    assert main(["--db", db, "import", "people", _csv(tmp_path, CONTACTS)]) == 0
    out = capsys.readouterr().out
    assert "1 person added, 0 merged, 2 rows skipped." in out
    assert count_rows(store, "people") == 2


def test_nothing_importable_exits_1_and_changes_nothing(db, tmp_path, capsys):
    before = dump_database(db)
    assert main(["--db", db, "import", "people", _csv(tmp_path, "Name,Email\nBad,nope\n")]) == 1
    assert "Nothing could be imported" in capsys.readouterr().err
    assert dump_database(db) == before


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0 not a sheet", "not a spreadsheet"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "password"),
        ("empty.csv", b"", "empty"),
        ("colours.csv", b"Colour,Size\nred,big\n", "No column is chosen for the person's name"),
    ],
)
def test_bad_files_get_a_plain_message_exit_1_and_change_nothing(db, tmp_path, capsys, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    before = dump_database(db)
    assert main(["--db", db, "import", "people", str(path)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert dump_database(db) == before

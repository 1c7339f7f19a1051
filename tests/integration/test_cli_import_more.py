"""`partnerdesk import meetings|claims FILE [--dry-run]`: the row report, exit codes, nothing changed when nothing
can be imported or the file cannot be read, and PartnerDesk's own exports read back with no mapping changes."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.cli import main
from tests.builders import (
    add_claim,
    add_committee,
    add_heading,
    add_line,
    add_meeting,
    add_person,
    count_rows,
    dump_database,
    new_store,
)

MEETINGS = (
    "Date,Start,End,Committee,Title\n"
    "23/11/2031,10:00,12:00,Mental Health Committee,Autumn meeting\n"
    "24/11/2031,10:00,12:00,No Such Board,Typo\n"
)
CLAIMS = "Name,Date,Kind,Amount\nFfion Jones,01/05/2026,Parking,£4.50\nNobody Known,01/05/2026,Parking,2\n"


@pytest.fixture
def db(store, tmp_path):
    add_committee(store, "Mental Health Committee")
    add_person(store, full_name="Ffion Jones", email="ffion@example.org")
    return str(tmp_path / "test.sqlite3")


def _csv(tmp_path, text: str) -> str:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


@pytest.mark.parametrize(
    ("kind", "sheet", "table", "report", "summary"),
    [
        ("meetings", MEETINGS, "meetings", "Row 3: Committee: There is no committee called that",
         "1 meeting added, 1 row skipped."),
        ("claims", CLAIMS, "claims", "Row 3: Person's name: Nobody in PartnerDesk has that name",
         "1 claim added, 1 row skipped."),
    ],
)  # fmt: skip
def test_dry_run_changes_nothing_then_the_import_adds_the_good_rows(db, store, tmp_path, capsys, kind, sheet, table,
                                                                    report, summary):  # fmt: skip
    before = dump_database(db)
    assert main(["--db", db, "import", kind, _csv(tmp_path, sheet), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert report in out and "Checked only: 1 of 2 rows could be imported; nothing was changed." in out
    assert dump_database(db) == before
    assert main(["--db", db, "import", kind, _csv(tmp_path, sheet)]) == 0
    assert summary in capsys.readouterr().out
    assert count_rows(store, table) == 1


@pytest.mark.parametrize(
    ("kind", "content", "says"),
    [
        ("meetings", b"Date,Committee\n31/02/2031,No Such Board\n", "Nothing could be imported"),
        ("claims", b"Name,Date,Kind,Amount\nNobody,01/05/2026,Parking,2\n", "Nothing could be imported"),
        ("meetings", b"Colour,Size\nred,big\n", "No column is chosen for the meeting's date"),
        ("claims", b"Colour,Size\nred,big\n", "No column is chosen for the amount"),
        ("claims", b"", "empty"),
    ],
)
def test_nothing_importable_or_a_bad_file_exits_1_and_changes_nothing(db, tmp_path, capsys, kind, content, says):
    path = tmp_path / "sheet.csv"
    path.write_bytes(content)
    before = dump_database(db)
    assert main(["--db", db, "import", kind, str(path)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert dump_database(db) == before


def test_the_meetings_and_expenses_exports_import_back_into_a_database_with_the_same_committees_and_people(
    store, tmp_path, capsys
):
    committee = add_committee(store, "Mental Health Committee")
    ffion = add_person(store, full_name="Ffion Jones", email="ffion@example.org")
    add_meeting(store, committee, date(2031, 6, 17))
    add_meeting(store, committee, date(2031, 7, 17))
    add_heading(store, "Engagement", 2026)
    claim = add_claim(store, ffion, date(2026, 5, 2), budget_heading_id=None)
    add_line(store, claim, "parking", date(2026, 5, 2))
    db = str(tmp_path / "test.sqlite3")
    meetings, expenses = tmp_path / "meetings.xlsx", tmp_path / "expenses.xlsx"
    assert main(["--db", db, "export", "meetings", "--out", str(meetings), "--named"]) == 0
    assert main(["--db", db, "export", "expenses", "--out", str(expenses)]) == 0

    other = new_store(tmp_path, "other.sqlite3")
    add_committee(other, "Mental Health Committee")
    add_person(other, full_name="Ffion Jones", email="ffion@example.org")
    other.close()
    target = str(tmp_path / "other.sqlite3")
    capsys.readouterr()
    assert main(["--db", target, "import", "meetings", str(meetings)]) == 0
    assert "2 meetings added, 0 rows skipped." in capsys.readouterr().out
    assert main(["--db", target, "import", "claims", str(expenses)]) == 0  # its Lines sheet, found by name
    assert "1 claim added, 0 rows skipped." in capsys.readouterr().out

"""Importing people from spreadsheets: reading files, guessing columns, checking rows, duplicates, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from partnerdesk.exports.importing import reading
from partnerdesk.exports.importing.reading import UnreadableFile, read_grid
from partnerdesk.exports.people import export_people
from partnerdesk.records import tables
from partnerdesk.rules.typed_dates import read_date
from partnerdesk.services.common.importing import folded
from partnerdesk.services.people.import_mapping import guess_mapping
from partnerdesk.services.people.importing import (
    Decision,
    import_people,
    plan_import,
    row_report,
    undo_import,
)
from partnerdesk.services.people.listing import PeopleFilter, count_people
from partnerdesk.services.people.people import get_person, person_data
from tests.builders import add_committee, add_person, dump_database, new_store

MARKER = "Zoë Łukasz-Müller marker-91c"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("23/11/2026", date(2026, 11, 23)),
        ("23-11-26", date(2026, 11, 23)),
        ("23.11.2026", date(2026, 11, 23)),
        ("23 Nov 2026", date(2026, 11, 23)),
        ("23rd November 2026", date(2026, 11, 23)),
        ("3 Sept 26", date(2026, 9, 3)),
        ("2026-11-23", date(2026, 11, 23)),
        ("03/04/2026", date(2026, 4, 3)),  # day first, always
        (46349, date(2026, 11, 23)),  # an Excel day number
        ("46349", date(2026, 11, 23)),
        (date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_dates_in_the_ways_people_type_them(typed, expected):
    assert read_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "next Tuesday", "23 Foo 2026", "12", "2026-13-01"])
def test_what_is_not_a_date_says_so_plainly(typed):
    with pytest.raises(ValueError, match="date"):
        read_date(typed)


def test_columns_are_guessed_from_the_headings_people_write():
    headings = ["First name", "Surname", "E-mail", "Mobile", "Post code", "Favourite colour", "Tel"]
    assert guess_mapping(headings) == ["first_name", "surname", "email", "phone", "postcode", "", ""]
    assert guess_mapping(["Full name", "Email address", "Telephone"]) == ["full_name", "email", "phone"]


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _dump(store) -> list[str]:
    return dump_database(store.engine.url.database)


def test_a_csv_with_a_title_above_the_headings_imports_and_reports_each_bad_row(store, tmp_path):
    path = _csv(
        tmp_path,
        "Our contacts list;;;\n;;;\nName;Email;Phone;Consent date\n"
        f"{MARKER};zoe@example.org;07700 900123;23 Nov 2025\n"
        "Bad Email;not-an-email;;\n"
        "Bad Date;bd@example.org;;31/02/2025\n",
        encoding="utf-8-sig",
    )
    grid = read_grid(path)
    with store.transaction() as session:
        plan = plan_import(session, grid.rows)
        assert plan.heading_row == 3
        assert [row.valid for row in plan.rows] == [False, False, False]  # consent needs "how" too: see below
        lines = row_report(plan)
    assert lines[0].startswith("Row 4: ") and "Consent given how" in lines[0]
    assert lines[1].startswith("Row 5: Email: This doesn't look like an email address")
    assert lines[2].startswith("Row 6: Consent given on: ") and "not a real date" in lines[2]
    assert not any(MARKER in line or "not-an-email" in line for line in lines)  # ids and row numbers, no values


def test_windows_1252_and_tab_separated_files_are_read(tmp_path):
    path = _csv(tmp_path, "Full name\tTown\nZoë Müller\tCaerdydd\n", encoding="cp1252")
    assert read_grid(path).rows == [(1, ["Full name", "Town"]), (2, ["Zoë Müller", "Caerdydd"])]


def test_import_adds_valid_rows_in_one_go_and_undo_puts_them_in_the_bin(store, tmp_path):
    existing = add_person(store, full_name="Already Here", email="here@example.org", postcode="CF10 1AA")
    path = _csv(
        tmp_path,
        "Full name,E-mail,Tel,Postcode,Roles\n"
        f"{MARKER},zoe@example.org,029 2000 1111,CF10 1AA,Carer representative\n"
        "Someone Else,HERE@example.org,,,\n"  # the same email as someone already there
        "already  HERE,,,cf101aa,\n"  # a similar name and the same postcode
        "Zoe Copy,zoe@example.org,,,\n"  # the same as row 2 of this sheet
        "No Email,,,,\n"
        "Shares Phone,,029 2000 0000,,\n",  # the same landline as someone there: flagged, but added
    )
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        decisions = [(row.decision, row.duplicate_of, row.duplicate_row) for row in plan.rows]
        report = import_people(session, plan)
    assert decisions == [
        (Decision.ADD, None, None),
        (Decision.SKIP, existing, None),
        (Decision.SKIP, existing, None),
        (Decision.SKIP, None, 2),
        (Decision.ADD, None, None),
        (Decision.ADD, existing, None),
    ]
    assert plan.rows[-1].why_duplicate == "the same phone number"
    assert (report.added, report.merged, [row for row, _ in report.skipped]) == (3, 0, [3, 4, 5])
    with store.reader() as session:
        assert count_people(session, PeopleFilter()) == 4
        assert count_people(session, PeopleFilter(search="Łukasz")) == 1  # found by search like anyone else
    with store.transaction() as session:
        assert undo_import(session, report.batch) == 3
    with store.reader() as session:
        assert count_people(session, PeopleFilter()) == 1
        assert get_person(session, existing).deleted_at is None  # only what the import added goes


def test_merge_fills_in_only_the_empty_details(store, tmp_path):
    existing = add_person(store, full_name="Already Here", email="here@example.org", phone=None, town="Bala")
    path = _csv(tmp_path, "Name,Email,Phone,Town\nAlready Here,here@example.org,07700 900123,Cardiff\n")
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        plan.rows[0].decision = Decision.MERGE
        report = import_people(session, plan)
    assert (report.added, report.merged) == (0, 1)
    with store.reader() as session:
        person = get_person(session, existing)
        assert (person.phone, person.town) == ("07700 900123", "Bala")


def test_partnerdesks_own_people_export_imports_into_an_empty_database_unchanged(store, tmp_path):
    full = dict(
        full_name=MARKER, preferred_name="Zoë", pronouns="she/her", roles=["carer_rep", "service_user_rep"],
        address_line1="1 High Street", address_line2="Flat 2", town="Cardiff", postcode="CF10 1AA",
        preferred_contact="text", papers_format="other", papers_format_details="Audio",
        access_needs=["large_print", "other"], access_needs_details="A quiet room", language="other",
        language_other="Polish", payment_preference="expenses_only", consent_given_on=date(2024, 5, 1),
        consent_how="written", consent_for="Committee work", consent_review_on=date(2027, 5, 1),
        interests="Gardening", notes="=1+1 typed as a note", email="zoe@example.org", phone="+44 7700 900123",
    )  # fmt: skip
    ids = [add_person(store, **full), add_person(store, full_name="Plain Person", roles=[], email=None)]
    out = tmp_path / "people.xlsx"
    with store.reader() as session:
        export_people(session, out)
        before = {person_data(get_person(session, i))["full_name"]: person_data(get_person(session, i)) for i in ids}

    empty = new_store(tmp_path, "empty.sqlite3")
    try:
        with empty.transaction() as session:
            plan = plan_import(session, read_grid(out).rows)
            assert [row.problems for row in plan.rows] == [[], []]
            assert import_people(session, plan).added == 2
        with empty.reader() as session:
            people = session.execute(tables.people.select()).all()
            after = {p.full_name: person_data(get_person(session, p.id)) for p in people}
    finally:
        empty.close()
    for details in (*before.values(), *after.values()):
        details["roles"] = sorted(details["roles"])
        details["access_needs"] = sorted(details["access_needs"])
    assert after == before


def _workbook(path: Path, rows, merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_merged_title_cells_and_formulas_are_handled(store, tmp_path):
    path = _workbook(
        tmp_path / "messy.xlsx",
        [["Contacts 2026", None, None], [], ["Name", "Email", "Joined"], ["=A1", "f@example.org", None],
         ["Real Person", "r@example.org", None]],
        merge="A1:C1",
    )  # fmt: skip
    with store.reader() as session:
        plan = plan_import(session, read_grid(path).rows)
    assert plan.heading_row == 3
    # A formula nobody has calculated has no value to import: the row is reported, never the formula run.
    assert [row.valid for row in plan.rows] == [False, True]
    assert "Please give the person's name" in plan.rows[0].problems[0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some words, not a sheet", "notes.docx", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "locked.xlsx", "protected with a password"),
        (b"PK\x03\x04 broken zip", "broken.xlsx", "damaged"),
        (b"", "empty.csv", "empty"),
        (b"\n\n,,\n", "blank.csv", "empty"),
    ],
)
def test_files_that_cannot_be_read_are_refused_in_plain_words(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message):
        read_grid(path)


def test_a_million_rows_is_refused_quickly_and_nothing_changes(store, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("Name,Email\n" + "A Person,a@example.org\n" * 1_000_000, encoding="utf-8")
    before = _dump(store)
    with pytest.raises(UnreadableFile, match="more than 50,000 rows"):
        read_grid(path)
    assert _dump(store) == before


def test_a_workbook_declaring_too_many_rows_is_refused_before_reading_them(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MOST_ROWS", 5)
    path = _workbook(tmp_path / "big.xlsx", [["Name"], *([f"Person {n}"] for n in range(40))])
    with pytest.raises(UnreadableFile, match="more than 5 rows"):
        read_grid(path)


def test_a_sheet_with_no_name_column_is_refused_and_nothing_changes(store, tmp_path):
    path = _csv(tmp_path, "Colour,Size\nred,big\n")
    before = _dump(store)
    with store.transaction() as session, pytest.raises(Exception, match="name"):
        plan_import(session, read_grid(path).rows)
    assert _dump(store) == before


def test_a_committees_column_gives_each_person_their_seats_and_an_unknown_committee_is_a_row_problem(store, tmp_path):
    health = add_committee(store, "Mental Health Committee")
    board = add_committee(store, "Partnership Board", "County Council")
    existing = add_person(store, full_name="Already Here", email="here@example.org")
    path = _csv(
        tmp_path,
        "Name,Email,Committees\n"
        f"{MARKER},zoe@example.org,mental health committee; Partnership Board\n"
        "Has Typo,typo@example.org,Mental Health Comittee\n"
        "Already Here,here@example.org,Partnership Board\n",
    )
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        assert plan.mapping == ["full_name", "email", "committees"]
        assert [row.valid for row in plan.rows] == [True, False, True]
        assert row_report(plan)[0] == (
            "Row 3: Committees: There is no committee called that in PartnerDesk. Add the committee first, or "
            "correct its name."
        )
        plan.rows[2].decision = Decision.MERGE
        report = import_people(session, plan)
    assert (report.added, report.merged, report.skipped[0][0]) == (1, 1, 3)
    with store.reader() as session:
        seats = session.execute(select(tables.memberships.c.person_id, tables.memberships.c.committee_id)).all()
        added = session.scalar(select(tables.people.c.id).where(tables.people.c.email == "zoe@example.org"))
    assert sorted(seats) == sorted([(added, health), (added, board), (existing, board)])


def test_a_large_import_fills_the_search_index_in_one_go_and_keeps_its_trigger(store, tmp_path, monkeypatch):
    from partnerdesk.services.people import importing

    monkeypatch.setattr(importing, "_SET_BASED_SEARCH_FROM", 2)  # "large" from two people, to keep the test quick
    path = _csv(tmp_path, f"Name,Phone,Postcode\n{MARKER},07700 900123,CF10 1AA\nBryn Owen,,SA1 1AA\n")

    def trigger() -> list:
        with store.engine.connect() as con:
            return con.exec_driver_sql("SELECT name FROM sqlite_master WHERE name = 'people_search_insert'").all()

    with pytest.raises(RuntimeError), store.transaction() as session:
        import_people(session, plan_import(session, read_grid(path).rows))
        raise RuntimeError("something failed later in the same transaction")
    assert trigger() and count_people_in(store, "Bryn") == 0  # rolled back whole, trigger and all
    with store.transaction() as session:
        assert import_people(session, plan_import(session, read_grid(path).rows)).added == 2
    assert trigger()
    for words in ("Łukasz", "07700900123", "CF101AA", "bryn owen", "SA1"):
        assert count_people_in(store, words) == 1, words
    add_person(store, full_name="Added Later By Hand")
    assert count_people_in(store, "Later") == 1  # the trigger is back at work


def count_people_in(store, words: str) -> int:
    with store.reader() as session:
        return count_people(session, PeopleFilter(search=words))


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_the_quick_way_of_folding_plain_names_agrees_with_the_full_way(name):
    # A combining accent (dropped by the full way) sends the same name down the full way.
    assert folded(name) == folded(name + "\u0301")

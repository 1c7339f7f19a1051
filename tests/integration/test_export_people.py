"""The people export, read back with openpyxl and (where installed) with LibreOffice."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import update

from partnerdesk.exports import people as people_export
from partnerdesk.exports.people import COLUMNS, export_people
from partnerdesk.exports.xlsx import Column, ExportCancelled, Kind, SheetWriter, xlsx_file
from partnerdesk.records.people import Person
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.people.people import delete_person
from tests.builders import add_committee, add_membership, add_person

EVIL_NAME = '=HYPERLINK("http://evil.example","click")'
EVIL_NOTES = "+cmd|' /C calc'!A0"
ACCENTED = "Zoë Łukasz-Müller"
REVIEW_ON = date(2026, 11, 23)
HEADINGS = [column.heading for column in COLUMNS]


@pytest.fixture
def people(store):
    """A small but awkward set of people: dangerous text, accents, committees, and someone in the Bin."""
    today = today_uk()
    seat_ends = today + timedelta(days=400)
    ids = {
        "evil": add_person(store, full_name=EVIL_NAME),
        "notes": add_person(store, full_name="Aaron Calc", notes=EVIL_NOTES, phone="+44 7700 900123"),
        "zoe": add_person(
            store,
            full_name=ACCENTED,
            preferred_name="Zoë",
            pronouns="she/her",
            roles=["carer_rep", "service_user_rep"],
            address_line1="1 High Street",
            town="Cardiff",
            preferred_contact="text",
            papers_format="other",
            papers_format_details="Audio",
            access_needs=["other", "large_print"],
            access_needs_details="A quiet room",
            language="other",
            language_other="Polish",
            payment_preference="expenses_only",
            consent_given_on=date(2024, 5, 1),
            consent_how="written",
            consent_for="Keeping my details for committee work",
            consent_review_on=REVIEW_ON,
            interests="Gardening",
        ),
        "bob": add_person(store, full_name="bob lowercase", status="paused", roles=[]),
        "binned": add_person(store, full_name="Binned Person"),
    }
    health = add_committee(store, "Mental Health Committee", "City Health Board")
    carers = add_committee(store, "Carers Forum", "County Council")
    old = add_committee(store, "Old Panel", "Old Trust")
    add_membership(store, ids["zoe"], health, date(2024, 4, 1), seat_ends, backup=True)
    add_membership(store, ids["zoe"], carers, date(2025, 1, 1))
    add_membership(store, ids["zoe"], old, date(2020, 1, 1), date(2021, 1, 1))  # ended: not a current seat
    add_membership(store, ids["bob"], health, today + timedelta(days=30))  # not started yet
    with store.transaction() as session:
        delete_person(session, ids["binned"])
        # A summer moment, when UK time is an hour ahead of UTC.
        session.execute(
            update(Person).where(Person.id == ids["zoe"]).values(updated_at=datetime(2026, 7, 1, 12, 5, tzinfo=UTC))
        )
    return ids, seat_ends


@pytest.fixture
def exported(store, people, tmp_path):
    path = tmp_path / "people.xlsx"
    with store.reader() as session:
        written = export_people(session, path)
    return path, written


def _rows(path):
    sheet = load_workbook(path)["People"]
    return sheet, [[cell for cell in row] for row in sheet.iter_rows()]


def _by_name(rows):
    return {row[0].value: {h: c for h, c in zip(HEADINGS, row, strict=True)} for row in rows[1:]}


def test_everyone_not_in_the_bin_is_written_sorted_by_name(exported):
    path, written = exported
    _, rows = _rows(path)
    assert written == 4
    assert [cell.value for cell in rows[0]] == HEADINGS
    names = [row[0].value for row in rows[1:]]
    # Case-insensitive, like the People list; the guarded formula name sorts by its "=".
    assert names == ["'" + EVIL_NAME, "Aaron Calc", "bob lowercase", ACCENTED]
    assert "Binned Person" not in names


def test_the_sheet_has_a_bold_frozen_filtered_heading(exported):
    path, _ = exported
    sheet, rows = _rows(path)
    assert all(cell.font.b for cell in rows[0])
    assert not rows[1][0].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:X{len(rows)}"
    assert sheet.column_dimensions["A"].width > 20


def test_dangerous_values_are_plain_text(exported):
    path, _ = exported
    _, rows = _rows(path)
    people = _by_name(rows)
    evil = people["'" + EVIL_NAME]["Name"]
    assert evil.data_type == "s"
    assert evil.value == "'" + EVIL_NAME
    notes = people["Aaron Calc"]["Notes"]
    assert notes.data_type == "s"
    assert notes.value == "'" + EVIL_NOTES
    phone = people["Aaron Calc"]["Phone"]
    assert phone.data_type == "s"
    assert phone.value == "'+44 7700 900123"
    # Nothing anywhere in the file is a formula.
    assert all(cell.data_type != "f" for row in rows for cell in row)


def test_details_are_in_words_and_dates_are_real_uk_dates(exported, people):
    path, _ = exported
    _, seat_ends = people
    _, rows = _rows(path)
    zoe = {heading: cell.value for heading, cell in _by_name(rows)[ACCENTED].items()}
    assert zoe["Status"] == "Active"
    assert zoe["Roles"] == "Service-user representative; Carer representative"
    assert zoe["Preferred contact"] == "Text message"
    assert zoe["Papers format"] == "Other: Audio"
    assert zoe["Access needs"] == "Large print; Other; A quiet room"
    assert zoe["Language"] == "Polish"
    assert zoe["Payment preference"] == "Expenses only"
    assert zoe["Consent given how"] == "Signed form"
    assert zoe["Committees"] == f"Carers Forum; Mental Health Committee (back-up) until {format_uk(seat_ends)}"
    assert zoe["Postcode"] == "CF10 1AA"

    cells = _by_name(rows)[ACCENTED]
    dates = {"Consent given on": datetime(2024, 5, 1), "Consent review on": datetime(2026, 11, 23)}
    for heading, expected in dates.items():
        cell = cells[heading]
        assert cell.is_date
        assert cell.value == expected
        assert cell.number_format == "DD/MM/YYYY"
    changed = cells["Last changed"]
    assert changed.is_date
    assert changed.number_format == "DD/MM/YYYY HH:MM"
    assert changed.value == datetime(2026, 7, 1, 13, 5)  # 12:05 UTC is 13:05 in the UK in summer

    bob = {heading: cell.value for heading, cell in _by_name(rows)["bob lowercase"].items()}
    assert bob["Status"] == "Paused"
    assert bob["Roles"] is None
    assert bob["Committees"] is None  # the seat has not started yet
    assert bob["Consent given on"] is None


def test_the_bin_can_be_included(store, people, tmp_path):
    path = tmp_path / "everyone.xlsx"
    with store.reader() as session:
        assert export_people(session, path, include_bin=True) == 5
    _, rows = _rows(path)
    assert "Binned Person" in [row[0].value for row in rows]


def test_people_read_in_several_chunks_keep_their_own_roles_and_seats(store, people, tmp_path, monkeypatch):
    monkeypatch.setattr(people_export, "CHUNK", 1)
    path = tmp_path / "chunked.xlsx"
    calls = []
    with store.reader() as session:
        assert export_people(session, path, progress=lambda done, total: calls.append((done, total))) == 4
    _, rows = _rows(path)
    zoe = _by_name(rows)[ACCENTED]
    assert zoe["Roles"].value == "Service-user representative; Carer representative"
    assert zoe["Committees"].value.startswith("Carers Forum; ")
    assert _by_name(rows)["Aaron Calc"]["Committees"].value is None
    assert calls[0] == (0, 4)
    assert calls[-1] == (4, 4)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_stopping_part_way_leaves_no_file(store, people, tmp_path, monkeypatch):
    monkeypatch.setattr(people_export, "CHUNK", 1)
    path = tmp_path / "people.xlsx"
    with store.reader() as session, pytest.raises(ExportCancelled):
        export_people(session, path, progress=lambda done, total: done < 2)
    assert list(tmp_path.glob("*people.xlsx*")) == []


def test_stopping_leaves_an_earlier_export_as_it_was(store, people, tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_bytes(b"last week's export")
    with store.reader() as session, pytest.raises(ExportCancelled):
        export_people(session, path, progress=lambda done, total: False)
    assert path.read_bytes() == b"last week's export"
    assert list(tmp_path.glob(".people.xlsx*")) == []


def test_an_empty_database_gives_just_the_headings(store, tmp_path):
    path = tmp_path / "empty.xlsx"
    with store.reader() as session:
        assert export_people(session, path) == 0
    sheet, rows = _rows(path)
    assert [cell.value for cell in rows[0]] == HEADINGS
    assert len(rows) == 1
    assert sheet.auto_filter.ref == "A1:X1"


def test_shared_sheet_writer_writes_money_from_pence_exactly(tmp_path):
    path = tmp_path / "money.xlsx"
    with xlsx_file(path) as workbook:
        sheet = SheetWriter(workbook, "Money", [Column("What", 20), Column("Amount", 12, Kind.MONEY_PENCE)])
        sheet.append(["Bus fare", 1234])
        sheet.append(["=cheap", 30])  # 0.1 + 0.2 style float errors would show here
        sheet.append(["Nothing", None])
        sheet.append(["Big", 123456789012])
        assert sheet.finish() == 4
    rows = list(load_workbook(path)["Money"].iter_rows(min_row=2))
    assert [row[1].value for row in rows] == [12.34, 0.3, None, 1234567890.12]
    assert rows[0][1].number_format == "£#,##0.00"
    assert rows[1][0].value == "'=cheap"
    with pytest.raises(TypeError), xlsx_file(tmp_path / "float.xlsx") as workbook:
        SheetWriter(workbook, "Money", [Column("Amount", 12, Kind.MONEY_PENCE)]).append([12.34])
    assert not (tmp_path / "float.xlsx").exists()


def test_shared_sheet_writer_keeps_text_exactly_as_typed(tmp_path):
    path = tmp_path / "text.xlsx"
    awkward = ["#N/A", "  spaces at both ends  ", "line one\r\nline two", "<b>Tom & Jerry</b>", "Zoë Łukasz-Müller"]
    columns = [Column("Text"), Column("Number", kind=Kind.NUMBER), Column("Date", kind=Kind.DATE)]
    with xlsx_file(path) as workbook:
        sheet = SheetWriter(workbook, "Text", columns)
        for text in awkward:
            sheet.append([text, None, None])
        sheet.append([None, 7, datetime(2026, 6, 30, 23, 30, tzinfo=UTC)])  # 00:30 on 1 July in the UK
        sheet.append(["", Decimal("2.50"), date(2026, 11, 23)])
        sheet.append(["x", True, date(1850, 1, 1)])  # too early for spreadsheets to hold as a date
        sheet.finish()
    rows = list(load_workbook(path)["Text"].iter_rows(min_row=2))
    assert [row[0].value for row in rows[: len(awkward)]] == awkward
    assert all(row[0].data_type == "s" for row in rows[: len(awkward)])
    assert rows[len(awkward)][0].value is None
    others = rows[len(awkward) :]
    assert [row[1].value for row in others] == [7, 2.5, True]
    assert [row[2].value for row in others] == [datetime(2026, 7, 1), datetime(2026, 11, 23), "01/01/1850"]


def test_sheet_writer_needs_a_write_only_workbook():
    with pytest.raises(ValueError):
        SheetWriter(Workbook(), "People", COLUMNS)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_export_as_text_not_formulas(exported, tmp_path):
    path, written = exported
    out = tmp_path / "csv"
    out.mkdir()
    profile = tmp_path / "lo-home"
    profile.mkdir()
    env = {**os.environ, "HOME": str(profile)}
    subprocess.run(
        [
            shutil.which("soffice"),
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            str(path),
        ],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    with (out / "people.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == written + 1
    assert rows[0] == HEADINGS
    people = {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    assert set(people) == {"'" + EVIL_NAME, "Aaron Calc", "bob lowercase", ACCENTED}
    # Had either been read as a formula, the CSV would hold its result ("click", a number or an error).
    assert people["'" + EVIL_NAME]["Name"] == "'" + EVIL_NAME
    assert people["Aaron Calc"]["Notes"] == "'" + EVIL_NOTES
    assert people["Aaron Calc"]["Phone"] == "'+44 7700 900123"
    assert people[ACCENTED]["Consent review on"] == "23/11/2026"
    assert people[ACCENTED]["Consent given on"] == "01/05/2024"
    assert people[ACCENTED]["Last changed"] == "01/07/2026 13:05"

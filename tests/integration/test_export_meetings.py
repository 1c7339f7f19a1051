"""The meetings export and `partnerdesk export meetings`, read back with openpyxl."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.meetings import ANONYMISED_COLUMNS, ATTENDANCE_COLUMNS, COLUMNS, export_meetings
from partnerdesk.exports.xlsx import ExportCancelled, ExportError
from partnerdesk.services.meetings.attendance import record_attendances, record_papers_sent
from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.services.meetings.meetings import cancel_meeting, change_meeting, delete_meeting
from tests.builders import add_committee, add_invitations, add_meeting, add_membership, add_person
from tests.integration.test_export_wellbeing import file_text
from tests.readback import sheet_rows

HEADINGS = [column.heading for column in COLUMNS]
ANONYMISED = [column.heading for column in ANONYMISED_COLUMNS]
EVIL_TITLE = '=HYPERLINK("http://evil.example","click")'
WELSH = "Siân Ŵyn"


@pytest.fixture
def meetings(store):
    """A committee of three with a quorum of 2, and meetings: one run end to end, one cancelled, one in the Bin,
    one in winter (GMT), and one outside the usual date range."""
    committee = add_committee(store, "Mental Health Committee", "City Health Board")
    people = [add_person(store, full_name=name, papers_format="large_print") for name in (WELSH, "Ann Bell")]
    people.append(add_person(store, full_name="Cai Rees"))
    for person in people:
        add_membership(store, person, committee, date(2024, 1, 1))
    summer = add_meeting(store, committee, date(2025, 7, 8), title="Summer board")  # BST: 10:00 is 09:00 UTC
    add_invitations(store, summer, people)
    winter = add_meeting(store, committee, date(2025, 12, 9), title=EVIL_TITLE, mode="online", venue=None)
    cancelled = add_meeting(store, committee, date(2025, 9, 9), title="Autumn board")
    binned = add_meeting(store, committee, date(2025, 8, 12), title="Mistake")
    early = add_meeting(store, committee, date(2024, 6, 11), title="Last year")
    with store.transaction() as session:
        set_committee_quorum(session, committee, number=2, on=date(2025, 7, 8))
        change_meeting(
            session,
            summer,
            notice_sent_on=date(2025, 6, 30),
            notice_reason="Room booked late",
            minutes_sent_on=date(2025, 7, 15),
        )
        record_papers_sent(session, summer, people[0], date(2025, 7, 4), "email", "Printer broken")  # 4 days, wrong
        record_papers_sent(session, summer, people[1], date(2025, 6, 30), "large_print")  # 8 days, right format
        record_attendances(
            session, summer, {people[0]: "attended", people[1]: "apologies", people[2]: "attended"}, date(2025, 7, 8)
        )
        change_meeting(session, winter, notice_sent_on=date(2025, 11, 1))
        cancel_meeting(session, cancelled, "Chair unwell")
        delete_meeting(session, binned)
    return {"summer": summer, "winter": winter, "cancelled": cancelled, "early": early, "people": people}


def _by_day(rows):
    """The meetings' rows by the day they fall on (each meeting in the fixture has its own day), as a worker or
    commissioner finds a meeting in a file without titles: by its date, committee and kind."""
    headings = rows[0]
    by_day = {}
    for row in rows[1:]:
        named = dict(zip(headings, row, strict=True))
        assert (named["Committee"], named["Kind"]) == ("Mental Health Committee", "Committee or board meeting")
        by_day[named["Date"].date()] = named
    return by_day


SUMMER, AUTUMN, WINTER = date(2025, 7, 8), date(2025, 9, 9), date(2025, 12, 9)


def test_one_row_per_meeting_in_date_order_with_compliance(store, meetings, tmp_path):
    path = tmp_path / "meetings.xlsx"
    with store.reader() as session:
        written = export_meetings(session, path)
    assert written == 4  # the Bin's meeting is left out
    sheet, rows = sheet_rows(path)
    assert rows[0] == ANONYMISED  # no Title: it is typed text and could name someone
    days = [row[0].date() for row in rows[1:]]
    assert days == [date(2024, 6, 11), SUMMER, AUTUMN, WINTER]
    summer = _by_day(rows)[SUMMER]
    assert summer["Date"] == datetime(2025, 7, 8)
    assert sheet["A3"].number_format == "DD/MM/YYYY"
    assert (summer["Start"], summer["End"]) == (time(10), time(12))  # London time, not UTC, as real times
    assert sheet["B3"].number_format == "HH:MM"
    assert (summer["Committee"], summer["Organisation"]) == ("Mental Health Committee", "City Health Board")
    assert (summer["Kind"], summer["Mode"], summer["Cancelled"]) == ("Committee or board meeting", "In person", None)
    assert summer["Notice sent on"] == datetime(2025, 6, 30)
    assert (summer["Notice days"], summer["Notice late"]) == (8, "Yes")
    assert summer["Papers days (shortest)"] == 4
    # Without names, a meeting's small counts are hidden (3 invited: 2 came, 1 sent apologies), noughts shown.
    counts = [summer[h] for h in ("Invited", "Attended", "Apologies", "Absent", "Sent views")]
    assert counts == ["*", "*", "*", 0, 0]
    assert (summer["Papers late"], summer["Format not met"]) == ("*", "*")
    assert (summer["Quorum needed"], summer["Quorate"]) == (2, "Yes")
    assert summer["Minutes sent on"] == datetime(2025, 7, 15)
    assert summer["Reasons recorded"] == "Notice"  # what was typed can name someone: only its kind

    autumn = _by_day(rows)[AUTUMN]
    assert autumn["Cancelled"] == "Yes"
    assert autumn["Reasons recorded"] == "Cancelled"
    assert autumn["Quorate"] is None and autumn["Notice late"] is None  # not known, not "No"
    winter = _by_day(rows)[WINTER]
    assert (winter["Start"], winter["Mode"], winter["Notice days"], winter["Notice late"]) == (
        time(10),
        "Online",
        38,
        "No",
    )


def test_a_named_list_has_the_exact_counts_and_the_reasons_as_typed(store, meetings, tmp_path):
    path = tmp_path / "named.xlsx"
    with store.transaction() as session:
        change_meeting(session, meetings["summer"], papers_reason="Printer jammed.")
    with store.reader() as session:
        export_meetings(session, path, named=True)
    rows = sheet_rows(path)[1]
    assert rows[0] == HEADINGS
    assert [row[HEADINGS.index("Title")] for row in rows[1:]] == [
        "Last year", "Summer board", "Autumn board", "'" + EVIL_TITLE,  # a formula is guarded, written as text
    ]  # fmt: skip
    summer = _by_day(rows)[SUMMER]
    assert [summer[h] for h in ("Invited", "Attended", "Apologies", "Absent", "Sent views")] == [3, 2, 1, 0, 0]
    assert (summer["Papers late"], summer["Format not met"]) == (1, 1)
    # Each reason's own full stop is not doubled up with the separator (".; Papers:").
    assert summer["Reasons recorded"] == "Notice: Room booked late; Papers: Printer jammed"


def test_typed_reasons_never_reach_the_anonymised_file(store, meetings, tmp_path):
    path = tmp_path / "meetings.xlsx"
    secret = "Late because Ann Bell was in hospital"
    with store.transaction() as session:
        change_meeting(session, meetings["winter"], notice_reason=secret, papers_reason=secret)
    with store.reader() as session:
        export_meetings(session, path)
    winter = _by_day(sheet_rows(path)[1])[WINTER]
    assert winter["Reasons recorded"] == "Notice, Papers"
    assert "hospital" not in file_text(path)


def test_a_typed_title_never_reaches_the_anonymised_file(store, meetings, tmp_path):
    marker = "Review with Zebedee Quill"
    with store.transaction() as session:
        change_meeting(session, meetings["summer"], title=marker)
    path = tmp_path / "meetings.xlsx"
    with store.reader() as session:
        export_meetings(session, path)
    cells = [str(cell.value) for sheet in load_workbook(path) for row in sheet.iter_rows() for cell in row]
    assert cells and not any("Zebedee" in cell or "Quill" in cell for cell in cells)
    assert "Zebedee" not in file_text(path)  # nor anywhere in the file's XML (sheet names, properties)
    # The same meeting is still there, found by its date, committee and kind, with its figures.
    assert _by_day(sheet_rows(path)[1])[SUMMER]["Quorate"] == "Yes"

    named = tmp_path / "named.xlsx"
    with store.reader() as session:
        export_meetings(session, named, named=True)
    assert _by_day(sheet_rows(named)[1])[SUMMER]["Title"] == marker  # a named list, asked for, keeps it


def test_no_names_unless_asked(store, meetings, tmp_path):
    path = tmp_path / "meetings.xlsx"
    with store.reader() as session:
        export_meetings(session, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Meetings"]
    text = " ".join(str(cell.value) for row in workbook["Meetings"].iter_rows() for cell in row)
    for name in (WELSH, "Ann Bell", "Cai Rees", "Printer broken"):
        assert name not in text


def test_a_named_list_adds_the_attendancesheet_rows(store, meetings, tmp_path):
    path = tmp_path / "named.xlsx"
    with store.reader() as session:
        assert export_meetings(session, path, named=True) == 4
    sheet, rows = sheet_rows(path, "Attendance")
    headings = [column.heading for column in ATTENDANCE_COLUMNS]
    assert rows[0] == headings
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:N{len(rows)}"
    by_name = {row[4]: dict(zip(headings, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {WELSH, "Ann Bell", "Cai Rees"}  # only the summer meeting had invitations
    sian = by_name[WELSH]
    assert (sian["Title"], sian["Attendance"], sian["Papers sent on"]) == (
        "Summer board",
        "Attended",
        datetime(2025, 7, 4),
    )
    assert (sian["Papers days"], sian["Papers late"], sian["Format sent"], sian["Format asked for"]) == (
        4, "Yes", "Email", "Large print",
    )  # fmt: skip
    assert (sian["Format met"], sian["Reason recorded"]) == ("No", "Printer broken")
    assert by_name["Ann Bell"]["Attendance"] == "Sent apologies"


def test_the_heading_is_bold_frozen_and_filtered(store, meetings, tmp_path):
    path = tmp_path / "meetings.xlsx"
    with store.reader() as session:
        export_meetings(session, path)
    sheet = load_workbook(path)["Meetings"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:W5"  # 23 columns: no Title without names
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.alignment.wrap_text for cell in sheet[1])  # long headings wrap, not clip
    # Widths follow the content: Kind fits "Committee or board meeting", the heading's longest word fits its column.
    assert sheet.column_dimensions["F"].width >= len("Committee or board meeting")
    assert sheet.column_dimensions["L"].width >= len("(shortest)")
    assert sheet.column_dimensions["B"].width < 10


def test_dates_choose_meetings_both_ends_included(store, meetings, tmp_path):
    path = tmp_path / "range.xlsx"
    with store.reader() as session:
        assert export_meetings(session, path, date_from=date(2025, 7, 8), date_to=date(2025, 9, 9)) == 2
        with pytest.raises(ExportError, match="after"):
            export_meetings(session, tmp_path / "bad.xlsx", date_from=date(2025, 9, 9), date_to=date(2025, 7, 8))
    assert not (tmp_path / "bad.xlsx").exists()


def test_stopping_part_way_writes_nothing(store, meetings, tmp_path):
    path = tmp_path / "stopped.xlsx"
    with store.reader() as session, pytest.raises(ExportCancelled):
        export_meetings(session, path, progress=lambda done, total: done == 0)
    assert not path.exists()
    assert list(tmp_path.glob("*.part")) == []


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "partnerdesk", *args], capture_output=True, text=True, timeout=120, env=os.environ.copy()
    )


def test_the_command_line_exports_meetings(store, meetings, tmp_path):
    db = str(store.engine.url.database)
    out = tmp_path / "cli.xlsx"
    result = run("--db", db, "export", "meetings", "--out", str(out), "--from", "01/07/2025", "--to", "2025-12-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote 3 meetings to {out}"
    assert load_workbook(out).sheetnames == ["Meetings"]

    named = tmp_path / "named.xlsx"
    result = run("--db", db, "export", "meetings", "--out", str(named), "--named")
    assert result.returncode == 0, result.stderr
    assert load_workbook(named).sheetnames == ["Meetings", "Attendance"]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (("--from", "31/02/2025"), "not a real date"),
        (("--from", "2025-02-31"), "not a real date"),
        (("--to", "next week"), "day/month/year"),
        (("--from", "09/09/2025", "--to", "08/07/2025"), "after"),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_written(store, tmp_path, dates, message):
    out = tmp_path / "never.xlsx"
    result = run("--db", str(store.engine.url.database), "export", "meetings", "--out", str(out), *dates)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()

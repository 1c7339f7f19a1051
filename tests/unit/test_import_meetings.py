"""Importing meetings from a spreadsheet: columns guessed, every row checked like the meeting form, unknown
committees reported, the same meeting twice skipped, PartnerDesk's own export read back, Undo."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from partnerdesk.exports.importing.reading import read_grid
from partnerdesk.exports.meetings import export_meetings
from partnerdesk.records import tables
from partnerdesk.rules.meetings import uk_times
from partnerdesk.rules.typed_dates import read_time
from partnerdesk.services.common.importing import Decision
from partnerdesk.services.meetings.importing import MEETINGS, import_meetings, plan_import, row_report, undo_import
from tests.builders import add_committee, add_meeting, add_person, new_store

MARKER = "Marker Cyfarfod Ŵyn 3b7"


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "meetings.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _meetings(store) -> list[tuple]:
    m, c = tables.meetings, tables.committees
    stmt = (
        select(m.c.starts_at, m.c.ends_at, c.c.name, m.c.kind, m.c.title, m.c.mode, m.c.venue, m.c.cancelled,
               m.c.contact_person_id, m.c.contact_name, m.c.notice_sent_on)
        .outerjoin(c, c.c.id == m.c.committee_id).where(m.c.deleted_at.is_(None)).order_by(m.c.starts_at)
    )  # fmt: skip
    with store.reader() as session:
        return [(*uk_times(row[0], row[1]), *row[2:]) for row in session.execute(stmt)]


def test_columns_people_write_for_meetings_are_guessed():
    headings = ["Meeting date", "Start time", "Finish", "Committee", "Venue", "Online or in person", "Organiser"]
    assert MEETINGS.guess([(1, headings)])[2] == [
        "date", "start_time", "end_time", "committee", "venue", "mode", "contact_name"
    ]  # fmt: skip


def test_a_diary_sheet_imports_its_good_rows_reports_the_rest_and_undo_bins_them(store, tmp_path):
    add_committee(store, "Mental Health Committee")
    contact = add_person(store, full_name="Siân Secretary")
    path = _csv(
        tmp_path,
        "Our meetings 2026\n\n"
        "Date,Start,End,Committee,Title,Place,Mode,Contact,Notice sent\n"
        f"23/11/2031,10:00,12.30,mental health committee,{MARKER},Civic Centre,Online,siân secretary,01/11/2031\n"
        "24 Nov 2031,2pm,4pm,Mental Health Comittee,Typo,,,,\n"
        "31/02/2031,10:00,11:00,Mental Health Committee,Bad date,,,,\n"
        "25/11/2031,14:00,13:00,Mental Health Committee,Ends first,,,,\n"
        "23/11/2031,10:00,12:30,Mental Health Committee,Twice,,,,\n"
        "26/11/2031,10:00,11:00,,Local group,Library,In person,Someone Else,\n",
    )
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        assert plan.heading_row == 3
        lines = row_report(plan)
        report = import_meetings(session, plan)
    assert lines == [
        "Row 5: Committee: There is no committee called that in PartnerDesk. Add the committee first, or correct "
        "its name.",
        "Row 6: Date: This is not a real date: please check the day and the month.",
        "Row 7: End time: The meeting must end after it starts.",
        "Row 8: looks like row 4 (the same committee at the same time); will be skipped.",
    ]
    assert not any(MARKER in line for line in lines)
    assert (report.added, [row for row, _why in report.skipped]) == (2, [5, 6, 7, 8])
    assert _meetings(store) == [
        (date(2031, 11, 23), time(10), time(12, 30), "Mental Health Committee", "committee", MARKER, "online",
         "Civic Centre", False, contact, "siân secretary", date(2031, 11, 1)),
        (date(2031, 11, 26), time(10), time(11), None, "local_group", "Local group", "in_person", "Library", False,
         None, "Someone Else", None),
    ]  # fmt: skip
    with store.transaction() as session:
        again = plan_import(session, read_grid(path).rows)
        assert again.rows[0].decision is Decision.SKIP and again.rows[0].duplicate_of  # already in PartnerDesk
        assert undo_import(session, report.batch) == 2
    assert _meetings(store) == []


def test_a_sheet_without_a_date_column_is_refused(store, tmp_path):
    path = _csv(tmp_path, "Committee,Title\nA,B\n")
    with store.reader() as session:
        try:
            plan_import(session, read_grid(path).rows)
        except Exception as why:  # noqa: BLE001
            assert "date" in str(why)
        else:
            raise AssertionError("a sheet with no date was accepted")


def _round_trip(store, tmp_path, named: bool) -> tuple[list, list]:
    committee = add_committee(store, "Mental Health Committee")
    board = add_committee(store, "Partnership Board", "County Council")
    add_meeting(store, committee, date(2031, 6, 17), title=MARKER, mode="hybrid", venue="Room 2")
    add_meeting(store, board, date(2031, 7, 1), start_time=time(14, 30), end_time=time(16, 0), mode="online")
    add_meeting(store, None, date(2031, 7, 2), kind="local_group", title="Drop-in")
    served = add_meeting(store, committee, date(2031, 7, 20))
    add_meeting(store, None, date(2031, 7, 13), kind="pre_meeting", serves_meeting_id=served, title="Prepare")
    add_meeting(store, None, date(2031, 7, 21), kind="debrief", serves_meeting_id=served, title="Debrief")
    out = tmp_path / "meetings.xlsx"
    with store.reader() as session:
        export_meetings(session, out, named=named)
    other = new_store(tmp_path, "other.sqlite3")
    try:
        add_committee(other, "Mental Health Committee")
        add_committee(other, "Partnership Board", "County Council")
        with other.transaction() as session:
            plan = plan_import(session, read_grid(out).rows)
            assert [row.problems for row in plan.rows] == [[]] * 6
            assert import_meetings(session, plan).added == 6
        assert _serving(other) == _serving(store)
        return _meetings(store), _meetings(other)
    finally:
        other.close()


def _serving(store) -> list[tuple]:
    """Each pre-meeting and debrief with the start of the meeting it goes with."""
    m = tables.meetings
    served = m.alias("served")
    stmt = (
        select(m.c.kind, m.c.starts_at, served.c.starts_at).join(served, served.c.id == m.c.serves_meeting_id)
        .order_by(m.c.starts_at)
    )  # fmt: skip
    with store.reader() as session:
        return [tuple(row) for row in session.execute(stmt)]


def test_a_pre_meeting_goes_with_the_next_meeting_and_is_left_out_if_that_meeting_is(store, tmp_path):
    add_committee(store, "Mental Health Committee")
    path = _csv(
        tmp_path,
        "Date,Start,End,Committee,Kind\n"
        "10/11/2031,10:00,11:00,Mental Health Committee,Pre-meeting\n"
        "17/11/2031,10:00,12:00,Mental Health Committee,Committee or board meeting\n"
        "17/11/2031,13:00,14:00,Mental Health Committee,Debrief\n"
        "01/01/2031,10:00,11:00,Mental Health Committee,Pre-meeting\n",
    )
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        assert row_report(plan) == [
            "Row 5: Kind of meeting: no meeting of the same committee within a month, in PartnerDesk or in this "
            "sheet, for it to go with. Import that meeting too, or change the kind."
        ]
        assert plan.rows[0].details["serves_row"] == plan.rows[2].details["serves_row"] == 3
        plan.rows[1].decision = Decision.SKIP  # the worker leaves the meeting itself out
        report = import_meetings(session, plan)
    assert report.added == 0
    assert [row for row, _why in report.skipped] == [2, 3, 4, 5]
    assert report.skipped[0][1] == "The meeting it goes with (row 3) is not being imported."


def _when_and_what(rows: list[tuple]) -> list[tuple]:
    return [row[:6] for row in rows]  # date, start, end, committee, kind, title


def test_partnerdesks_own_named_meetings_export_imports_back_unchanged(store, tmp_path):
    before, after = _round_trip(store, tmp_path, named=True)
    assert [(*row[:7], row[8]) for row in after] == [(*row[:7], row[8]) for row in before]


def test_the_anonymised_meetings_export_imports_back_with_the_committee_as_title(store, tmp_path):
    before, after = _round_trip(store, tmp_path, named=False)
    expected = [(*row[:5], row[3] or "Local group") for row in before]
    assert _when_and_what(after) == expected


def test_a_workbook_with_a_merged_title_formulas_and_headings_lower_down_imports(store, tmp_path):
    from openpyxl import Workbook

    add_committee(store, "Mental Health Committee")
    book = Workbook()
    sheet = book.active
    for row in (["Meetings 2031", None, None, None], [], ["Date", "Start", "End", "Committee"],
                [date(2031, 11, 23), time(10), time(12), "Mental Health Committee"],
                ["=A4+1", "10:00", "12:00", "Mental Health Committee"]):  # fmt: skip
        sheet.append(row)
    sheet.merge_cells("A1:D1")
    path = tmp_path / "diary.xlsx"
    book.save(path)
    with store.reader() as session:
        plan = plan_import(session, read_grid(path).rows)
    assert plan.heading_row == 3
    # A formula nobody has calculated (openpyxl saves none) has no value: the row is reported, never the formula run.
    assert [row.valid for row in plan.rows] == [True, False]
    assert row_report(plan) == ["Row 5: Date: Please give the date of the meeting."]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("10:00", time(10)), ("10.30", time(10, 30)), ("14:30:00", time(14, 30)), ("2pm", time(14)),
     ("2.30 p.m.", time(14, 30)), ("12am", time(0)), ("12pm", time(12)), (0.4375, time(10, 30)),
     (time(9, 5, 30), time(9, 5)), ("9", time(9))],
)  # fmt: skip
def test_times_in_the_ways_people_type_them(typed, expected):
    assert read_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "10:75", "half ten", "13pm"])
def test_what_is_not_a_time_says_so_plainly(typed):
    with pytest.raises(ValueError, match="isn't a time"):
        read_time(typed)

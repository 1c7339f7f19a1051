"""Issue 3's "Done when", driven through the real window: a worker schedules a committee's year, then runs one
meeting end to end (notice, papers, pre-meeting, attendance with a back-up, debrief, actions, minutes) without
leaving the GUI, and the Today page, the calendar file, the attendance sheet and the spreadsheet all show it."""

import re
import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.meetings import uk_date
from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.ui.meetings.attendance_panel import ATTENDANCE, PAPERS_FORMAT, PAPERS_ON
from partnerdesk.ui.meetings.meeting_form import ACTIONS_TAB, ATTENDANCE_TAB
from tests.builders import add_committee, add_membership, add_person
from tests.readback import ics_events, pdf_text, sheet_rows
from tests.ui.steps import finish_editing, today_lines, type_date, type_into

Button = QMessageBox.StandardButton
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _committee_with_members(store) -> str:
    committee = add_committee(store, "Mental Health Committee", "City Health Board")
    joined = date(2020, 1, 1)
    for name in ("Ann Ash", "Ben Birch", "Cy Cole"):
        add_membership(store, add_person(store, full_name=name, papers_format="email"), committee, joined)
    add_membership(store, add_person(store, full_name="Dee Dale", papers_format="email"), committee, joined,
                   backup=True)
    with store.transaction() as session:
        set_committee_quorum(session, committee, number=2)
    return committee


def _save_and_close(qtbot, form) -> None:
    form.save_button.click()
    assert form.status.text().startswith("Saved"), form.summary.text()
    form.close()
    qtbot.waitUntil(lambda: not form.isVisible())


def test_schedule_a_year_and_run_a_meeting_end_to_end(qtbot, window, writer, go, dialogs, opened, tmp_path):
    committee = _committee_with_members(writer.store)
    writer.tell_everyone()
    page = window.meetings
    go(page)

    # A year of meetings, starting ten weeks ago so the first has happened and can be run through.
    page.committee.setCurrentIndex(page.committee.findData(committee))
    page.buttons["series"].click()
    series = opened.pop(0)
    qtbot.keyClicks(series.fields.widgets["title"], "Mental Health Committee")
    type_into(series.fields.widgets["starts_on"], format_uk(today_uk() - timedelta(days=70)))
    assert series.preview.count() == 12
    series.save_button.click()
    assert page.model.rowCount() == 12
    assert "Scheduled 12 meetings" in window.statusBar().currentMessage()

    page.table.selectRow(0)
    page.buttons["open"].click()
    form = opened.pop(0)
    day = uk_date(writer.read(lambda s: get_meeting(s, form.meeting_id)).starts_at)
    assert day < today_uk()
    window.today.refresh()
    ours = [line for line in today_lines(window.today, "gaps") if format_uk(day) in line]
    assert len(ours) == 1 and "ttendance" in ours[0]  # before: the Today page says what the meeting is missing

    # Notice three weeks ahead, papers from the committee ten days ahead.
    fields = form.fields.widgets
    type_date(fields["notice_sent_on"], day - timedelta(days=21))
    type_date(fields["papers_received_on"], day - timedelta(days=10))
    form.save_button.click()
    assert "sent 21 days before — on time" in form.compliance_text()

    # A pre-meeting three days before, filled in from the meeting.
    form.pre_button.click()
    pre = opened.pop(0)
    assert pre.fields.widgets["kind"].code() == "pre_meeting"
    assert pre.fields.widgets["title"].text() == "Pre-meeting: Mental Health Committee"
    _save_and_close(qtbot, pre)

    # Attendance: invite the members, send papers, record who came; Cy's apologies bring in the back-up.
    form.fields.setCurrentIndex(ATTENDANCE_TAB)
    panel = form.attendance
    panel.invite_members.click()
    qtbot.waitUntil(lambda: len(panel.rows) == 3)
    for row in range(3):
        panel.table.cellWidget(row, PAPERS_FORMAT).set_code("email")
        finish_editing(panel.table.cellWidget(row, PAPERS_ON), format_uk(day - timedelta(days=8)))
        qtbot.waitUntil(lambda r=row: panel.rows[r].papers_sent_on is not None)
    for row, code in enumerate(("attended", "attended", "apologies")):
        panel.table.cellWidget(row, ATTENDANCE).set_code(code)
        qtbot.waitUntil(lambda r=row, c=code: panel.rows[r].attendance == c)
    assert panel.suggestions.item(0).text().startswith("Dee Dale")
    panel.suggestions.setCurrentRow(0)
    panel.invite_suggested_button.click()
    qtbot.waitUntil(lambda: len(panel.rows) == 4)
    dee = next(n for n, r in enumerate(panel.rows) if r.person_name == "Dee Dale")
    finish_editing(panel.table.cellWidget(dee, PAPERS_ON), format_uk(day - timedelta(days=2)))
    qtbot.waitUntil(lambda: panel.rows[dee].papers_sent_on is not None)
    panel.table.cellWidget(dee, ATTENDANCE).set_code("attended")
    qtbot.waitUntil(lambda: panel.rows[dee].attendance == "attended")
    assert "enough members were there — 3 present" in form.compliance_text()

    # A debrief the next day.
    form.debrief_button.click()
    debrief = opened.pop(0)
    assert debrief.fields.widgets["kind"].code() == "debrief"
    _save_and_close(qtbot, debrief)

    # Actions: one already overdue, one done.
    form.fields.setCurrentIndex(ACTIONS_TAB)
    actions = form.actions
    for text, owner, due in (("Chase the board for its answer", "Ann Ash", today_uk() - timedelta(days=2)),
                             ("Send the debrief notes", "Ben Birch", day + timedelta(days=7))):
        qtbot.keyClicks(actions.fields["description"], text)
        qtbot.keyClicks(actions.fields["owner_name"], owner)
        type_date(actions.fields["due_on"], due)
        actions.add_button.click()
    assert actions.table.rowCount() == 2
    actions.table.selectRow(next(r for r in range(2) if actions.table.item(r, 0).text() == "Send the debrief notes"))
    actions.done_button.click()

    # Minutes sent three days after.
    form.fields.setCurrentIndex(0)
    type_date(fields["minutes_sent_on"], day + timedelta(days=3))
    form.save_button.click()
    assert form.status.text() == "Saved."

    # The Today page: nothing missing for this meeting any more; the overdue action is listed.
    window.today.refresh()
    gaps = today_lines(window.today, "gaps")
    assert [line for line in gaps if format_uk(day) in line and "Pre-meeting" not in line] == []
    assert any("Chase the board for its answer — Ann Ash" in line for line in today_lines(window.today, "actions"))

    # The calendar file, from the form's button.
    dialogs.save_as.append(str(tmp_path / "meeting.ics"))
    form.calendar_button.click()
    [event] = ics_events(tmp_path / "meeting.ics")
    assert str(event["SUMMARY"]) == "Mental Health Committee"
    assert event["DTSTART"].dt.date() == day and event["DTSTART"].dt.hour == 10

    # The attendance sheet, from the form's button.
    dialogs.save_as.append(str(tmp_path / "sheet.pdf"))
    form.print_button.click()
    text = pdf_text(tmp_path / "sheet.pdf")
    for name in ("Ann Ash", "Ben Birch", "Cy Cole", "Dee Dale"):
        assert name in text
    assert re.search(r"Dee Dale\s+Yes", text)  # marked as the back-up
    form.close()

    # The spreadsheet with names, from the Meetings page.
    dialogs.save_as.append(str(tmp_path / "meetings.xlsx"))
    dialogs.answers.append(Button.Yes)
    page.buttons["export"].click()
    _sheet, rows = sheet_rows(tmp_path / "meetings.xlsx")
    heads = rows[0]
    [row] = [dict(zip(heads, r, strict=True)) for r in rows[1:]
             if r[heads.index("Kind")] == "Committee or board meeting" and r[heads.index("Date")].date() == day]
    assert (row["Notice days"], row["Notice late"], row["Papers days (shortest)"], row["Papers late"]) == (
        21, "No", 2, 1)
    assert (row["Invited"], row["Attended"], row["Apologies"], row["Quorate"]) == (4, 3, 1, "Yes")
    assert row["Minutes sent on"].date() == day + timedelta(days=3)
    assert len(rows) == 1 + 12 + 2  # the year, the pre-meeting and the debrief
    _sheet, named = sheet_rows(tmp_path / "meetings.xlsx", "Attendance")
    assert sorted(r[named[0].index("Name")] for r in named[1:]) == ["Ann Ash", "Ben Birch", "Cy Cole", "Dee Dale"]

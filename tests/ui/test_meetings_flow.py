"""A worker schedules a committee's year, runs a meeting (notice, papers, attendance, back-ups, quorum, actions) and
sees the Today page follow, all through the real widgets."""

from datetime import date, time, timedelta

from PySide6.QtWidgets import QInputDialog, QMessageBox

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.meetings.actions import meeting_actions
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.ui.meetings.attendance_panel import ATTENDANCE, PAPERS_NOTE, PAPERS_ON
from partnerdesk.ui.meetings.meeting_form import ATTENDANCE_TAB, MeetingForm
from partnerdesk.ui.meetings.series_dialog import SeriesDialog
from partnerdesk.ui.today_page import TodayPage
from partnerdesk.ui.widgets.time_edit import parse_time
from tests.builders import add_committee, add_meeting, add_membership, add_person, count_rows
from tests.ui.steps import open_today_line, today_lines

Button = QMessageBox.StandardButton


def _form(qtbot, writer, meeting_id=None, preset=None):
    form = MeetingForm(writer, meeting_id, preset)
    qtbot.addWidget(form)
    form.show()
    return form


def test_schedule_a_year_from_the_dialog(qtbot, window, writer):
    committee = add_committee(writer.store)
    writer.tell_everyone()
    dialog = SeriesDialog(writer, committee)
    qtbot.addWidget(dialog)
    fields = dialog.fields.widgets
    qtbot.keyClicks(fields["title"], "Mental Health Committee")
    fields["starts_on"].setText("01/01/2031")
    fields["starts_on"].textEdited.emit("01/01/2031")
    assert dialog.preview.count() == 12
    assert dialog.preview.item(0).text().startswith("Tue 14/01/2031")  # the second Tuesday of January 2031
    assert "second Tuesday" in dialog.pattern.text()
    assert dialog.save()

    page = window.meetings
    assert page.model.rowCount() == 12
    assert page.model.index(0, 4).data() == "Mental Health Committee"
    page.kind.set_code("local_group")
    assert page.model.rowCount() == 0
    page.kind.set_code(None)
    page.date_from.setText("01/06/2031")
    page.apply_filter()
    assert page.model.rowCount() == 7
    page.search.setText("nothing like this")
    assert page.model.rowCount() == 0


def test_impossible_recurrence_is_explained_and_nothing_saved(qtbot, writer):
    committee = add_committee(writer.store)
    dialog = SeriesDialog(writer, committee)
    qtbot.addWidget(dialog)
    fields = dialog.fields.widgets
    qtbot.keyClicks(fields["title"], "Board")
    fields["rule"].set_code("monthly_day")
    fields["day_of_month"].setValue(31)
    assert dialog.preview.count() == 0
    assert "Not every month has a 31st" in dialog.fields.messages["day_of_month"].text()
    assert not dialog.save()
    assert count_rows(writer.store, "meetings") == 0


def test_run_a_meeting_end_to_end(qtbot, window, writer, monkeypatch):
    store = writer.store
    committee = add_committee(store)
    start = date(2020, 1, 1)
    members = [add_person(store, full_name=name, papers_format="email") for name in ("Ann Ash", "Ben Birch", "Cy Cole")]
    for person in members:
        add_membership(store, person, committee, start)
    backup = add_person(store, full_name="Dee Dale")
    add_membership(store, backup, committee, start, backup=True)
    with store.transaction() as session:
        set_committee_quorum(session, committee, number=2)
    day = today_uk() - timedelta(days=3)  # just happened: attendance can be recorded
    meeting = add_meeting(store, committee, day, title="Mental Health Committee")

    form = _form(qtbot, writer, meeting)
    fields = form.fields.widgets
    fields["notice_sent_on"].setText(format_uk(day - timedelta(days=20)))
    fields["notice_sent_on"].textEdited.emit("")
    assert form.save()
    assert "sent 20 days before — on time" in form.compliance_text()

    form.fields.setCurrentIndex(ATTENDANCE_TAB)
    panel = form.attendance
    panel.invite_members.click()
    qtbot.waitUntil(lambda: len(panel.rows) == 3)
    assert [r.person_name for r in panel.rows] == ["Ann Ash", "Ben Birch", "Cy Cole"]

    papers_on = panel.table.cellWidget(0, PAPERS_ON)
    papers_on.setText(format_uk(day - timedelta(days=3)))
    papers_on.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.rows[0].papers_sent_on is not None)
    assert "LATE" in panel.table.item(0, PAPERS_NOTE).text()

    for row, code in enumerate(("attended", "apologies", "attended")):
        panel.table.cellWidget(row, ATTENDANCE).set_code(code)
        qtbot.wait(1)
    qtbot.waitUntil(lambda: [r.attendance for r in panel.rows] == ["attended", "apologies", "attended"])
    assert panel.suggest_button.isEnabled()
    assert panel.suggestions.item(0).text().startswith("Dee Dale")
    assert "enough members were there — 2 present" in form.compliance_text()
    panel.suggestions.setCurrentRow(0)
    assert panel.invite_suggested()
    qtbot.waitUntil(lambda: len(panel.rows) == 4)
    dee = next(r for r in panel.rows if r.person_name == "Dee Dale")
    assert dee.is_backup and dee.invited

    actions = form.actions
    qtbot.keyClicks(actions.fields["description"], "Send the chair our questions")
    qtbot.keyClicks(actions.fields["owner_name"], "Ann Ash")
    actions.fields["due_on"].setText(format_uk(today_uk() + timedelta(days=7)))
    assert actions.add()
    assert actions.table.rowCount() == 1
    with store.reader() as session:
        assert [a.description for a in meeting_actions(session, meeting)] == ["Send the chair our questions"]
        assert get_meeting(session, meeting).notice_sent_on == day - timedelta(days=20)
        assert sum(1 for i in invitations(session, meeting) if i.attendance == "apologies") == 1

    # Cancel from the list asks for a reason.
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Room not available", True))
    page = window.meetings
    window.show_page(page)  # pages read again when they are shown, not while hidden
    page.table.selectRow(0)
    page.cancel_selected()
    assert page.model.index(0, 6).data() == "Cancelled"


def test_today_shows_the_upcoming_meetings_duties(qtbot, writer):
    committee = add_committee(writer.store)
    person = add_person(writer.store)
    add_membership(writer.store, person, committee, date(2020, 1, 1))
    meeting = add_meeting(writer.store, committee, today_uk() + timedelta(days=5), title="Partnership Board")
    today = TodayPage(writer)
    qtbot.addWidget(today)
    lines = today_lines(today, "meetings")
    assert len(lines) == 1 and "Partnership Board" in lines[0]
    assert "Send notice" in lines[0] and "Arrange a pre-meeting" in lines[0]

    opened = []
    today.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    open_today_line(today, "meetings")
    assert opened == [("meeting", meeting)]


def test_end_before_start_is_shown_by_the_field_and_nothing_saved(qtbot, writer):
    committee = add_committee(writer.store)
    form = _form(qtbot, writer)
    fields = form.fields.widgets
    fields["committee_id"].setCurrentIndex(fields["committee_id"].findData(committee))
    qtbot.keyClicks(fields["title"], "Board meeting")
    qtbot.keyClicks(fields["date"], "17/06/2031")
    qtbot.keyClicks(fields["start_time"], "14:00")
    qtbot.keyClicks(fields["end_time"], "13:00")
    assert not form.save()
    assert form.fields.messages["end_time"].text() == "The meeting must end after it starts."
    assert form.fields.messages["end_time"].isVisibleTo(form)
    assert "Nothing has been saved" in form.summary.text()
    assert count_rows(writer.store, "meetings") == 0

    fields["end_time"].setText("1600")
    assert form.save()
    assert count_rows(writer.store, "meetings") == 1
    assert form.fields.isTabEnabled(ATTENDANCE_TAB)


def test_unsaved_changes_are_asked_about(qtbot, writer, dialogs):
    form = _form(qtbot, writer)
    qtbot.keyClicks(form.fields.widgets["title"], "Draft")
    dialogs.answers.append(Button.Cancel)
    form.reject()
    assert form.isVisible()
    assert "not saved" in dialogs.asked[-1]


def test_times_are_typed_the_uk_way():
    assert parse_time("9:30") == time(9, 30)
    assert parse_time("1430") == time(14, 30)
    assert parse_time("10") == time(10, 0)
    for bad in ("25:00", "10:75", "noon"):
        try:
            parse_time(bad)
        except ValueError as exc:
            assert "24-hour clock" in str(exc)
        else:
            raise AssertionError(bad)

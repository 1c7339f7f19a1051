"""The finer points of a meeting: interest shown, why one person's papers were late, changing an action, and a
half-typed meeting kept as a draft and offered back after a crash."""

from datetime import date, timedelta

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common.drafts import list_drafts
from partnerdesk.services.meetings.actions import meeting_actions
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.meetings.area import MeetingsArea
from partnerdesk.ui.meetings.attendance_panel import INTERESTED, PAPERS_NOTE, PAPERS_ON, PAPERS_REASON
from partnerdesk.ui.meetings.meeting_form import DRAFT_FORM, MeetingForm
from tests.builders import add_committee, add_invitations, add_meeting, add_person, count_rows
from tests.ui.steps import choose_in, finish_editing, type_date, type_into

MEETING_DAY = date(2031, 6, 17)


def _form(qtbot, writer, meeting_id=None, preset=None):
    form = MeetingForm(writer, meeting_id, preset)
    qtbot.addWidget(form)
    form.show()
    return form


def _rows(writer, meeting):
    return {r.person_name: r for r in writer.read(lambda s: invitations(s, meeting))}


def test_record_interest_for_someone_not_invited_yet_and_see_it(qtbot, writer):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, MEETING_DAY)
    add_person(writer.store, full_name="Ffion Hughes")
    panel = _form(qtbot, writer, meeting).attendance
    choose_in(qtbot, panel.person, "ffion")
    assert panel.interest_found()
    qtbot.waitUntil(lambda: len(panel.rows) == 1)
    assert panel.table.cellWidget(0, INTERESTED).isChecked()
    assert panel.table.item(0, PAPERS_NOTE).text() == "Expressed interest (not invited yet)"
    assert not _rows(writer, meeting)["Ffion Hughes"].invited

    choose_in(qtbot, panel.person, "ffion")  # the box is empty again after each step, ready for the next person
    panel.invite_found()  # inviting keeps the interest
    qtbot.waitUntil(lambda: panel.rows[0].invited)
    assert panel.table.cellWidget(0, INTERESTED).isChecked()
    panel.table.cellWidget(0, INTERESTED).setChecked(False)
    qtbot.waitUntil(lambda: not panel.rows[0].interested)
    assert _rows(writer, meeting)["Ffion Hughes"].invited  # still invited


def test_a_reason_for_late_papers_is_kept_for_that_person(qtbot, writer):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, MEETING_DAY)
    person = add_person(writer.store, full_name="Gwen Lloyd", papers_format="large_print")
    add_invitations(writer.store, meeting, [person])
    panel = _form(qtbot, writer, meeting).attendance
    assert not panel.table.cellWidget(0, PAPERS_REASON).isEnabled()  # nothing sent yet, so nothing to explain

    finish_editing(panel.table.cellWidget(0, PAPERS_ON), format_uk(MEETING_DAY - timedelta(days=2)))
    qtbot.waitUntil(lambda: panel.rows[0].papers_sent_on is not None)
    assert "LATE" in panel.table.item(0, PAPERS_NOTE).text()
    reason = panel.table.cellWidget(0, PAPERS_REASON)
    assert reason.isEnabled()
    qtbot.keyClicks(reason, "Committee sent them late")
    reason.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.rows[0].papers_reason == "Committee sent them late")
    assert "reason: Committee sent them late" in panel.table.item(0, PAPERS_NOTE).text()
    assert _rows(writer, meeting)["Gwen Lloyd"].papers_reason == "Committee sent them late"


def test_the_meetings_own_reasons_are_on_the_form(qtbot, writer):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, MEETING_DAY)
    form = _form(qtbot, writer, meeting)
    fields = form.fields.widgets
    type_date(fields["notice_sent_on"], MEETING_DAY - timedelta(days=5))
    qtbot.keyClicks(fields["notice_reason"], "Date was changed by the board")
    qtbot.keyClicks(fields["papers_reason"], "Papers were not ready")
    assert form.save()
    saved = writer.read(lambda s: get_meeting(s, meeting))
    assert (saved.notice_reason, saved.papers_reason) == ("Date was changed by the board", "Papers were not ready")


def test_change_an_action_in_place(qtbot, writer):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, MEETING_DAY)
    actions = _form(qtbot, writer, meeting).actions
    qtbot.keyClicks(actions.fields["description"], "Ask about parking")
    qtbot.keyClicks(actions.fields["owner_name"], "The chair")
    assert actions.add()

    actions.table.selectRow(0)
    assert actions.edit_selected()
    assert actions.fields["description"].text() == "Ask about parking"
    assert actions.add_button.text().replace("&", "") == "Save changes"
    actions.fields["description"].setText("Ask about parking and the hearing loop")
    actions.fields["owner_name"].setText("Ann Ash")
    type_date(actions.fields["due_on"], today_uk() - timedelta(days=1))
    actions.fields["description"].clear()
    assert not actions.add()  # a blank action is refused by the field, and nothing changes
    assert actions.messages["description"].text() == "Please say what the action is."
    actions.fields["description"].setText("Ask about parking and the hearing loop")
    assert actions.add()
    assert actions.editing is None and actions.fields["description"].text() == ""
    assert actions.table.rowCount() == 1
    assert actions.table.item(0, 0).text() == "Ask about parking and the hearing loop"
    assert actions.table.item(0, 1).text() == "Ann Ash"
    assert actions.table.item(0, 2).text().endswith("overdue")
    [saved] = writer.read(lambda s: meeting_actions(s, meeting))
    assert (saved.owner_name, saved.due_on) == ("Ann Ash", today_uk() - timedelta(days=1))

    actions.table.selectRow(0)
    actions.edit_selected()
    actions.fields["description"].setText("Something else")
    actions.cancel_edit_button.click()
    assert writer.read(lambda s: meeting_actions(s, meeting))[0].description.startswith("Ask about parking")


def test_a_half_typed_meeting_is_offered_back_after_a_crash(qtbot, writer, dialogs):
    committee = add_committee(writer.store)
    form = _form(qtbot, writer)
    fields = form.fields.widgets
    fields["committee_id"].setCurrentIndex(fields["committee_id"].findData(committee))
    qtbot.keyClicks(fields["title"], "Carers Forum")
    type_into(fields["date"], "17/06/2031")
    type_into(fields["start_time"], "10:00")
    qtbot.waitUntil(lambda: len(writer.read(list_drafts)) == 1, timeout=3000)
    form.dirty = False  # as if the computer lost power: no Save, no Close, the draft stays
    form.hide()

    window = MainWindow(writer)  # the next start
    qtbot.addWidget(window)
    opened = []
    window.area(MeetingsArea).open_meeting = lambda meeting_id, preset=None: opened.append((meeting_id, preset))
    dialogs.clicks.append("Restore it")
    window.offer_drafts()
    assert "Meeting: Carers Forum" in dialogs.asked[-1]
    [(meeting_id, payload)] = opened
    assert meeting_id is None

    restored = _form(qtbot, writer, None, payload)
    fields = restored.fields.widgets
    assert (fields["title"].text(), fields["date"].text(), fields["start_time"].text()) == (
        "Carers Forum", "17/06/2031", "10:00")
    assert fields["committee_id"].currentData() == committee
    assert restored.dirty
    type_into(fields["end_time"], "12:00")
    assert restored.save()
    assert writer.read(list_drafts) == []
    assert count_rows(writer.store, "meetings") == 1


def test_changes_to_a_saved_meeting_are_kept_as_a_draft_until_thrown_away(qtbot, writer, dialogs):
    meeting = add_meeting(writer.store, add_committee(writer.store), MEETING_DAY, title="Board")
    form = _form(qtbot, writer, meeting)
    qtbot.keyClicks(form.fields.widgets["notes"], "Bring the budget")
    form.save_draft()
    [draft] = writer.read(list_drafts)
    assert (draft.form, draft.record_id, draft.payload["notes"]) == (DRAFT_FORM, meeting, "Bring the budget")

    reopened = _form(qtbot, writer, meeting, draft.payload)  # offered back: typed over what is stored
    assert reopened.fields.widgets["notes"].toPlainText() == "Bring the budget"
    assert reopened.fields.widgets["title"].text() == "Board"
    reopened.close()  # Discard is the safe answer to "Save them now?"
    assert writer.read(list_drafts) == []
    assert writer.read(lambda s: get_meeting(s, meeting)).notes is None

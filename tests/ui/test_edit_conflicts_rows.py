"""Rows in lists and small dialogs opened twice (two windows, or two PCs): the older one's save is refused with a
plain "changed by someone else; reloaded" instead of overwriting the newer save or failing with "Could not save"
(issue 17.5, for actions, attendance, claim lines, budget headings and supervision pairs)."""

from __future__ import annotations

from datetime import date

from partnerdesk.services.expenses.budgets import get_heading
from partnerdesk.services.expenses.lines import get_line
from partnerdesk.services.meetings import attendance
from partnerdesk.services.meetings.actions import MEETING_ACTION, add_action, get_action
from partnerdesk.services.wellbeing.supervision import get_pair
from partnerdesk.ui.expenses.budgets_page import HeadingDialog
from partnerdesk.ui.expenses.line_dialog import LineDialog
from partnerdesk.ui.meetings.attendance_panel import AttendancePanel
from partnerdesk.ui.wellbeing.record_dialogs import PairDialog
from partnerdesk.ui.widgets.actions_panel import ActionsPanel
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from tests.builders import add_claim, add_heading, add_invitations, add_line, add_meeting, add_pair, add_person
from tests.ui.steps import type_date

CHANGED = "changed this since you opened it, so your change was not saved. It has been reloaded"


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_two_action_lists_the_older_edit_is_refused_and_reloaded(qtbot, writer, dialogs):
    meeting_id = add_meeting(writer.store, None)
    with writer.store.transaction() as session:
        action_id = add_action(session, meeting_id, {"description": "Send minutes", "owner_name": "Chair"}).id
    mine, theirs = (_shown(qtbot, ActionsPanel(writer, meeting_id, MEETING_ACTION, "Actions")) for _ in range(2))
    for panel, text in ((theirs, "Send the minutes by Friday"), (mine, "Send minutes and papers")):
        panel.table.selectRow(0)
        assert panel.edit_selected()
        panel.fields["description"].setText(text)
    assert theirs.add()
    assert not mine.add()
    [told] = dialogs.told
    assert "tester " + CHANGED in told
    assert mine.table.item(0, 0).text() == "Send the minutes by Friday"  # theirs, shown again
    assert mine.editing is None
    with writer.store.reader() as session:
        assert get_action(session, action_id).description == "Send the minutes by Friday"


def test_two_attendance_lists_the_older_mark_is_refused_and_reloaded(qtbot, writer, dialogs):
    person = add_person(writer.store, full_name="Aled Jones")
    meeting_id = add_meeting(writer.store, None, day=date(2026, 3, 2))
    add_invitations(writer.store, meeting_id, [person])
    mine, theirs = (_shown(qtbot, AttendancePanel(writer, meeting_id)) for _ in range(2))
    assert theirs.record(person, "apologies")
    assert not mine.record(person, "sent_views")
    assert any(CHANGED in text for text in dialogs.told)
    assert [row.attendance for row in mine.rows] == ["apologies"]
    with writer.store.reader() as session:
        assert attendance.invitations(session, meeting_id)[0].attendance == "apologies"


def test_two_line_dialogs_the_older_save_is_refused_and_shows_the_newer_line(qtbot, writer, dialogs):
    claim_id = add_claim(writer.store, add_person(writer.store))
    line_id = add_line(writer.store, claim_id, description="Car park")
    mine, theirs = (_shown(qtbot, LineDialog(writer, claim_id, line_id)) for _ in range(2))
    theirs.description.setText("Station car park")
    theirs.save()
    assert theirs.result() == LineDialog.DialogCode.Accepted
    mine.description.setText("Hospital car park")
    mine.save()
    assert any(CHANGED in text for text in dialogs.told)
    assert mine.isVisible() and mine.description.text() == "Station car park"
    with writer.store.reader() as session:
        assert get_line(session, line_id).description == "Station car park"
    mine.description.setText("Hospital car park")  # reloaded: saving now goes over the newer line, knowingly
    mine.save()
    with writer.store.reader() as session:
        assert get_line(session, line_id).description == "Hospital car park"


def test_two_budget_heading_dialogs_the_older_save_is_refused(qtbot, writer, dialogs):
    heading_id = add_heading(writer.store, allocation="1,000")
    mine, theirs = (_shown(qtbot, HeadingDialog(writer, 2026, heading_id)) for _ in range(2))
    theirs.allocation.set_pence(200000)
    theirs.save()
    mine.allocation.set_pence(300000)
    mine.save()
    assert any(CHANGED in text for text in dialogs.told)
    assert mine.allocation.pence() == 200000
    with writer.store.reader() as session:
        assert get_heading(session, heading_id).allocation_pence == 200000


def test_two_supervision_pair_dialogs_the_older_save_is_refused(qtbot, writer, dialogs):
    pair_id = add_pair(writer.store, add_person(writer.store), add_person(writer.store))
    mine, theirs = (_shown(qtbot, PairDialog(writer, pair_id)) for _ in range(2))
    type_date(theirs.ends, date(2026, 12, 31))
    assert theirs.save()
    type_date(mine.ends, date(2026, 6, 30))
    assert not mine.save()
    assert any(CHANGED in text for text in dialogs.told)
    assert isinstance(mine.ends, UkDateEdit) and mine.ends.date_value() == date(2026, 12, 31)
    with writer.store.reader() as session:
        assert get_pair(session, pair_id).ends_on == date(2026, 12, 31)

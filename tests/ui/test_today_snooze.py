"""Today as a work list a worker can keep tidy: put a line off until a day ("Snooze until…", Ctrl+Shift+S or the
menu), and tick an action or follow-up off from the list ("Mark done", Ctrl+Shift+D) — issue 12, "Today"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.meetings.actions import add_action, meeting_actions
from partnerdesk.services.wellbeing.checks import get_check
from partnerdesk.ui import today_page as today_module
from partnerdesk.ui.today.line_actions import SnoozeDialog
from partnerdesk.ui.today_page import TodayPage
from tests.builders import add_check, add_committee, add_meeting, add_person
from tests.ui.steps import today_line, today_lines

TODAY = today_uk()


def _page(qtbot, writer) -> TodayPage:
    page = TodayPage(writer)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):  # shortcuts reach the list only in the active window
        page.show()
        page.activateWindow()
    return page


def _consent_due(writer, name: str, days_ago: int = 2) -> str:
    return add_person(writer.store, full_name=name, consent_given_on=TODAY - timedelta(days=400),
                      consent_how="written", consent_review_on=TODAY - timedelta(days=days_ago))  # fmt: skip


def _press(qtbot, page, item, keys: str) -> None:
    page.tree.setFocus()
    page.tree.setCurrentItem(item)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.tree, keys, modifiers)


@pytest.fixture
def snooze_to(monkeypatch):
    """Answer the Snooze dialog with a day typed in its box, as a worker would, pressing Snooze."""
    typed: list[str] = []

    def answer(dialog: SnoozeDialog) -> int:
        dialog.until.setText(typed.pop(0))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SnoozeDialog, "exec", answer)
    return typed


def test_a_snoozed_line_leaves_the_list_until_its_day_and_survives_a_restart(qtbot, writer, snooze_to, monkeypatch):
    for name in ("Ann Ash", "Ben Birch"):
        _consent_due(writer, name)
    page = _page(qtbot, writer)
    assert page.consent.text(0).startswith("Consent reviews") and "— 2" in page.consent.text(0)
    ann = next(today_line(page, "consent", n) for n in range(2) if "Ann Ash" in today_line(page, "consent", n).text(0))
    back_on = TODAY + timedelta(days=7)
    snooze_to.append(format_uk(back_on))
    _press(qtbot, page, ann, "S")
    lines = today_lines(page, "consent")
    assert len(lines) == 1 and "Ben Birch" in lines[0]
    assert "— 1" in page.consent.text(0) and "(1 snoozed)" in page.consent.text(0)

    restarted = _page(qtbot, writer)  # kept in the database, not in the window
    assert not any("Ann Ash" in line for line in today_lines(restarted, "consent"))

    monkeypatch.setattr(today_module, "today_uk", lambda: back_on)  # the day comes: the line is back
    restarted.refresh()
    assert any("Ann Ash" in line for line in today_lines(restarted, "consent"))
    assert "snoozed" not in restarted.consent.text(0)


def test_a_day_already_gone_is_refused_in_plain_words(qtbot, writer):
    _consent_due(writer, "Ann Ash")
    page = _page(qtbot, writer)
    dialog = page.snooze_dialog("consent", "someone", today_line(page, "consent").text(0))
    qtbot.addWidget(dialog)
    assert dialog.until.text() == format_uk(TODAY + timedelta(days=7))  # a week unless changed
    for typed, words in ((format_uk(TODAY), "after today"), ("31/02/2030", "not a real date"), ("", "Please type")):
        dialog.until.setText(typed)
        dialog.save()
        assert not dialog.result() and dialog.message.isVisibleTo(dialog)
        assert words in dialog.message.text()
    assert dialog.until.accessibleName() == "Snooze until"


def test_an_overdue_action_is_marked_done_from_today(qtbot, writer):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, TODAY - timedelta(days=20))
    with writer.store.transaction() as session:
        add_action(session, meeting, {"description": "Send the minutes", "owner_name": "Chair",
                                      "due_on": TODAY - timedelta(days=3)})  # fmt: skip
    page = _page(qtbot, writer)
    line = today_line(page, "actions")
    page.tree.setCurrentItem(line)
    assert page.done_action.isEnabled() and page.done_action.text() == "Mark the action &done"
    assert "Mark the action &done" in [action.text() for action in page._line_menu().actions()]
    _press(qtbot, page, line, "D")
    [action] = writer.read(lambda s: meeting_actions(s, meeting))
    assert action.done_on == TODAY
    assert today_lines(page, "actions") == ["No actions are overdue."]


def test_a_follow_up_is_marked_done_from_today(qtbot, writer):
    person = add_person(writer.store, full_name="Ann Ash")
    at = datetime.combine(TODAY - timedelta(days=5), datetime.min.time(), UTC).replace(hour=10)
    check = add_check(writer.store, person, at=at, follow_up_needed=True, follow_up_due_on=TODAY - timedelta(days=1),
                      follow_up_by="Sam")  # fmt: skip
    page = _page(qtbot, writer)
    _press(qtbot, page, today_line(page, "follow_ups"), "D")
    assert writer.read(lambda s: get_check(s, check).follow_up_done_on) == TODAY
    assert today_lines(page, "follow_ups") == ["No wellbeing follow-ups are due."]


def test_done_is_not_offered_where_the_work_is_done_elsewhere(qtbot, writer):
    _consent_due(writer, "Ann Ash")
    page = _page(qtbot, writer)
    page.tree.setCurrentItem(today_line(page, "consent"))
    menu = page._line_menu()
    assert menu.accessibleName() == "What to do with this line"
    words = [action.text() for action in menu.actions()]
    assert words == ["&Open", "&Snooze until…"]  # a consent review is done by reviewing consent, on the person
    assert not page.done_action.isEnabled()
    assert page.snooze_action.shortcut().toString() == "Ctrl+Shift+S"
    page.tree.setCurrentItem(page.consent)  # a section's row: nothing to snooze
    assert not page.snooze_action.isEnabled()


def test_snoozed_lines_can_be_shown_again_from_their_section(qtbot, writer, snooze_to):
    _consent_due(writer, "Ann Ash")
    page = _page(qtbot, writer)
    snooze_to.append(format_uk(TODAY + timedelta(days=3)))
    _press(qtbot, page, today_line(page, "consent"), "S")
    page.tree.setCurrentItem(page.consent)
    [wake] = page._line_menu().actions()
    assert wake.text() == "Show the 1 snoozed line again"
    wake.trigger()
    assert any("Ann Ash" in line for line in today_lines(page, "consent"))


def test_a_snooze_hides_the_line_only_from_the_worker_who_made_it(qtbot, writer, snooze_to, monkeypatch):
    _consent_due(writer, "Ann Ash")
    monkeypatch.setenv("PARTNERDESK_USER", "sam")
    page = _page(qtbot, writer)
    snooze_to.append(format_uk(TODAY + timedelta(days=3)))
    _press(qtbot, page, today_line(page, "consent"), "S")
    assert not any("Ann Ash" in line for line in today_lines(page, "consent"))
    monkeypatch.setenv("PARTNERDESK_USER", "alex")
    page.refresh()
    assert any("Ann Ash" in line for line in today_lines(page, "consent"))


def test_lines_about_one_meeting_are_snoozed_one_at_a_time(qtbot, writer, snooze_to):
    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee, TODAY - timedelta(days=20))
    with writer.store.transaction() as session:
        for what in ("Send the minutes", "Book the room"):
            add_action(session, meeting, {"description": what, "owner_name": "Chair",
                                          "due_on": TODAY - timedelta(days=3)})  # fmt: skip
    page = _page(qtbot, writer)
    snooze_to.append(format_uk(TODAY + timedelta(days=3)))
    _press(qtbot, page, today_line(page, "actions"), "S")  # both open the same meeting; only one is put off
    assert len(today_lines(page, "actions")) == 1


def test_the_snooze_dialog_and_the_list_are_named_for_screen_readers(qtbot, writer):
    from tests.ui.test_accessibility import _problems

    _consent_due(writer, "Ann Ash")
    page = _page(qtbot, writer)
    dialog = page.snooze_dialog("consent", "someone", today_line(page, "consent").text(0))
    qtbot.addWidget(dialog)
    assert _problems(dialog) == []
    assert _problems(page) == []


def test_a_volunteer_is_offered_done_only_on_the_actions_of_meetings_they_recorded(qtbot, writer):
    from partnerdesk.rules import roles
    from tests.builders import signed_in

    theirs = add_meeting(writer.store, title="Coordinator's meeting", day=TODAY - timedelta(days=20))
    with signed_in(roles.VOLUNTEER, "Val Volunteer"):
        mine = add_meeting(writer.store, title="Val's meeting", day=TODAY - timedelta(days=20))
    # The coordinator writes up both meetings' actions.
    with signed_in(roles.COORDINATOR, "Cat Coordinator"), writer.store.transaction() as session:
        for meeting, what in ((theirs, "Book the room"), (mine, "Send the minutes")):
            add_action(session, meeting, {"description": what, "owner_name": "Chair",
                                          "due_on": TODAY - timedelta(days=3)})  # fmt: skip
    with signed_in(roles.VOLUNTEER, "Val Volunteer"):
        page = _page(qtbot, writer)
        offered = {}
        for index in range(page.actions.childCount()):
            page.tree.setCurrentItem(page.actions.child(index))
            offered[page.actions.child(index).text(0).split(" — ")[0]] = page.done_action.isEnabled()
    assert offered == {"Overdue: Book the room": False, "Overdue: Send the minutes": True}

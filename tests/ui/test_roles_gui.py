"""The window shows each role only what it may do (issue 15): areas, menu entries and buttons it may not use are
not there at all (no dead buttons). Signed in with actor.sign_in, as the sign-in window does; no accounts needed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from partnerdesk.rules import roles
from partnerdesk.services.expenses.status import submit_claim
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.read_only_banner import writes
from tests.builders import add_check, add_claim, add_line, add_meeting, add_person, signed_in

EVERY_AREA = ["Today", "People", "Meetings", "Expenses", "Wellbeing", "Supervision", "Programmes", "Organisations",
              "Reports", "Bin"]
SEEN = {
    None: EVERY_AREA,
    roles.COORDINATOR: EVERY_AREA,
    roles.WORKER: EVERY_AREA,
    roles.FINANCE: ["Today", "People", "Meetings", "Expenses", "Programmes", "Organisations", "Reports"],
    roles.VOLUNTEER: ["Today", "People", "Meetings", "Expenses", "Wellbeing", "Programmes", "Organisations"],
    roles.READ_ONLY: ["Today", "People", "Meetings", "Expenses", "Programmes", "Organisations", "Reports"],
}


def open_window(qtbot, writer) -> MainWindow:
    window = MainWindow(writer)
    qtbot.addWidget(window)
    window.show()
    return window


def areas_listed(window) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count()) if not window.nav.item(row).isHidden()]


def menu_entries(window) -> set[str]:
    return {action.text().replace("&", "") for top in window.menuBar().actions() for action in top.menu().actions()
            if action.isVisible() and action.text()}  # fmt: skip


def buttons_shown(page) -> list[str]:
    return [button.text().replace("&", "") for button in page.findChildren(QAbstractButton) if button.isVisible()]


@pytest.mark.parametrize("role", list(SEEN))
def test_each_role_sees_the_areas_it_may_use_in_the_list_and_the_go_menu(qtbot, writer, role):
    if role is None:
        window = open_window(qtbot, writer)
    else:
        with signed_in(role):
            window = open_window(qtbot, writer)
    assert areas_listed(window) == SEEN[role]
    entries = menu_entries(window)
    assert {area for area in EVERY_AREA if area in entries} == set(SEEN[role])
    assert ("Settings…" in entries) == (role in (None, roles.COORDINATOR))


def test_finance_has_no_wellbeing_entries_and_cannot_reach_them_by_keyboard(qtbot, writer):
    with signed_in(roles.FINANCE):
        window = open_window(qtbot, writer)
        entries = menu_entries(window)
        assert "New wellbeing check…" not in entries and "New supervision session…" not in entries
        qtbot.keyClick(window, "5", modifier=qtbot_ctrl())  # Ctrl+5 is Wellbeing for everyone else
        assert window.nav.currentRow() == 0
        assert "New expense claim…" in entries  # finance handles claims


def qtbot_ctrl():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def test_read_only_sees_lists_with_no_new_change_or_delete(qtbot, writer, store):
    add_person(store)
    with signed_in(roles.READ_ONLY):
        window = open_window(qtbot, writer)
        for area in ("People", "Meetings", "Expenses", "Organisations"):
            window.nav.setCurrentRow(EVERY_AREA.index(area))
            shown = buttons_shown(window.current_page())
            assert [text for text in shown if writes(text)] == [], area
        assert not [entry for entry in menu_entries(window) if writes(entry)]
        assert "Export people to a spreadsheet…" not in menu_entries(window)


def test_a_worker_sees_the_bin_with_restore_but_not_empty(qtbot, writer):
    with signed_in(roles.WORKER):
        window = open_window(qtbot, writer)
        window.nav.setCurrentRow(EVERY_AREA.index("Bin"))
        shown = buttons_shown(window.bin)
    assert "Restore" in shown and "Empty Bin…" not in shown


@pytest.mark.parametrize(("role", "steps"), [
    (roles.FINANCE, {"Approve…", "Reject…"}),
    (roles.COORDINATOR, {"Approve…", "Reject…"}),
    (roles.WORKER, set()),
    (roles.VOLUNTEER, set()),
])  # fmt: skip
def test_only_finance_and_coordinators_are_offered_approval(qtbot, writer, store, role, steps):
    from partnerdesk.ui.expenses.status_panel import StatusPanel

    claim = add_claim(store, add_person(store))
    add_line(store, claim)
    with store.transaction() as session:
        submit_claim(session, claim, confirmed=True)
    with signed_in(role):
        panel = StatusPanel(writer, claim)
        qtbot.addWidget(panel)
        panel.show()
        panel.reload()  # the page shows the steps again after every change: refused ones stay hidden
        assert {"Approve…", "Reject…"} & set(buttons_shown(panel)) == steps


def test_the_confidential_button_shows_only_to_those_who_may_open_the_notes(qtbot, writer, store):
    from partnerdesk.ui.wellbeing.confidential_panel import ConfidentialPanel

    person = add_person(store)
    with signed_in(roles.WORKER, "Alex Author"):
        check = add_check(store, person)
    fields = {"confidential_notes": "Notes"}
    for name, offered in (("Alex Author", True), ("Another Worker", False)):
        with signed_in(roles.WORKER, name):
            panel = ConfidentialPanel(writer, "wellbeing_check", check, fields)
            qtbot.addWidget(panel)
            panel.show()
            assert panel.show_button.isVisible() is offered, name
            assert ("Only the person who wrote them" in panel.hint.text()) is not offered


@pytest.mark.parametrize(("role", "offered"), [(roles.FINANCE, True), (roles.WORKER, False)])
def test_only_those_who_set_budgets_are_offered_to_add_a_heading(qtbot, writer, role, offered):
    from partnerdesk.ui.expenses.budgets_page import BudgetsPage

    with signed_in(role):
        page = BudgetsPage(writer)
        qtbot.addWidget(page)
        page.show()
        assert ("Add heading…" in buttons_shown(page)) is offered


@pytest.mark.parametrize(("role", "offered"), [(roles.FINANCE, True), (roles.READ_ONLY, False)])
def test_only_roles_that_may_export_names_are_offered_the_named_sheet(qtbot, writer, role, offered):
    with signed_in(role):
        window = open_window(qtbot, writer)
        window.nav.setCurrentRow(EVERY_AREA.index("Reports"))
        assert window.current_page().named.isVisible() is offered


def test_a_refused_change_goes_in_the_audit_log(qtbot, writer, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from partnerdesk.services.common.audit import entries
    from partnerdesk.services.people.people import create_person

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(title))
    with signed_in(roles.READ_ONLY):
        assert writer.run(None, lambda session: create_person(session, {"full_name": "Refused Person"})) is None
    assert said == ["Not allowed"]
    with writer.store.reader() as session:
        logged = [entry for entry in entries(session) if entry["kind"] == "refused"]
        assert [entry["details"] for entry in logged] == [{"permission": roles.PEOPLE_CHANGE}]
        assert logged[0]["account_name"] == "Read Only"


def writing_buttons_of(qtbot, form_class, writer, record_ids) -> dict[str, tuple[list[str], str]]:
    """By record id: the writing buttons its form shows when opened, and the form's title."""
    shown = {}
    for record_id in record_ids:
        form = form_class(writer, record_id)
        qtbot.addWidget(form)
        form.show()
        shown[record_id] = ([text for text in buttons_shown(form) if writes(text)], form.windowTitle())
    return shown


def test_a_volunteer_can_change_only_the_meetings_they_recorded(qtbot, writer, store):
    """A volunteer's role covers their own meetings: someone else's opens to read, with no Save or Delete that would
    only be refused, and the list's Cancel and Delete are off while it is selected (saying why)."""
    from partnerdesk.ui.meetings.meeting_form import MeetingForm

    theirs = add_meeting(store, title="Coordinator's meeting")
    with signed_in(roles.VOLUNTEER, "Val Volunteer"):
        mine = add_meeting(store, title="Val's meeting")
        shown = writing_buttons_of(qtbot, MeetingForm, writer, (theirs, mine))
        window = open_window(qtbot, writer)
        window.nav.setCurrentRow(EVERY_AREA.index("Meetings"))
        page = window.meetings
        delete = page.buttons["delete"]
        enabled = {}
        for meeting in (theirs, mine):
            assert page.select_meeting(meeting)
            enabled[meeting] = delete.isEnabled()
    assert shown[theirs][0] == [] and {"Save", "Delete…"} & set(shown[mine][0])
    assert enabled == {theirs: False, mine: True}


def test_a_worker_opens_a_claim_someone_else_raised_to_read_only(qtbot, writer, store):
    from partnerdesk.ui.expenses.claim_form import ClaimForm

    person = add_person(store)
    theirs = add_claim(store, person)
    with signed_in(roles.WORKER, "Wren Worker"):
        mine = add_claim(store, person)
        shown = writing_buttons_of(qtbot, ClaimForm, writer, (theirs, mine))
    assert shown[theirs][0] == [] and "Save" in shown[mine][0]
    assert "view only" in shown[theirs][1] and "view only" not in shown[mine][1]


def test_someone_elses_meeting_says_it_is_view_only_and_its_boxes_take_no_typing(qtbot, writer, store):
    from PySide6.QtWidgets import QLabel

    from partnerdesk.ui.meetings.meeting_form import MeetingForm

    theirs = add_meeting(store, title="Coordinator's meeting")
    with signed_in(roles.VOLUNTEER, "Val Volunteer"):
        mine = add_meeting(store, title="Val's meeting")
        forms = {}
        for meeting in (theirs, mine):
            forms[meeting] = form = MeetingForm(writer, meeting)
            qtbot.addWidget(form)
            form.show()
            qtbot.keyClicks(form.fields.widgets["title"], " changed")  # typed, key by key
    notes = {meeting: [label.text() for label in form.findChildren(QLabel, "viewOnlyNote") if label.isVisible()]
             for meeting, form in forms.items()}  # fmt: skip
    assert forms[theirs].fields.widgets["title"].text() == "Coordinator's meeting"  # typing changed nothing
    kind = forms[theirs].fields.widgets["kind"]
    before = kind.currentIndex()
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Home)  # a choice is read, not changed ("Other" is the last of the list)
    assert kind.currentIndex() == before and kind.isEnabled() and kind.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert forms[mine].fields.widgets["title"].text().endswith(" changed")  # their own takes typing as ever
    assert len(notes[theirs]) == 1 and "someone else recorded it" in notes[theirs][0] and notes[mine] == []

"""Switch person on the lock screen (issue 15): on a shared PC the next worker signs in with their own account and
gets the window as their role shows it; a wrong password changes nothing; the same person simply carries on."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from partnerdesk import access, actor
from partnerdesk.services.accounts.manage import add_account
from partnerdesk.services.common import audit
from partnerdesk.store.keys import KeyFile
from partnerdesk.ui.main_window import MainWindow, WellbeingArea
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.signin.switch import SwitchPersonDialog

PASSWORD = "kettle orange bicycle"
FINANCE_PASSWORD = "ledger pencil harbour"


@pytest.fixture
def shared_pc(qtbot, qapp, tmp_path):
    """An encrypted database with a coordinator (signed in, window open) and a finance worker."""
    database = tmp_path / "org.sqlite3"
    setup = access.set_up(database, "Sam", PASSWORD)
    with setup.store.transaction() as session:
        finance_id = add_account(session, KeyFile(database), setup.store.key, "Fay", "finance", FINANCE_PASSWORD)
    window = MainWindow(Writer(setup.store))
    qtbot.addWidget(window)
    window.show()
    yield window, setup, finance_id
    window.locker.stand_down()  # a test that ends locked leaves no lock screen over the next test
    for top in QApplication.topLevelWidgets():
        if isinstance(top, MainWindow) and top is not window:
            top.close()
            top.deleteLater()
    setup.store.close()


def answer_switch(monkeypatch, name: str, password: str) -> list[SwitchPersonDialog]:
    """Type name and password into the Switch person dialog when it opens, and press Sign in."""
    shown: list[SwitchPersonDialog] = []

    def exec_(dialog: SwitchPersonDialog) -> int:
        shown.append(dialog)
        dialog.name.setText(name)
        dialog.password.setText(password)
        dialog.go.click()
        return dialog.result()

    monkeypatch.setattr(SwitchPersonDialog, "exec", exec_)
    return shown


def shown_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_someone_else_signs_in_and_gets_the_window_their_role_shows(qtbot, shared_pc, monkeypatch):
    window, setup, finance_id = shared_pc
    window.lock_now()
    screen = window.locker.screen
    assert screen is not None and screen.isVisible() and screen.switch_button.isVisibleTo(screen)
    answer_switch(monkeypatch, "fay", FINANCE_PASSWORD)

    screen.switch_button.click()

    assert actor.current() is not None and actor.current().account_id == finance_id
    qtbot.waitUntil(lambda: not screen.isVisible() and len(shown_windows()) == 1)
    new = shown_windows()[0]
    assert new is not window and not new.locker.locked
    wellbeing_row = next(row for row, area in enumerate(new.areas) if isinstance(area, WellbeingArea))
    assert new.nav.item(wellbeing_row).isHidden()  # finance sees no wellbeing
    with setup.store.reader() as session:
        last = list(audit.entries(session))[-1]
    assert (last["kind"], last["account_id"]) == ("signed_in", finance_id)
    # and the new window locks for the new person, who unlocks with their own password
    new.lock_now()
    assert new.locker.locked and new.locker.verify("Fay", FINANCE_PASSWORD)


def test_a_wrong_password_keeps_the_window_locked_and_the_person_signed_in(qtbot, shared_pc, monkeypatch):
    window, setup, _finance_id = shared_pc
    before = actor.current()
    window.lock_now()
    shown = answer_switch(monkeypatch, "fay", "not the password")

    window.locker.screen.switch_button.click()

    assert shown[0].result() != QDialog.DialogCode.Accepted
    assert "not right" in shown[0].message.text() and shown[0].password.text() == ""
    assert actor.current() == before and window.locker.locked and shown_windows() == [window]


def test_the_same_person_switching_back_in_simply_unlocks(qtbot, shared_pc, monkeypatch):
    window, _setup, _finance_id = shared_pc
    window.lock_now()
    answer_switch(monkeypatch, "sam", PASSWORD)

    window.locker.screen.switch_button.click()

    assert not window.locker.locked and shown_windows() == [window]
    assert actor.current().name == "Sam"

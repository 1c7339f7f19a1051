"""Signing in, setting up, the recovery key and the account manager, as a worker uses them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from partnerdesk import access, actor
from partnerdesk.store.keys import KeyFile
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.signin.accounts_dialog import AccountForm, AccountsDialog
from partnerdesk.ui.signin.dialogs import RecoveryKeyDialog, SetUpDialog, SignInDialog

PASSWORD = "kettle orange bicycle"


@pytest.fixture(autouse=True)
def _nobody_signed_in():
    yield
    actor.sign_out()


@pytest.fixture
def made(tmp_path):
    database = tmp_path / "org.sqlite3"
    setup = access.set_up(database, "Sam", PASSWORD)
    yield database, setup
    setup.store.close()


def unnamed(dialog) -> list[str]:
    """Controls a screen reader could not name."""
    controls = [w for kind in (QLineEdit, QComboBox, QPushButton) for w in dialog.findChildren(kind)]
    return [type(w).__name__ for w in controls
            if w.isVisibleTo(dialog) and not (w.accessibleName() or getattr(w, "text", lambda: "")())]


def test_a_wrong_password_is_refused_in_plain_words_and_the_right_one_signs_in(qtbot, made):
    database, setup = made
    setup.store.close()
    dialog = SignInDialog(database)
    qtbot.addWidget(dialog)
    assert dialog.name.isHidden()  # one account: only the password is asked for
    assert unnamed(dialog) == []
    dialog.password.setText("not my password")
    dialog.go.click()
    assert dialog.result() == 0 and dialog.opened is None
    assert "not right" in dialog.message.text() and dialog.password.text() == ""
    dialog.password.setText(PASSWORD)
    dialog.go.click()
    assert dialog.opened is not None and dialog.opened.account.name == "Sam"
    assert actor.current() == dialog.opened.account
    dialog.opened.store.close()


def test_with_several_accounts_the_name_is_asked_for(qtbot, made):
    database, setup = made
    from partnerdesk.services.accounts.manage import add_account

    with setup.store.transaction() as session:
        add_account(session, KeyFile(database), setup.store.key, "Ali", "worker", "another good password")
    dialog = SignInDialog(database)
    qtbot.addWidget(dialog)
    assert not dialog.name.isHidden()
    dialog.name.setText("ali")
    dialog.password.setText("another good password")
    dialog.go.click()
    assert dialog.opened.account.role == "worker"
    dialog.opened.store.close()


def test_forgotten_password_uses_the_recovery_key(qtbot, made):
    database, setup = made
    dialog = SignInDialog(database)
    qtbot.addWidget(dialog)
    dialog.forgotten.click()
    assert dialog.pages.currentIndex() == 1
    dialog.recovery.setText(setup.recovery_key.lower())
    dialog.recovery_name.setText("Sam")
    dialog.new_password.setText("a new long password")
    dialog.new_again.setText("a new long passwrd")
    dialog.go.click()
    assert "different" in dialog.recovery_message.text()
    dialog.new_again.setText("a new long password")
    dialog.go.click()
    assert dialog.opened is not None
    dialog.opened.store.close()
    access.sign_in(database, None, "a new long password").store.close()


def test_set_up_makes_an_encrypted_database_and_shows_the_recovery_key_once(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: shown.append(self.key.text()) or 1)
    database = tmp_path / "new.sqlite3"
    dialog = SetUpDialog(database)
    qtbot.addWidget(dialog)
    assert unnamed(dialog) == []
    dialog.name.setText("Sam")
    dialog.password.setText("short")
    assert "at least 10 characters" in dialog.advice.text()
    dialog.again.setText("short")
    dialog.buttons.accepted.emit()
    assert "at least 10 characters" in dialog.message.text() and not database.exists()
    dialog.password.setText(PASSWORD)
    dialog.again.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    assert dialog.opened is not None and access.state_of(database) == access.ENCRYPTED
    assert len(shown) == 1 and KeyFile(database).unlock_with_recovery(shown[0]) == dialog.opened.store.key
    dialog.opened.store.close()


def test_the_recovery_key_dialog_closes_only_once_the_key_is_kept(qtbot):
    dialog = RecoveryKeyDialog("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.done_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    dialog.kept.setChecked(True)
    assert dialog.done_button.isEnabled()
    dialog.done_button.click()
    assert not dialog.isVisible()


def test_the_account_manager_adds_an_account_and_refuses_to_remove_the_last_coordinator(qtbot, made, answer_yes):
    database, setup = made
    writer = Writer(setup.store)
    dialog = AccountsDialog(writer)
    qtbot.addWidget(dialog)
    assert unnamed(dialog) == []
    assert [row.name for row in dialog.rows] == ["Sam"]
    dialog.remove()
    assert len(answer_yes) == 1
    assert "at least one coordinator" in dialog.message.text()
    form = AccountForm(writer, parent=dialog)
    qtbot.addWidget(form)
    form.name.setText("Ali")
    form.role.setCurrentIndex(form.role.findData("finance"))
    form.password.setText("another good password")
    form.again.setText("another good password")
    form.buttons.accepted.emit()
    assert form.result() == 1
    dialog.reload()
    assert [(row.name, row.role) for row in dialog.rows] == [("Ali", "finance"), ("Sam", "coordinator")]
    access.sign_in(database, "Ali", "another good password").store.close()


def test_the_window_starts_with_set_up_for_a_new_database_and_sign_in_for_an_encrypted_one(qtbot, tmp_path,
                                                                                            monkeypatch):
    from partnerdesk.ui.signin import gate

    asked = []

    def answer(self):
        asked.append(type(self).__name__)
        if isinstance(self, SetUpDialog):
            self.name.setText("Sam")
            self.password.setText(PASSWORD)
            self.again.setText(PASSWORD)
        else:
            self.password.setText(PASSWORD)
        self.submit()
        return self.result()

    monkeypatch.setattr(SetUpDialog, "exec", answer)
    monkeypatch.setattr(SignInDialog, "exec", answer)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: 1)
    database = tmp_path / "org.sqlite3"
    go_on, key = gate.sign_in_first(database)
    assert go_on and key is not None and asked == ["SetUpDialog"]
    go_on, again = gate.sign_in_first(database)
    assert go_on and again == key and asked == ["SetUpDialog", "SignInDialog"]
    monkeypatch.setattr(SignInDialog, "exec", lambda self: 0)  # Quit
    assert gate.sign_in_first(database) == (False, None)


def test_a_plain_database_is_offered_protection_from_the_file_menu(qtbot, window, monkeypatch):
    from tests.builders import add_person

    store = window.writer.store
    add_person(store, full_name="Ada Lovelace")
    entry = next(a for a in window.menuBar().actions()[0].menu().actions() if "Protect" in a.text().replace("&", ""))

    def answer(self):
        self.name.setText("Sam")
        self.password.setText(PASSWORD)
        self.again.setText(PASSWORD)
        self.submit()
        return self.result()

    monkeypatch.setattr(SetUpDialog, "exec", answer)
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: 1)
    monkeypatch.setattr("partnerdesk.ui.signin.menu.QMessageBox.information", lambda *a, **k: None)
    entry.trigger()
    assert store.key is not None and access.state_of(store.path) == access.ENCRYPTED
    assert not entry.isVisible()
    with store.reader() as session:  # the window carries on, on the encrypted file
        from partnerdesk.records.people import Person

        assert [p.full_name for p in session.query(Person)] == ["Ada Lovelace"]
    assert add_person(store)

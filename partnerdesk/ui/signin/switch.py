"""Switch person, from the lock screen: someone else at a shared PC signs in with their own account and gets the
window as their role shows it; the person before them keeps their drafts (each worker's own) for when they are back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk import access, actor
from partnerdesk.i18n import _
from partnerdesk.store.engine import Store, StoreError
from partnerdesk.store.keys import KeyRefused
from partnerdesk.ui.signin.dialogs import _message_label, _password_box, _say, _text_box
from partnerdesk.ui.widgets.fitting import fit_to_screen


class SwitchPersonDialog(QDialog):
    """Account name and password of the person taking over the PC; `account` is who signed in once accepted."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.account: actor.Actor | None = None
        self.setWindowTitle(_("Switch person"))
        form = QFormLayout()
        intro = QLabel(_("Sign in with your own account. Whoever was using PartnerDesk keeps what they were typing "
                         "for when they are back."))  # fmt: skip
        intro.setWordWrap(True)
        form.addRow(intro)
        self.name = _text_box(_("Account name"))
        self.password = _password_box(_("Password"))
        form.addRow(_("Account &name:"), self.name)
        form.addRow(_("&Password:"), self.password)
        self.message = _message_label()
        form.addRow(self.message)
        buttons = QDialogButtonBox()
        self.go = buttons.addButton(_("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setDefault(True)
        buttons.addButton(_("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(480, 260))
        self.name.setFocus()

    def submit(self) -> None:
        """Sign the person in; on a wrong name or password say so and stay, with nothing changed."""
        try:
            self.account = access.switch_person(self.store, self.name.text().strip() or None, self.password.text())
        except (KeyRefused, StoreError) as exc:  # the key file counts a wrong password towards lockout
            self.password.clear()
            self.password.setFocus()
            _say(self.message, str(exc))
            return
        self.accept()


def switch_person(window) -> bool:
    """The lock screen's Switch person for window (a MainWindow): True when the same person signed in again (the
    window simply unlocks); someone else gets a new window fitted to their role in place of this one."""
    before = actor.current()
    dialog = SwitchPersonDialog(window.writer.store, window.locker.screen or window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
        return False
    if before is not None and dialog.account.account_id == before.account_id:
        return True
    from partnerdesk.ui.app import replace_window

    replace_window(window)
    return False

"""The lock screen: what shows while PartnerDesk is locked. It names whose session it is and asks for their password
(or, on a database nobody signs in to, simply offers Continue, saying why); nothing of anyone's records."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from partnerdesk import actor
from partnerdesk.i18n import _

#: verify(name, password) -> True when the password is that account's (h6's sign-in check).
Verify = Callable[[str, str], bool]
#: switch_person() -> True when someone (else) has signed in, so the window may be shown to them.
SwitchPerson = Callable[[], bool]


class LockScreen(QDialog):
    """Covers PartnerDesk until the signed-in person unlocks it (or another signs in). `unlocked` fires then."""

    unlocked = Signal()

    def __init__(self, parent: QWidget, verify: Verify | None, switch_person: SwitchPerson | None):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.verify, self.switch_person = verify, switch_person
        self.setWindowTitle(_("PartnerDesk is locked"))
        # Above every other PartnerDesk window, and the only one that takes the keyboard and mouse while it shows.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        # Light buttons and box on the dark cover: the application's own button style would draw dark text on it.
        self.setStyleSheet(
            "#lockScreen { background: #24324a; } #lockScreen QLabel { color: white; } "
            "#lockScreen QLabel#lockWrong { color: #ffd479; font-weight: bold; } "
            "#lockScreen QPushButton, #lockScreen QLineEdit { background: white; color: #1b2638; "
            "border: 2px solid white; border-radius: 3px; } "
            "#lockScreen QPushButton { padding: 5px 14px; } "
            "#lockScreen QPushButton:focus, #lockScreen QLineEdit:focus { border: 3px solid #ffd479; }"
        )
        who = actor.current()
        self.needs_password = who is not None and verify is not None
        title = QLabel(_("PartnerDesk is locked"))
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self.needs_password and who is not None:
            words = _("{name}, type your password to carry on where you were. Anything you were typing is kept."
                      ).format(name=who.name)  # fmt: skip
        else:
            words = _("Nobody signs in to this database, so there is no password to ask for. Choose Continue to "
                      "carry on where you were; anything you were typing is kept.")  # fmt: skip
        self.explain = QLabel(words)
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.password.setMaximumWidth(320)
        caption = QLabel(_("&Password"))
        caption.setBuddy(self.password)
        self.wrong = QLabel()
        self.wrong.setObjectName("lockWrong")
        self.wrong.setAccessibleName(_("Why it did not unlock"))
        self.wrong.setWordWrap(True)
        self.wrong.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wrong.hide()
        self.unlock_button = QPushButton(_("&Unlock") if self.needs_password else _("&Continue"))
        self.unlock_button.setAccessibleName(_("Unlock PartnerDesk") if self.needs_password else _("Continue"))
        self.unlock_button.setDefault(True)  # Enter in the password box unlocks
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton(_("&Switch person"))
        self.switch_button.setAccessibleName(_("Switch person: someone else signs in"))
        self.switch_button.clicked.connect(self.switch)

        fields = QHBoxLayout()
        fields.addStretch()
        fields.addWidget(caption)
        fields.addWidget(self.password)
        fields.addStretch()
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(title)
        column.addWidget(self.explain)
        column.addLayout(fields)
        column.addWidget(self.wrong)
        column.addLayout(buttons)
        column.addStretch(3)
        for widget in (caption, self.password):
            widget.setVisible(self.needs_password)
        self.switch_button.setVisible(switch_person is not None)

    def showEvent(self, event) -> None:  # noqa: N802 -- Qt's name
        super().showEvent(event)
        (self.password if self.needs_password else self.unlock_button).setFocus()

    def try_unlock(self) -> None:
        """Unlock with the password typed (or, with no password to ask, at once)."""
        who = actor.current()
        if self.needs_password and who is not None and self.verify is not None:
            typed = self.password.text()
            self.password.clear()  # never kept on screen or in memory longer than the check
            if not self.verify(who.name, typed):
                self.wrong.setText(_("That password is not right. Please try again, or choose Switch person."))
                self.wrong.show()
                self.password.setFocus()
                return
        self.unlocked.emit()

    def switch(self) -> None:
        """Let someone else sign in; the window is theirs once they have."""
        if self.switch_person is not None and self.switch_person():
            self.unlocked.emit()

    def reject(self) -> None:
        """Escape does not unlock."""

    def closeEvent(self, event) -> None:  # noqa: N802 -- Qt's name
        event.ignore()  # closing the lock would uncover the window; only Unlock or Switch person do

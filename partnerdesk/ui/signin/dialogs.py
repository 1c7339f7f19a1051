"""The first thing PartnerDesk shows: sign in to an encrypted database, set up a new one, or protect a plain one;
and the recovery key, shown once.

Each dialog does its work through partnerdesk.access (no Qt there), and keeps what it opened in `opened` for the
window (app.run_app). Every message is plain words; a wrong password changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import access
from partnerdesk.i18n import N_, _
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.store.engine import StoreError
from partnerdesk.store.keys import KeyFile, KeyRefused, password_problem
from partnerdesk.ui.widgets.field_message import message_line
from partnerdesk.ui.widgets.fitting import fit_to_screen

#: The text PartnerDesk shows when the two copies of a new password differ.
DIFFERENT = N_("The two passwords are different. Please type the same password twice.")


def _password_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    return box


def _text_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(name)
    return box


def _message_label() -> QLabel:
    return message_line("fieldMessage", _("Message"))


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _first_message(exc: ValidationError) -> str:
    return next(iter(exc.messages.values()), str(exc))


class SignInDialog(QDialog):
    """Account name and password; "Forgotten your password?" turns it into the recovery key form."""

    def __init__(self, database: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.opened: access.SignedIn | None = None
        self.setWindowTitle(_("Sign in to PartnerDesk"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._sign_in_page())
        self.pages.addWidget(self._recovery_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addStretch(1)  # spare height below the form, not between its lines
        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton(_("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setDefault(True)
        self.quit = self.buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.buttons, QSize(520, 380))
        (self.password if self.name.isHidden() else self.name).setFocus()

    def _sign_in_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(_("This database is protected by a password. Sign in with your own account."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.name = _text_box(_("Account name"))
        self.password = _password_box(_("Password"))
        # One account (an organisation of one): the name is not asked for.
        only_one = KeyFile(self.database).only_account() is not None
        if not only_one:
            form.addRow(_("Account &name:"), self.name)
        else:
            self.name.hide()
        form.addRow(_("&Password:"), self.password)
        self.message = _message_label()
        form.addRow(self.message)
        self.forgotten = QPushButton(_("&Forgotten your password?"))
        self.forgotten.setAccessibleName(_("Forgotten your password?"))
        self.forgotten.clicked.connect(self.show_recovery)
        form.addRow(self.forgotten)
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(_("Type the recovery key that was shown when this database was set up (it is on paper, "
                         "somewhere safe), then choose a new password. Or ask a coordinator to reset your password."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.recovery = _text_box(_("Recovery key"))
        self.recovery.setPlaceholderText(_("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"))
        self.recovery_name = _text_box(_("Account name"))
        self.new_password = _password_box(_("New password"))
        self.new_again = _password_box(_("New password again"))
        form.addRow(_("&Recovery key:"), self.recovery)
        form.addRow(_("Account &name:"), self.recovery_name)
        form.addRow(_("New pass&word:"), self.new_password)
        form.addRow(_("New password a&gain:"), self.new_again)
        self.recovery_message = _message_label()
        form.addRow(self.recovery_message)
        return page

    def show_recovery(self) -> None:
        """Switch to the recovery key form."""
        self.pages.setCurrentIndex(1)
        self.go.setText(_("&Set new password and sign in"))
        self.recovery.setFocus()

    def submit(self) -> None:
        """Sign in (or recover); on a wrong password say so and stay, with nothing changed."""
        if self.pages.currentIndex() == 1:
            self._recover()
            return
        name = None if self.name.isHidden() else self.name.text()
        try:
            # Only read here: the window opens it again, for work when that is safe (store.viewing).
            self.opened = access.sign_in(self.database, name, self.password.text(), read_only=True)
        except (KeyRefused, StoreError) as exc:
            # The key file counts the failure; the next sign-in puts it in the audit log (access._audit_sign_in).
            self.password.clear()
            self.password.setFocus()
            _say(self.message, str(exc))
            return
        self.accept()

    def _recover(self) -> None:
        if self.new_password.text() != self.new_again.text():
            _say(self.recovery_message, _(DIFFERENT))
            return
        try:
            self.opened = access.recover(self.database, self.recovery.text(), self.recovery_name.text(),
                                         self.new_password.text())  # fmt: skip
        except ValidationError as exc:
            _say(self.recovery_message, _first_message(exc))
            return
        except (KeyRefused, StoreError) as exc:
            _say(self.recovery_message, str(exc))
            return
        self.accept()


class SetUpDialog(QDialog):
    """A new database (or protecting a plain one): the first coordinator's name and password, and whether one
    person or several will use it. The recovery key is shown next (RecoveryKeyDialog)."""

    def __init__(self, database: Path, protecting: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.protecting = database, protecting
        self.opened: access.SetUp | None = None
        self.setWindowTitle(_("Protect this database with a password") if protecting else _("Set up PartnerDesk"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("Protecting it encrypts everything in it, so nobody can read it without a password. A backup is "
              "taken first, and nothing is lost.") if protecting else
            _("Welcome. PartnerDesk keeps everything encrypted, so nobody can read it without a password. First, "
              "make your own account: you will be its coordinator, who can add other people later.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = _text_box(_("Your name"))
        self.password = _password_box(_("Password"))
        self.again = _password_box(_("Password again"))
        form.addRow(_("Your &name:"), self.name)
        form.addRow(_("&Password:"), self.password)
        form.addRow(_("Password a&gain:"), self.again)
        layout.addLayout(form)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(_("Password advice"))
        layout.addWidget(self.advice)
        self.password.textChanged.connect(self._advise)
        self._advise("")
        self.just_me = QRadioButton(_("&Just me"))
        self.several = QRadioButton(_("Se&veral people, each with their own account"))
        self.just_me.setChecked(True)
        who = QLabel(_("Who will use PartnerDesk? With several people, add their accounts once it opens, in "
                       "Edit → Accounts…"))
        who.setWordWrap(True)
        layout.addWidget(who)
        for choice in (self.just_me, self.several):
            choice.setAccessibleName(choice.text().replace("&", ""))
            layout.addWidget(choice)
        self.message = _message_label()
        layout.addWidget(self.message)
        layout.addStretch(1)  # spare height below the form, not between its lines
        self.buttons = QDialogButtonBox()
        go = self.buttons.addButton(_("P&rotect it") if protecting else _("&Set up"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        go.setDefault(True)
        self.buttons.addButton(_("Not now") if protecting else _("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.buttons, QSize(640, 500))
        self.name.setFocus()

    def _advise(self, password: str) -> None:
        problem = password_problem(password) if password else None
        self.advice.setText(problem or _(
            "A good password is long rather than complicated: three or four ordinary words strung together, not "
            "used anywhere else. Do not write it on a note by the computer."))

    def submit(self) -> None:
        """Make the database (or protect it) and its first account; stay with a message if something is wrong."""
        if self.password.text() != self.again.text():
            _say(self.message, _(DIFFERENT))
            return
        work = access.protect if self.protecting else access.set_up
        try:
            self.opened = work(self.database, self.name.text(), self.password.text())
        except ValidationError as exc:
            _say(self.message, _first_message(exc))
            return
        except (KeyRefused, StoreError, OSError) as exc:
            from partnerdesk.store.messages import plain_message

            _say(self.message, plain_message(exc, self.database))
            return
        RecoveryKeyDialog(self.opened.recovery_key, self).exec()
        self.accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown this once, with the advice to print it or write it down and lock it away."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Your recovery key"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("If every password is forgotten, this key is the only way back in. It is shown only now. "
                         "Write it down or print it, and keep it locked away somewhere safe, away from the "
                         "computer (not in a file on it)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QLabel(recovery_key)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAccessibleName(_("Recovery key"))
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key)
        copy = QPushButton(_("&Copy it, to paste into a printout"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(recovery_key))
        layout.addWidget(copy)
        self.kept = QCheckBox(_("I have &written it down or printed it, and will lock it away"))
        layout.addWidget(self.kept)
        layout.addStretch(1)  # spare height below the form, not between its lines
        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton(_("&Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        self.kept.toggled.connect(self.done_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.buttons, QSize(600, 340))

    def reject(self) -> None:
        """Closing the window counts only once the key is kept: it will not be shown again."""
        if self.kept.isChecked():
            super().reject()

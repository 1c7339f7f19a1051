"""Edit → Accounts… (coordinators only): who can sign in, with which role; add, change role, reset a password,
deactivate or remove. Refuses, in plain words, to leave the database without a coordinator."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.services.accounts import manage
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.store.keys import KeyFile
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.signin.dialogs import DIFFERENT, _first_message, _message_label, _password_box, _say, _text_box
from partnerdesk.ui.widgets.fitting import ButtonRow, fit_to_screen

Button = QMessageBox.StandardButton


def _role_box() -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(_("Role"))
    for code, name in manage.ROLES.items():
        box.addItem(_(name), code)
    return box


class AccountForm(QDialog):
    """A new account (name, role, first password), or a new password for an existing one (name given)."""

    def __init__(self, writer: Writer, account: manage.AccountRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.account = writer, account
        self.setWindowTitle(_("Reset password") if account else _("Add an account"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = _text_box(_("Name"))
        self.role = _role_box()
        # Least surprise and least power: most new accounts are engagement workers; a coordinator is chosen.
        self.role.setCurrentIndex(self.role.findData("worker"))
        self.password = _password_box(_("Password"))
        self.again = _password_box(_("Password again"))
        if account is None:
            form.addRow(_("&Name:"), self.name)
            form.addRow(_("&Role:"), self.role)
        else:
            form.addRow(QLabel(_("A new password for {name}. Tell them it in person, and ask them to keep it to "
                                 "themselves.").format(name=account.name)))
        form.addRow(_("&Password:"), self.password)
        form.addRow(_("Password a&gain:"), self.again)
        layout.addLayout(form)
        self.message = _message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.buttons, QSize(520, 320))

    def save(self) -> None:
        """Save through the services; stay open with the message when something needs fixing."""
        if self.password.text() != self.again.text():
            _say(self.message, _(DIFFERENT))
            return
        store = self.writer.store
        keys, key, password = KeyFile(store.path), store.key, self.password.text()
        assert store.path is not None and key is not None  # the menu entry is only there for encrypted files
        if self.account is None:
            name, role = self.name.text(), self.role.currentData()

            def work(session):
                return manage.add_account(session, keys, key, name, role, password)
        else:
            account_id = self.account.id

            def work(session):
                return manage.reset_password(session, keys, key, account_id, password)
        try:
            self.writer.run(self, work)
        except ValidationError as exc:
            _say(self.message, _first_message(exc))
            return
        self.accept()


class AccountsDialog(QDialog):
    """The list of accounts and what a coordinator can do with them."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(_("Accounts"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Everyone who uses PartnerDesk signs in with their own account. What they can do depends "
                         "on their role."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(_("Accounts"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Can sign in")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.actions = ButtonRow(N_("More account actions"))
        # The most used last: when the row is narrow, the first go into its More menu.
        for text, slot in ((N_("Re&move"), self.remove), (N_("&Stop signing in"), self.deactivate),
                           (N_("Change &role…"), self.change_role), (N_("Reset &password…"), self.reset_password),
                           (N_("&Add…"), self.add)):  # fmt: skip
            button = QPushButton(_(text))
            button.setAccessibleName(_(text).replace("&", ""))
            button.clicked.connect(slot)
            self.actions.add(button)
        layout.addWidget(self.actions)
        self.message = _message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rows: list[manage.AccountRow] = []
        self.reload()
        fit_to_screen(self, self.buttons, QSize(720, 480))

    def reload(self) -> None:
        """Show the accounts as they are now."""
        self.rows = self.writer.read(manage.list_accounts)
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            cells = (row.name, manage.role_name(row.role), _("Yes") if row.active else _("No"))
            for column, value in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(value))
        if self.rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def chosen(self) -> manage.AccountRow | None:
        """The selected account, or None (with a word about choosing one)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        _say(self.message, _("Please choose an account in the list first."))
        return None

    def _run(self, work) -> None:
        try:
            self.writer.run(self, work)
            _say(self.message, "")
        except ValidationError as exc:
            _say(self.message, _first_message(exc))
        self.reload()

    def add(self) -> None:
        """Add an account."""
        if AccountForm(self.writer, parent=self).exec():
            self.reload()

    def reset_password(self) -> None:
        """Give the chosen account a new password (they forgot theirs)."""
        account = self.chosen()
        if account is not None and AccountForm(self.writer, account, self).exec():
            self.reload()

    def change_role(self) -> None:
        """Give the chosen account another role."""
        account = self.chosen()
        if account is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Change role"))
        form = QFormLayout(dialog)
        role = _role_box()
        role.setCurrentIndex(max(0, role.findData(account.role)))
        form.addRow(_("Role for {name}:").format(name=account.name), role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec():
            code = role.currentData()
            self._run(lambda session: manage.change_role(session, account.id, code))

    def deactivate(self) -> None:
        """Stop the chosen account signing in (its name stays on what it recorded)."""
        account = self.chosen()
        if account is None:
            return
        keys = KeyFile(self.writer.store.path)
        self._run(lambda session: manage.deactivate_account(session, keys, account.id))

    def remove(self) -> None:
        """Remove the chosen account for good, after asking."""
        account = self.chosen()
        if account is None:
            return
        asked = QMessageBox.question(
            self, _("Remove account"),
            _("Remove the account {name}? They will no longer be able to sign in. What they recorded keeps their "
              "name.").format(name=account.name), Button.Yes | Button.No, Button.No)  # fmt: skip
        if asked != Button.Yes:
            return
        keys = KeyFile(self.writer.store.path)
        self._run(lambda session: manage.remove_account(session, keys, account.id))

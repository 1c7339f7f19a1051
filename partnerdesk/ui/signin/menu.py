"""The window's entries for accounts: Edit → Accounts… for a coordinator of an encrypted database, and File →
Protect with a password… for a plain one (kept here so main_window.py only calls add_account_entries)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from partnerdesk import actor
from partnerdesk.i18n import _


def add_account_entries(window: QMainWindow, file_menu: QMenu, edit_menu: QMenu) -> None:
    """Add the entries this database and this person can use (no dead entries for others)."""
    store = window.writer.store
    signed_in = actor.current()
    if store.key is not None and signed_in is not None and signed_in.role == "coordinator":
        accounts = QAction(_("&Accounts…"), window)
        accounts.triggered.connect(lambda: open_accounts(window))
        edit_menu.addAction(accounts)
    elif store.key is None and store.path is not None and not store.read_only:
        protect = QAction(_("P&rotect with a password…"), window)
        protect.triggered.connect(lambda: protect_database(window, protect))
        file_menu.insertAction(file_menu.actions()[-1], protect)


def open_accounts(window: QMainWindow) -> None:
    """Show the account manager."""
    from partnerdesk.ui.signin.accounts_dialog import AccountsDialog

    AccountsDialog(window.writer, window).exec()


def protect_database(window: QMainWindow, entry: QAction) -> None:
    """Encrypt the open plain database (backup first, verified), then carry on working on it, signed in."""
    from partnerdesk.ui.signin.dialogs import SetUpDialog

    writer = window.writer
    store = writer.store
    store.close()  # every connection released, so the file can be replaced
    dialog = SetUpDialog(store.path, protecting=True, parent=window)
    if not dialog.exec() or dialog.opened is None:
        return
    store.adopt(dialog.opened.store)
    entry.setVisible(False)
    writer.tell_everyone()
    QMessageBox.information(window, _("Protected"), _("This database is now protected by a password. Next time, "
                                                      "sign in as {name}.").format(name=dialog.opened.account.name))

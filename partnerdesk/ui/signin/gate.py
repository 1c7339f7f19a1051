"""Before the window opens: set up a new database or sign in to an encrypted one (a plain one opens as before)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from partnerdesk import access
from partnerdesk.store import sharing
from partnerdesk.store.connections import database_url, sqlite_path


def sign_in_first(target: str | Path) -> tuple[bool, bytes | None]:
    """(go on, the database key): False when the person chose Quit; key None for a plain database or a server."""
    path = sqlite_path(database_url(target))
    if path is None:
        return True, None
    state = access.state_of(path)
    if state == access.PLAIN or (state == access.NEW and sharing.shared_location_problem(path) is not None):
        return True, None  # the window says why a database cannot be made on a share
    from partnerdesk.ui.signin.dialogs import SetUpDialog, SignInDialog

    dialog = SetUpDialog(path) if state == access.NEW else SignInDialog(path)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.opened is None:
        return False, None
    # The window opens the database again with the key (no second password derivation): this one is done with.
    store = dialog.opened.store
    store.close()
    return True, store.key

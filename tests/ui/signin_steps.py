"""The sign-in dialogs, ready to look at (tests/ui/test_fits_laptop.py, scripts/screenshots.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from partnerdesk import access, actor
from partnerdesk.services.accounts.manage import add_account
from partnerdesk.store.keys import KeyFile

PASSWORD = "kettle orange bicycle"


def encrypted_database(folder: Path, name: str = "signin.sqlite3") -> tuple[Path, str]:
    """An encrypted database with two accounts (Sam, a coordinator; Ali, a worker); returns it and its recovery
    key. Nobody is left signed in."""
    database = folder / name
    made = access.set_up(database, "Sam", PASSWORD)
    with made.store.transaction() as session:
        add_account(session, KeyFile(database), made.store.key, "Ali", "worker", "another good password")
    made.store.close()
    actor.sign_out()
    return database, made.recovery_key


def signin_dialogs(writer) -> list[QDialog]:
    """Every dialog of ui/signin: sign in (both pages), set up, protect, the recovery key, the account manager."""
    from partnerdesk.ui.signin.accounts_dialog import AccountForm, AccountsDialog
    from partnerdesk.ui.signin.dialogs import RecoveryKeyDialog, SetUpDialog, SignInDialog

    folder = Path(writer.store.path).parent
    database, recovery = encrypted_database(folder)
    forgotten = SignInDialog(database)
    forgotten.show_recovery()
    return [
        SignInDialog(database), forgotten, SetUpDialog(folder / "new.sqlite3"),
        SetUpDialog(writer.store.path, protecting=True), RecoveryKeyDialog(recovery), AccountsDialog(writer),
        AccountForm(writer),
    ]  # fmt: skip

"""The command line's side of passwords: asking for one, or reading PARTNERDESK_PASSWORD, and opening with it.

The password comes from a prompt (nothing echoed), or from the environment variable PARTNERDESK_PASSWORD for
scripts; the account from PARTNERDESK_ACCOUNT, or the only account when there is one. A wrong password stops the
command (exit 1) with nothing changed. The README says why the variable is a risk.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from partnerdesk import access
from partnerdesk.i18n import N_, _
from partnerdesk.store.connections import database_url, sqlite_path
from partnerdesk.store.engine import Store, StoreError, open_store
from partnerdesk.store.keys import new_recovery_key

PASSWORD_ENV = "PARTNERDESK_PASSWORD"
#: Set to 1 by the test suite only (tests/conftest.py): new databases made by commands stay plain, so the tests
#: written before encryption can read them with sqlite3. It never weakens a database that is already encrypted.
PLAIN_FOR_TESTS_ENV = "PARTNERDESK_UNENCRYPTED_NEW_DATABASES_FOR_TESTS"
ACCOUNT_ENV = "PARTNERDESK_ACCOUNT"
RECOVERY_ADVICE = N_(
    "Recovery key (shown this once): {recovery}\n"
    "It opens the database if every password is forgotten. Print it or write it down, and lock it away "
    "somewhere safe, away from the computer."
)


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise StoreError(_("This database is protected by a password, and there is nowhere to type it. Run the "
                           "command in a terminal, or set PARTNERDESK_PASSWORD (see the README).")) from None


def _password(path: Path, new: bool = False) -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if not new:
        return _ask(_("Password for {name}: ").format(name=path.name))
    first = _ask(_("Choose a password for {name} (at least 10 characters): ").format(name=path.name))
    if _ask(_("Type it again: ")) != first:
        raise StoreError(_("The two passwords were different, so nothing was made. Please try again."))
    return first


def _first_account() -> str:
    return os.environ.get(ACCOUNT_ENV) or _("Coordinator")


def database_key(target: str | Path) -> bytes | None:
    """The key of an encrypted database (asking for its password), or None for a plain one."""
    path = sqlite_path(database_url(target))
    if path is None or access.state_of(path) != access.ENCRYPTED:
        return None
    return access.unlock(path, os.environ.get(ACCOUNT_ENV), _password(path))[2]


def open_database(
    target: str | Path, *, read_only: bool = False, creating: bool = False, choose_password: bool = False
) -> Store:
    """Open the database for a command: sign in to an encrypted one; create a new one encrypted when creating
    (with choose_password and no PARTNERDESK_PASSWORD, a password is chosen and printed); a plain one as before."""
    path = sqlite_path(database_url(target))
    state = access.state_of(target)
    if path is not None and state == access.ENCRYPTED:
        return access.sign_in(path, os.environ.get(ACCOUNT_ENV), _password(path), read_only=read_only).store
    plain_for_tests = os.environ.get(PLAIN_FOR_TESTS_ENV) == "1"
    if path is not None and state == access.NEW and creating and not read_only and not plain_for_tests:
        chosen = None
        if choose_password and not os.environ.get(PASSWORD_ENV):
            chosen = "-".join(new_recovery_key().split("-")[:3])  # 75 random bits, easy to copy
        password = chosen or _password(path, new=True)
        made = access.set_up(path, _first_account(), password)
        print(_("Made a new database protected by a password, with the account \u201c{account}\u201d (a "
                "coordinator).").format(account=made.account.name))
        if chosen:
            print(_("Its password is: {password}").format(password=chosen))
        print(_(RECOVERY_ADVICE).format(recovery=made.recovery_key))
        return made.store
    return open_store(target, read_only=read_only)


def protect_database(target: str | Path) -> None:
    """`partnerdesk encrypt`: protect a plain database with a password, printing the recovery key once."""
    path = sqlite_path(database_url(target))
    if path is None:
        raise StoreError(_("Passwords protect PartnerDesk's own database files; a database server has its own."))
    state = access.state_of(path)
    if state == access.ENCRYPTED:
        print(_("{path} is already protected by a password; nothing was changed.").format(path=path))
        return
    if state == access.NEW:
        raise StoreError(_("There is no database at {path}.").format(path=path))
    made = access.protect(path, _first_account(), _password(path, new=True))
    made.store.close()
    print(_("{path} is now protected by a password, with the account \u201c{account}\u201d (a coordinator). "
            "The unprotected copy has been removed.").format(path=path, account=made.account.name))
    print(_(RECOVERY_ADVICE).format(recovery=made.recovery_key), file=sys.stdout)


def target_of(args: argparse.Namespace) -> str | Path:
    """The database a command works on: --db, else the demo database with --demo, else the usual one."""
    from partnerdesk import paths

    if args.db:
        return args.db
    return paths.demo_database() if args.demo else paths.default_database()


def refuse_shared_location_of(target: str | Path) -> None:
    """Commands that change the database refuse one on a network share or in a cloud-synced folder, with the safe
    alternative the window gives (commands that only read, such as check and export, still work)."""
    from partnerdesk.store.connections import database_url, sqlite_path
    from partnerdesk.store.sharing import refuse_shared_location

    path = sqlite_path(database_url(target))
    if path is not None:
        refuse_shared_location(path)

"""Getting into a database: setting up a new encrypted one, signing in, the recovery key, and protecting a plain one.

Shared by the sign-in window (ui/signin) and the command line, so both refuse a wrong password the same way. No Qt.
One Argon2id derivation per sign-in (store.keys); the engine then gives SQLCipher the raw key on every connection.

Every sign-in goes in the audit log, with the wrong passwords typed before it; account changes are audited by
services.accounts.manage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partnerdesk import actor
from partnerdesk.i18n import _
from partnerdesk.store.connections import database_url, sqlite_path
from partnerdesk.store.engine import Store, StoreError, is_encrypted, open_store
from partnerdesk.store.keys import (
    KeyFile,
    WrongPassword,
    new_database_key,
    new_recovery_key,
    password_problem,
)

#: What a database needs before it can be opened.
NEW, ENCRYPTED, PLAIN = "new", "encrypted", "plain"


def state_of(target: str | Path) -> str:
    """NEW (set it up: first coordinator), ENCRYPTED (sign in) or PLAIN (open as before; offer protection)."""
    path = sqlite_path(database_url(target))
    if path is None:
        return PLAIN  # a database server keeps its own access control
    if is_encrypted(path):
        return ENCRYPTED
    if not path.exists() or path.stat().st_size == 0:
        return NEW
    return PLAIN


@dataclass
class SignedIn:
    """An open database and who opened it."""

    store: Store
    account: actor.Actor


@dataclass
class SetUp:
    """A new database: open, its first coordinator signed in, and the recovery key to show once."""

    store: Store
    account: actor.Actor
    recovery_key: str


def _path(target: str | Path) -> Path:
    path = sqlite_path(database_url(target))
    if path is None:
        raise StoreError(_("Passwords protect PartnerDesk's own database files; a database server has its own."))
    return path


def _actor_for(store: Store, account_id: str) -> actor.Actor:
    # Core, not the ORM: signing in is on the way to the first screen, which loads no ORM (first_screen.py).
    from sqlalchemy import select

    from partnerdesk.records.tables import accounts

    with store.glance() as connection:
        account = connection.execute(select(accounts.c.id, accounts.c.name, accounts.c.role, accounts.c.active)
                                     .where(accounts.c.id == account_id)).first()  # fmt: skip
    if account is None or not account.active:
        raise WrongPassword(_("This account can no longer sign in. Please ask a coordinator."))
    return actor.Actor(account.id, account.name, account.role)


def set_up(target: str | Path, name: str, password: str, *, read_only: bool = False) -> SetUp:
    """Create a new encrypted database whose first account, a coordinator, is name with password."""
    from partnerdesk.services.accounts.manage import COORDINATOR, add_account

    path = _path(target)
    weak = password_problem(password)
    if weak:
        from partnerdesk.services.common.errors import ValidationError

        raise ValidationError({"password": weak})
    if state_of(path) != NEW:
        raise StoreError(_("There is already a database at {path}.").format(path=path))
    key, recovery = new_database_key(), new_recovery_key()
    keys = KeyFile(path)
    store = open_store(path, key=key, read_only=read_only)
    try:
        keys.start(key, recovery)
        with store.transaction() as session:
            account_id = add_account(session, keys, key, name, COORDINATOR, password)
    except BaseException:
        store.close()
        _forget_new(path)  # brand new and unusable without its first account: start again from nothing
        raise
    account = _actor_for(store, account_id)
    actor.sign_in(account)
    _audit_sign_in(store)
    return SetUp(store, account, recovery)


def _forget_new(path: Path) -> None:
    from partnerdesk.store.keys import key_file_path

    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")),
                     key_file_path(path)):
        leftover.unlink(missing_ok=True)


def unlock(target: str | Path, name: str | None, password: str) -> tuple[Path, str, bytes]:
    """The database key for name (or the only account when name is None) and password; refuses a wrong one."""
    path = _path(target)
    keys = KeyFile(path)
    account_id = keys.account_for(name) if name else keys.only_account()
    if not name and account_id is None and keys.accounts:
        raise WrongPassword(_("This database has several accounts: please say which is yours (the account name, or "
                              "PARTNERDESK_ACCOUNT for a command)."))
    # A wrong password cannot be written to the database it failed to open: the key file counts it (and locks the
    # account), and the next sign-in that succeeds puts the count in the audit log (_audit_sign_in).
    unlocked = keys.unlock(account_id, password)
    return path, unlocked.account_id, unlocked.key


def _failures_before(target: str | Path, name: str | None) -> int:
    """Wrong passwords typed for the account since its last sign-in (0 for a name nobody has)."""
    keys = KeyFile(_path(target))
    known = keys.account_for(name) if name else keys.only_account()
    return int(keys.accounts.get(known, {}).get("failures", 0)) if known else 0


def sign_in(target: str | Path, name: str | None, password: str, *, read_only: bool = False) -> SignedIn:
    """Open an encrypted database as the account name (None: the only one) with its password."""
    failed = _failures_before(target, name)
    path, account_id, key = unlock(target, name, password)
    store = open_store(path, key=key, read_only=read_only)
    try:
        account = _actor_for(store, account_id)
    except BaseException:
        store.close()
        raise
    actor.sign_in(account)
    _audit_sign_in(store, failed)
    return SignedIn(store, account)


def switch_person(store: Store, name: str | None, password: str) -> actor.Actor:
    """Someone signs in to the database the window already has open (the lock screen's Switch person): their
    password is checked like any sign-in (wrong ones counted towards lockout) and they become the signed-in person,
    with no second opening of the database. Refuses a wrong password and changes nothing then."""
    if store.path is None or store.key is None:
        raise StoreError(_("Nobody signs in to this database."))
    failed = _failures_before(store.path, name)
    _path_unused, account_id, key = unlock(store.path, name, password)
    if key != store.key:  # a key file that belongs to another database: never mix the two
        raise WrongPassword(_("That account is not one of this database's. Please check the name."))
    account = _actor_for(store, account_id)
    actor.sign_in(account)
    _audit_sign_in(store, failed)
    return account


def _audit_sign_in(store: Store, failed: int = 0) -> None:
    """Put a sign-in in the audit log, after the wrong passwords typed for the account since its last one (written
    beside a database opened only to read, unless its file cannot be written: a read-only or shared folder)."""
    from partnerdesk.services.common import audit

    if store.read_only:  # the sign-in window reads only; the window opens it again to write
        from partnerdesk.exports.audited import record_separately, recording_beside_reading

        with store.glance() as connection, recording_beside_reading():
            if failed:
                record_separately(connection, "sign_in_failed", failures=failed)
            record_separately(connection, "signed_in")
        return
    with store.transaction() as session:
        if failed:
            audit.record(session, "sign_in_failed", failures=failed)
        audit.record(session, "signed_in")


def recover(target: str | Path, recovery_key: str, name: str, new_password: str) -> SignedIn:
    """Forgotten password: with the recovery key, give the account name a new password and sign it in."""
    from partnerdesk.services.accounts.manage import name_key, reset_password
    from partnerdesk.services.common.errors import ValidationError

    path = _path(target)
    keys = KeyFile(path)
    key = keys.unlock_with_recovery(recovery_key)
    store = open_store(path, key=key)
    try:
        from sqlalchemy import select

        from partnerdesk.records.accounts import Account

        with store.transaction() as session:
            account_id = session.scalar(select(Account.id).where(Account.name_key == name_key(name)))
            if account_id is None:
                raise ValidationError({"name": _("There is no account with that name. Check the spelling.")})
            reset_password(session, keys, key, account_id, new_password)  # audited there
        account = _actor_for(store, account_id)
    except BaseException:
        store.close()
        raise
    actor.sign_in(account)
    _audit_sign_in(store)
    return SignedIn(store, account)


def protect(target: str | Path, name: str, password: str) -> SetUp:
    """Protect an existing plain database with a password (converting it; see store.encrypt), name becoming its
    first coordinator. Returns it open, with the recovery key to show once."""
    from partnerdesk.services.accounts.manage import COORDINATOR, add_account
    from partnerdesk.store.encrypt import encrypt_database

    path = _path(target)
    if state_of(path) != PLAIN:
        raise StoreError(_("This database is already protected by a password."))
    weak = password_problem(password)
    if weak:
        from partnerdesk.services.common.errors import ValidationError

        raise ValidationError({"password": weak})
    from partnerdesk.services.accounts.manage import check_account

    plain = open_store(path)  # brought up to date first: the accounts table must exist
    try:
        with plain.reader() as session:
            check_account(session, name, COORDINATOR, password)  # before anything changes
    finally:
        plain.close()
    key, recovery = new_database_key(), new_recovery_key()
    keys = KeyFile(path)
    encrypt_database(path, key, before_replacing=lambda: keys.start(key, recovery))
    store = open_store(path, key=key)
    try:
        with store.transaction() as session:
            account_id = add_account(session, keys, key, name, COORDINATOR, password)  # audited there
        account = _actor_for(store, account_id)
    except BaseException:
        store.close()
        raise
    actor.sign_in(account)
    _audit_sign_in(store)
    return SetUp(store, account, recovery)

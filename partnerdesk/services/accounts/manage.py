"""Adding, changing and removing accounts, and setting their passwords (coordinators only, in the window).

An account is a row in the encrypted database (name, role, active) and an entry in the key file beside it
(store.keys) holding its own copy of the database key. Each change here writes the row and then the entry inside
one transaction: if the key file cannot be written the row is not saved either.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk import actor
from partnerdesk.i18n import N_, _
from partnerdesk.records.accounts import Account
from partnerdesk.records.types import new_id
from partnerdesk.services.common import audit
from partnerdesk.services.common.errors import Problems, ValidationError
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import tidy
from partnerdesk.store.keys import KeyFile, password_problem

COORDINATOR = "coordinator"
#: The roles an account can have, in the order they are offered, with their names for people (rules.roles' codes).
ROLES: dict[str, str] = {
    "coordinator": N_("Coordinator"),
    "worker": N_("Engagement worker"),
    "finance": N_("Finance"),
    "volunteer": N_("Peer supporter or volunteer"),
    "read_only": N_("Read-only (reports)"),
}
LAST_COORDINATOR = N_(
    "There must always be at least one coordinator, who can manage accounts. Make someone else a coordinator "
    "first, then try again."
)


@dataclass(frozen=True)
class AccountRow:
    """One account as the account manager lists it."""

    id: str
    name: str
    role: str
    active: bool


def name_key(name: str) -> str:
    """A name folded for comparison, so "sam" and "Sam" are one account."""
    return unicodedata.normalize("NFKC", name.strip()).casefold()


def role_name(role: str) -> str:
    """The name people see for a role code."""
    return _(ROLES.get(role, role))


def list_accounts(session: Session) -> list[AccountRow]:
    """Every account, by name."""
    rows = session.scalars(select(Account).order_by(Account.name_key)).all()
    return [AccountRow(row.id, row.name, row.role, row.active) for row in rows]


def find_account(session: Session, account_id: str) -> Account:
    """The account with this id, or NotFound."""
    return found(session, Account, account_id, account_id)


def check_account(
    session: Session, name: str | None, role: str, password: str | None, account_id: str | None = None
) -> str:
    """Refuse (ValidationError) a name that is blank, too long or taken, an unknown role or a weak password;
    returns the name tidied. None skips that check."""
    problems = Problems()
    cleaned = (tidy({"name": name}, ("name",), "account")["name"] or "") if name is not None else ""
    if name is not None:
        if not cleaned:
            problems.add("name", _("Please give the account a name, such as the person's first name."))
        elif len(cleaned) > 120:
            problems.add("name", _("Please keep the name to 120 characters or fewer."))
        else:
            taken = session.scalar(select(Account.id).where(Account.name_key == name_key(cleaned)))
            if taken is not None and taken != account_id:
                problems.add("name", _("There is already an account with that name. Please choose another, for "
                                       "example with the first letter of the surname added."))
    if role not in ROLES:
        problems.add("role", _("Please choose a role."))
    if password is not None:
        weak = password_problem(password)
        if weak:
            problems.add("password", weak)
    problems.raise_if_any()
    return cleaned


def add_account(session: Session, keys: KeyFile, key: bytes, name: str, role: str, password: str) -> str:
    """Add an account that signs in with name and password; returns its id. Needs the unlocked database key."""
    cleaned = check_account(session, name, role, password)
    account = Account(id=new_id(), name=cleaned, name_key=name_key(cleaned), role=role, active=True)
    # The first account is made while nobody is signed in (setting up, or protecting a plain database): it is
    # recorded as made by itself, never by the computer's login name ("root" on a shared PC).
    first = actor.current() is None and not session.scalar(select(func.count()).select_from(Account))
    if first:
        actor.sign_in(actor.Actor(account.id, cleaned, role))
    try:
        session.add(account)
        session.flush()
        keys.set_password(key, account.id, cleaned, password)
        audit.record(session, "account_changed", object_kind="account", object_id=account.id, change="added",
                     role=role)  # fmt: skip
    finally:
        if first:
            actor.sign_out()
    return account.id


def _coordinators_left(session: Session, without: str) -> int:
    return session.scalar(
        select(func.count()).select_from(Account)
        .where(Account.role == COORDINATOR, Account.active.is_(True), Account.id != without)
    ) or 0


def change_role(session: Session, account_id: str, role: str) -> None:
    """Give an account another role; the last active coordinator cannot stop being one."""
    account = find_account(session, account_id)
    check_account(session, None, role, None, account_id)
    if account.role == COORDINATOR and role != COORDINATOR and not _coordinators_left(session, account_id):
        raise ValidationError({"role": _(LAST_COORDINATOR)})
    account.role = role
    audit.record(session, "role_changed", object_kind="account", object_id=account_id, role=role)


def rename_account(session: Session, keys: KeyFile, account_id: str, name: str) -> None:
    """Change the name an account signs in with."""
    account = find_account(session, account_id)
    cleaned = check_account(session, name, account.role, None, account_id)
    account.name, account.name_key = cleaned, name_key(cleaned)
    session.flush()
    if account_id in keys.accounts:
        keys.rename(account_id, cleaned)
    audit.record(session, "account_changed", object_kind="account", object_id=account_id, change="renamed")


def reset_password(session: Session, keys: KeyFile, key: bytes, account_id: str, password: str) -> None:
    """Give an account a new password (a coordinator for someone who forgot, or anyone with the recovery key);
    a deactivated account becomes active again."""
    account = find_account(session, account_id)
    check_account(session, None, account.role, password, account_id)
    account.active = True
    session.flush()
    keys.set_password(key, account_id, account.name, password)
    audit.record(session, "account_changed", object_kind="account", object_id=account_id, change="password_reset")


def deactivate_account(session: Session, keys: KeyFile, account_id: str) -> None:
    """Stop an account signing in (its copy of the key is removed); its name stays on the records it made."""
    account = find_account(session, account_id)
    if account.role == COORDINATOR and not _coordinators_left(session, account_id):
        raise ValidationError({"": _(LAST_COORDINATOR)})
    account.active = False
    session.flush()
    keys.remove(account_id)
    audit.record(session, "account_changed", object_kind="account", object_id=account_id, change="deactivated")


def remove_account(session: Session, keys: KeyFile, account_id: str) -> None:
    """Remove an account for good; the last coordinator cannot be removed."""
    account = find_account(session, account_id)
    if account.role == COORDINATOR and account.active and not _coordinators_left(session, account_id):
        raise ValidationError({"": _(LAST_COORDINATOR)})
    audit.record(session, "account_changed", object_kind="account", object_id=account_id, change="removed")
    session.delete(account)
    session.flush()
    keys.remove(account_id)

"""Who is using PartnerDesk right now: the signed-in account, held once for the whole program.

Kept at the bottom of the package (no database, no Qt) because every layer asks it: records stamp created_by /
updated_by with the name, services check the role before they act, and the window shows whose session it is.
Until someone signs in (tests, and databases made before accounts existed) there is no actor, and records name
the computer's login or PARTNERDESK_USER as they always have.
"""

from __future__ import annotations

from typing import NamedTuple


class Actor(NamedTuple):
    """A signed-in account: its id, the name shown on records, and its role's code (see rules.roles)."""

    account_id: str
    name: str
    role: str


_current: Actor | None = None


def sign_in(actor: Actor) -> None:
    """Make actor the person every following record, check and audit line is made by."""
    global _current
    _current = actor


def sign_out() -> None:
    """Nobody is signed in any more (the window locked for a switch of person, or the program closing)."""
    global _current
    _current = None


def current() -> Actor | None:
    """The signed-in account, or None when nobody has signed in."""
    return _current

"""Roles and what each may do: the one table every check in the services and the window reads.

A role is given to an account (partnerdesk.actor.Actor.role holds its code). A permission is a short code such as
"expenses.approve"; each role either has it for every record ("all"), only for records its holder created ("own":
a peer supporter's own meetings, claims and checks), or not at all. Nobody signed in (tests, and databases made
before accounts existed) may do everything, as before roles existed: see may().
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from partnerdesk.i18n import N_

COORDINATOR, WORKER, FINANCE, VOLUNTEER, READ_ONLY = "coordinator", "worker", "finance", "volunteer", "read_only"

Scope = Literal["all", "own"]

# --- permissions -------------------------------------------------------------------------------------------------
PEOPLE_CHANGE = "people.change"  # people, their roles, organisations, committees and seats
MEETINGS_CHANGE = "meetings.change"  # meetings, series, invitations, attendance, actions
EXPENSES_CHANGE = "expenses.change"  # claims, their lines and receipts, sending a claim for approval
EXPENSES_APPROVE = "expenses.approve"  # approve, reject or void a claim
EXPENSES_PAY = "expenses.pay"  # record that a claim was paid
BUDGETS_CHANGE = "budgets.change"
WELLBEING_READ = "wellbeing.read"  # the Wellbeing area: checks, follow-ups, histories
WELLBEING_CHANGE = "wellbeing.change"
SUPERVISION_READ = "supervision.read"  # the Supervision area: pairs, sessions, training
SUPERVISION_CHANGE = "supervision.change"
PROGRAMMES_CHANGE = "programmes.change"
SETTINGS_CHANGE = "settings.change"
ACCOUNTS_MANAGE = "accounts.manage"
BIN_RESTORE = "bin.restore"
BIN_EMPTY = "bin.empty"  # delete for good: Empty Bin, erasure
EXPORT_NAMED = "export.named"  # a spreadsheet or return with people's names in it
REPORTS_VIEW = "reports.view"
CONFIDENTIAL_ANY = "confidential.any"  # read any confidential note, not only one's own or one's supervisees'
AUDIT_VIEW = "audit.view"  # read and export the audit log

ALL_PERMISSIONS: tuple[str, ...] = (
    PEOPLE_CHANGE, MEETINGS_CHANGE, EXPENSES_CHANGE, EXPENSES_APPROVE, EXPENSES_PAY, BUDGETS_CHANGE, WELLBEING_READ,
    WELLBEING_CHANGE, SUPERVISION_READ, SUPERVISION_CHANGE, PROGRAMMES_CHANGE, SETTINGS_CHANGE, ACCOUNTS_MANAGE,
    BIN_RESTORE, BIN_EMPTY, EXPORT_NAMED, REPORTS_VIEW, CONFIDENTIAL_ANY, AUDIT_VIEW,
)  # fmt: skip

#: What each permission lets someone do, in words that finish "Your role does not let you …".
PERMISSION_WORDS: dict[str, str] = {
    PEOPLE_CHANGE: N_("change people's details, organisations or committees"),
    MEETINGS_CHANGE: N_("change meetings"),
    EXPENSES_CHANGE: N_("change expense claims"),
    EXPENSES_APPROVE: N_("approve, turn down or void expense claims"),
    EXPENSES_PAY: N_("record payments"),
    BUDGETS_CHANGE: N_("change budgets"),
    WELLBEING_READ: N_("see wellbeing checks"),
    WELLBEING_CHANGE: N_("change wellbeing checks"),
    SUPERVISION_READ: N_("see supervision and training"),
    SUPERVISION_CHANGE: N_("change supervision or training records"),
    PROGRAMMES_CHANGE: N_("change mentoring and buddying programmes"),
    SETTINGS_CHANGE: N_("change the organisation's settings"),
    ACCOUNTS_MANAGE: N_("manage accounts"),
    BIN_RESTORE: N_("restore records from the Bin"),
    BIN_EMPTY: N_("delete records for good"),
    EXPORT_NAMED: N_("export people's names and details"),
    REPORTS_VIEW: N_("see reports"),
    CONFIDENTIAL_ANY: N_("read other people's confidential notes"),
    AUDIT_VIEW: N_("see the audit log"),
}


class Role(NamedTuple):
    """A role's code (stored on accounts), its name and a sentence about it, both for people choosing a role."""

    code: str
    name: str
    description: str


ROLES: tuple[Role, ...] = (
    Role(COORDINATOR, N_("Coordinator"),
         N_("Can do everything, including managing accounts and the organisation's settings.")),
    Role(WORKER, N_("Engagement worker"),
         N_("Works with people, meetings and wellbeing checks, and raises their own expense claims.")),
    Role(FINANCE, N_("Finance"),
         N_("Handles expense claims, approvals, payments and budgets. Cannot see wellbeing or supervision.")),
    Role(VOLUNTEER, N_("Peer supporter or volunteer"),
         N_("Sees the lists, and records and changes only their own meetings, claims and wellbeing checks.")),
    Role(READ_ONLY, N_("Read-only"),
         N_("Sees the lists and reports, and changes nothing.")),
)  # fmt: skip
ROLE_CODES: tuple[str, ...] = tuple(role.code for role in ROLES)

_EVERYTHING: dict[str, Scope] = {permission: "all" for permission in ALL_PERMISSIONS}

#: What each role may do, and whether for every record or only its own. A permission not listed is refused.
GRANTS: dict[str, dict[str, Scope]] = {
    COORDINATOR: _EVERYTHING,
    WORKER: {
        PEOPLE_CHANGE: "all", MEETINGS_CHANGE: "all", EXPENSES_CHANGE: "own", WELLBEING_READ: "all",
        WELLBEING_CHANGE: "all", SUPERVISION_READ: "all", PROGRAMMES_CHANGE: "all", BIN_RESTORE: "all",
        EXPORT_NAMED: "all", REPORTS_VIEW: "all",
    },
    FINANCE: {
        EXPENSES_CHANGE: "all", EXPENSES_APPROVE: "all", EXPENSES_PAY: "all", BUDGETS_CHANGE: "all",
        EXPORT_NAMED: "all", REPORTS_VIEW: "all",
    },
    VOLUNTEER: {
        MEETINGS_CHANGE: "own", EXPENSES_CHANGE: "own", WELLBEING_READ: "own", WELLBEING_CHANGE: "own",
    },
    READ_ONLY: {REPORTS_VIEW: "all"},
}  # fmt: skip


def role_named(code: str) -> Role | None:
    """The role with this code, or None for a code PartnerDesk does not know."""
    return next((role for role in ROLES if role.code == code), None)


def scope(role: str | None, permission: str) -> Scope | None:
    """How far role may use permission: "all", "own" (records its holder created) or None (not at all).

    role None means nobody is signed in: everything, as before accounts existed. An unknown role may do nothing.
    """
    if role is None:
        return "all"
    return GRANTS.get(role, {}).get(permission)


def may(role: str | None, permission: str) -> bool:
    """Whether role may use permission at all (for some records at least)."""
    return scope(role, permission) is not None

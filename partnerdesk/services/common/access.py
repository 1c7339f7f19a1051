"""What the signed-in person may do, enforced below every service: one check for every write, and require() for the
actions that are not simply writes (approving, paying, emptying the Bin, exporting names).

Writes are checked where every statement passes, SQLAlchemy's Core "before_execute" event on all engines, so no
service can forget: ORM saves (their flush runs through it), bulk statements and plain SQL alike. Each table needs a
permission (TABLE_PERMISSIONS, rules.roles); a role allowed only its "own" records may change or delete only rows
it created (created_by is the signed-in account's name). A refused statement raises NotAllowed inside the
transaction, so the whole transaction is rolled back and nothing changes.

With nobody signed in (tests, the command line, databases without accounts) everything is allowed, as before.
The listener is installed when this module is imported, which services.common's package does, so no service runs
without it; it imports no ORM, so the first screen stays light.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, and_, event, func, select
from sqlalchemy.sql.dml import Delete, Insert, Update
from sqlalchemy.sql.elements import TextClause

from partnerdesk import actor
from partnerdesk.i18n import _
from partnerdesk.rules import roles
from partnerdesk.services.common.errors import NotAllowed

log = logging.getLogger(__name__)

#: The permission needed to write each table; None: anyone signed in (their own drafts and snoozes).
TABLE_PERMISSIONS: dict[str, str | None] = {
    **dict.fromkeys(("people", "person_roles", "organisations", "committees", "memberships", "people_search"),
                    roles.PEOPLE_CHANGE),
    **dict.fromkeys(("meeting_series", "meetings", "attendance", "meeting_actions"), roles.MEETINGS_CHANGE),
    **dict.fromkeys(("claims", "claim_lines", "receipts", "claim_status_changes"), roles.EXPENSES_CHANGE),
    "budget_headings": roles.BUDGETS_CHANGE,
    "wellbeing_checks": roles.WELLBEING_CHANGE,
    **dict.fromkeys(("supervision_pairs", "supervision_sessions", "supervision_attendees", "supervision_actions",
                     "training_courses", "training_records"), roles.SUPERVISION_CHANGE),
    **dict.fromkeys(("programmes", "programme_applications", "programme_pairs", "pair_activities",
                     "poll_questions", "poll_answers", "programme_themes"), roles.PROGRAMMES_CHANGE),
    "settings": roles.SETTINGS_CHANGE,
    "alembic_version": roles.SETTINGS_CHANGE,
    "form_drafts": None,
    "today_snoozes": None,
    # Every action leaves its own line (append-only, checked by triggers), and every import its batch (whose rows
    # are each checked as they are written).
    "audit_log": None,
    "import_batches": None,
    "accounts": roles.ACCOUNTS_MANAGE,
}  # fmt: skip
#: A table nobody has classified yet may be written only by whoever may change settings (a coordinator):
#: refusing is the safe mistake. tests/unit/test_roles.py insists every table is classified.
UNKNOWN_TABLE = roles.SETTINGS_CHANGE

_WRITE_SQL = re.compile(r"^\s*(?:insert|replace|update|delete)\b(?:\s+or\s+\w+)?(?:\s+into|\s+from)?\s+[\"`\[]?(\w+)",
                        re.IGNORECASE)  # fmt: skip
_suspended = threading.local()


def _is_suspended() -> bool:
    count: int = getattr(_suspended, "active", 0)
    return count > 0


def refusal_text(permission: str) -> str:
    """The plain words shown when the signed-in person may not do something, with what to do next."""
    who = actor.current()
    role = roles.role_named(who.role) if who else None
    role_name = _(role.name) if role else _("Your role")
    return _("{role} accounts cannot {what}, so nothing was changed. If you need to, ask a coordinator.").format(
        role=role_name, what=_(roles.PERMISSION_WORDS.get(permission, permission)))


def allowed(permission: str) -> bool:
    """Whether the signed-in person may use permission at all (always, when nobody is signed in)."""
    who = actor.current()
    return _is_suspended() or roles.may(who.role if who else None, permission)


def own_only(permission: str) -> str | None:
    """The signed-in person's name when their role has permission only for records they made (a volunteer sees
    only the wellbeing checks they recorded), else None: no such limit."""
    who = actor.current()
    if who is None or _is_suspended() or roles.scope(who.role, permission) != "own":
        return None
    return who.name


def _reach(table: str) -> tuple[bool, str | None]:
    """(whether the signed-in person may change rows of table at all, their name when only the rows they made)."""
    permission = TABLE_PERMISSIONS.get(table, UNKNOWN_TABLE)
    if permission is None:
        return True, None
    return allowed(permission), own_only(permission)


def own_rows_only(table: str) -> str | None:
    """The signed-in person's name when their role changes only the rows of table they made, else None."""
    return _reach(table)[1]


def may_change(table: str, created_by: str | None) -> bool:
    """Whether the signed-in person may change a record of table that created_by made: their role may change every
    such record, or only their own and this is one of them (what _check enforces, asked before offering a form's
    Save and Delete)."""
    may, me = _reach(table)
    return may and (me is None or created_by == me)


def all_mine(connection: Any, table: str, record_ids: list[str]) -> bool:
    """Whether the signed-in person may change every one of these records of table (see may_change): always, unless
    their role may change only their own and one of them is someone else's."""
    may, me = _reach(table)
    if not may:
        return False
    if me is None or not record_ids:
        return True
    from partnerdesk.records.tables import metadata

    found = metadata.tables[table]
    others = select(func.count()).select_from(found).where(found.c.id.in_(record_ids), _not_mine(found, me))
    return not connection.execute(others).scalar()


def require(*permissions: str) -> None:
    """Stop with NotAllowed unless the signed-in person may use every one of permissions (the actions that are not
    plain writes: approving, paying, emptying the Bin, exporting names, reading wellbeing and supervision)."""
    for permission in permissions:
        if not allowed(permission):
            refuse(permission)


def note_refusal(permission: str) -> None:
    """Record that the signed-in person was refused permission: by account id, role and permission, never any
    record's values. Every refusal passes here (the audit log hooks in here too)."""
    who = actor.current()
    log.warning("refused %s for account %s (%s)", permission, who.account_id if who else "-", who.role if who else "-")


def refuse(permission: str) -> None:
    """Raise NotAllowed for permission, noting the refusal first."""
    note_refusal(permission)
    raise NotAllowed(refusal_text(permission), permission)


@contextmanager
def housekeeping() -> Iterator[None]:
    """Let the organisation's own automatic tidying run whoever is signed in (the Bin's start-up sweep after the
    days set in Settings): it is not a person's action, so their role does not limit it."""
    _suspended.active = getattr(_suspended, "active", 0) + 1
    try:
        yield
    finally:
        _suspended.active -= 1


def _table_of(statement: Any) -> tuple[str | None, str]:
    """The table a statement writes and how ("insert", "update", "delete"), or (None, "") for a read."""
    if isinstance(statement, Insert | Update | Delete):
        kind = "insert" if isinstance(statement, Insert) else "update" if isinstance(statement, Update) else "delete"
        return getattr(statement.table, "name", None), kind
    text = statement.text if isinstance(statement, TextClause) else statement if isinstance(statement, str) else None
    if text is None:
        return None, ""
    found = _WRITE_SQL.match(text)
    if found is None:
        return None, ""
    verb = text.lstrip().split(None, 1)[0].lower()
    return found.group(1), "insert" if verb in ("insert", "replace") else verb


#: Rows that are part of a record (a meeting's attendance and actions, a claim's lines): for a role that may change
#: only its own records, they are its own when the record they belong to is, whoever added them. A volunteer marks
#: attendance at the meeting they recorded even where a coordinator sent the invitations.
PART_OF: dict[str, tuple[str, str]] = {
    "attendance": ("meeting_id", "meetings"),
    "meeting_actions": ("meeting_id", "meetings"),
    "claim_lines": ("claim_id", "claims"),
}


def _not_mine(table: Any, me: str) -> Any:
    """The condition that a row of table is someone else's: made by another, and not part of a record of mine."""
    from partnerdesk.records.tables import metadata

    theirs = table.c.created_by.is_distinct_from(me)
    if table.name not in PART_OF:
        return theirs
    column, whole = PART_OF[table.name]
    owner = metadata.tables[whole]
    return and_(theirs, table.c[column].not_in(select(owner.c.id).where(owner.c.created_by == me)))


def _others_rows(connection: Any, statement: Update | Delete, params: list[dict], me: str) -> bool:
    """Whether an update or delete would touch any row that someone other than me created."""
    table = statement.table
    created_by = table.c.get("created_by") if hasattr(table, "c") else None
    if created_by is None or statement.whereclause is None:
        return True  # a row without an author, or every row: never "own"
    query = select(func.count()).select_from(table).where(statement.whereclause).where(_not_mine(table, me))
    with housekeeping():  # the check's own query is a read; skip re-checking it
        return any(connection.execute(query, one).scalar() for one in (params or [{}]))


def _check(connection: Any, statement: Any, multiparams: Any, params: Any, _options: Any) -> None:
    who = actor.current()
    if who is None or _is_suspended():
        return
    table, kind = _table_of(statement)
    if table is None:
        return
    permission = TABLE_PERMISSIONS.get(table, UNKNOWN_TABLE)
    if permission is None:
        return
    reach = roles.scope(who.role, permission)
    if reach is None:
        refuse(permission)
    if reach != "own":
        return
    rows = [dict(row) for row in (list(multiparams) if multiparams else ([params] if params else []))
            if isinstance(row, dict)]  # fmt: skip
    if kind == "insert":
        if table in PART_OF and _into_others(connection, statement, table, rows, who.name):
            refuse(permission)
        return
    if not isinstance(statement, Update | Delete):
        refuse(permission)  # plain SQL cannot be checked row by row
    if _others_rows(connection, statement, rows, who.name):
        refuse(permission)


def _into_others(connection: Any, statement: Any, table: str, rows: list[dict], me: str) -> bool:
    """Whether an insert adds a part (attendance, an action, a claim line) to a record someone else made."""
    from partnerdesk.records.tables import metadata

    column, whole = PART_OF[table]
    given = [*rows, statement.compile().params] if isinstance(statement, Insert) else rows
    # A multi-row insert's own values are named meeting_id_m0, meeting_id_m1, ...
    wanted = {value for row in given for key, value in row.items()
              if value is not None and (key == column or key.startswith(f"{column}_m"))}  # fmt: skip
    if not wanted:
        return False
    owner = metadata.tables[whole]
    query = select(func.count()).select_from(owner).where(owner.c.id.in_(wanted),
                                                          owner.c.created_by.is_distinct_from(me))  # fmt: skip
    with housekeeping():  # the check's own query is a read; skip re-checking it
        return bool(connection.execute(query).scalar())


def _check_driver_sql(connection: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
    # SQL handed straight to the driver (exec_driver_sql) skips "before_execute"; what SQLAlchemy compiled was
    # checked there already.
    if getattr(context, "compiled", None) is None:
        _check(connection, statement, None, None, None)


if not event.contains(Engine, "before_execute", _check):
    event.listen(Engine, "before_execute", _check)
    event.listen(Engine, "before_cursor_execute", _check_driver_sql)

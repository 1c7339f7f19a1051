"""The audit log: who did what, when, to which record, kept so a data protection officer can see it.

record() adds one entry inside the caller's transaction, so the entry is kept exactly when the work is. An entry
holds ids and counts only, never a name, a note or any other value typed about a person: record() refuses anything
else, so the log itself never becomes a place personal details leak into. Each entry carries the SHA-256 hash of
itself and of the entry before it; verify() walks the chain and finds the first entry that was changed or removed,
which `partnerdesk check` reports. Triggers in the database (migration 0017) refuse every UPDATE and DELETE.

Reads use the Core table only (no ORM), so `check` stays quick.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, func, insert, inspect, select

from partnerdesk import actor
from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records.base import current_user, utc_now
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_uk
from partnerdesk.services.common.access import require

if TYPE_CHECKING:  # the ORM is not loaded for the first screen, which changes settings' neighbours only
    from sqlalchemy.orm import Session

#: The hash an entry with nothing before it points back to.
GENESIS = "0" * 64

#: Every kind of entry, with what it means in plain words. Other parts of PartnerDesk add theirs here.
KINDS: dict[str, str] = {
    "export": N_("Records exported to a file"),
    "confidential_opened": N_("Confidential notes opened"),
    "setting_changed": N_("A setting changed"),
    "person_erased": N_("A person erased"),
    "subject_access": N_("Everything held about a person exported (subject access)"),
    "bin_emptied": N_("The Bin emptied"),
    "bin_swept": N_("Old records in the Bin deleted automatically"),
    "consent_withdrawn": N_("A person withdrew their consent"),
    "old_records_removed": N_("Records older than the retention schedule keeps removed"),
    "audit_exported": N_("The audit log exported"),
    # Recorded by the accounts and roles work (issue 15):
    "signed_in": N_("Signed in"),
    "sign_in_failed": N_("A sign-in failed"),
    "account_changed": N_("An account added, changed or removed"),
    "role_changed": N_("An account's role changed"),
    "refused": N_("Something refused: the account's role does not allow it"),
}

#: Words for the keys entries' details use, shown in the log viewer and its export.
DETAIL_WORDS: dict[str, str] = {
    "what": N_("what"), "rows": N_("rows"), "named": N_("names included"), "file_type": N_("file type"),
    "field_count": N_("fields"), "key": N_("setting"), "removed": N_("records removed"),
    "anonymised": N_("records anonymised"), "deleted": N_("deleted for good"),
    "people_removed": N_("people's details removed"), "claims_kept": N_("claims kept"),
    "confidential_included": N_("confidential notes included"), "sheets": N_("kinds of record"),
    "change": N_("change"), "role": N_("role"), "permission": N_("permission"), "failures": N_("failed attempts"),
}  # fmt: skip

#: What a value in an entry's details may look like: a number, yes/no, or an id or code (never free text).
_ID_OR_CODE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9_.:-]{1,60}")


class Broken(NamedTuple):
    """The first entry whose chain does not hold: seq and when it claims to be from, and why (a plain sentence)."""

    seq: int
    at: datetime | None
    why: str

    def sentence(self) -> str:
        """What `check` prints about it."""
        moment = self.at.replace(tzinfo=self.at.tzinfo or UTC).astimezone(UTC) if self.at else None
        when = f"{format_uk(moment.date())} {moment:%H:%M}" if moment else "?"
        return _("Audit log: entry {seq} (dated {when} UTC) {why} The log has been tampered with after it was "
                 "written: keep this database as it is and tell whoever is responsible for data protection."
                 ).format(seq=self.seq, when=when, why=self.why)  # fmt: skip


def _checked_detail(name: str, value: Any) -> Any:
    """value if it is a number, yes/no, None, or an id or code; a programming slip otherwise."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str) and _ID_OR_CODE.fullmatch(value):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) and _ID_OR_CODE.fullmatch(v) for v in value):
        return sorted(value)
    raise ValueError(f"audit detail {name!r} must be an id, a code or a count")  # never quotes the value


def canonical(entry: dict[str, Any]) -> bytes:
    """The bytes an entry's hash is worked out from: its fields (prev_hash included) as sorted, compact JSON."""
    at = entry["at"]
    fields = {
        "seq": entry["seq"], "at": _utc_text(at), "account_id": entry["account_id"],
        "account_name": entry["account_name"], "kind": entry["kind"], "object_kind": entry["object_kind"],
        "object_id": entry["object_id"], "details": entry["details"] or {}, "prev_hash": entry["prev_hash"],
    }  # fmt: skip
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: dict[str, Any]) -> str:
    """The SHA-256 hash (hex) an entry must carry."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:  # read back from a plain DateTime column: UTC already
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def record(session: Session | Connection, kind: str, *, object_kind: str | None = None,
           object_id: str | None = None, **details: Any) -> int:
    """Add an entry to the audit log in the caller's transaction; returns its number.

    details are ids, codes and counts only (what=\"people\", rows=120, named=True): anything else is refused, so
    no name or note ever reaches the log. Who did it is the signed-in account, else the computer's user name.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    log = tables.audit_log
    checked = {name: _checked_detail(name, value) for name, value in details.items()}
    last = session.execute(select(log.c.seq, log.c.hash).order_by(log.c.seq.desc()).limit(1)).first()
    who = actor.current()
    seq = (last.seq + 1) if last else 1
    entry: dict[str, Any] = {
        "seq": seq,
        "at": utc_now(),
        "account_id": who.account_id if who else None,
        "account_name": who.name if who else current_user(),
        "kind": kind,
        "object_kind": object_kind,
        "object_id": object_id,
        "details": checked,
        "prev_hash": last.hash if last else GENESIS,
    }
    entry["hash"] = entry_hash(entry)
    session.execute(insert(log).values(entry))
    return seq


def entries(connection: Session | Connection) -> Iterator[dict[str, Any]]:
    """Every entry, oldest first, as plain dicts (streamed: a log can be long)."""
    log = tables.audit_log
    result = connection.execute(select(log).order_by(log.c.seq).execution_options(yield_per=1000))
    for row in result.mappings():
        yield dict(row)


def verify(connection: Session | Connection) -> Broken | None:
    """The first entry that was changed, or that follows a removed one; None when the whole chain holds."""
    return first_break(entries(connection))


def first_break(rows: Iterable[dict[str, Any]]) -> Broken | None:
    """Walk entries oldest first and find where the chain breaks (see verify)."""
    expected_seq, previous = 1, GENESIS
    for row in rows:
        if row["seq"] != expected_seq or row["prev_hash"] != previous:
            return Broken(row["seq"], row["at"], _("does not follow the entry before it: an entry before it was "
                                                   "removed or changed."))  # fmt: skip
        if entry_hash(row) != row["hash"]:
            return Broken(row["seq"], row["at"], _("was changed after it was written."))
        expected_seq, previous = row["seq"] + 1, row["hash"]
    return None


def has_log(connection: Session | Connection) -> bool:
    """Whether this database has an audit log yet (made by migration 0017)."""
    bind = connection if isinstance(connection, Connection) else connection.connection()
    return bool(inspect(bind).has_table("audit_log"))


# --- reading it back: the coordinator's viewer ---------------------------------------------------------------------


class AuditFilter(NamedTuple):
    """Which entries to show: between two dates (UK days, inclusive), of one kind, by one account name."""

    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    account: str | None = None


def list_entries(session: Session | Connection, chosen: AuditFilter, limit: int | None = 5000) -> list[dict]:
    """The entries chosen, newest first (at most limit; None for all)."""
    require(roles.AUDIT_VIEW)
    log = tables.audit_log
    stmt = select(log).order_by(log.c.seq.desc())
    if chosen.date_from:
        stmt = stmt.where(log.c.at >= datetime.combine(chosen.date_from, time(), UTC))
    if chosen.date_to:
        stmt = stmt.where(log.c.at < datetime.combine(chosen.date_to + timedelta(days=1), time(), UTC))
    if chosen.kind:
        stmt = stmt.where(log.c.kind == chosen.kind)
    if chosen.account:
        stmt = stmt.where(log.c.account_name == chosen.account)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [dict(row) for row in session.execute(stmt).mappings()]


def account_names(session: Session | Connection) -> list[str]:
    """Every name that appears in the log, for the viewer's filter."""
    log = tables.audit_log
    return list(session.execute(select(log.c.account_name).distinct().order_by(log.c.account_name)).scalars())


def entry_count(session: Session | Connection) -> int:
    """How many entries the log holds."""
    return int(session.execute(select(func.count()).select_from(tables.audit_log)).scalar_one())


def describe_kind(kind: str) -> str:
    """The plain words for a kind of entry (the code itself if unknown: a newer PartnerDesk wrote it)."""
    return _(KINDS[kind]) if kind in KINDS else kind


def describe_details(details: dict[str, Any] | None) -> str:
    """An entry's details as short plain words: "rows: 120; names included: yes"."""
    parts = []
    for name, value in sorted((details or {}).items()):
        shown = (_("yes") if value else _("no")) if isinstance(value, bool) else str(value)
        parts.append(f"{_(DETAIL_WORDS[name]) if name in DETAIL_WORDS else name}: {shown}")
    return "; ".join(parts)


def refusal_message() -> str:
    """What to tell someone whose change was refused by the log's triggers."""
    return _("The audit log cannot be changed or deleted: entries are only ever added.")

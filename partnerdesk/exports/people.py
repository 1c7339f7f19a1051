"""The people export: everyone not in the Bin as one xlsx sheet, for commissioners and for the worker's own records.

Streams from the database in chunks with plain rows (no ORM objects), so 100,000 people export in seconds and
without holding them all in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportCancelled, Kind, xlsx_file
from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.roles import EXPORT_NAMED
from partnerdesk.services.common.access import require

#: The sheet's columns, in order.
COLUMNS = (
    Column(N_("Name"), 28),
    Column(N_("Preferred name"), 16),
    Column(N_("Pronouns"), 11),
    Column(N_("Status"), 11),
    Column(N_("Roles"), 30),
    Column(N_("Email"), 28),
    Column(N_("Phone"), 17),
    Column(N_("Address line 1"), 24),
    Column(N_("Address line 2"), 18),
    Column(N_("Town"), 14),
    Column(N_("Postcode"), 10),
    Column(N_("Preferred contact"), 17),
    Column(N_("Papers format"), 18),
    Column(N_("Access needs"), 30),
    Column(N_("Language"), 11),
    Column(N_("Payment preference"), 19),
    Column(N_("Consent given on"), 16, Kind.DATE),
    Column(N_("Consent given how"), 20),
    Column(N_("Consent for"), 30),
    Column(N_("Consent review on"), 17, Kind.DATE),
    Column(N_("Committees"), 40),
    Column(N_("Interests"), 30),
    Column(N_("Notes"), 40),
    Column(N_("Last changed"), 17, Kind.DATETIME),
)

SHEET_TITLE = N_("People")

#: People read from the database at a time. Also the size of the IN (...) lists for roles and committees, kept well
#: under the 999 values the oldest SQLite versions allow in one statement.
CHUNK = 500

Progress = Callable[[int, int], Any]

_people = tables.people
_roles = tables.person_roles
_members = tables.memberships
_committees = tables.committees

_ROLE_ORDER = {code: position for position, code in enumerate(v.ROLES)}
_NEED_ORDER = {code: position for position, code in enumerate(v.ACCESS_NEEDS)}


def _name_order(dialect: str):
    # The same order as the People list (SQLite's NOCASE uses the name index), so the sheet matches the screen.
    column = _people.c.full_name
    return column.collate("NOCASE") if dialect == "sqlite" else func.lower(column)


def _people_query(dialect: str, include_bin: bool):
    stmt = select(
        _people.c.id,
        _people.c.full_name,
        _people.c.preferred_name,
        _people.c.pronouns,
        _people.c.status,
        _people.c.email,
        _people.c.phone,
        _people.c.address_line1,
        _people.c.address_line2,
        _people.c.town,
        _people.c.postcode,
        _people.c.preferred_contact,
        _people.c.papers_format,
        _people.c.papers_format_details,
        _people.c.access_needs,
        _people.c.access_needs_details,
        _people.c.language,
        _people.c.language_other,
        _people.c.payment_preference,
        _people.c.consent_given_on,
        _people.c.consent_how,
        _people.c.consent_for,
        _people.c.consent_review_on,
        _people.c.interests,
        _people.c.notes,
        _people.c.updated_at,
    ).order_by(_name_order(dialect), _people.c.id)
    if not include_bin:
        stmt = stmt.where(_people.c.deleted_at.is_(None))
    return stmt


def _count(session: Session, include_bin: bool) -> int:
    stmt = select(func.count()).select_from(_people)
    if not include_bin:
        stmt = stmt.where(_people.c.deleted_at.is_(None))
    return session.execute(stmt).scalar_one()


def _roles_for(session: Session, ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for person_id, role in session.execute(
        select(_roles.c.person_id, _roles.c.role).where(_roles.c.person_id.in_(ids))
    ):
        found[person_id].append(role)
    return found


def _seats_for(session: Session, ids: Sequence[str], today: date) -> dict[str, list[str]]:
    """Each person's current committee seats, described in words, in committee-name order."""
    stmt = (
        select(_members.c.person_id, _committees.c.name, _members.c.is_backup, _members.c.term_end)
        .join(_committees, _committees.c.id == _members.c.committee_id)
        .where(
            _members.c.person_id.in_(ids),
            _members.c.deleted_at.is_(None),
            _committees.c.deleted_at.is_(None),
            _members.c.term_start <= today,
            or_(_members.c.term_end.is_(None), _members.c.term_end >= today),
        )
        .order_by(_members.c.person_id, _committees.c.name, _members.c.term_start)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for person_id, committee, is_backup, term_end in session.execute(stmt):
        found[person_id].append(describe_seat(committee, is_backup, term_end))
    return found


def describe_seat(committee: str, is_backup: bool, term_end: date | None) -> str:
    """A seat on a committee in words: "Mental Health Committee (back-up) until 31/03/2027"."""
    words = committee
    if is_backup:
        words += " (back-up)"
    if term_end is not None:
        words += _(" until {term_end}").format(term_end=format_uk(term_end))
    return words


def _choice(vocabulary: dict[str, str], code: str | None) -> str:
    # "Other (say which)" is a prompt for the form; in the sheet the details that follow say which.
    return v.label(vocabulary, code).removesuffix(" (say which)")


def _joined(*parts: str | None) -> str:
    return "; ".join(part for part in parts if part)


def _papers(code: str | None, details: str | None) -> str:
    name = _choice(v.PAPER_FORMATS, code)
    if name and details:
        return f"{name}: {details}"
    return name or details or ""


def _access_needs(codes: Iterable[str] | None, details: str | None) -> str:
    ordered = sorted(codes or [], key=lambda code: _NEED_ORDER.get(code, len(_NEED_ORDER)))
    return _joined(*(_choice(v.ACCESS_NEEDS, code) for code in ordered), details)


def _language(code: str | None, other: str | None) -> str:
    if code == "other" and other:
        return other
    return _choice(v.LANGUAGES, code)


def _row(person: Any, roles: list[str], seats: list[str]) -> list[Any]:
    ordered_roles = sorted(roles, key=lambda code: _ROLE_ORDER.get(code, len(_ROLE_ORDER)))
    return [
        person.full_name,
        person.preferred_name,
        person.pronouns,
        v.label(v.STATUSES, person.status),
        _joined(*(v.label(v.ROLES, code) for code in ordered_roles)),
        person.email,
        person.phone,
        person.address_line1,
        person.address_line2,
        person.town,
        person.postcode,
        v.label(v.CONTACT_METHODS, person.preferred_contact),
        _papers(person.papers_format, person.papers_format_details),
        _access_needs(person.access_needs, person.access_needs_details),
        _language(person.language, person.language_other),
        v.label(v.PAYMENT_PREFERENCES, person.payment_preference),
        person.consent_given_on,
        v.label(v.CONSENT_METHODS, person.consent_how),
        person.consent_for,
        person.consent_review_on,
        _joined(*seats),
        person.interests,
        person.notes,
        person.updated_at,
    ]


@audited("people")
def export_people(session: Session, path: Path, *, include_bin: bool = False, progress: Progress | None = None) -> int:
    """Write everyone (not in the Bin, unless include_bin) to an xlsx file at path, sorted by name.

    Returns how many people were written. progress, if given, is called as progress(done, total) as the export
    goes along (for a progress bar); if it returns False the export stops, ExportCancelled is raised and no file is
    written (a file already at path is left as it was). Committees shows each person's current seats.
    """
    require(EXPORT_NAMED)
    dialect = session.get_bind().dialect.name
    today = today_uk()
    # One read transaction for the count and every chunk, so the file is a consistent snapshot even if someone
    # else is saving changes while it is written.
    total = _count(session, include_bin)
    with xlsx_file(path) as workbook:
        if progress is not None and progress(0, total) is False:
            raise ExportCancelled
        sheet = None
        # yield_per streams rows from the database cursor a chunk at a time instead of fetching them all.
        result = session.execute(_people_query(dialect, include_bin).execution_options(yield_per=CHUNK))
        for chunk in result.partitions():
            ids = [person.id for person in chunk]
            roles = _roles_for(session, ids)
            seats = _seats_for(session, ids, today)
            rows = [_row(person, roles.get(person.id, []), seats.get(person.id, [])) for person in chunk]
            # The first chunk is the sample the column widths are fitted to.
            sheet = sheet or fitted_sheet(workbook, _(SHEET_TITLE), COLUMNS, rows)
            for row in rows:
                sheet.append(row)
            if progress is not None and progress(sheet.rows_written, max(total, sheet.rows_written)) is False:
                result.close()
                raise ExportCancelled
        sheet = sheet or fitted_sheet(workbook, _(SHEET_TITLE), COLUMNS, [])
        return sheet.finish()

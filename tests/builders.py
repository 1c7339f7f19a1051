"""Shared builders for test data. Each test makes its own database and its own people with these."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from partnerdesk.actor import Actor, sign_in, sign_out
from partnerdesk.services.meetings.attendance import invite
from partnerdesk.services.meetings.meetings import create_meeting
from partnerdesk.services.people.organisations import save_committee, save_membership, save_organisation
from partnerdesk.services.people.people import create_person
from partnerdesk.store import Store, open_store
from partnerdesk.store.migrate import upgrade_database
from tests.marker_check import MARKER

_numbers = count(1)


def new_store(folder: Path, name: str = "test.sqlite3") -> Store:
    """A fresh, fully migrated PartnerDesk database in folder."""
    return open_store(folder / name)


def person_data(**overrides: Any) -> dict[str, Any]:
    """Valid details for a person; override any field."""
    n = next(_numbers)
    data: dict[str, Any] = {
        "full_name": f"Test Person {n}",
        "status": "active",
        "roles": ["service_user_rep"],
        "email": f"person{n}@example.org",
        "phone": "029 2000 0000",
        "postcode": "CF10 1AA",
    }
    data.update(overrides)
    return data


def add_person(store: Store, **overrides: Any) -> str:
    """Save a person and return their id."""
    with store.transaction() as session:
        return create_person(session, person_data(**overrides)).id


def add_committee(store: Store, name: str = "Mental Health Committee", organisation: str = "City Health Board") -> str:
    """Save an NHS organisation with one committee; returns the committee id."""
    with store.transaction() as session:
        org = save_organisation(session, organisation, "nhs")
        return save_committee(session, org.id, name).id


def add_membership(
    store: Store, person_id: str, committee_id: str, start: date, end: date | None = None, backup: bool = False
) -> str:
    """Give a person a seat on a committee; returns the membership id."""
    with store.transaction() as session:
        return save_membership(session, person_id, committee_id, start, end, backup).id


def meeting_data(committee_id: str | None = None, day: date = date(2031, 6, 17), **overrides: Any) -> dict[str, Any]:
    """Valid details for a committee meeting on day, 10:00–12:00 London time; override any field."""
    n = next(_numbers)
    data: dict[str, Any] = {
        "kind": "committee" if committee_id else "other",
        "committee_id": committee_id,
        "title": f"Test Meeting {n}",
        "date": day,
        "start_time": time(10, 0),
        "end_time": time(12, 0),
        "mode": "in_person",
        "venue": "Room 1, Civic Centre",
    }
    data.update(overrides)
    return data


def add_meeting(store: Store, committee_id: str | None = None, day: date = date(2031, 6, 17), **overrides: Any) -> str:
    """Save a meeting (see meeting_data) and return its id."""
    with store.transaction() as session:
        return create_meeting(session, meeting_data(committee_id, day, **overrides)).id


def add_invitations(store: Store, meeting_id: str, person_ids: list[str], as_backup: bool = False) -> None:
    """Invite these people to a meeting."""
    with store.transaction() as session:
        invite(session, meeting_id, person_ids, as_backup=as_backup)


def revision_in_file(path: Path) -> str | None:
    """The schema revision written in a database file, read with plain sqlite3."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def integrity(path: Path) -> str:
    """SQLite's own check of a database file: "ok" when it is sound."""
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def dump_database(path: Path | str) -> list[str]:
    """Every statement that would rebuild the database's records: equal before and after means nothing changed.

    The query planner's statistics (sqlite_stat1, refreshed by PRAGMA optimize when a store closes) are left out:
    they describe the tables, they are not records.
    """
    with sqlite3.connect(path) as con:
        return [line for line in con.iterdump() if "sqlite_stat" not in line and not line.startswith("ANALYZE")]


def count_rows(store: Store, table: str) -> int:
    """How many rows a table holds, Bin included, read straight from the database."""
    with store.engine.connect() as con:
        return con.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def check_data(person_id: str, at: datetime = datetime(2025, 8, 22, 14, 0, tzinfo=UTC), **overrides: Any) -> dict:
    """Valid details for a routine wellbeing check of a person (a Friday afternoon in 2025 by default), with
    confidential notes holding the marker phrase."""
    data: dict[str, Any] = {"person_id": person_id, "checked_at": at, "context": "routine", "quick_score": 4,
                            "worker_name": "Test Worker",
                            # Confidential: never to be printed, logged or shown in a message (tests/marker_check.py).
                            "confidential_notes": f"{MARKER} talked about home"}  # fmt: skip
    data.update(overrides)
    return data


def add_check(store: Store, person_id: str, **overrides: Any) -> str:
    """Save a wellbeing check (see check_data) and return its id."""
    from partnerdesk.services.wellbeing.checks import create_check

    with store.transaction() as session:
        return create_check(session, check_data(person_id, **overrides)).id


def add_pair(store: Store, supervisor_id: str, supervisee_id: str, starts_on: date = date(2025, 1, 6)) -> str:
    """Name a supervisor for a supervisee; returns the pair id."""
    from partnerdesk.services.wellbeing.supervision import create_pair

    with store.transaction() as session:
        data = {"supervisor_id": supervisor_id, "supervisee_id": supervisee_id, "starts_on": starts_on}
        return create_pair(session, data).id


def add_session(store: Store, supervisor_id: str, supervisee_ids: list[str], held_on: date, **overrides: Any) -> str:
    """Record a supervision session (1:1 for one supervisee, group for more); returns its id."""
    from partnerdesk.services.wellbeing.supervision import create_session

    data: dict[str, Any] = {"held_on": held_on, "kind": "one_to_one" if len(supervisee_ids) == 1 else "group",
                            "supervisor_id": supervisor_id, "supervisee_ids": supervisee_ids,
                            "topics": ["wellbeing", "caseload"],
                            "notes": f"{MARKER} caseload is heavy"}  # confidential (tests/marker_check.py)  # fmt: skip
    data.update(overrides)
    with store.transaction() as session:
        return create_session(session, data).id


# --------------------------------------------------------------------------------------------------- expenses

#: A tiny real PNG (1×1 pixel), a receipt as a phone would send it.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c63f80f040009fb03fdfb5e6b2b"
    "0000000049454e44ae426082"
)


def tiny_pdf(text: str = "Receipt") -> bytes:
    """A real one-page PDF made with reportlab: what a scanner or "print to PDF" sends."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 100))
    canvas.drawString(10, 50, text)
    canvas.save()
    return out.getvalue()


def add_claim(store: Store, person_id: str, day: date = date(2026, 5, 1), **overrides: Any) -> str:
    """Start a draft claim for a person dated day; returns its id."""
    from partnerdesk.services.expenses.claims import create_claim

    data = {"person_id": person_id, "claim_date": day, **overrides}
    with store.transaction() as session:
        return create_claim(session, data).id


def add_programme(store: Store, name: str = "Buddying 2026", **overrides: Any) -> str:
    """Add a mentoring or buddying programme (buddying unless told); returns its id."""
    from partnerdesk.services.programmes.programmes import create_programme

    with store.transaction() as session:
        return create_programme(session, {"name": name, "kind": "buddying", **overrides}).id


def add_line(
    store: Store, claim_id: str, category: str = "parking", day: date = date(2026, 5, 1), **fields: Any
) -> str:
    """Add a line to a claim (confirming any payment-preference warning); returns its id. Amount defaults to £4.50."""
    from partnerdesk.services.expenses.lines import add_line as add

    data: dict[str, Any] = {"category": category, "day": day, **fields}
    if category not in ("mileage", "backfill", "involvement_payment"):
        data.setdefault("amount", "4.50")
    with store.transaction() as session:
        return add(session, claim_id, data, confirmed=True).id


def add_heading(store: Store, name: str = "Engagement", year: int = 2026, allocation: str = "1,000") -> str:
    """Add a budget heading for a financial year; returns its id."""
    from partnerdesk.services.expenses.budgets import save_heading

    with store.transaction() as session:
        return save_heading(session, {"financial_year": year, "name": name, "allocation": allocation}).id


def garble_people(db: Path) -> None:
    """Damage the people table's first page in a closed database file, as a failing disk would (the rest reads)."""
    con = sqlite3.connect(db)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    finally:
        con.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * size + 8)  # keep the page's first bytes, garble the rest
        handle.write(b"\xa5" * (size - 8))


def database_error_quoting(value: str) -> Exception:
    """A real SQLAlchemy error (IntegrityError) from saving value twice where it must be unique: like most database
    errors made without hide_parameters, its text quotes the value. For proving logs and dialogs leave it out."""
    import sqlalchemy as sa
    from sqlalchemy.exc import IntegrityError

    engine = sa.create_engine("sqlite://")
    table = sa.Table("people", sa.MetaData(), sa.Column("name", sa.String, unique=True))
    table.metadata.create_all(engine)
    try:
        with engine.begin() as connection:
            connection.execute(table.insert(), [{"name": value}, {"name": value}])
    except IntegrityError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("the second row should have been refused")


def bin_record(store: Store, delete: Any, record_id: str, days_ago: int = 0) -> None:
    """Move a record to the Bin with its service's delete function (delete_person…), as deleted days_ago."""
    with store.transaction() as session:
        delete(session, record_id)
        session.flush()
        if days_ago:
            from datetime import timedelta

            from partnerdesk.records.base import utc_now
            from partnerdesk.services.bin.purge import KIND_TABLES

            for table in KIND_TABLES.values():  # the record's own table, through its typed column
                session.execute(table.update().where(table.c.id == record_id)
                                .values(deleted_at=utc_now() - timedelta(days=days_ago)))  # fmt: skip


def database_at_revision(path: Path, revision: str) -> str:
    """A database as an earlier PartnerDesk left it, with one person put in by plain SQL. Returns their id."""
    engine = create_engine("sqlite:///" + str(path))
    try:
        upgrade_database(engine, None, None, target=revision)
        person_id = str(uuid.uuid4())
        with engine.begin() as con:
            con.execute(
                text(
                    "INSERT INTO people (id, full_name, status, access_needs, language, created_at, updated_at, "
                    "created_by, updated_by) VALUES (:id, 'Ffion Older', 'active', '[]', 'english', "
                    "'2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000', 'older', 'older')"
                ),
                {"id": person_id},
            )
    finally:
        engine.dispose()
    assert revision_in_file(path) == revision
    return person_id


@dataclass(frozen=True)
class BuiltProgramme:
    """A programme made by add_programme_with_pairs: its id, the people on each side (paired in order, then the
    spare ones), and the pairs' ids."""

    programme_id: str
    side_a: list[str]
    side_b: list[str]
    pairs: list[str]


def add_programme_with_pairs(store: Store, pairs: int = 2, spare_b: int = 1, started_days_ago: int = 90,
                             **overrides: Any) -> BuiltProgramme:  # fmt: skip
    """A six-month reciprocal-mentoring programme that started started_days_ago (paying backfill to side B, up to 6
    half days), with `pairs` pairs accepted on its first day and spare_b applicants on side B not yet paired."""
    from partnerdesk.rules.dates import today_uk
    from partnerdesk.services.programmes.pairs import accept_pair
    from partnerdesk.services.programmes.programmes import create_application

    starts = today_uk() - timedelta(days=started_days_ago)
    programme_id = add_programme(
        store, f"Mentoring {next(_numbers)}", kind="reciprocal_mentoring", starts_on=starts,
        ends_on=starts + timedelta(days=180), side_a_hours="15", side_b_hours="24", backfill_side="b",
        backfill_cap_half_days=6, **overrides)  # fmt: skip
    side_a = [add_person(store, payment_preference="paid") for _ in range(pairs)]
    side_b = [add_person(store, payment_preference="paid") for _ in range(pairs + spare_b)]
    with store.transaction() as session:
        for side, people in (("a", side_a), ("b", side_b)):
            for person in people:
                create_application(session, {"programme_id": programme_id, "person_id": person, "side": side,
                                             "communities": ["housing"], "areas": ["North"]})  # fmt: skip
        made = [accept_pair(session, programme_id, a, b, starts).id for a, b in zip(side_a, side_b, strict=False)]
    return BuiltProgramme(programme_id, side_a, side_b, made)


@contextmanager
def signed_in(role: str, name: str | None = None) -> Iterator[Actor]:
    """Act as an account with this role (rules.roles codes) until the block ends; the name is what its records'
    created_by hold (by default the role's code, capitalised)."""
    who = Actor(f"account-{role}", name or role.replace("_", " ").title(), role)
    sign_in(who)
    try:
        yield who
    finally:
        sign_out()


def welsh_catalogue(folder: Path) -> Path:
    """A tiny compiled Welsh catalogue with Welsh's six plural forms, as a translator's file would give; returns the
    folder to use as i18n.CATALOGUES."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from partnerdesk import i18n

    catalog = Catalog(locale="cy", domain=i18n.DOMAIN)
    catalog.add(("{n} meeting", "{n} meetings"), ("{n} cyfarfod", "{n} cyfarfod*1", "{n} gyfarfod", "{n} chyfarfod",
                                                  "{n} chyfarfod*6", "{n} cyfarfod*other"))
    catalog.add("Wednesday", "Dydd Mercher")
    catalog.add("May", "Mai")
    catalog.add("&New person…", "&Person newydd…")
    catalog.add("E&xport…", "&Allforio…")
    target = folder / "cy" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return folder

"""Made-up but realistic data for demonstrations, training and testing PartnerDesk with many people.

The same seed and the same "today" always give exactly the same data, so a demo or a speed test can be repeated.
Nothing here is about a real person: names are combined at random, streets are invented, phone numbers come
from Ofcom's drama ranges and email addresses use the example domains that are reserved for documentation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Column, Connection, MetaData, Table, insert, select
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk.demo.expenses import add_demo_expenses
from partnerdesk.demo.meetings import add_demo_meetings
from partnerdesk.demo.people import PeopleMaker, people_batches
from partnerdesk.demo.programmes import ProgrammesMade, add_demo_programmes
from partnerdesk.demo.wellbeing import add_demo_wellbeing
from partnerdesk.records import tables
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.store import Store

#: How much of the database SQLite may keep in memory while filling it (256 MB; returned afterwards).
CACHE_KIB = 262_144


@dataclass(frozen=True)
class DemoSummary:
    """How many records fill_demo added."""

    people: int
    organisations: int
    committees: int
    memberships: int
    meetings: int = 0  # pre-meetings and debriefs included
    attendance: int = 0  # invitations, with attendance where the meeting has happened
    actions: int = 0
    claims: int = 0  # expense claims, in every status
    claim_lines: int = 0
    checks: int = 0  # wellbeing checks
    supervision_sessions: int = 0
    training_records: int = 0
    programmes: int = 0  # mentoring and buddying programmes
    programme_pairs: int = 0
    programmes_made: ProgrammesMade | None = None  # the programmes' names and what they hold


def _staging_table() -> Table:
    """A temporary copy of the people table's columns (no indexes, no triggers) to gather each batch in.

    Column defaults are not copied, so PeopleMaker.person fills every column (tests/unit/test_demo.py checks).
    """
    columns = (Column(column.name, column.type) for column in tables.people.columns)
    return Table("demo_people_staging", MetaData(), *columns, prefixes=["TEMPORARY"])


@contextmanager
def _big_cache(connection: Connection) -> Iterator[None]:
    """Let SQLite keep up to CACHE_KIB of the database in memory while the demo data goes in, then shrink back.

    With the usual small cache, SQLite keeps writing half-finished index pages out and reading them back.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        # Shrinking the cache hands the memory back; failing to do so must not hide the error that got us here.
        with suppress(SQLAlchemyError):
            connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


def fill_demo(store: Store, people: int = 500, seed: int = 1, today: date | None = None) -> DemoSummary:
    """Add demo organisations, committees, people, their committee seats, a year of committee meetings (see
    services.demo_meetings) and of wellbeing checks, supervision and training (services.demo_wellbeing) to a
    database, all in one go.

    Works on an empty database or one that already has records. Adding the same seed twice to one database is
    refused (the records would have the same ids), so pick another seed to add more.
    """
    if people < 0:
        raise ValueError("people must not be negative")
    maker = PeopleMaker(seed, today or today_uk())
    orgs, committees = maker.organisations()
    committee_ids = [c["id"] for c in committees]
    org_table, person_table = tables.organisations, tables.people
    staging = _staging_table()
    copy_people = insert(person_table).from_select(list(person_table.columns.keys()), select(*staging.columns))
    memberships = 0
    with store.transaction() as session:
        if session.execute(select(org_table.c.id).where(org_table.c.id == orgs[0]["id"])).first():
            raise ValidationError({"": f"Demo data from seed {seed} is already in this database. Try another seed."})
        session.execute(insert(org_table), orgs)
        session.execute(insert(tables.committees), committees)
        connection = session.connection()
        # A temporary table lives only in this connection and goes if the transaction is rolled back.
        staging.create(connection)
        with _big_cache(connection):
            for person_rows, role_rows, seat_rows in people_batches(maker, people, committee_ids):
                # The search index writes out what it has gathered at every statement savepoint, and a statement
                # that fires a trigger takes one, so inserting people one row per statement is several times
                # slower. One INSERT ... SELECT per batch still goes through the people table and its triggers.
                session.execute(insert(staging), person_rows)
                session.execute(copy_people)
                session.execute(staging.delete())
                session.execute(insert(tables.person_roles), role_rows)
                if seat_rows:
                    session.execute(insert(tables.memberships), seat_rows)
                memberships += len(seat_rows)
        staging.drop(connection)
        made = add_demo_meetings(session, [(c["id"], c["name"]) for c in committees], seed, maker.today)
        spent = add_demo_expenses(session, seed, maker.today, claims=min(max(people // 5, 30), 3000))
        wellbeing = add_demo_wellbeing(session, seed, maker.today)
        programmes = add_demo_programmes(session, seed, maker.today)
    store.tidy_after_bulk_load()
    return DemoSummary(
        people=people,
        organisations=len(orgs),
        committees=len(committees),
        memberships=memberships,
        meetings=made.meetings,
        attendance=made.attendance,
        actions=made.actions,
        claims=spent.claims,
        claim_lines=spent.lines,
        checks=wellbeing.checks,
        supervision_sessions=wellbeing.sessions,
        training_records=wellbeing.training,
        programmes=programmes.programmes,
        programme_pairs=programmes.pairs,
        programmes_made=programmes,
    )

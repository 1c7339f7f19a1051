"""Made-up but realistic data for demonstrations, training and testing PartnerDesk with many people.

The same seed and the same "today" always give exactly the same data, so a demo or a speed test can be repeated.
Nothing here is about a real person: names are combined at random, streets are invented, phone numbers come
from Ofcom's drama ranges and email addresses use the example domains that are reserved for documentation.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, insert, select
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk.records import Committee, Membership, Organisation, Person, PersonRole
from partnerdesk.records import vocab as v
from partnerdesk.rules.dates import today_uk
from partnerdesk.services import demo_names as names
from partnerdesk.services.demo_common import DEMO_USER, QuickRandom, Weighted, ascii_name, working_moment
from partnerdesk.services.demo_expenses import add_demo_expenses
from partnerdesk.services.demo_meetings import add_demo_meetings
from partnerdesk.services.demo_wellbeing import add_demo_wellbeing
from partnerdesk.services.errors import ValidationError
from partnerdesk.store import Store

#: Rows sent to the database at a time: big enough to be quick, small enough to keep memory low.
CHUNK = 5000
#: How much of the database SQLite may keep in memory while filling it (256 MB; returned afterwards).
CACHE_KIB = 262_144
#: Roles whose holders sit on committees.
REP_ROLES = frozenset({"service_user_rep", "carer_rep", "backup_rep"})


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


_CULTURES = Weighted(list(names.CULTURES.values()), [c.weight for c in names.CULTURES.values()])
_ALL_CULTURES = list(names.CULTURES.values())
_PLACES = Weighted(names.PLACES, names.PLACE_WEIGHTS)
_PHONES = Weighted([f for f, _ in names.PHONE_FORMATS], [w for _, w in names.PHONE_FORMATS])
_STATUSES = Weighted(["interested", "active", "paused", "left"], [24, 52, 11, 13])
_ROLES = Weighted(
    list(v.ROLES),
    # Same order as vocab.ROLES: representatives and peer supporters are most of the people a worker knows.
    [34, 16, 8, 16, 6, 2, 4, 5, 4],
)
_PAYMENTS = Weighted(["paid", "expenses_only", "no_payments", None], [45, 20, 12, 23])
_CONSENT_HOW = Weighted(list(v.CONSENT_METHODS), [30, 30, 25, 15])
_NEEDS = Weighted(list(v.ACCESS_NEEDS), [5, 5, 2, 3, 1, 3, 5, 3, 3])

# Ways to reach someone and send papers, limited to the details we hold; worked out once for each combination
# of (email, phone, mobile, address) rather than for every person.
_CONTACT_WAYS = {
    (e, p, m, a): Weighted(["email", "phone", "text", "post", "in_person"], [50 * e, 20 * p, 15 * m, 10 * a, 5])
    for e, p, m, a in product((False, True), repeat=4)
}
_PAPER_WAYS = {
    (e, a): Weighted(["email", "post", "large_print", "easy_read", "other", None], [60 * e, 15 * a, 6, 7, 3, 15])
    for e, a in product((False, True), repeat=2)
}
_ROLE_ORDER = {code: i for i, code in enumerate(v.ROLES)}
_NEED_ORDER = {code: i for i, code in enumerate(v.ACCESS_NEEDS)}

class _Maker:
    """Makes rows one after another from a single random stream, so the result depends only on seed and today."""

    def __init__(self, seed: int, today: date):
        self.rng = QuickRandom(seed)
        self.today = today
        self.emails: set[str] = set()
        self.email_numbers: dict[str, int] = {}

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def shared(self, created_day: date, updated_day: date | None = None) -> dict[str, Any]:
        """The columns every record has."""
        created = working_moment(created_day, self.rng)
        updated = working_moment(updated_day, self.rng) if updated_day and updated_day > created_day else created
        moments = {"created_at": created, "updated_at": updated, "deleted_at": None}
        return {"id": self.uid(), **moments, "created_by": DEMO_USER, "updated_by": DEMO_USER}

    # --- organisations and committees ---

    def organisations(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        orgs, committees = [], []
        for name, kind, committee_names in names.ORGANISATIONS:
            org = {**self.shared(self.days_ago(1200, 2000)), "name": name, "kind": kind, "notes": None}
            orgs.append(org)
            for committee_name in committee_names:
                row = self.shared(self.days_ago(700, 1200))
                row.update(organisation_id=org["id"], name=committee_name, notes=None)
                committees.append(row)
        return orgs, committees

    # --- people ---

    def name(self) -> tuple[str, str, str | None, str | None]:
        """Full name, gender of the given name, preferred name, and the culture's other language."""
        rng = self.rng
        culture = _CULTURES(rng)
        r = rng.random()
        gender = "neutral" if r < 0.06 else "female" if r < 0.54 else "male"
        pool = names.NEUTRAL if gender == "neutral" else culture.female if gender == "female" else culture.male
        given = rng.choice(pool)
        # Some people have a surname from another background, as families and marriages mix.
        surname_culture = culture if rng.random() < 0.9 else rng.choice(_ALL_CULTURES)
        surname = self.surname(surname_culture, gender)
        if rng.random() < 0.03:
            surname = f"{surname}-{self.surname(rng.choice(_ALL_CULTURES), gender)}"
        parts = [given]
        if gender != "neutral" and rng.random() < 0.08:
            middle = rng.choice(pool)
            if middle != given:
                parts.append(middle)
        parts.append(surname)
        nicknames = names.NICKNAMES.get(given)
        preferred = rng.choice(nicknames) if nicknames and rng.random() < 0.5 else None
        return " ".join(parts), gender, preferred, culture.other_language

    def surname(self, culture: names.Culture, gender: str) -> str:
        surname = self.rng.choice(culture.surnames)
        if "/" in surname:
            male, female = surname.split("/")
            feminine = gender == "female" or (gender == "neutral" and self.rng.random() < 0.5)
            surname = female if feminine else male
        return surname

    def email(self, full_name: str) -> str:
        rng = self.rng
        words = full_name.split(" ")
        first, last = ascii_name(words[0]), ascii_name(words[-1])
        style = rng.choice(names.EMAIL_STYLES)
        local = style.format(first=first, last=last, initial=first[0], number=rng.randint(10, 99))
        domain = rng.choice(names.EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        # Two people rarely share an address, so add a number as real people do when their name is taken.
        # Each address remembers the last number it gave out, so a common name doesn't re-check 1, 2, 3, ...
        n = self.email_numbers.get(email, 1)
        candidate = email
        while candidate in self.emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.email_numbers[email] = n
        self.emails.add(candidate)
        return candidate

    def address(self) -> dict[str, str]:
        rng = self.rng
        town, district, neighbourhoods = _PLACES(rng)
        if rng.random() < 0.2:
            street = f"{rng.choice(names.WELSH_STREET_STARTS)} {rng.choice(names.WELSH_STREET_STEMS)}"
        else:
            street = f"{rng.choice(names.STREET_STEMS)} {rng.choice(names.STREET_ENDINGS)}"
        number = rng.randint(1, 180)
        if rng.random() < 0.15:
            line1, line2 = f"Flat {rng.randint(1, 40)}, {rng.choice(names.BUILDINGS)}", f"{number} {street}"
        else:
            line1 = f"{number} {street}"
            line2 = rng.choice(neighbourhoods) if neighbourhoods and rng.random() < 0.5 else None
        letters = names.POSTCODE_LETTERS
        postcode = f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        return {"address_line1": line1, "address_line2": line2, "town": town, "postcode": postcode}

    def roles(self) -> list[str]:
        chosen = [_ROLES(self.rng)]
        if self.rng.random() < 0.3:
            second = _ROLES(self.rng)
            if second not in chosen:
                chosen.append(second)
        return sorted(chosen, key=_ROLE_ORDER.__getitem__)

    def contact_choices(self, row: dict[str, Any]) -> None:
        """How to reach the person, how to send papers, and any access needs."""
        rng = self.rng
        email, phone, address = bool(row["email"]), bool(row["phone"]), bool(row["address_line1"])
        mobile = phone and "7700" in row["phone"]
        ways = _CONTACT_WAYS[email, phone, mobile, address]
        row["preferred_contact"] = ways(rng) if rng.random() < 0.95 else None
        papers = _PAPER_WAYS[email, address](rng)
        row["papers_format"] = papers
        row["papers_format_details"] = rng.choice(names.PAPERS_OTHER) if papers == "other" else None
        needs: set[str] = set()
        if rng.random() < 0.22:
            needs.update(_NEEDS(rng) for _ in range(rng.choice((1, 1, 2))))
        if papers in ("large_print", "easy_read") and rng.random() < 0.5:
            needs.add(papers)
        row["access_needs"] = sorted(needs, key=_NEED_ORDER.__getitem__)
        row["access_needs_details"] = rng.choice(names.ACCESS_OTHER) if "other" in needs else None

    def consent(self, row: dict[str, Any]) -> date | None:
        """Consent details, spread so that some reviews are overdue or due soon; returns the date given."""
        rng, today = self.rng, self.today
        row.update(consent_given_on=None, consent_how=None, consent_for=None, consent_review_on=None)
        if rng.random() < 0.12:
            return None
        r = rng.random()
        if r < 0.08:
            review = today - timedelta(days=rng.randint(1, 120))
        elif r < 0.15:
            review = today + timedelta(days=rng.randint(0, 30))
        else:
            review = today + timedelta(days=rng.randint(31, 730))
        # Consent is usually reviewed one or two years after it is given, and is never given in the future.
        given = min(review - timedelta(days=rng.randint(365, 730)), self.days_ago(7, 60))
        purposes = [names.CONSENT_PURPOSES[0], *rng.sample(names.CONSENT_PURPOSES[1:], rng.randint(0, 2))]
        row.update(
            consent_given_on=given,
            consent_how=_CONSENT_HOW(rng),
            consent_for="; ".join(purposes),
            consent_review_on=review if rng.random() < 0.92 else None,
        )
        return given

    def person(self) -> tuple[dict[str, Any], list[str]]:
        """One person's row and their role codes."""
        rng = self.rng
        full_name, gender, preferred, other_language = self.name()
        row: dict[str, Any] = {"full_name": full_name, "preferred_name": preferred}
        row["pronouns"] = (
            rng.choice(names.PRONOUNS[gender]) if rng.random() < (0.6 if gender == "neutral" else 0.3) else None
        )
        row["status"] = _STATUSES(rng)
        row["email"] = self.email(full_name) if rng.random() < 0.85 else None
        row["phone"] = _PHONES(rng).format(rng.randint(0, 999)) if rng.random() < 0.8 else None
        if rng.random() < 0.7:
            row.update(self.address())
        else:
            row.update(address_line1=None, address_line2=None, town=None, postcode=None)
        self.contact_choices(row)
        welsh_chance = 0.3 if other_language == "Welsh" else 0.03
        r = rng.random()
        if r < welsh_chance:
            row["language"], row["language_other"] = "welsh", None
        elif other_language and other_language != "Welsh" and r < welsh_chance + 0.12:
            row["language"], row["language_other"] = "other", other_language
        else:
            row["language"], row["language_other"] = "english", None
        row["payment_preference"] = _PAYMENTS(rng)
        given = self.consent(row)
        if rng.random() < 0.6:
            picked = rng.sample(names.INTERESTS, rng.randint(1, 3))
            text = ", ".join(picked)
            row["interests"] = text[0].upper() + text[1:]
        else:
            row["interests"] = None
        row["notes"] = rng.choice(names.NOTES) if rng.random() < 0.08 else None
        created_day = given - timedelta(days=rng.randint(0, 14)) if given else self.days_ago(1, 1500)
        updated_day = created_day + timedelta(days=rng.randint(0, max((self.today - created_day).days - 1, 0)))
        row.update(self.shared(created_day, updated_day))
        return row, self.roles()

    # --- seats on committees ---

    def seats(self, person_id: str, status: str, roles: list[str], committee_ids: list[str]) -> list[dict[str, Any]]:
        """Terms of office for one representative; some end within the next 60 days, some are over."""
        rng, today = self.rng, self.today
        chance = {"active": 0.7, "paused": 0.4, "left": 0.5}.get(status, 0.0)
        if rng.random() >= chance:
            return []
        rows = []
        for committee_id in rng.sample(committee_ids, min(rng.choice((1, 1, 1, 2, 2, 3)), len(committee_ids))):
            length = timedelta(days=rng.choice((365, 730, 1095)))
            if status == "left":
                end: date | None = today - timedelta(days=rng.randint(1, 700))
            else:
                r = rng.random()
                if r < 0.15:
                    end = today + timedelta(days=rng.randint(0, 60))
                elif r < 0.25:
                    end = None  # no fixed end, as some local groups have
                else:
                    end = today + timedelta(days=rng.randint(61, 1000))
            start = (end or today + timedelta(days=rng.randint(0, 700))) - length
            if start >= today:
                start = self.days_ago(14, 300)
            row = self.shared(min(start, today - timedelta(days=1)) - timedelta(days=rng.randint(0, 30)))
            backup = "backup_rep" in roles or rng.random() < 0.1
            row.update(person_id=person_id, committee_id=committee_id, term_start=start, term_end=end, is_backup=backup)
            rows.append(row)
        return rows


def _batches(maker: _Maker, people: int, committee_ids: list[str]) -> Iterator[tuple[list, list, list]]:
    """People, their roles and their seats, CHUNK people at a time."""
    made = 0
    while made < people:
        batch = min(CHUNK, people - made)
        person_rows: list[dict[str, Any]] = []
        role_rows: list[dict[str, Any]] = []
        seat_rows: list[dict[str, Any]] = []
        for _ in range(batch):
            row, roles = maker.person()
            person_rows.append(row)
            role_rows.extend({"person_id": row["id"], "role": role} for role in roles)
            if REP_ROLES.intersection(roles):
                seat_rows.extend(maker.seats(row["id"], row["status"], roles, committee_ids))
        made += batch
        yield person_rows, role_rows, seat_rows


def _staging_table() -> Table:
    """A temporary copy of the people table's columns (no indexes, no triggers) to gather each batch in.

    Column defaults are not copied, so _Maker.person fills every column (tests/unit/test_demo.py checks).
    """
    columns = (Column(column.name, column.type) for column in Person.__table__.columns)
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
    maker = _Maker(seed, today or today_uk())
    orgs, committees = maker.organisations()
    committee_ids = [c["id"] for c in committees]
    org_table, person_table = Organisation.__table__, Person.__table__
    staging = _staging_table()
    copy_people = insert(person_table).from_select(list(person_table.columns.keys()), select(*staging.columns))
    memberships = 0
    with store.transaction() as session:
        if session.execute(select(org_table.c.id).where(org_table.c.id == orgs[0]["id"])).first():
            raise ValidationError({"": f"Demo data from seed {seed} is already in this database. Try another seed."})
        session.execute(insert(org_table), orgs)
        session.execute(insert(Committee.__table__), committees)
        connection = session.connection()
        # A temporary table lives only in this connection and goes if the transaction is rolled back.
        staging.create(connection)
        with _big_cache(connection):
            for person_rows, role_rows, seat_rows in _batches(maker, people, committee_ids):
                # The search index writes out what it has gathered at every statement savepoint, and a statement
                # that fires a trigger takes one, so inserting people one row per statement is several times
                # slower. One INSERT ... SELECT per batch still goes through the people table and its triggers.
                session.execute(insert(staging), person_rows)
                session.execute(copy_people)
                session.execute(staging.delete())
                session.execute(insert(PersonRole.__table__), role_rows)
                if seat_rows:
                    session.execute(insert(Membership.__table__), seat_rows)
                memberships += len(seat_rows)
        staging.drop(connection)
        made = add_demo_meetings(session, [(c["id"], c["name"]) for c in committees], seed, maker.today)
        spent = add_demo_expenses(session, seed, maker.today, claims=min(max(people // 5, 30), 3000))
        wellbeing = add_demo_wellbeing(session, seed, maker.today)
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
    )

"""The demo data: right counts, repeatable, valid, searchable, and with something for the Today page to show."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from partnerdesk.demo.build import DemoSummary, fill_demo
from partnerdesk.demo.common import DEMO_USER
from partnerdesk.demo.people import PeopleMaker
from partnerdesk.records import tables
from partnerdesk.records import vocab as v
from partnerdesk.records.people import Committee, Membership, Organisation, Person, PersonRole
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.people.listing import PeopleFilter, count_people
from partnerdesk.services.people.people import clean_person, person_data
from partnerdesk.services.people.today import consent_reviews_due, terms_ending
from tests.builders import new_store

TODAY = date(2026, 11, 23)
# Ofcom's drama ranges, written as the demo writes them.
DRAMA_PHONE = re.compile(r"^(07700 900|\+44 7700 900|029 2018 0|0161 496 0|020 7946 0|0117 496 0)\d{3}$")


def _count(session, record) -> int:
    return session.execute(select(func.count()).select_from(record)).scalar_one()


def _snapshot(store) -> dict[str, list]:
    """Everything that should come out the same for the same seed and day."""
    with store.reader() as session:
        return {
            "people": sorted(session.execute(select(Person.id, Person.full_name, Person.email, Person.updated_at))),
            "roles": sorted(session.execute(select(PersonRole.person_id, PersonRole.role))),
            "seats": sorted(
                session.execute(select(Membership.id, Membership.person_id, Membership.term_end, Membership.is_backup))
            ),
            "committees": sorted(session.execute(select(Committee.id, Committee.name))),
        }


def test_counts_match_the_summary(store):
    summary = fill_demo(store, people=300, seed=1, today=TODAY)

    assert isinstance(summary, DemoSummary)
    assert summary.people == 300
    assert 6 <= summary.organisations <= 10
    assert 15 <= summary.committees <= 25
    assert summary.memberships > 0
    with store.reader() as session:
        assert _count(session, Person) == 300
        assert _count(session, Organisation) == summary.organisations
        assert _count(session, Committee) == summary.committees
        assert _count(session, Membership) == summary.memberships
        kinds = set(session.scalars(select(Organisation.kind)))
        assert {"nhs", "council", "vcs"} <= kinds <= set(v.ORGANISATION_KINDS)
        for record in (Person, Organisation, Committee, Membership):
            assert set(session.scalars(select(record.created_by))) == {DEMO_USER}
            assert set(session.scalars(select(record.updated_by))) == {DEMO_USER}
        roles_per_person = session.execute(
            select(func.count()).select_from(PersonRole).group_by(PersonRole.person_id)
        ).scalars()
        assert set(roles_per_person) <= {1, 2}
        assert _count(session, PersonRole) >= 300


def test_the_same_seed_gives_the_same_data(store, tmp_path):
    other = new_store(tmp_path, "other.sqlite3")
    try:
        fill_demo(store, people=200, seed=7, today=TODAY)
        fill_demo(other, people=200, seed=7, today=TODAY)
        assert _snapshot(store) == _snapshot(other)
    finally:
        other.close()


def test_a_different_seed_gives_different_data(store, tmp_path):
    other = new_store(tmp_path, "other.sqlite3")
    try:
        fill_demo(store, people=200, seed=1, today=TODAY)
        fill_demo(other, people=200, seed=2, today=TODAY)
        first, second = _snapshot(store), _snapshot(other)
        assert not {row.id for row in first["people"]} & {row.id for row in second["people"]}
        assert [row.full_name for row in first["people"]] != [row.full_name for row in second["people"]]
    finally:
        other.close()


def test_every_person_passes_the_same_checks_as_the_person_form(store):
    # clean_person refuses consent given after the real today, so use it here.
    fill_demo(store, people=400, seed=3, today=today_uk())

    with store.reader() as session:
        people = list(session.scalars(select(Person)))
        for person in people:
            clean = clean_person(person_data(person))  # raises ValidationError if anything is wrong
            assert clean["postcode"] == person.postcode  # already tidy, as the form would save it
            if person.email:
                assert person.email.rsplit("@", 1)[1] in ("example.org", "example.com", "example.net")
            if person.phone:
                assert DRAMA_PHONE.match(person.phone), person.phone
    emails = [p.email for p in people if p.email]
    assert len(emails) == len(set(emails))


def test_the_people_look_like_a_real_contact_list(store):
    fill_demo(store, people=500, seed=1, today=TODAY)

    with store.reader() as session:
        people = list(session.scalars(select(Person)))
        backups = session.scalars(select(Membership.is_backup)).all()
    names = [p.full_name for p in people]
    assert any(not name.isascii() for name in names)
    assert {"interested", "active", "paused", "left"} == {p.status for p in people}
    assert any(p.preferred_name for p in people) and any(not p.preferred_name for p in people)
    assert any(p.pronouns for p in people) and any(not p.pronouns for p in people)
    assert any(p.language == "welsh" for p in people)
    assert {p.payment_preference for p in people} >= {"paid", "expenses_only", "no_payments", None}
    with_needs = [p for p in people if p.access_needs]
    assert 0 < len(with_needs) < len(people) / 2
    assert all(set(p.access_needs) <= set(v.ACCESS_NEEDS) for p in with_needs)
    assert all(p.consent_given_on < TODAY for p in people if p.consent_given_on)
    assert any(backups) and not all(backups)


def test_the_search_index_finds_demo_people(store):
    fill_demo(store, people=500, seed=1, today=TODAY)

    with store.reader() as session:
        people = list(session.scalars(select(Person)))
        surname = people[0].full_name.split()[-1]
        assert count_people(session, PeopleFilter(search=surname)) >= 1
        # Accents are folded, so "muller" finds "Müller" and "lukasz" finds "Łukasz".
        accented = next(p.full_name for p in people if not p.full_name.isascii())
        word = next(w for w in accented.split() if not w.isascii())
        plain = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore")
        assert count_people(session, PeopleFilter(search=plain.decode())) >= 1
        indexed = session.execute(text("SELECT count(*) FROM people_search")).scalar_one()
        assert indexed == len(people)


def test_some_terms_end_soon_and_some_consent_reviews_are_due(store):
    fill_demo(store, people=500, seed=1, today=TODAY)

    with store.reader() as session:
        ending = terms_ending(session, TODAY)
        reviews = consent_reviews_due(session, TODAY)
        starts = session.scalars(select(Membership.term_start)).all()
    assert ending
    assert all(TODAY <= t.term_end <= TODAY + timedelta(days=60) for t in ending)
    assert all(start < TODAY for start in starts)
    assert any(r.review_on < TODAY for r in reviews)  # overdue
    assert any(TODAY <= r.review_on <= TODAY + timedelta(days=30) for r in reviews)  # due soon


def test_adds_to_a_database_that_already_has_records(store):
    fill_demo(store, people=100, seed=1, today=TODAY)
    fill_demo(store, people=50, seed=2, today=TODAY)

    with store.reader() as session:
        assert _count(session, Person) == 150


def test_the_same_seed_twice_is_refused_and_changes_nothing(store):
    fill_demo(store, people=100, seed=1, today=TODAY)

    with pytest.raises(ValidationError):
        fill_demo(store, people=100, seed=1, today=TODAY)
    with store.reader() as session:
        assert _count(session, Person) == 100


def test_leaves_the_connection_as_it_found_it(store):
    with store.engine.connect() as connection:
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()

    fill_demo(store, people=50, seed=1, today=TODAY)

    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == before
        assert connection.exec_driver_sql("SELECT count(*) FROM sqlite_temp_master").scalar_one() == 0


def test_no_people_still_adds_organisations_and_committees(store):
    summary = fill_demo(store, people=0, seed=1, today=TODAY)

    assert summary.people == 0 and summary.memberships == 0
    with store.reader() as session:
        assert _count(session, Committee) == summary.committees


def test_demo_people_fill_every_column_of_the_people_table():
    # People are copied in from a staging table, so a column the demo leaves out would be saved as NULL rather
    # than get its default: a new column on Person must be added to the demo too.
    row, _roles = PeopleMaker(seed=1, today=TODAY).person()
    assert set(row) == set(tables.people.columns.keys())

"""The retention schedule: people who left long ago and old wellbeing checks are listed for review (as the
organisation's settings say), and old checks can be removed for good, audited."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from partnerdesk.services.common import audit
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.people.retention import remove_old_checks
from partnerdesk.services.people.today import retention_reviews, years_before
from tests.builders import add_check, add_person, count_rows, new_store

TODAY = date(2026, 6, 1)


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


def _age(store, person_id: str, when: str) -> None:
    """Make a person's record last changed on a day (a test stands in for the years going by)."""
    with store.glance() as connection:
        connection.execute(text("UPDATE people SET updated_at = :when WHERE id = :id"), {"when": when, "id": person_id})
        connection.commit()


def test_people_who_left_long_ago_and_old_checks_are_listed_for_review(store):
    long_gone = add_person(store, full_name="Long Gone", status="left")
    recently_gone = add_person(store, full_name="Recently Gone", status="left")
    still_here = add_person(store, full_name="Still Here", status="active")
    _age(store, long_gone, "2019-01-01 09:00:00.000000")
    _age(store, recently_gone, "2024-01-01 09:00:00.000000")
    _age(store, still_here, "2019-01-01 09:00:00.000000")
    add_check(store, still_here, at=datetime(2017, 1, 5, 10, tzinfo=UTC))
    add_check(store, still_here, at=datetime(2019, 1, 5, 10, tzinfo=UTC))
    add_check(store, still_here, at=datetime(2025, 1, 5, 10, tzinfo=UTC))

    with store.reader() as session:
        due = retention_reviews(session, TODAY, left_years=6, check_years=6)

    assert [(r.person_name, r.left_on, r.old_checks) for r in due] == [
        ("Long Gone", date(2019, 1, 1), 0), ("Still Here", None, 2)]


def test_the_settings_decide_how_long(store):
    with store.transaction() as session:
        set_setting(session, "retention_check_years", 2)
    person = add_person(store)
    add_check(store, person, at=datetime(2024, 1, 5, 10, tzinfo=UTC))
    with store.transaction() as session:
        assert remove_old_checks(session, person, TODAY) == 1
    assert count_rows(store, "wellbeing_checks") == 0
    with store.reader() as session:
        (entry,) = audit.list_entries(session, audit.AuditFilter(kind="old_records_removed"))
    assert (entry["object_id"], entry["details"]) == (person, {"removed": 1})


def test_only_checks_older_than_the_schedule_go(store):
    person = add_person(store)
    add_check(store, person, at=datetime(2019, 1, 5, 10, tzinfo=UTC))
    add_check(store, person, at=datetime(2025, 1, 5, 10, tzinfo=UTC))
    with store.transaction() as session:
        assert remove_old_checks(session, person, TODAY) == 1
    assert count_rows(store, "wellbeing_checks") == 1


def test_a_leap_day_goes_back_to_the_28th():
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)

"""Snoozed Today lines (services.common.snoozes): kept per worker until a day, refused for a day gone or too far,
and a database from 0008_versions upgraded to hold them with its data kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect

from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.snoozes import LONGEST_SNOOZE_DAYS, snooze_line, snoozed_lines, wake_line
from partnerdesk.services.people.people import get_person
from partnerdesk.store import open_store
from partnerdesk.store.engine import current_revision
from partnerdesk.store.revisions import HEAD_REVISION
from tests.builders import database_at_revision, revision_in_file

TODAY = date(2026, 12, 3)


def test_a_snooze_lasts_until_its_day_and_snoozing_again_moves_the_day(store, monkeypatch):
    monkeypatch.setenv("PARTNERDESK_USER", "sam")
    with store.transaction() as session:
        snooze_line(session, "follow_ups", "check-1", TODAY + timedelta(days=2), TODAY)
    with store.glance() as db:
        assert snoozed_lines(db, TODAY) == {("follow_ups", "check-1"): TODAY + timedelta(days=2)}
        assert snoozed_lines(db, TODAY + timedelta(days=1)) != {}
        assert snoozed_lines(db, TODAY + timedelta(days=2)) == {}  # its day has come: shown again
        assert snoozed_lines(db, TODAY, worker="alex") == {}  # a colleague still sees it
    with store.transaction() as session:
        snooze_line(session, "follow_ups", "check-1", TODAY + timedelta(days=9), TODAY)
    with store.glance() as db:
        assert snoozed_lines(db, TODAY + timedelta(days=5)) == {("follow_ups", "check-1"): TODAY + timedelta(days=9)}
    with store.transaction() as session:
        wake_line(session, "follow_ups", "check-1")
    with store.glance() as db:
        assert snoozed_lines(db, TODAY) == {}


@pytest.mark.parametrize(("days", "words"), [(0, "after today"), (-3, "after today"),
                                             (LONGEST_SNOOZE_DAYS + 1, "up to a year ahead")])  # fmt: skip
def test_a_day_gone_or_too_far_off_is_refused_in_plain_words(store, days, words):
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        snooze_line(session, "consent", "person-1", TODAY + timedelta(days=days), TODAY)
    assert words in refused.value.messages["until"]


def test_a_database_from_0008_is_upgraded_to_keep_snoozes_and_its_people(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0008_versions")
    store = open_store(path)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        assert "today_snoozes" in inspect(store.engine).get_table_names()
        with store.reader() as session:
            assert get_person(session, person_id).full_name == "Ffion Older"
        with store.transaction() as session:
            snooze_line(session, "consent", person_id, TODAY + timedelta(days=7), TODAY)
        with store.glance() as db:
            assert set(snoozed_lines(db, TODAY)) == {("consent", person_id)}
    finally:
        store.close()
    assert revision_in_file(path) == HEAD_REVISION

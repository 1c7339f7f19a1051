"""Emptying the Bin: records deleted for good with what hangs off them, finance records kept, the automatic sweep."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from partnerdesk.services.bin.purge import REMOVED_NAME, empty_bin, sweep_old, waiting_count
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import get_setting, set_setting
from partnerdesk.services.expenses.claims import delete_claim
from partnerdesk.services.expenses.status import submit_claim
from partnerdesk.services.meetings.meetings import delete_meeting
from partnerdesk.services.people.listing import PeopleFilter, count_people
from partnerdesk.services.people.people import delete_person
from tests.builders import (
    add_check,
    add_claim,
    add_committee,
    add_invitations,
    add_line,
    add_meeting,
    add_membership,
    add_pair,
    add_person,
    bin_record,
    count_rows,
    new_store,
)
from tests.marker_check import MARKER

NAME = "Zebedee Quartermaine"


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


def _file_bytes(store) -> bytes:
    path = store.path
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def _found_by_search(store, word: str, in_bin: bool) -> int:
    with store.reader() as session:
        return count_people(session, PeopleFilter(search=word, in_bin=in_bin))


def test_a_person_emptied_from_the_bin_is_gone_with_what_hangs_off_them_even_from_the_file(store):
    person = add_person(store, full_name=NAME)
    other = add_person(store)
    committee = add_committee(store)
    add_membership(store, person, committee, date(2025, 1, 1))
    meeting = add_meeting(store, committee)
    add_invitations(store, meeting, [person, other])
    add_check(store, person)
    add_pair(store, other, person)
    bin_record(store, delete_person, person)
    with store.reader() as session:
        assert waiting_count(session) == 1

    with store.transaction() as session:
        emptied = empty_bin(session)
    store.checkpoint_after_erasure()

    assert (emptied.deleted, emptied.people_removed) == (1, 0)
    with store.reader() as session:
        assert waiting_count(session) == 0
    assert count_rows(store, "people") == 1  # the other person stays
    assert count_rows(store, "wellbeing_checks") == count_rows(store, "memberships") == 0
    assert count_rows(store, "supervision_pairs") == 0
    assert count_rows(store, "attendance") == 1  # the other person's invitation stays
    assert count_rows(store, "meetings") == 1
    assert _found_by_search(store, "Zebedee", in_bin=True) == 0
    content = _file_bytes(store)
    for secret in (NAME, MARKER):  # the name and the check's confidential notes, in the file's bytes
        assert secret.encode() not in content
        assert secret.encode("utf-16-le") not in content


def test_a_person_with_expense_claims_loses_their_details_and_the_claims_keep_their_amounts(store):
    person = add_person(store, full_name=NAME, email="zeb@example.org")
    claim = add_claim(store, person)
    add_line(store, claim, amount="12.30")
    with store.transaction() as session:
        submit_claim(session, claim, confirmed=True)
    add_check(store, person)
    bin_record(store, delete_person, person)

    with store.transaction() as session:
        emptied = empty_bin(session)
    store.checkpoint_after_erasure()

    assert (emptied.deleted, emptied.people_removed) == (0, 1)
    with store.glance() as connection:
        row = connection.execute(text("SELECT full_name, email, phone, postcode, deleted_at FROM people")).one()
        total = connection.execute(text("SELECT total_pence FROM claims WHERE id = :id"), {"id": claim}).scalar()
    assert row[:4] == (REMOVED_NAME, None, None, None)
    assert row[4] is not None  # still out of every list
    assert total == 1230
    assert count_rows(store, "wellbeing_checks") == 0
    assert _found_by_search(store, "Zebedee", in_bin=True) == 0
    assert NAME.encode() not in _file_bytes(store)
    with store.reader() as session:  # nothing more to do: emptying again leaves the removed person alone
        assert waiting_count(session) == 0


def test_draft_claims_in_the_bin_go_and_claims_sent_for_approval_stay(store):
    person = add_person(store)
    draft, sent = add_claim(store, person), add_claim(store, person)
    for claim in (draft, sent):
        add_line(store, claim)
    with store.transaction() as session:
        submit_claim(session, sent, confirmed=True)
    bin_record(store, delete_claim, draft)
    bin_record(store, delete_claim, sent)

    with store.transaction() as session:
        emptied = empty_bin(session)

    assert (emptied.deleted, emptied.claims_kept) == (1, 1)
    with store.glance() as connection:
        left = connection.execute(text("SELECT id FROM claims")).scalars().all()
    assert left == [sent]
    assert count_rows(store, "claim_lines") == 1


def test_the_sweep_deletes_only_what_has_been_in_the_bin_longer_than_the_setting(store):
    old, recent = add_person(store), add_person(store)
    meeting = add_meeting(store)
    bin_record(store, delete_person, old, days_ago=31)
    bin_record(store, delete_person, recent, days_ago=29)
    bin_record(store, delete_meeting, meeting, days_ago=40)

    with store.transaction() as session:
        keep_days = get_setting(session, "bin_keep_days")
        emptied = sweep_old(session, keep_days)

    assert keep_days == 30
    assert emptied.deleted == 2
    with store.glance() as connection:
        assert connection.execute(text("SELECT id FROM people")).scalars().all() == [recent]
    assert count_rows(store, "meetings") == 0


def test_the_bin_setting_takes_whole_days_from_one_to_ten_years(store):
    with store.transaction() as session:
        set_setting(session, "bin_keep_days", "90")
        assert get_setting(session, "bin_keep_days") == 90
        with pytest.raises(ValidationError):
            set_setting(session, "bin_keep_days", 0)

"""Erasing a person: they and what hangs off them go from every row and from the file's bytes; claims sent for
approval keep their amounts for the accounts and lose everything that could name the person."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from partnerdesk.services.common import audit
from partnerdesk.services.common.drafts import save_draft
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.common.removal import REMOVED_NAME
from partnerdesk.services.common.snoozes import snooze_line
from partnerdesk.services.expenses.receipts import add_receipt
from partnerdesk.services.expenses.status import submit_claim
from partnerdesk.services.meetings.actions import add_action
from partnerdesk.services.people.erasure import erase_person
from partnerdesk.services.people.listing import PeopleFilter, count_people
from tests.builders import (
    TINY_PNG,
    add_check,
    add_claim,
    add_committee,
    add_invitations,
    add_line,
    add_meeting,
    add_membership,
    add_pair,
    add_person,
    add_session,
    count_rows,
    new_store,
)
from tests.marker_check import MARKER

#: Written into every text field about the person: found nowhere after erasure.
ERASE = "Quillonia"
NAME = f"{ERASE} Ferngrove"


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


def _everything_about(store, other: str) -> str:
    """A person with every kind of record, their name typed into other people's records too; returns their id."""
    person = add_person(store, full_name=NAME, preferred_name=ERASE, email=f"{ERASE.lower()}@example.org",
                        notes=f"{ERASE} notes", interests=f"{ERASE} interests", access_needs_details=f"{ERASE} needs",
                        consent_for=f"{ERASE} consent", address_line1=f"1 {ERASE} Street")  # fmt: skip
    committee = add_committee(store)
    add_membership(store, person, committee, date(2025, 1, 1))
    meeting = add_meeting(store, committee, notes="Agenda", contact_person_id=person, contact_name=NAME,
                          contact_phone="029 2000 1111")  # fmt: skip
    add_invitations(store, meeting, [person, other])
    add_check(store, person, concerns=f"{ERASE} concern")
    # They were the worker on someone else's check.
    add_check(store, other, worker_person_id=person, worker_name=NAME, confidential_notes="Settled")
    add_pair(store, other, person)
    add_session(store, other, [person], date(2025, 3, 3))
    with store.transaction() as session:
        add_action(session, meeting, {"description": "Send papers", "owner_person_id": person, "owner_name": NAME})
        save_draft(session, "person", person, NAME, {"full_name": NAME, "notes": f"{ERASE} half typed"})
        save_draft(session, "wellbeing_check", None, "New check", {"person_id": person, "concerns": "x"})
        snooze_line(session, "consent", person, date(2031, 1, 1), date(2030, 12, 1))
    sent = add_claim(store, person, notes=f"{ERASE} travel to the board")
    line = add_line(store, sent, description=f"{ERASE} parking", amount="12.30")
    with store.transaction() as session:
        add_receipt(session, line, f"{ERASE}-receipt.png", TINY_PNG)
        submit_claim(session, sent, confirmed=True)
    draft = add_claim(store, person, notes=f"{ERASE} draft")
    add_line(store, draft, description=f"{ERASE} draft line")
    return person


def _marker_rows(path) -> list[str]:
    """table.column for every text value in the file that holds the marker (or MARKER, a check's notes)."""
    con = sqlite3.connect(path)
    try:
        found = []
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in names:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info('{table}')")]
            for column in columns:
                as_text = f'CAST("{column}" AS TEXT)'
                query = f'SELECT count(*) FROM "{table}" WHERE {as_text} LIKE ? OR {as_text} LIKE ?'
                hits = con.execute(query, (f"%{ERASE}%", f"%{MARKER}%")).fetchone()[0]
                if hits:
                    found.append(f"{table}.{column}")
        return found
    finally:
        con.close()


def _file_bytes(store) -> bytes:
    path = store.path
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_an_erased_person_is_in_no_row_and_not_in_the_file(store):
    other = add_person(store)
    person = _everything_about(store, other)
    assert _marker_rows(store.path)  # the test can see the marker before

    with store.transaction() as session:
        erased = erase_person(session, person)
    store.checkpoint_after_erasure()

    assert _marker_rows(store.path) == []
    content = _file_bytes(store)
    for secret in (ERASE, MARKER):
        assert secret.encode() not in content
        assert secret.encode("utf-16-le") not in content
    assert erased.removed["wellbeing_checks"] == 1 and erased.removed["memberships"] == 1
    assert erased.removed["receipts"] == 1 and erased.removed["form_drafts"] == 2
    assert erased.anonymised == {"claims": 1, "claim_lines": 1, "people": 1}
    # Other people's records stay, without the mention.
    assert count_rows(store, "wellbeing_checks") == 1 and count_rows(store, "meetings") == 1
    with store.glance() as connection:
        worker = connection.execute(text("SELECT worker_person_id, worker_name FROM wellbeing_checks")).one()
        assert tuple(worker) == (None, None)


def test_claims_sent_for_approval_keep_their_amounts_and_point_at_a_blank_record(store):
    other = add_person(store)
    person = _everything_about(store, other)

    with store.transaction() as session:
        erase_person(session, person)

    with store.glance() as connection:
        claim = connection.execute(text("SELECT person_id, total_pence, status, notes FROM claims")).one()
        stub = connection.execute(text("SELECT full_name, email, notes, deleted_at FROM people WHERE id = :id"),
                                  {"id": person}).one()  # fmt: skip
    assert tuple(claim) == (person, 1230, "submitted", None)
    assert tuple(stub)[:3] == (REMOVED_NAME, None, None) and stub.deleted_at is not None
    with store.reader() as session:  # in no list, the Bin included: there is nobody to restore
        assert count_people(session, PeopleFilter(in_bin=True)) == count_people(session, PeopleFilter()) - 1 == 0


def test_a_person_without_claims_goes_entirely_and_the_audit_log_has_ids_and_counts_only(store):
    person = add_person(store, full_name=NAME)
    add_check(store, person)

    with store.transaction() as session:
        erased = erase_person(session, person)

    assert count_rows(store, "people") == 0
    assert erased.anonymised == {}
    with store.reader() as session:
        (entry,) = audit.list_entries(session, audit.AuditFilter(kind="person_erased"))
        assert audit.verify(session) is None
    assert (entry["object_kind"], entry["object_id"]) == ("person", person)
    assert entry["details"] == {"removed": erased.removed_count, "anonymised": 0}
    assert ERASE not in str(entry)


def test_erasing_someone_unknown_says_so(store):
    with pytest.raises(NotFound), store.transaction() as session:
        erase_person(session, "no-such-person")

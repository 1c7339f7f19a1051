"""Form drafts: kept as people type, offered back after a crash, dropped when the form is saved."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from partnerdesk.services.common.drafts import discard_draft, list_drafts, save_draft
from tests.builders import count_rows


def _save(store, form: str, record_id: str | None, title: str, payload: dict) -> str:
    with store.transaction() as session:
        return save_draft(session, form, record_id, title, payload)


def _drafts(store) -> list[tuple]:
    with store.reader() as session:
        return [(d.form, d.record_id, d.title, d.payload) for d in list_drafts(session)]


def test_a_draft_keeps_what_was_typed_including_unusual_text(store):
    payload = {"full_name": "Zoë Ŵyn-Łukasz", "notes": "line one\nline two", "roles": ["carer_rep"], "age": None}
    before = datetime.now(UTC)
    draft_id = _save(store, "person", None, "New person", payload)
    assert uuid.UUID(draft_id).version == 4
    with store.reader() as session:
        (draft,) = list_drafts(session)
        assert draft.id == draft_id
        assert draft.payload == payload
        assert draft.saved_by == "tester"
        assert draft.saved_at.utcoffset() == timedelta(0)
        assert before <= draft.saved_at <= datetime.now(UTC)


def test_saving_again_replaces_the_draft_for_the_same_form_and_record(store):
    record = str(uuid.uuid4())
    first = _save(store, "person", record, "Aled (editing)", {"full_name": "Ale"})
    second = _save(store, "person", record, "Aled (editing)", {"full_name": "Aled"})
    assert first == second
    assert _drafts(store) == [("person", record, "Aled (editing)", {"full_name": "Aled"})]
    assert count_rows(store, "form_drafts") == 1


def test_a_new_record_form_has_one_draft_too(store):
    _save(store, "person", None, "New person", {"full_name": "A"})
    _save(store, "person", None, "New person", {"full_name": "Ab"})
    assert _drafts(store) == [("person", None, "New person", {"full_name": "Ab"})]


def test_different_forms_and_records_keep_separate_drafts(store):
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    _save(store, "person", one, "One", {"n": 1})
    _save(store, "person", two, "Two", {"n": 2})
    _save(store, "person", None, "New", {"n": 3})
    _save(store, "committee", one, "Committee One", {"n": 4})
    assert count_rows(store, "form_drafts") == 4


def test_drafts_are_listed_newest_first(store):
    _save(store, "person", None, "Oldest", {})
    time.sleep(0.002)
    _save(store, "committee", None, "Middle", {})
    time.sleep(0.002)
    _save(store, "organisation", None, "Newest", {})
    assert [title for _, _, title, _ in _drafts(store)] == ["Newest", "Middle", "Oldest"]
    time.sleep(0.002)
    _save(store, "person", None, "Oldest, touched again", {"x": 1})  # saving again makes it the newest
    assert [title for _, _, title, _ in _drafts(store)] == ["Oldest, touched again", "Newest", "Middle"]


def test_discarding_removes_only_that_draft(store):
    record = str(uuid.uuid4())
    _save(store, "person", record, "Editing", {})
    _save(store, "person", None, "New", {})
    _save(store, "committee", record, "Committee", {})
    with store.transaction() as session:
        discard_draft(session, "person", record)
    assert sorted(title for _, _, title, _ in _drafts(store)) == ["Committee", "New"]
    with store.transaction() as session:
        discard_draft(session, "person", None)
    assert [title for _, _, title, _ in _drafts(store)] == ["Committee"]


def test_discarding_a_draft_that_is_not_there_is_harmless(store):
    _save(store, "person", None, "New", {})
    with store.transaction() as session:
        discard_draft(session, "person", str(uuid.uuid4()))
        discard_draft(session, "meeting", None)
    assert count_rows(store, "form_drafts") == 1


def test_no_drafts_means_an_empty_list(store):
    assert _drafts(store) == []


def _as(monkeypatch, user: str, machine: str) -> None:
    """Act as another worker and/or another PC sharing the database."""
    monkeypatch.setenv("PARTNERDESK_USER", user)
    monkeypatch.setattr("partnerdesk.services.common.drafts.this_machine", lambda: machine)


def test_drafts_are_offered_only_to_the_worker_and_the_pc_that_made_them(store, monkeypatch):
    record = str(uuid.uuid4())
    _as(monkeypatch, "tester", "office-pc")
    _save(store, "person", record, "Mine here", {"notes": "confidential"})
    _as(monkeypatch, "tester", "laptop")
    assert _drafts(store) == []  # the same worker on another PC
    _save(store, "person", record, "Mine on the laptop", {"notes": "other"})
    _as(monkeypatch, "colleague", "office-pc")
    assert _drafts(store) == []  # another worker on the same PC
    _as(monkeypatch, "tester", "office-pc")
    assert _drafts(store) == [("person", record, "Mine here", {"notes": "confidential"})]
    assert count_rows(store, "form_drafts") == 2  # the laptop's draft did not replace this PC's


def test_nobody_else_can_throw_a_draft_away(store, monkeypatch):
    record = str(uuid.uuid4())
    _as(monkeypatch, "tester", "office-pc")
    _save(store, "person", record, "Mine", {})
    for user, machine in (("colleague", "office-pc"), ("tester", "laptop")):
        _as(monkeypatch, user, machine)
        with store.transaction() as session:
            discard_draft(session, "person", record)
    _as(monkeypatch, "tester", "office-pc")
    assert [title for _, _, title, _ in _drafts(store)] == ["Mine"]
    with store.transaction() as session:
        discard_draft(session, "person", record)
    assert _drafts(store) == []

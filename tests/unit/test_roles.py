"""Each role calls the services directly: what it may do works, anything else is refused in plain words and changes
nothing (issue 15, "a role trying a service call it is not allowed"). Nobody signed in may do everything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, text, update

from partnerdesk.records import tables
from partnerdesk.records.people import Person
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.bin.items import restore
from partnerdesk.services.bin.purge import empty_bin, sweep_old
from partnerdesk.services.common import access
from partnerdesk.services.common.errors import NotAllowed
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.expenses.budgets import save_heading
from partnerdesk.services.expenses.claims import create_claim, delete_claim
from partnerdesk.services.expenses.status import approve_claim, mark_paid, submit_claim
from partnerdesk.services.meetings.meetings import create_meeting, delete_meeting
from partnerdesk.services.people.people import create_person, delete_person
from partnerdesk.services.wellbeing.checks import create_check, delete_check
from partnerdesk.services.wellbeing.confidential import read_confidential_notes
from partnerdesk.services.wellbeing.listing import list_checks
from partnerdesk.services.wellbeing.supervision import list_sessions
from tests.builders import (
    add_check,
    add_claim,
    add_invitations,
    add_line,
    add_meeting,
    add_pair,
    add_person,
    check_data,
    count_rows,
    meeting_data,
    person_data,
    signed_in,
)

C, W, F, V, R = roles.COORDINATOR, roles.WORKER, roles.FINANCE, roles.VOLUNTEER, roles.READ_ONLY


@pytest.fixture
def world(store, tmp_path):
    """Records made before anyone signs in (as the organisation's existing data)."""
    person, manager = add_person(store), add_person(store)
    claim = add_claim(store, person)
    add_line(store, claim)
    submitted = add_claim(store, person)
    add_line(store, submitted)
    approved = add_claim(store, person)
    add_line(store, approved)
    with store.transaction() as session:
        for claim_id in (submitted, approved):
            submit_claim(session, claim_id, confirmed=True)
        approve_claim(session, approved, manager, confirmed=True)
    binned = add_person(store)
    with store.transaction() as session:
        delete_person(session, binned)
    return SimpleNamespace(store=store, folder=tmp_path, person=person, manager=manager, meeting=add_meeting(store),
                           claim=claim, submitted=submitted, approved=approved, check=add_check(store, person),
                           binned=binned)  # fmt: skip


def _write(work: Callable) -> Callable:
    return lambda w: _in_transaction(w, work)


def _in_transaction(w, work: Callable) -> None:
    with w.store.transaction() as session:
        work(session, w)


def _read(work: Callable) -> Callable:
    def run(w) -> None:
        with w.store.reader() as session:
            work(session, w)

    return run


def _own_meeting(w) -> None:
    with w.store.transaction() as session:
        mine = create_meeting(session, meeting_data()).id
    with w.store.transaction() as session:
        delete_meeting(session, mine)


def _export_people(session, w) -> None:
    from partnerdesk.exports.people import export_people

    export_people(session, w.folder / "people.xlsx")


#: Each action and the roles that may do it (everyone else is refused).
ACTIONS: dict[str, tuple[Callable, set[str]]] = {
    "add a person": (_write(lambda s, w: create_person(s, person_data())), {C, W}),
    "bin someone else's meeting": (_write(lambda s, w: delete_meeting(s, w.meeting)), {C, W}),
    "add and bin their own meeting": (_own_meeting, {C, W, V}),
    "raise a claim": (_write(lambda s, w: create_claim(s, {"person_id": w.person, "claim_date": date(2026, 5, 2)})),
                      {C, W, F, V}),
    "bin someone else's claim": (_write(lambda s, w: delete_claim(s, w.claim)), {C, F}),
    "approve a claim": (_write(lambda s, w: approve_claim(s, w.submitted, w.manager, confirmed=True)), {C, F}),
    "record a payment": (_write(lambda s, w: mark_paid(s, w.approved, today_uk(), "bank_transfer")), {C, F}),
    "add a budget heading": (_write(lambda s, w: save_heading(
        s, {"financial_year": 2026, "name": "Travel", "allocation": "500"})), {C, F}),
    "record a wellbeing check": (_write(lambda s, w: create_check(s, check_data(w.person))), {C, W, V}),
    "bin someone else's check": (_write(lambda s, w: delete_check(s, w.check)), {C, W}),
    "list wellbeing checks": (_read(lambda s, w: list_checks(s)), {C, W, V}),
    "list supervision sessions": (_read(lambda s, w: list_sessions(s)), {C, W}),
    "change a setting": (_write(lambda s, w: set_setting(s, "notice_days", 21)), {C}),
    "restore from the Bin": (_write(lambda s, w: restore(s, "people", w.binned)), {C, W}),
    "empty the Bin": (_write(lambda s, w: empty_bin(s)), {C}),
    "export people's names": (_read(_export_people), {C, W, F}),
    "change people in bulk": (_write(lambda s, w: s.execute(update(tables.people).values(pronouns="they/them"))),
                              {C, W}),
    "change meetings with plain SQL": (_write(lambda s, w: s.execute(text("UPDATE meetings SET venue = 'Hall'"))),
                                       {C, W}),
}  # fmt: skip


def fingerprint(store) -> dict[str, tuple]:
    """Every table's row count and the sum of its versions: any insert, change or delete moves one of them."""
    found = {}
    with store.engine.connect() as connection:
        for table in tables.metadata.sorted_tables:
            version = table.c.get("version")
            columns = [func.count(), func.coalesce(func.sum(version), 0)] if version is not None else [func.count()]
            found[table.name] = tuple(connection.execute(select(*columns).select_from(table)).one())
    return found


@pytest.mark.parametrize("role", roles.ROLE_CODES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_role_may_do_what_its_role_allows_and_nothing_else(world, action, role):
    work, allowed = ACTIONS[action]
    before = fingerprint(world.store)
    with signed_in(role):
        if role in allowed:
            work(world)
            return
        with pytest.raises(NotAllowed) as refused:
            work(world)
    assert fingerprint(world.store) == before, "a refused call changed the database"
    message = str(refused.value)
    assert "ask a coordinator" in message and "nothing was changed" in message
    assert "Test Person" not in message  # never a record's values


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_with_nobody_signed_in_everything_is_allowed_as_before_accounts(world, action):
    ACTIONS[action][0](world)


def test_a_volunteer_changes_only_the_meetings_they_made(world):
    with signed_in(V, "Vic Volunteer"):
        _own_meeting(world)
        with pytest.raises(NotAllowed, match="cannot change meetings"):
            _in_transaction(world, lambda s, w: delete_meeting(s, w.meeting))


def test_a_volunteer_marks_attendance_at_their_own_meeting_whoever_sent_the_invitations(world):
    """A meeting's attendance is part of it: a volunteer's own meeting's is theirs to record, even where a
    coordinator sent the invitations, and another person's meeting takes no invitation from them either."""
    from partnerdesk.services.meetings.attendance import record_attendance

    with signed_in(V, "Vic Volunteer"):
        mine = add_meeting(world.store, day=date(2026, 1, 5))  # a past day: attendance can be recorded
    with signed_in(C, "Cat Coordinator"):
        add_invitations(world.store, mine, [world.person])  # the coordinator invites
    with signed_in(V, "Vic Volunteer"):
        with world.store.transaction() as session:
            record_attendance(session, mine, world.person, "attended")
        with pytest.raises(NotAllowed, match="cannot change meetings"):
            add_invitations(world.store, world.meeting, [world.manager])  # someone else's meeting
    assert count_rows(world.store, "attendance") == 1


def test_a_worker_changes_only_the_claims_they_raised(world):
    with signed_in(W, "Wyn Worker"):
        with world.store.transaction() as session:
            mine = create_claim(session, {"person_id": world.person, "claim_date": date(2026, 5, 3)}).id
        with world.store.transaction() as session:
            delete_claim(session, mine)
        with pytest.raises(NotAllowed, match="cannot change expense claims"):
            _in_transaction(world, lambda s, w: delete_claim(s, w.claim))


def test_the_bin_sweep_runs_whoever_is_signed_in(world):
    with signed_in(R), world.store.transaction() as session:
        sweep_old(session, keep_days=0)
    with world.store.reader() as session:
        assert session.get(Person, world.binned) is None  # deleted for good, as the setting says


def test_confidential_notes_open_only_to_coordinators_the_author_and_the_persons_supervisor(store):
    supervisor = add_person(store, full_name="Sue Visor")
    person = add_person(store)
    add_pair(store, supervisor, person)
    with signed_in(W, "Alex Author"):
        check = add_check(store, person)

    def opens(role: str, name: str) -> bool:
        with signed_in(role, name), store.reader() as session:
            try:
                read_confidential_notes(session, "wellbeing_check", check)
            except NotAllowed:
                return False
            return True

    assert opens(C, "Cora Coordinator")
    assert opens(W, "Alex Author")
    assert opens(W, "sue visor ")  # the supervisor, matched by name as People has it
    assert not opens(W, "Another Worker")
    assert not opens(V, "Vic Volunteer")
    assert not opens(F, "Sue Visor")  # finance never sees wellbeing, even by a name that matches
    assert not opens(R, "Alex Author")


def test_every_table_is_given_the_permission_needed_to_write_it():
    """A new table must be classified here, or only a coordinator could write it (see access.UNKNOWN_TABLE)."""
    assert set(tables.metadata.tables) - set(access.TABLE_PERMISSIONS) == set()


def test_the_roles_table_names_every_role_and_a_coordinator_may_do_everything():
    assert set(roles.GRANTS) == set(roles.ROLE_CODES) == {"coordinator", "worker", "finance", "volunteer", "read_only"}
    assert all(roles.scope(C, permission) == "all" for permission in roles.ALL_PERMISSIONS)
    assert set(roles.PERMISSION_WORDS) == set(roles.ALL_PERMISSIONS)
    assert not roles.may(F, roles.WELLBEING_READ) and not roles.may(F, roles.SUPERVISION_READ)
    assert [p for p in roles.ALL_PERMISSIONS if roles.may(R, p)] == [roles.REPORTS_VIEW]
    assert roles.may(None, roles.ACCOUNTS_MANAGE)  # nobody signed in: as before accounts
    assert not roles.may("someone-else", roles.REPORTS_VIEW)  # an unknown role may do nothing


def test_a_volunteer_sees_only_the_wellbeing_checks_they_recorded(world):
    from partnerdesk.services.wellbeing.history import wellbeing_history

    with signed_in(V, "Vic Volunteer"):
        mine = add_check(world.store, world.person)
        with world.store.reader() as session:
            assert [check.check_id for check in list_checks(session)] == [mine]
            assert [point.check_id for point in wellbeing_history(session, world.person).points] == [mine]
    with signed_in(W), world.store.reader() as session:
        assert {check.check_id for check in list_checks(session)} == {mine, world.check}


def test_every_refusal_is_noted_by_account_role_and_permission_only(world, caplog):
    with signed_in(F, "Fran Finance"), world.store.reader() as session:
        with pytest.raises(NotAllowed):
            read_confidential_notes(session, "wellbeing_check", world.check)
        with pytest.raises(NotAllowed):
            list_checks(session)
    noted = [record.getMessage() for record in caplog.records if record.name == "partnerdesk.services.common.access"]
    assert noted == ["refused confidential.any for account account-finance (finance)",
                     "refused wellbeing.read for account account-finance (finance)"]  # fmt: skip
    assert not any("Fran" in line or "Test Person" in line for line in caplog.messages)

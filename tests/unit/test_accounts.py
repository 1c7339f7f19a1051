"""Accounts: a coordinator adds people with roles and resets passwords; the last coordinator cannot be removed or
demoted; a forgotten password is fixed with the recovery key; records name the signed-in account."""

from __future__ import annotations

import pytest

from partnerdesk import access, actor
from partnerdesk.records.people import Person
from partnerdesk.services.accounts.manage import (
    add_account,
    change_role,
    deactivate_account,
    list_accounts,
    remove_account,
    rename_account,
    reset_password,
)
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.store.keys import KeyFile, KeyRefused, WrongPassword
from tests.builders import add_person

PASSWORD = "kettle orange bicycle"


@pytest.fixture
def org(tmp_path):
    database = tmp_path / "org.sqlite3"
    made = access.set_up(database, "Sam", PASSWORD)
    yield database, made
    made.store.close()
    actor.sign_out()


def _add(made, database, name="Ali", role="worker", password="another good password") -> str:
    with made.store.transaction() as session:
        return add_account(session, KeyFile(database), made.store.key, name, role, password)


def test_set_up_makes_a_coordinator_who_is_signed_in_and_named_on_records(org):
    _database, made = org
    assert (made.account.name, made.account.role) == ("Sam", "coordinator")
    assert actor.current() == made.account
    person_id = add_person(made.store)
    with made.store.reader() as session:
        assert session.get(Person, person_id).created_by == "Sam"


def test_an_added_account_signs_in_with_its_own_password_and_role(org):
    database, made = org
    account_id = _add(made, database)
    signed = access.sign_in(database, "ALI", "another good password")
    assert (signed.account.account_id, signed.account.role) == (account_id, "worker")
    signed.store.close()
    assert [row.name for row in list_accounts(made.store.reader())] == ["Ali", "Sam"]


def test_names_are_unique_whatever_their_capitals_and_passwords_must_be_strong(org):
    database, made = org
    with pytest.raises(ValidationError) as taken:
        _add(made, database, name="sAM")
    assert "already an account" in taken.value.messages["name"]
    with pytest.raises(ValidationError) as weak:
        _add(made, database, password="short")
    assert "at least 10 characters" in weak.value.messages["password"]
    with pytest.raises(ValidationError) as role:
        _add(made, database, role="admin")
    assert "role" in role.value.messages


def test_the_last_coordinator_cannot_be_demoted_deactivated_or_removed(org):
    database, made = org
    sam = made.account.account_id
    for change in (lambda s: change_role(s, sam, "worker"), lambda s: deactivate_account(s, KeyFile(database), sam),
                   lambda s: remove_account(s, KeyFile(database), sam)):
        with pytest.raises(ValidationError, match="at least one coordinator"), made.store.transaction() as session:
            change(session)
    ali = _add(made, database, role="coordinator")
    with made.store.transaction() as session:
        change_role(session, sam, "worker")  # another coordinator remains
    with pytest.raises(ValidationError, match="at least one coordinator"), made.store.transaction() as session:
        remove_account(session, KeyFile(database), ali)


def test_a_deactivated_account_can_no_longer_sign_in(org):
    database, made = org
    ali = _add(made, database)
    with made.store.transaction() as session:
        deactivate_account(session, KeyFile(database), ali)
    with pytest.raises(WrongPassword):
        access.sign_in(database, "Ali", "another good password")


def test_a_coordinator_resets_a_forgotten_password_without_the_old_one(org):
    database, made = org
    ali = _add(made, database)
    with made.store.transaction() as session:
        reset_password(session, KeyFile(database), made.store.key, ali, "a fresh password now")
    with pytest.raises(WrongPassword):
        access.sign_in(database, "Ali", "another good password")
    access.sign_in(database, "Ali", "a fresh password now").store.close()


def test_a_renamed_account_signs_in_with_its_new_name(org):
    database, made = org
    ali = _add(made, database)
    with made.store.transaction() as session:
        rename_account(session, KeyFile(database), ali, "Alison")
    access.sign_in(database, "alison", "another good password").store.close()


def test_the_recovery_key_sets_a_new_password_for_any_account(org):
    database, made = org
    made.store.close()
    recovered = access.recover(database, made.recovery_key, "sam", "my new long password")
    recovered.store.close()
    with pytest.raises(WrongPassword):
        access.sign_in(database, "Sam", PASSWORD)
    access.sign_in(database, "Sam", "my new long password").store.close()
    with pytest.raises(WrongPassword, match="recovery key is not right"):
        access.recover(database, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "sam", "whatever long enough")


def test_a_set_up_that_fails_leaves_nothing_behind(tmp_path):
    database = tmp_path / "org.sqlite3"
    with pytest.raises(ValidationError):
        access.set_up(database, "   ", PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert access.state_of(database) == access.NEW


def test_sign_ins_wrong_passwords_and_account_changes_go_in_the_audit_log(org):
    from partnerdesk.services.common.audit import entries, verify

    database, made = org
    ali = _add(made, database)
    made.store.close()
    for _attempt in range(2):
        with pytest.raises(KeyRefused):
            access.sign_in(database, "Ali", "not the password")
    signed = access.sign_in(database, "Ali", "another good password", read_only=True)  # as the sign-in window does
    signed.store.close()
    again = access.sign_in(database, "Sam", PASSWORD)
    try:
        with again.store.reader() as session:
            logged = [(e["kind"], e["account_name"], e["object_id"], e["details"]) for e in entries(session)]
            assert verify(session) is None
    finally:
        again.store.close()
    sam = made.account.account_id
    # Made before anyone signed in: by the account itself, never the computer's login name.
    assert logged[0][1:] == ("Sam", sam, {"change": "added", "role": "coordinator"})
    assert logged[1:] == [
        ("signed_in", "Sam", None, {}),
        ("account_changed", "Sam", ali, {"change": "added", "role": "worker"}),
        ("sign_in_failed", "Ali", None, {"failures": 2}),
        ("signed_in", "Ali", None, {}),
        ("signed_in", "Sam", None, {}),
    ]


SIGN_IN_AS_THE_WINDOW_DOES = """
import sys
from partnerdesk import access, first_screen
signed = access.sign_in(sys.argv[1], "Sam", sys.argv[2], read_only=True)
signed.store.close()
print(repr((signed.account.name, sorted(m for m in sys.modules if m.startswith("sqlalchemy.orm")))))
"""


def test_signing_in_on_the_way_to_the_first_screen_loads_no_orm(org):
    """Sign-in is timed against a plain start (bench_signin): it finds the account and writes its audit entry through
    the tables, as the first screen reads them, never loading the ORM (about a tenth of a second) on the way."""
    import ast
    import subprocess
    import sys

    from partnerdesk.services.common.audit import entries

    database, made = org
    made.store.close()
    done = subprocess.run([sys.executable, "-c", SIGN_IN_AS_THE_WINDOW_DOES, str(database), PASSWORD],
                          capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert ast.literal_eval(done.stdout) == ("Sam", [])
    again = access.sign_in(database, "Sam", PASSWORD)
    try:
        with again.store.reader() as session:
            kinds = [entry["kind"] for entry in entries(session)]
    finally:
        again.store.close()
    assert kinds[-2:] == ["signed_in", "signed_in"]  # the one above was recorded, then this one

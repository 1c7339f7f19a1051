"""The key file: each account's copy of the database key opens only with its password, wrong ones lock the account
for a growing time, and the recovery key opens it when every password is forgotten."""

from __future__ import annotations

import json
import stat

import pytest

from partnerdesk.store.keys import (
    LOCK_AFTER,
    LOCK_SECONDS,
    KeyFile,
    LockedOut,
    WrongPassword,
    key_file_path,
    lock_seconds,
    new_database_key,
    new_recovery_key,
    password_problem,
    tidy_recovery_key,
)

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def made(tmp_path):
    database = tmp_path / "org.sqlite3"
    key, recovery = new_database_key(), new_recovery_key()
    keys = KeyFile(database)
    keys.start(key, recovery)
    keys.set_password(key, "account-1", "Sam Patel", PASSWORD)
    return database, key, recovery


def test_the_right_password_unwraps_the_database_key_and_the_file_holds_neither(made):
    database, key, _recovery = made
    assert KeyFile(database).unlock("account-1", PASSWORD).key == key
    text = key_file_path(database).read_text()
    assert key.hex() not in text and PASSWORD not in text and "Sam" not in text
    assert stat.S_IMODE(key_file_path(database).stat().st_mode) == 0o600


def test_the_account_is_found_by_its_name_in_any_case(made):
    database, _key, _recovery = made
    keys = KeyFile(database)
    assert keys.account_for("  sam PATEL ") == "account-1"
    assert keys.account_for("Sam") is None


def test_a_wrong_password_is_refused_in_plain_words(made):
    database, _key, _recovery = made
    with pytest.raises(WrongPassword, match="not right"):
        KeyFile(database).unlock("account-1", "correct horse batterY")


def test_one_accounts_copy_cannot_be_moved_onto_another_account(made):
    database, key, _recovery = made
    keys = KeyFile(database)
    keys.set_password(key, "account-2", "Ali", "another good password")
    data = json.loads(key_file_path(database).read_text())
    data["accounts"]["account-2"].update({k: data["accounts"]["account-1"][k] for k in ("salt", "nonce", "wrapped")})
    key_file_path(database).write_text(json.dumps(data))
    with pytest.raises(WrongPassword):
        KeyFile(database).unlock("account-2", PASSWORD)


def test_repeated_failures_lock_the_account_for_a_doubling_time(made):
    database, key, _recovery = made
    clock = Clock()
    for _attempt in range(LOCK_AFTER - 1):
        with pytest.raises(WrongPassword):
            KeyFile(database, clock).unlock("account-1", "nope nope nope")
    with pytest.raises(LockedOut) as locked:
        KeyFile(database, clock).unlock("account-1", "nope nope nope")
    assert locked.value.seconds == LOCK_SECONDS
    # Even the right password waits until the lock ends: guessing cannot go on meanwhile.
    with pytest.raises(LockedOut):
        KeyFile(database, clock).unlock("account-1", PASSWORD)
    clock.now += LOCK_SECONDS
    with pytest.raises(LockedOut) as again:
        KeyFile(database, clock).unlock("account-1", "still wrong!!")
    assert again.value.seconds == 2 * LOCK_SECONDS
    clock.now += 2 * LOCK_SECONDS
    assert KeyFile(database, clock).unlock("account-1", PASSWORD).key == key
    assert KeyFile(database, clock).accounts["account-1"]["failures"] == 0


def test_the_lock_grows_but_never_beyond_a_day():
    assert [lock_seconds(n) for n in range(LOCK_AFTER - 1, LOCK_AFTER + 3)] == [0, 30, 60, 120]
    assert lock_seconds(100) == 24 * 60 * 60


def test_the_recovery_key_opens_the_database_however_it_is_typed(made):
    database, key, recovery = made
    typed = recovery.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert KeyFile(database).unlock_with_recovery(typed) == key
    with pytest.raises(WrongPassword, match="recovery key is not right"):
        KeyFile(database).unlock_with_recovery(new_recovery_key())


def test_recovery_keys_are_groups_of_unmistakable_letters_and_digits():
    recovery = new_recovery_key()
    groups = recovery.split("-")
    assert len(groups) == 6 and all(len(group) == 5 for group in groups)
    assert not set(recovery) & set("ILOU")
    assert tidy_recovery_key(recovery.lower()) == recovery
    assert new_recovery_key() != recovery


def test_a_removed_account_can_no_longer_unlock(made):
    database, _key, _recovery = made
    KeyFile(database).remove("account-1")
    with pytest.raises(WrongPassword):
        KeyFile(database).unlock("account-1", PASSWORD)


def test_a_new_password_replaces_the_old_one_without_touching_the_database_key(made):
    database, key, _recovery = made
    KeyFile(database).set_password(key, "account-1", "Sam Patel", "a brand new password")
    with pytest.raises(WrongPassword):
        KeyFile(database).unlock("account-1", PASSWORD)
    assert KeyFile(database).unlock("account-1", "a brand new password").key == key


def test_weak_passwords_are_explained():
    assert "at least 10 characters" in (password_problem("short") or "")
    assert "repeats" in (password_problem("aaaaaaaaaaaa") or "")
    assert password_problem("kettle orange bicycle") is None

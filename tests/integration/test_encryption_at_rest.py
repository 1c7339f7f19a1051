"""Issue 15's "done when": marker phrases written into every text field of every kind of record are found in none
of the files PartnerDesk leaves behind (database, -wal, backups, temporary files), in plain bytes or UTF-16; and an
encrypted database refuses a wrong password, or no password, changing nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String, Text, text

from partnerdesk import access, actor
from partnerdesk.records import load_all
from partnerdesk.records.base import metadata
from partnerdesk.services.people.listing import PeopleFilter, count_people, ordered_keys
from partnerdesk.store import open_store
from partnerdesk.store.backup import backup_sqlite
from partnerdesk.store.engine import NeedsPassword
from partnerdesk.store.keys import WrongPassword
from tests.builders import (
    add_check,
    add_claim,
    add_committee,
    add_heading,
    add_line,
    add_meeting,
    add_membership,
    add_pair,
    add_person,
    add_session,
)
from tests.marker_check import MARKER

PASSWORD = "kettle orange bicycle"
#: The marker with a letter outside ASCII, as names often have.
PHRASE = f"{MARKER} Ünal"


@pytest.fixture(autouse=True)
def _nobody_signed_in():
    yield
    actor.sign_out()


def marked(folder: Path) -> list[str]:
    """The files under folder holding the marker as UTF-8 or UTF-16 (names only: never the content)."""
    needles = [MARKER.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and any(needle in p.read_bytes() for needle in needles))  # fmt: skip


def fill_every_text_column(store) -> int:
    """Write the marker into every text column of every table that has a row; returns how many took it."""
    load_all()
    filled = 0
    with store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, String | Text) or column.primary_key or column.foreign_keys:
                    continue
                savepoint = connection.begin_nested() if connection.in_transaction() else connection.begin()
                try:  # a column with a check or a unique rule refuses it: the rest still take it
                    result = connection.execute(table.update().values({column.name: PHRASE}))
                    savepoint.commit()
                    filled += 1 if result.rowcount else 0
                except Exception:  # noqa: BLE001
                    savepoint.rollback()
        if connection.in_transaction():
            connection.commit()
    return filled


def test_no_marker_reaches_the_database_its_log_backups_or_temporary_files(tmp_path, monkeypatch):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for variable in ("TMPDIR", "SQLITE_TMPDIR"):
        monkeypatch.setenv(variable, str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    database = tmp_path / "org.sqlite3"
    store = access.set_up(database, "Sam", PASSWORD).store
    person = add_person(store, full_name=PHRASE, email="marker@example.org")
    other = add_person(store, full_name=f"{MARKER} Two")
    committee = add_committee(store, name=f"{MARKER} committee", organisation=f"{MARKER} board")
    add_membership(store, person, committee, date(2026, 1, 5))
    add_meeting(store, committee)
    add_check(store, person)
    add_pair(store, other, person)
    add_session(store, other, [person], date(2026, 2, 3))
    claim = add_claim(store, person)
    add_line(store, claim)
    add_heading(store, name=f"{MARKER} heading")
    assert fill_every_text_column(store) > 60
    with store.reader() as session:  # a search and a sort, which SQLite may do in temporary storage
        assert count_people(session, PeopleFilter(search="Ünal")) == 2  # every name now holds the phrase
        assert len(ordered_keys(session, PeopleFilter(sort="name"))) == 2
    assert marked(tmp_path) == []  # while open: the -wal file holds the latest pages
    backup_sqlite(database, tmp_path / "copies" / "copy.sqlite3", store.key)
    store.close()
    assert marked(tmp_path) == []
    assert (tmp_path / "copies" / "copy.sqlite3.keys").exists()
    copy = access.sign_in(tmp_path / "copies" / "copy.sqlite3", "sam", PASSWORD)
    with copy.store.reader() as session:  # the backup opens with the password and holds everything
        assert session.execute(text("SELECT count(*) FROM people")).scalar() == 2
    copy.store.close()


def test_a_database_copied_elsewhere_opens_only_with_a_password(tmp_path):
    database = tmp_path / "org.sqlite3"
    made = access.set_up(database, "Sam", PASSWORD)
    add_person(made.store, full_name="Ada")
    made.store.close()
    before = database.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT count(*) FROM people").fetchone()
    with pytest.raises(NeedsPassword, match="protected by a password"):
        open_store(database)
    with pytest.raises(WrongPassword, match="not right"):
        access.sign_in(database, "Sam", "kettle orange bicyclE")
    assert database.read_bytes() == before


def test_encrypted_connections_keep_temporary_data_in_memory(tmp_path):
    made = access.set_up(tmp_path / "org.sqlite3", "Sam", PASSWORD)
    with made.store.glance() as connection:
        assert connection.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()
    made.store.close()


def test_protecting_a_plain_database_keeps_every_record_and_leaves_no_plain_copy(tmp_path):
    database = tmp_path / "org.sqlite3"
    store = open_store(database)
    people = [add_person(store, full_name=f"{MARKER} {n}") for n in range(5)]
    add_check(store, people[0])
    store.close()
    made = access.protect(database, "Sam", PASSWORD)
    with made.store.reader() as session:
        assert session.execute(text("SELECT count(*) FROM people")).scalar() == 5
        assert session.execute(text("SELECT count(*) FROM wellbeing_checks")).scalar() == 1
    made.store.close()
    assert marked(tmp_path) == []
    assert not database.with_name(database.name + "-wal").exists()
    assert access.state_of(database) == access.ENCRYPTED

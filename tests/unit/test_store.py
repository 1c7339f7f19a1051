"""Opening, creating, migrating, refusing and backing up PartnerDesk databases."""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import exc, text

from partnerdesk.records.tables import metadata
from partnerdesk.services.people.people import create_person, get_person
from partnerdesk.store import StoreError, open_store
from partnerdesk.store.backup import backup_sqlite
from partnerdesk.store.connections import database_url, make_engine, sqlite_path
from partnerdesk.store.engine import current_revision
from partnerdesk.store.leftovers import partial_path, partials_in, sweep_partials
from partnerdesk.store.messages import plain_message
from partnerdesk.store.migrate import script_heads, script_revisions, upgrade_database
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS
from tests.builders import add_person, count_rows, integrity, person_data, revision_in_file

SIDE_FILES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[str]:
    """SQLite's working files beside a database (their appearing means someone opened it for writing)."""
    return [suffix for suffix in SIDE_FILES if path.with_name(path.name + suffix).exists()]


# ------------------------------------------------------------------------------------------------ a new database


def test_a_new_database_is_created_and_brought_up_to_date(tmp_path):
    path = tmp_path / "new.sqlite3"
    store = open_store(path)
    try:
        assert path.is_file()
        assert store.path == path.resolve()
        assert current_revision(store.engine) == HEAD_REVISION
        assert count_rows(store, "people") == 0
    finally:
        store.close()
    assert revision_in_file(path) == HEAD_REVISION
    assert not (tmp_path / "backups").exists()  # nothing to back up in a brand-new file


def test_an_empty_file_is_set_up_as_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    store = open_store(path)
    store.close()
    assert revision_in_file(path) == HEAD_REVISION


def test_reopening_keeps_the_data_and_takes_no_backup(tmp_path):
    path = tmp_path / "kept.sqlite3"
    store = open_store(path)
    person_id = add_person(store, full_name="Still Here")
    store.close()
    again = open_store(path)
    try:
        with again.reader() as session:
            assert get_person(session, person_id).full_name == "Still Here"
    finally:
        again.close()
    assert not (tmp_path / "backups").exists()  # already up to date: no upgrade, so no copy


def test_a_database_in_a_missing_folder_is_refused_plainly(tmp_path):
    missing = tmp_path / "no such folder" / "db.sqlite3"
    with pytest.raises(StoreError, match="does not exist"):
        open_store(missing)
    assert not missing.parent.exists()


def test_opening_without_upgrading_refuses_a_database_that_needs_it(tmp_path):
    path = tmp_path / "new.sqlite3"
    with pytest.raises(StoreError, match="needs upgrading"):
        open_store(path, upgrade=False)


def test_paths_and_urls_typed_after_db(tmp_path):
    url = database_url(tmp_path / "a.sqlite3")
    assert url == "sqlite:///" + str((tmp_path / "a.sqlite3").resolve())
    assert sqlite_path(url) == (tmp_path / "a.sqlite3").resolve()
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlite_path("postgresql+psycopg://u@h/db") is None
    assert sqlite_path("sqlite:///:memory:") is None


# -------------------------------------------------------------------------------------------- migrations vs code


def test_the_known_revisions_are_exactly_the_migration_scripts():
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert script_heads() == [HEAD_REVISION]
    assert len(set(KNOWN_REVISIONS)) == len(KNOWN_REVISIONS)


EXPRESSION_INDEXES = {"ix_meetings_title": "lower(title)"}  # Alembic can't compare these: checked by hand below


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_the_records_match_what_the_migrations_build(store):
    def ours(name, type_, parent_names):
        # SQLite-only search indexes and list name index, made by hand in migrations 0002 and 0006.
        if type_ == "table" and name.startswith(("people_search", "claims_search")):
            return False
        return not (type_ == "index" and name in ("ix_people_live_name", *EXPRESSION_INDEXES))

    def ours_in_records(item, name, type_, reflected, compare_to):
        return not (type_ == "index" and name in EXPRESSION_INDEXES)

    with store.engine.connect() as con:
        context = MigrationContext.configure(con, opts={
            "compare_type": True, "compare_server_default": True, "include_name": ours,
            "include_object": ours_in_records})  # fmt: skip
        differences = compare_metadata(context, metadata)
        built = dict(con.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())
    assert differences == []
    in_records = {index.name: index for table in metadata.tables.values() for index in table.indexes}
    for name, expression in EXPRESSION_INDEXES.items():
        assert expression in built[name] and expression in str(in_records[name].expressions[0])


# --------------------------------------------------------------------------------- files that are not ours


def _text_file(path: Path) -> None:
    path.write_text("Name,Email\nAled,aled@example.org\n", encoding="utf-8")


def _random_file(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
        "INSERT INTO recipes (title) VALUES ('Welsh cakes'), ('Cawl');"
    )
    con.commit()
    con.close()


def _foreign_wal_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript("CREATE TABLE photos (id INTEGER PRIMARY KEY, taken TEXT); INSERT INTO photos VALUES (1, 'x');")
    con.commit()
    con.close()


def _foreign_with_people_table(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people VALUES (1, 'x');")
    con.commit()
    con.close()


def _damaged_sqlite(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(4096))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text_file, "is not a PartnerDesk database, so it has been left untouched"),
        (_random_file, "is not a PartnerDesk database, so it has been left untouched"),
        (_foreign_sqlite, "is not a PartnerDesk database, so it has been left untouched"),
        (_foreign_wal_sqlite, "is not a PartnerDesk database, so it has been left untouched"),
        (_foreign_with_people_table, "is not a PartnerDesk database, so it has been left untouched"),
        (_damaged_sqlite, "could not be read as a database"),
    ],
    ids=["text", "random", "foreign sqlite", "foreign wal sqlite", "foreign people table", "damaged sqlite"],
)
def test_files_that_are_not_partnerdesk_databases_are_refused_and_left_untouched(tmp_path, make, message):
    path = tmp_path / "not-ours.sqlite3"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=message):
        open_store(path)
    assert path.read_bytes() == before
    assert side_files(path) == []
    assert {p.name for p in tmp_path.iterdir()} - {"home"} == {"not-ours.sqlite3"}  # no backups, no copies


def _future_database(path: Path) -> None:
    store = open_store(path)
    add_person(store, full_name="From The Future")
    with store.engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()


def test_a_database_from_a_newer_partnerdesk_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "future.sqlite3"
    _future_database(path)
    assert side_files(path) == []
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "was made by a newer version of PartnerDesk" in str(caught.value)
    assert "nothing in it has been changed" in str(caught.value)
    assert path.read_bytes() == before
    assert side_files(path) == []
    assert not (tmp_path / "backups").exists()


def test_a_folder_is_refused_as_a_database(tmp_path):
    folder = tmp_path / "a folder"
    folder.mkdir()
    (folder / "something.txt").write_text("keep me")
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_store(folder)
    assert [p.name for p in folder.iterdir()] == ["something.txt"]


def test_an_empty_folder_is_refused_even_where_folders_report_no_size(tmp_path, monkeypatch):
    # Windows reports a size of 0 for every folder; simulate that here.
    folder = tmp_path / "empty folder"
    folder.mkdir()
    real_stat = Path.stat
    names = {str(folder), str(folder.resolve())}

    def stat(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if str(self) in names:
            fields = list(result[:10])
            fields[6] = 0  # st_size
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(Path, "stat", stat)
    assert folder.stat().st_size == 0 and folder.is_dir()
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_store(folder)
    assert list(folder.iterdir()) == []


# -------------------------------------------------------------------------------------------------------- backups


def test_a_backup_is_a_sound_copy_with_the_data(store, tmp_path):
    for n in range(3):
        add_person(store, full_name=f"Person {n}")
    copy = backup_sqlite(store.path, tmp_path / "copies" / "copy.sqlite3")
    assert copy == tmp_path / "copies" / "copy.sqlite3"
    assert integrity(copy) == "ok"
    assert side_files(copy) == []
    assert partials_in(copy.parent) == []
    con = sqlite3.connect(copy)
    try:
        assert sorted(r[0] for r in con.execute("SELECT full_name FROM people")) == ["Person 0", "Person 1", "Person 2"]
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        con.close()
    restored = open_store(copy)  # and PartnerDesk can open it as it is
    try:
        assert count_rows(restored, "people") == 3
    finally:
        restored.close()


def test_a_backup_includes_changes_still_in_the_write_ahead_log(tmp_path):
    source = tmp_path / "busy.sqlite3"
    writer = sqlite3.connect(source)
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep every change in the -wal file
        writer.execute("CREATE TABLE items (n INTEGER)")
        writer.commit()
        writer.executemany("INSERT INTO items VALUES (?)", [(n,) for n in range(500)])
        writer.commit()
        assert source.with_name(source.name + "-wal").stat().st_size > 0
        main_only = sqlite3.connect(source.resolve().as_uri() + "?immutable=1", uri=True)  # ignores the WAL
        try:
            assert main_only.execute("SELECT name FROM sqlite_master").fetchall() == []  # main file has none of it
        finally:
            main_only.close()

        copy = backup_sqlite(source, tmp_path / "copy.sqlite3")
    finally:
        writer.close()
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT count(*), sum(n) FROM items").fetchone() == (500, sum(range(500)))
    finally:
        con.close()
    assert integrity(copy) == "ok"


def test_a_backup_replaces_an_older_copy_of_the_same_name(store, tmp_path):
    target = tmp_path / "copy.sqlite3"
    target.write_text("an old copy")
    add_person(store, full_name="Newest")
    backup_sqlite(store.path, target)
    con = sqlite3.connect(target)
    assert con.execute("SELECT full_name FROM people").fetchall() == [("Newest",)]
    con.close()


# ------------------------------------------------------------------------------------------- sessions and settings


def test_a_transaction_that_fails_saves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction() as session:
        create_person(session, person_data(full_name="First"))
        create_person(session, person_data(full_name="Second"))
        session.flush()
        raise RuntimeError("power cut")
    assert count_rows(store, "people") == 0
    assert count_rows(store, "person_roles") == 0
    assert count_rows(store, "people_search") == 0


def test_a_transaction_that_finishes_saves_everything(store):
    with store.transaction() as session:
        create_person(session, person_data(full_name="First"))
        create_person(session, person_data(full_name="Second"))
    assert count_rows(store, "people") == 2


def test_sqlite_settings_are_on_for_every_connection(store):
    for _ in range(2):
        with store.engine.connect() as con:
            assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert con.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_links_to_records_that_do_not_exist_are_refused(store):
    with pytest.raises(exc.IntegrityError), store.engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO memberships (id, person_id, committee_id, term_start, is_backup, created_at, updated_at,"
                " created_by, updated_by) VALUES ('m1', 'nobody', 'nothing', '2026-01-01', 0, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', 'x', 'x')"
            )
        )
    assert count_rows(store, "memberships") == 0


def test_migrations_run_inside_a_transaction(tmp_path, monkeypatch):
    """If a migration step fails, the database is left as it was, not half-built."""
    path = tmp_path / "half.sqlite3"
    engine = make_engine(database_url(path))
    try:
        with engine.begin() as con:
            con.exec_driver_sql("CREATE TABLE people_search (x)")  # makes 0001's CREATE VIRTUAL TABLE fail
        with pytest.raises(exc.OperationalError):
            upgrade_database(engine, None, None)
        with engine.connect() as con:
            tables = {row[0] for row in con.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    finally:
        engine.dispose()
    assert tables == {"people_search"}  # none of the tables 0001 made before failing are left behind


# ------------------------------------------------------------------------------------- two writers, locks and errors


def _other_writer(path: Path, timeout: float = 0.0) -> sqlite3.Connection:
    """A second program's connection to the same file, in charge of its own transactions."""
    return sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)


def test_a_writing_transaction_holds_the_write_lock_from_its_start(store):
    """A deferred transaction that read and then tried to write failed at once when someone else had written in
    between (issue 17: 29% of saves with two writers); taking the lock up front makes the other writer wait."""
    other = _other_writer(store.path)
    try:
        with store.transaction() as session:
            session.execute(text("SELECT count(*) FROM people")).scalar()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            create_person(session, person_data(full_name="Saved First"))
        other.execute("BEGIN IMMEDIATE")  # free again once the transaction is over
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert count_rows(store, "people") == 1


def test_readers_stay_deferred_and_never_hold_the_write_lock(store):
    add_person(store)
    other = _other_writer(store.path)
    try:
        with store.reader() as session:
            assert session.execute(text("SELECT count(*) FROM people")).scalar() == 1
            other.execute("BEGIN IMMEDIATE")  # a reader in progress does not stop a writer
            other.execute("ROLLBACK")
        with store.glance() as connection:
            connection.execute(text("SELECT count(*) FROM people")).scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_save_waits_quietly_for_a_writer_that_holds_the_lock_beyond_the_busy_timeout(tmp_path, monkeypatch):
    from partnerdesk.store import connections

    monkeypatch.setattr(connections, "BUSY_TIMEOUT_MS", 50)  # SQLite gives up after 50 ms; the store does not
    store = open_store(tmp_path / "busy.sqlite3")
    other = _other_writer(store.path)
    try:
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.6, lambda: other.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        add_person(store, full_name="Patient Saver")
        waited = time.monotonic() - started
        release.join()
    finally:
        other.close()
        store.close()
    assert waited >= 0.5
    assert revision_in_file(tmp_path / "busy.sqlite3") == HEAD_REVISION


def test_a_failed_save_never_carries_the_values_in_its_error(store):
    secret = "Nobody-Should-Read-This"
    with pytest.raises(exc.IntegrityError) as caught, store.engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO memberships (id, person_id, committee_id, term_start, is_backup, created_at, updated_at,"
                " created_by, updated_by) VALUES ('m1', :who, 'nothing', '2026-01-01', 0, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', 'x', 'x')"
            ),
            {"who": secret},
        )
    assert secret not in str(caught.value)
    assert "parameters hidden" in str(caught.value)


# ------------------------------------------------------------------------------------------ reading without writing


def _rollback_journal_database(tmp_path: Path) -> Path:
    path = tmp_path / "old-style.sqlite3"
    store = open_store(path)
    add_person(store, full_name="Read Only Reader")
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    return path


def test_a_read_only_store_reads_and_changes_no_byte_nor_leaves_a_file(tmp_path):
    path = _rollback_journal_database(tmp_path)
    before = path.read_bytes()
    store = open_store(path, read_only=True)
    try:
        assert store.read_only
        with store.reader() as session:
            assert session.execute(text("SELECT full_name FROM people")).scalar() == "Read Only Reader"
        with pytest.raises(StoreError, match="can show this database but not change it"), store.transaction():
            pass
        with pytest.raises(exc.OperationalError), store.glance() as connection:
            connection.execute(text("DELETE FROM people"))
    finally:
        store.close()
    assert path.read_bytes() == before
    assert side_files(path) == []


def test_reading_a_wal_database_leaves_no_wal_or_shm_beside_it(store, tmp_path):
    add_person(store)
    path = store.path
    store.close()
    assert side_files(path) == []
    reading = open_store(path, read_only=True)
    with reading.reader() as session:
        session.execute(text("SELECT count(*) FROM people")).scalar()
    reading.close()
    copy = backup_sqlite(path, tmp_path / "copy.sqlite3")
    assert integrity(copy) == "ok"
    assert side_files(path) == []  # every backup used to leave -wal and -shm beside the source


def test_reading_an_empty_file_is_refused_without_writing_to_it(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with pytest.raises(StoreError, match="no PartnerDesk records"):
        open_store(path, read_only=True)
    assert path.read_bytes() == b""


def test_a_read_only_folder_is_refused_for_writing_in_plain_words(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    open_store(path).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(StoreError, match="can show this database but not change it"):
        open_store(path)
    open_store(path, read_only=True).close()


# ------------------------------------------------------------------------------------------------ plain messages


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "not enough free space"),
        (OSError(errno.ENOSPC, "No space left on device"), "not enough free space"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "can show this database but not change"),
        (sqlite3.DatabaseError("database disk image is malformed"), "is damaged"),
        (sqlite3.DatabaseError("file is not a database"), "is damaged"),
        (sqlite3.OperationalError("database is locked"), "busy"),
        (PermissionError(errno.EACCES, "Permission denied", "/x/y.xlsx"), "not allowed to write there (/x/y.xlsx)"),
        (KeyError("full_name"), "Something unexpected went wrong ("),
    ],
    ids=["sqlite full", "os full", "read-only", "malformed", "not a database", "locked", "permission", "unexpected"],
)
def test_every_failure_becomes_plain_words_without_values(error, words):
    wrapped = exc.OperationalError("INSERT INTO people VALUES (?)", ("Secret Name",), error)
    for failure in (error, wrapped):
        message = plain_message(failure)
        assert words in message
        assert "Secret Name" not in message and "INSERT" not in message and "Traceback" not in message


def test_a_damaged_database_message_points_to_the_newest_sound_backup(store, tmp_path):
    add_person(store)
    folder = store.path.parent / "backups"
    older = backup_sqlite(store.path, folder / f"{store.path.stem}-2026-01-01_090000.sqlite3")
    newest = folder / f"{store.path.stem}-2026-02-01_090000.sqlite3"
    newest.write_bytes(b"SQLite format 3\x00" + bytes(4000))  # newer, but not sound
    os.utime(older, (1, 1))
    message = plain_message(sqlite3.DatabaseError("database disk image is malformed"), store.path)
    assert "partnerdesk check" in message
    assert str(older) in message


# ------------------------------------------------------------------------------------- half-written files, swept


def test_a_failed_backup_leaves_no_partial_copy(store, tmp_path, monkeypatch):
    from partnerdesk.store import backup as backup_module

    def broken_copy(uri, partial):
        partial.write_bytes(b"half a copy")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_copy", broken_copy)
    with pytest.raises(OSError):
        backup_sqlite(store.path, tmp_path / "copies" / "copy.sqlite3")
    assert list((tmp_path / "copies").iterdir()) == []


def test_partial_files_are_owner_only_and_swept_once_their_writer_is_gone(tmp_path):
    target = tmp_path / "people.xlsx"
    mine = partial_path(target)
    assert mine.stat().st_mode & 0o777 == 0o600
    assert mine.name.startswith(".people.xlsx.") and mine.name.endswith(".partnerdesk.part")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f".people.xlsx.{dead.stdout.strip()}-abcd1234.partnerdesk.part"
    left.write_bytes(b"personal data")
    left.with_name(left.name + "-journal").write_bytes(b"more of it")
    (tmp_path / "keep.part").write_text("not ours")
    assert sweep_partials(tmp_path, tmp_path / "missing") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "keep.part"])  # a live writer's stays
    assert partials_in(tmp_path) == [mine]


def test_a_writing_transaction_inside_another_is_refused_at_once_not_left_waiting(store):
    started = time.monotonic()
    with store.transaction(), pytest.raises(RuntimeError, match="inside another"):
        add_person(store)
    assert time.monotonic() - started < 5
    add_person(store)  # and the store writes normally afterwards
    assert count_rows(store, "people") == 1

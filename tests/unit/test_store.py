"""Opening, creating, migrating, refusing and backing up PartnerDesk databases."""

from __future__ import annotations

import os
import random
import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, exc, text

from partnerdesk.records import Base
from partnerdesk.services.attendance import invitations, invite
from partnerdesk.services.meeting_checks import set_committee_quorum
from partnerdesk.services.meetings import create_meeting
from partnerdesk.services.organisations import list_committees
from partnerdesk.services.people import create_person, get_person
from partnerdesk.services.people_list import PeopleFilter, count_people
from partnerdesk.store import StoreError, open_store
from partnerdesk.store.backup import automatic_backup_path, backup_sqlite
from partnerdesk.store.engine import current_revision, database_url, make_engine, sqlite_path
from partnerdesk.store.migrate import alembic_config, script_heads, script_revisions, upgrade_database
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS
from tests.builders import add_committee, add_meeting, add_membership, add_person, count_rows, meeting_data, person_data

SIDE_FILES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[str]:
    """SQLite's working files beside a database (their appearing means someone opened it for writing)."""
    return [suffix for suffix in SIDE_FILES if path.with_name(path.name + suffix).exists()]


def revision_in_file(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


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


def test_the_records_match_what_the_migrations_build(store):
    def ours(name, type_, parent_names):
        # SQLite-only search indexes and list name index, made by hand in migrations 0002 and 0006.
        if type_ == "table" and name.startswith(("people_search", "claims_search")):
            return False
        return not (type_ == "index" and name == "ix_people_live_name")

    with store.engine.connect() as con:
        context = MigrationContext.configure(
            con, opts={"compare_type": True, "compare_server_default": True, "include_name": ours}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


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


# ------------------------------------------------------------------------------------------------------ upgrading


def _database_at(path: Path, revision: str) -> str:
    """A database as an earlier PartnerDesk left it, with one person put in by plain SQL. Returns their id."""
    engine = create_engine("sqlite:///" + str(path))
    try:
        upgrade_database(engine, None, None, target=revision)
        person_id = str(uuid.uuid4())
        with engine.begin() as con:
            con.execute(
                text(
                    "INSERT INTO people (id, full_name, status, access_needs, language, created_at, updated_at, "
                    "created_by, updated_by) VALUES (:id, 'Ffion Older', 'active', '[]', 'english', "
                    "'2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000', 'older', 'older')"
                ),
                {"id": person_id},
            )
    finally:
        engine.dispose()
    assert revision_in_file(path) == revision
    return person_id


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_database_from_an_earlier_version_is_upgraded_keeping_its_people(tmp_path, revision):
    """Every revision this version knows, oldest included: the people survive, and a copy is taken first when
    (and only when) the schema had to change."""
    path = tmp_path / "older.sqlite3"
    person_id = _database_at(path, revision)
    store = open_store(path)
    try:
        assert current_revision(store.engine) == HEAD_REVISION
        with store.reader() as session:
            person = get_person(session, person_id)
            assert (person.full_name, person.created_by) == ("Ffion Older", "older")
            assert count_people(session, PeopleFilter(search="ffion")) == 1
        with store.transaction() as session:  # and the newest records work on the upgraded file
            meeting = create_meeting(session, meeting_data(None, title="After the upgrade"))
            invite(session, meeting.id, [person_id])
    finally:
        store.close()
    copies = sorted((tmp_path / "backups").glob("*")) if (tmp_path / "backups").exists() else []
    if revision == HEAD_REVISION:
        assert copies == []
    else:
        assert len(copies) == 1
        assert f"before-upgrade-from-{revision}" in copies[0].name
        assert revision_in_file(copies[0]) == revision
        assert integrity(copies[0]) == "ok"


def test_a_database_from_before_meetings_keeps_its_committees_and_seats(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = _database_at(path, "0001_people")
    engine = create_engine("sqlite:///" + str(path))
    stamp = "'2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000', 'older', 'older'"
    try:
        with engine.begin() as con:
            con.exec_driver_sql(f"INSERT INTO organisations VALUES ('Health Board', 'nhs', NULL, 'o1', {stamp}, NULL)")
            con.exec_driver_sql(f"INSERT INTO committees VALUES ('o1', 'Board', NULL, 'c1', {stamp}, NULL)")
            con.exec_driver_sql(
                "INSERT INTO memberships VALUES (:p, 'c1', '2025-01-01', NULL, 0, 's1', " + stamp + ", NULL)",
                {"p": person_id},
            )
    finally:
        engine.dispose()
    store = open_store(path)
    try:
        with store.transaction() as session:
            (committee,) = list_committees(session)
            assert (committee.name, committee.quorum_number, committee.quorum_numerator) == ("Board", None, None)
            set_committee_quorum(session, "c1", number=1, on=date(2026, 1, 1))
            meeting = create_meeting(session, meeting_data("c1", date(2026, 1, 6)))
            invite(session, meeting.id)  # the seat from before the upgrade counts
            assert [row.person_id for row in invitations(session, meeting.id)] == [person_id]
    finally:
        store.close()


def test_the_meetings_migration_can_be_undone_keeping_people_and_committees(tmp_path):
    path = tmp_path / "undo.sqlite3"
    store = open_store(path)
    person_id = add_person(store, full_name="Kept Person")
    committee = add_committee(store)
    add_membership(store, person_id, committee, date(2026, 1, 1))
    add_meeting(store, committee, date(2026, 1, 6))
    config = alembic_config()
    try:
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0002_people_list")
        with store.engine.connect() as con:
            tables = {row[0] for row in con.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
            columns = {row[1] for row in con.execute(text("PRAGMA table_info(committees)"))}
            assert con.execute(text("SELECT full_name FROM people")).scalars().all() == ["Kept Person"]
            assert con.execute(text("SELECT count(*) FROM memberships")).scalar() == 1
    finally:
        store.close()
    assert not tables & {"meetings", "meeting_series", "attendance", "meeting_actions", "settings"}
    assert not any(name.startswith("quorum") for name in columns)
    assert revision_in_file(path) == "0002_people_list"
    again = open_store(path)  # and upgrading again works
    again.close()
    assert revision_in_file(path) == HEAD_REVISION


def test_upgrading_an_existing_file_takes_a_sound_backup_first(tmp_path):
    path = tmp_path / "data.sqlite3"
    store = open_store(path)
    add_person(store, full_name="Backed Up")
    upgrade_database(store.engine, path, HEAD_REVISION)
    store.close()
    (copy,) = (tmp_path / "backups").iterdir()
    assert copy.name.startswith("data-") and copy.name.endswith(f"-before-upgrade-from-{HEAD_REVISION}.sqlite3")
    assert integrity(copy) == "ok"
    con = sqlite3.connect(copy)
    assert con.execute("SELECT full_name FROM people").fetchall() == [("Backed Up",)]
    con.close()


def test_automatic_backups_go_in_a_backups_folder_beside_the_database(tmp_path):
    where = automatic_backup_path(tmp_path / "partnerdesk.sqlite3", "before-upgrade-from-0001_people")
    assert where.parent == tmp_path / "backups"
    assert where.name.startswith("partnerdesk-") and where.name.endswith("-before-upgrade-from-0001_people.sqlite3")


# -------------------------------------------------------------------------------------------------------- backups


def test_a_backup_is_a_sound_copy_with_the_data(store, tmp_path):
    for n in range(3):
        add_person(store, full_name=f"Person {n}")
    copy = backup_sqlite(store.path, tmp_path / "copies" / "copy.sqlite3")
    assert copy == tmp_path / "copies" / "copy.sqlite3"
    assert integrity(copy) == "ok"
    assert side_files(copy) == []
    assert not copy.with_name(copy.name + ".partial").exists()
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

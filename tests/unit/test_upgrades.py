"""Databases made by earlier versions of PartnerDesk: upgraded on opening, keeping their data, after a backup."""

from __future__ import annotations

import socket
import sqlite3
import uuid
from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from partnerdesk.services.common.drafts import list_drafts
from partnerdesk.services.meetings.attendance import invitations, invite
from partnerdesk.services.meetings.checks import set_committee_quorum
from partnerdesk.services.meetings.meetings import create_meeting
from partnerdesk.services.people.listing import PeopleFilter, count_people, other_side_keys
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.services.people.people import get_person, person_data, update_person
from partnerdesk.store import open_store
from partnerdesk.store.backup import automatic_backup_path
from partnerdesk.store.engine import current_revision
from partnerdesk.store.migrate import alembic_config, upgrade_database
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS
from tests.builders import (
    add_committee,
    add_meeting,
    add_membership,
    add_person,
    database_at_revision,
    integrity,
    meeting_data,
    revision_in_file,
)


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_a_database_from_an_earlier_version_is_upgraded_keeping_its_people(tmp_path, revision):
    """Every revision this version knows, oldest included: the people survive, and a copy is taken first when
    (and only when) the schema had to change."""
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, revision)
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
    person_id = database_at_revision(path, "0001_people")
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




def _search_index_sql(con) -> str:
    return con.execute(text("SELECT sql FROM sqlite_master WHERE name = 'people_search'")).scalar_one()


def test_the_list_speed_upgrade_keeps_every_search_working_and_can_be_undone(tmp_path):
    path = tmp_path / "older.sqlite3"
    database_at_revision(path, "0006_claims_search")
    engine = create_engine("sqlite:///" + str(path))
    try:
        with engine.begin() as con:
            con.execute(text(
                "INSERT INTO people (id, full_name, phone, status, access_needs, language, created_at, updated_at, "
                "created_by, updated_by, deleted_at) VALUES (:id, :name, :phone, 'active', '[]', 'english', "
                "'2025-01-01 09:00:00.000000', '2025-01-01 09:00:00.000000', 'older', 'older', :deleted)"),
                [{"id": str(uuid.uuid4()), "name": "Rhys Phone", "phone": "07700 900123", "deleted": None},
                 {"id": str(uuid.uuid4()), "name": "Binned Person", "phone": None,
                  "deleted": "2025-02-01 09:00:00.000000"}])
    finally:
        engine.dispose()
    store = open_store(path)
    try:
        add_person(store, full_name="After Upgrade", phone="07700 900456")  # kept in the index by the new triggers
        with store.reader() as session:
            for typed, found in (("0770", 2), ("077009001", 1), ("07700 9004", 1), ("rhys", 1), ("ffion", 1)):
                assert count_people(session, PeopleFilter(search=typed)) == found, typed
            assert count_people(session, PeopleFilter(search="binn", in_bin=True)) == 1
            assert len(other_side_keys(session, PeopleFilter())) == 1
            con = session.connection()
            assert "prefix = '1 2 3 4 5 6'" in _search_index_sql(con)
            plan = con.exec_driver_sql("EXPLAIN QUERY PLAN SELECT rowid FROM people WHERE deleted_at IS NOT NULL")
            assert "ix_people_binned" in str(plan.fetchall())
            plan = con.exec_driver_sql("EXPLAIN QUERY PLAN SELECT id FROM meetings ORDER BY lower(title) LIMIT 5")
            assert "ix_meetings_title" in str(plan.fetchall())  # the list sorted by title reads it in order
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0006_claims_search")
        with store.reader() as session:
            assert count_people(session, PeopleFilter(search="0770")) == 2
            con = session.connection()
            assert "prefix = '1 2 3'" in _search_index_sql(con)
            assert not con.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name IN ('ix_people_binned', "
                                           "'ix_meetings_title')").all()
    finally:
        store.close()
    assert revision_in_file(path) == "0006_claims_search"


def test_the_versions_upgrade_numbers_every_record_and_gives_old_drafts_this_pc(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0007_list_speed")
    engine = create_engine("sqlite:///" + str(path))
    try:
        with engine.begin() as con:
            con.execute(text(
                "INSERT INTO form_drafts (id, form, record_id, title, payload, saved_at, saved_by) VALUES "
                "('d1', 'person', :p, 'Old draft', '{}', '2025-01-01 09:00:00.000000', 'tester')"), {"p": person_id})
    finally:
        engine.dispose()
    store = open_store(path)
    try:
        with store.reader() as session:
            person = get_person(session, person_id)
            assert (person.full_name, person.version) == ("Ffion Older", 1)
            assert [d.title for d in list_drafts(session)] == ["Old draft"]  # still offered to its worker here
            machine = session.execute(text("SELECT machine FROM form_drafts")).scalar_one()
            assert machine == socket.gethostname()
        with store.transaction() as session:
            update_person(session, person_id, {**person_data(get_person(session, person_id)), "town": "Bala"},
                          version=1)
        with store.reader() as session:
            assert get_person(session, person_id).version == 2
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0007_list_speed")
        with store.reader() as session:
            con = session.connection()
            assert "version" not in {row[1] for row in con.exec_driver_sql("PRAGMA table_info(people)")}
            assert count_people(session, PeopleFilter(search="ffion")) == 1  # the search triggers survived
    finally:
        store.close()
    assert revision_in_file(path) == "0007_list_speed"


def test_the_organisation_periods_upgrade_keeps_organisations_committees_and_meetings(tmp_path):
    """A 0008 database with an organisation, a committee and a meeting: after the upgrade they are all there, the
    organisation has no periods of its own (so the defaults still apply), and its own periods can be set."""
    from partnerdesk.services.common.org_periods import organisation_periods, set_organisation_periods
    from partnerdesk.services.meetings.checks import meeting_compliance

    path = tmp_path / "older.sqlite3"
    database_at_revision(path, "0008_versions")
    engine = create_engine("sqlite:///" + str(path))
    stamp = "'2025-01-01 09:00:00.000000'"
    try:
        with engine.begin() as con:
            con.execute(text(f"INSERT INTO organisations (id, name, kind, created_at, updated_at, created_by, "
                             f"updated_by, version) VALUES ('o1', 'City Health Board', 'nhs', {stamp}, {stamp}, "
                             "'older', 'older', 3)"))
            con.execute(text(f"INSERT INTO committees (id, organisation_id, name, created_at, updated_at, created_by, "
                             f"updated_by) VALUES ('c1', 'o1', 'Board', {stamp}, {stamp}, 'older', 'older')"))
    finally:
        engine.dispose()
    store = open_store(path)
    try:
        with store.transaction() as session:
            meeting_id = create_meeting(session, meeting_data("c1", notice_sent_on=date(2031, 6, 1))).id
        with store.reader() as session:
            [org] = organisation_periods(session)
            assert (org.name, org.notice_days, org.papers_days, org.version) == ("City Health Board", None, None, 3)
            assert [c.name for c in list_committees(session)] == ["Board"]
            assert meeting_compliance(session, meeting_id).notice_late is False  # 16 days: the default 14 is met
        with store.transaction() as session:
            set_organisation_periods(session, "o1", 21, None, 3)
        with store.reader() as session:
            assert meeting_compliance(session, meeting_id).notice_late is True
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0008_versions")
        with store.reader() as session:
            columns = {row[1] for row in session.connection().exec_driver_sql("PRAGMA table_info(organisations)")}
            assert "notice_days" not in columns and "name" in columns
    finally:
        store.close()
    assert revision_in_file(path) == "0008_versions"


def test_the_import_batches_upgrade_keeps_people_and_can_be_undone(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0008_versions")
    store = open_store(path)
    try:
        with store.reader() as session:
            person = get_person(session, person_id)
            assert (person.full_name, person.import_batch) == ("Ffion Older", None)  # added by hand, not imported
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0008_versions")
        with store.reader() as session:
            con = session.connection()
            assert "import_batch" not in {row[1] for row in con.exec_driver_sql("PRAGMA table_info(people)")}
            assert count_people(session, PeopleFilter(search="ffion")) == 1  # the search triggers survived
    finally:
        store.close()
    assert revision_in_file(path) == "0008_versions"


def test_the_import_batches_for_meetings_and_claims_upgrade_keeps_them_and_can_be_undone(tmp_path):
    path = tmp_path / "older.sqlite3"
    database_at_revision(path, "0013_programmes")
    store = open_store(path)
    try:
        committee = add_committee(store)
        meeting = add_meeting(store, committee)
        with store.reader() as session:
            assert session.execute(text("SELECT import_batch FROM meetings WHERE id = :id"), {"id": meeting}).all() == [
                (None,)
            ]  # added by hand, not imported
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0013_programmes")
        with store.reader() as session:
            con = session.connection()
            for table in ("meetings", "claims"):
                assert "import_batch" not in {row[1] for row in con.exec_driver_sql(f"PRAGMA table_info({table})")}
            assert con.exec_driver_sql("SELECT count(*) FROM meetings").scalar() == 1
    finally:
        store.close()
    assert revision_in_file(path) == "0013_programmes"


def test_the_report_indexes_upgrade_keeps_people_and_seats_and_can_be_undone(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0014_import_batches_more")
    engine = create_engine("sqlite:///" + str(path))
    try:
        with engine.begin() as con:
            org, committee, seat = (str(uuid.uuid4()) for _ in range(3))
            stamp = {"at": "2025-01-01 09:00:00.000000", "by": "older"}
            shared = "created_at, updated_at, created_by, updated_by) VALUES"
            con.execute(text(f"INSERT INTO organisations (id, name, kind, {shared} (:id, 'Older Board', 'nhs', "
                             ":at, :at, :by, :by)"), {"id": org, **stamp})
            con.execute(text(f"INSERT INTO committees (id, organisation_id, name, {shared} (:id, :org, "
                             "'Older Committee', :at, :at, :by, :by)"), {"id": committee, "org": org, **stamp})
            con.execute(text(f"INSERT INTO memberships (id, person_id, committee_id, term_start, is_backup, {shared} "
                             "(:id, :person, :committee, '2025-01-01', 0, :at, :at, :by, :by)"),
                        {"id": seat, "person": person_id, "committee": committee, **stamp})
    finally:
        engine.dispose()
    store = open_store(path)
    try:
        with store.reader() as session:
            con = session.connection()
            indexes = _index_names(con)
            assert {"ix_people_id_live", "ix_memberships_committee_terms", "ix_memberships_person_terms"} <= indexes
            assert con.exec_driver_sql("SELECT person_id FROM memberships").scalar_one() == person_id
            assert get_person(session, person_id).full_name == "Ffion Older"
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0014_import_batches_more")
        with store.reader() as session:
            con = session.connection()
            indexes = _index_names(con)
            assert not indexes & {"ix_people_id_live", "ix_memberships_committee_terms", "ix_memberships_person_terms"}
            assert con.exec_driver_sql("SELECT count(*) FROM memberships").scalar_one() == 1
    finally:
        store.close()
    assert revision_in_file(path) == "0014_import_batches_more"


def test_the_people_sort_indexes_upgrade_gathers_their_statistics_and_can_be_undone(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0019_people_left_index")
    engine = create_engine("sqlite:///" + str(path))
    try:
        with engine.begin() as con:
            con.exec_driver_sql("ANALYZE")  # an older database whose planner already had statistics
    finally:
        engine.dispose()
    sort_indexes = {f"ix_people_live_{c}" for c in ("status", "email", "phone", "postcode", "updated_at")}
    store = open_store(path)
    try:
        with store.reader() as session:
            con = session.connection()
            indexes = _index_names(con)
            assert sort_indexes <= indexes
            # Without them the planner would guess at the new indexes and could read everyone through one.
            counted = {row[0] for row in con.exec_driver_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'people'")}
            assert sort_indexes <= counted
            assert get_person(session, person_id).full_name == "Ffion Older"
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0019_people_left_index")
        with store.reader() as session:
            con = session.connection()
            indexes = _index_names(con)
            assert not indexes & sort_indexes
            assert get_person(session, person_id).full_name == "Ffion Older"
    finally:
        store.close()
    assert revision_in_file(path) == "0019_people_left_index"


def _index_names(con) -> set[str]:
    """The names of the indexes in the database behind a connection."""
    return {row[0] for row in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}

"""A database from before programmes were records (0012): upgraded, every claim's typed programme becomes a link to a
programme made from it, nothing typed is lost, and the upgrade can be undone."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from partnerdesk.store import open_store
from partnerdesk.store.migrate import alembic_config, upgrade_database
from tests.builders import revision_in_file

STAMP = "'2025-01-01 09:00:00.000000'"
TYPED = ["Buddying 2026", " buddying  2026", "Reciprocal mentoring", None]


def _database_with_claims(path: Path) -> list[str]:
    """A 0012 database with one person and a claim per TYPED programme, put in by plain SQL. Returns the claim ids."""
    engine = create_engine("sqlite:///" + str(path))
    ids = [str(uuid.uuid4()) for _ in TYPED]
    try:
        upgrade_database(engine, None, None, target="0012_import_batches")
        with engine.begin() as con:
            con.execute(text(
                "INSERT INTO people (id, full_name, status, access_needs, language, created_at, updated_at, "
                f"created_by, updated_by) VALUES ('p1', 'Ffion Older', 'active', '[]', 'english', {STAMP}, {STAMP}, "
                "'older', 'older')"))
            for claim_id, typed in zip(ids, TYPED, strict=True):
                con.execute(text(
                    "INSERT INTO claims (id, person_id, programme, claim_date, status, total_pence, line_count, "
                    "receipts_missing, category_mask, created_at, updated_at, created_by, updated_by) VALUES "
                    f"(:id, 'p1', :typed, '2026-03-01', 'draft', 0, 0, 0, 0, {STAMP}, {STAMP}, 'older', 'older')"),
                    {"id": claim_id, "typed": typed})  # fmt: skip
    finally:
        engine.dispose()
    return ids


def test_typed_programmes_become_programmes_and_claims_link_to_them_keeping_the_text(tmp_path):
    path = tmp_path / "older.sqlite3"
    ids = _database_with_claims(path)
    store = open_store(path)
    try:
        with store.reader() as session:
            con = session.connection()
            programmes = dict(con.execute(text("SELECT id, name FROM programmes")).all())
            kinds = set(con.execute(text("SELECT kind FROM programmes")).scalars())
            claims = {row.id: row for row in con.execute(text("SELECT id, programme, programme_id FROM claims"))}
            found = con.execute(text("SELECT count(*) FROM claims_search WHERE claims_search MATCH 'buddying'"))
            assert found.scalar_one() == 2  # the search over programmes typed on claims still works
        # Two spellings of one name are one programme; the claim with none stays without one.
        assert sorted(programmes.values()) == ["Buddying 2026", "Reciprocal mentoring"]
        assert kinds == {"other"}
        assert [claims[i].programme for i in ids] == TYPED
        assert claims[ids[0]].programme_id == claims[ids[1]].programme_id
        assert programmes[claims[ids[0]].programme_id] == "Buddying 2026"
        assert programmes[claims[ids[2]].programme_id] == "Reciprocal mentoring"
        assert claims[ids[3]].programme_id is None
        config = alembic_config()
        with store.engine.begin() as con:
            config.attributes["connection"] = con
            command.downgrade(config, "0012_import_batches")
        with store.reader() as session:
            con = session.connection()
            assert [con.execute(text("SELECT programme FROM claims WHERE id = :id"), {"id": i}).scalar_one()
                    for i in ids] == TYPED  # fmt: skip
            assert "programme_id" not in {row[1] for row in con.exec_driver_sql("PRAGMA table_info(claims)")}
    finally:
        store.close()
    assert revision_in_file(path) == "0012_import_batches"

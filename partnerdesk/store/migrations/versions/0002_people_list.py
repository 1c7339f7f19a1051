"""Faster People list and search: the search index keyed by the people table's row number, and a name index of
only the people not in the Bin.

The first search index found its rows by person id, a column it could not index, so every change to a person
read the whole index; keyed by row number, a change touches one row. The index also keeps the first one, two and
three letters of every word, so the first keystrokes of a search (which match the most people) are quick. The index on deleted_at is dropped: almost
every person has none, so it only misled SQLite into sorting 100,000 names instead of reading them in order.

Revision ID: 0002_people_list
Revises: 0001_people
"""

from alembic import op

revision = "0002_people_list"
down_revision = "0001_people"
branch_labels = None
depends_on = None

# The same text as migration 0001 searched: names, email, phone (also without spaces, dashes and +) and postcode
# (also without its space). Migrations never import the app, so it is written out again here.
_SEARCH_TEXT = """
    coalesce({p}.full_name, '') || ' ' || coalesce({p}.preferred_name, '') || ' ' ||
    coalesce({p}.email, '') || ' ' || coalesce({p}.phone, '') || ' ' ||
    replace(replace(replace(coalesce({p}.phone, ''), ' ', ''), '-', ''), '+', '') || ' ' ||
    coalesce({p}.postcode, '') || ' ' || replace(coalesce({p}.postcode, ''), ' ', '')
"""
_OLD_TRIGGERS = ("people_search_insert", "people_search_update", "people_search_delete")

UPGRADE_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _OLD_TRIGGERS),
    "DROP TABLE IF EXISTS people_search",
    "CREATE VIRTUAL TABLE people_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', "
    "prefix = '1 2 3')",
    "INSERT INTO people_search (rowid, body) SELECT rowid, " + _SEARCH_TEXT.format(p="people") + " FROM people",
    "CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN "
    "INSERT INTO people_search (rowid, body) VALUES (new.rowid, " + _SEARCH_TEXT.format(p="new") + "); END",
    "CREATE TRIGGER people_search_update AFTER UPDATE OF full_name, preferred_name, email, phone, postcode "
    "ON people BEGIN DELETE FROM people_search WHERE rowid = old.rowid; "
    "INSERT INTO people_search (rowid, body) VALUES (new.rowid, " + _SEARCH_TEXT.format(p="new") + "); END",
    "CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN "
    "DELETE FROM people_search WHERE rowid = old.rowid; END",
    "DROP INDEX IF EXISTS ix_people_name_nocase",
    "CREATE INDEX ix_people_live_name ON people (full_name COLLATE NOCASE) WHERE deleted_at IS NULL",
]

DOWNGRADE_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _OLD_TRIGGERS),
    "DROP TABLE IF EXISTS people_search",
    "CREATE VIRTUAL TABLE people_search USING fts5("
    "person_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO people_search (person_id, body) SELECT id, " + _SEARCH_TEXT.format(p="people") + " FROM people",
    "CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN "
    "INSERT INTO people_search (person_id, body) VALUES (new.id, " + _SEARCH_TEXT.format(p="new") + "); END",
    "CREATE TRIGGER people_search_update AFTER UPDATE OF full_name, preferred_name, email, phone, postcode "
    "ON people BEGIN DELETE FROM people_search WHERE person_id = old.id; "
    "INSERT INTO people_search (person_id, body) VALUES (new.id, " + _SEARCH_TEXT.format(p="new") + "); END",
    "CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN "
    "DELETE FROM people_search WHERE person_id = old.id; END",
    "DROP INDEX IF EXISTS ix_people_live_name",
    "CREATE INDEX ix_people_name_nocase ON people (full_name COLLATE NOCASE)",
]


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_deleted")
    if op.get_bind().dialect.name == "sqlite":
        for statement in UPGRADE_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DOWNGRADE_SQLITE:
            op.execute(statement)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_deleted", ["deleted_at"], unique=False)

"""Opening a PartnerDesk database: URL handling, SQLite settings, safety checks and automatic upgrades."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text

from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:  # the ORM loads when the first session is made, not at start-up
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database could not be opened or used; the message is written for the person at the keyboard."""


def database_url(target: str | Path) -> str:
    """Turn what the user typed after --db (a file path or a full URL) into an SQLAlchemy URL."""
    text_target = str(target)
    if "://" in text_target:
        return text_target
    return "sqlite:///" + str(Path(text_target).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory ones."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix or url.endswith(":memory:"):
        return None
    return Path(url[len(prefix) :])


def _sqlite_settings(dbapi_connection, _record) -> None:
    # Take over transaction control from Python's sqlite3 module so that DDL in migrations is transactional
    # too (SQLAlchemy's documented recipe); BEGIN is issued in _begin below.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine with PartnerDesk's settings (for SQLite: WAL, foreign keys, busy timeout)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
        event.listen(engine, "begin", _begin)
    return engine


@dataclass
class Store:
    """An open, up-to-date PartnerDesk database."""

    url: str
    engine: Engine = field(repr=False)

    @cached_property
    def session_factory(self) -> sessionmaker[Session]:
        """Makes ORM sessions; built on first use so a glance at the database does not import the ORM."""
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        """The SQLite file, if this is an SQLite database."""
        return sqlite_path(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all if anything fails."""
        with self.session_factory() as session, session.begin():
            yield session

    def reader(self) -> Session:
        """A session for reading; the caller closes it."""
        return self.session_factory()

    @contextmanager
    def glance(self) -> Iterator[Connection]:
        """A plain connection for quick reads through records.tables, without the ORM (the first screen)."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        """Release every connection (lets the file be copied or deleted)."""
        if self.engine.dialect.name == "sqlite":
            try:
                with self.engine.connect() as connection:
                    # SQLite's advice for long-lived programs: refresh the planner's statistics where they have
                    # gone stale, cheaply, as the database is closed.
                    connection.exec_driver_sql("PRAGMA optimize")
                    connection.commit()
            except Exception:  # noqa: BLE001 -- closing must never fail because tidying did
                pass
        self.engine.dispose()

    def tidy_after_bulk_load(self) -> None:
        """After adding many rows at once (demo data, an import): gather the statistics SQLite's planner uses to
        pick indexes (without them a sorted list can read every row) and merge the people search index."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.exec_driver_sql("INSERT INTO people_search (people_search) VALUES ('optimize')")
            connection.commit()


def inspect_sqlite_file(path: Path) -> str | None:
    """The schema revision of an existing file, or None if it is empty or brand new.

    Opened read-only so a file that turns out not to be ours is left exactly as it was.
    Raises StoreError when the file is not a PartnerDesk database.
    """
    if path.is_dir():  # before the size test: Windows reports every folder as 0 bytes
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a PartnerDesk database, so it has been left untouched.")
    uri = path.resolve().as_uri() + "?mode=ro"
    if not any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal")):
        # Nobody is part-way through writing it, so the main file is the whole story. Read it as immutable:
        # a read-only open of a WAL-mode file would otherwise leave new -wal and -shm files beside it.
        uri += "&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return None
            if "alembic_version" not in tables or "people" not in tables:
                raise StoreError(f"{path} is not a PartnerDesk database, so it has been left untouched.")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} could not be read as a database ({exc}). It has been left untouched.") from exc
    return row[0] if row else None


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or None if it has none yet."""
    with engine.connect() as con:
        if not engine.dialect.has_table(con, "alembic_version"):
            return None
        return con.execute(text("SELECT version_num FROM alembic_version")).scalar()


def refuse_unknown(revision: str | None, where: str) -> None:
    """Stop before touching a database written by a newer PartnerDesk."""
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{where} was made by a newer version of PartnerDesk. "
            "Please install the latest version to open it; nothing in it has been changed."
        )


def open_store(target: str | Path, *, upgrade: bool = True) -> Store:
    """Open (creating if needed) a PartnerDesk database and bring its schema up to date.

    Before an existing database is upgraded, a backup copy is taken beside it.
    """
    url = database_url(target)
    path = sqlite_path(url)
    if path is not None:
        revision = inspect_sqlite_file(path)
        refuse_unknown(revision, str(path))
        if not path.parent.exists():
            raise StoreError(f"The folder {path.parent} does not exist.")
    engine = make_engine(url)
    if path is None:
        revision = current_revision(engine)
        refuse_unknown(revision, "This database")
    if revision != HEAD_REVISION:
        if not upgrade:
            raise StoreError("This database needs upgrading; open it with PartnerDesk to upgrade it.")
        from partnerdesk.store.migrate import upgrade_database

        upgrade_database(engine, path, revision)
    return Store(url=url, engine=engine)

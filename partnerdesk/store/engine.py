"""Opening a PartnerDesk database (the Store): safety checks, automatic upgrades, reading and writing sessions.

The engines underneath, with SQLite's settings, come from store.connections."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from partnerdesk.i18n import N_, _
from partnerdesk.private_files import create_private_file, tighten_database, tighten_tree
from partnerdesk.store.cipher import (  # noqa: F401 -- re-exported: the store's modules import them from here
    NEEDS_PASSWORD_MESSAGE,
    SQLITE_HEADER,
    WRONG_KEY_MESSAGE,
    connect_file,
    database_errors,
    engine_url,
    is_encrypted,
    key_pragma,
)
from partnerdesk.store.connections import (
    WRITING,
    database_url,
    make_engine,
    make_reading_engine,
    reading_uri,
    sqlite_path,
    writable,
)
from partnerdesk.store.leftovers import sweep_partials
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:  # the ORM loads when the first session is made, not at start-up
    from sqlalchemy.orm import Session, sessionmaker

READ_ONLY_MESSAGE = (
    N_("PartnerDesk can show this database but not change it: the file or its folder is read-only. "
    "Nothing was changed. To work on it, copy it to a folder you can write to, or ask whoever looks after "
    "this computer to let you change it.")
)


class StoreError(Exception):
    """A database could not be opened or used; the message is written for the person at the keyboard."""


class DamagedDatabase(StoreError):
    """The file looks like an SQLite database but SQLite cannot read it: damaged rather than foreign."""


class WrongKey(StoreError):
    """An encrypted database would not open with the key given (a wrong password); nothing was changed."""


class NeedsPassword(StoreError):
    """The database is encrypted and no key was given: sign in first."""


@dataclass
class Store:
    """An open, up-to-date PartnerDesk database."""

    url: str
    engine: Engine = field(repr=False)
    #: The database key of an encrypted database (None for a plain one): backups are encrypted with it too.
    key: bytes | None = field(default=None, repr=False)
    #: Opened with open_store(read_only=True): it can be read, and any attempt to change it is refused.
    read_only: bool = False
    #: Why it is read-only, in plain words with what to do (see store.viewing); refused writes say this.
    read_only_reason: str = ""
    _writing: threading.local = field(default_factory=threading.local, repr=False, compare=False)

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
        """A session whose work is committed together at the end, or not at all if anything fails.

        It takes the database's write lock before anything else (BEGIN IMMEDIATE), waiting quietly while another
        program writes, so a save never fails just because someone else was saving at the same moment.
        """
        if self.read_only:
            raise StoreError(self.read_only_reason or READ_ONLY_MESSAGE)
        if getattr(self._writing, "active", False):
            # The outer transaction holds the write lock, so an inner one would wait for it until it gave up.
            raise RuntimeError("A writing transaction was started inside another; finish the first one first.")
        self._writing.active = True
        try:
            with self.session_factory() as session, session.begin():
                session.connection(execution_options={WRITING: True})
                yield session
        finally:
            self._writing.active = False

    def adopt(self, other: Store) -> None:
        """Carry on with other's engine and key: this database was just protected with a password (store.encrypt)
        and everything holding this Store (the window's pages) keeps working on the encrypted file."""
        self.engine.dispose()
        self.engine, self.key = other.engine, other.key
        self.__dict__.pop("session_factory", None)  # made again, on the new engine

    def stop_writing(self, reason: str) -> None:
        """From now on refuse every change, saying reason (damage found while the database was open, say)."""
        self.read_only, self.read_only_reason = True, reason

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
        if self.engine.dialect.name == "sqlite" and not self.read_only:
            try:
                with self.engine.connect() as connection:
                    # SQLite's advice for long-lived programs: refresh the planner's statistics where they have
                    # gone stale, cheaply, as the database is closed.
                    connection.exec_driver_sql("PRAGMA optimize")
                    connection.commit()
            except Exception:  # noqa: BLE001 -- closing must never fail because tidying did
                pass
        self.engine.dispose()

    def checkpoint_after_erasure(self) -> None:
        """After records were deleted for good: copy the write-ahead log into the database (whose freed pages
        secure_delete has overwritten) and empty it, so the deleted rows' old pages do not wait in the -wal file."""
        if self.engine.dialect.name != "sqlite" or self.read_only:
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.commit()

    def tidy_after_bulk_load(self) -> None:
        """After adding many rows at once (demo data, an import): gather the statistics SQLite's planner uses to
        pick indexes (without them a sorted list can read every row) and merge the people search index."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect().execution_options(**{WRITING: True}) as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.exec_driver_sql("INSERT INTO people_search (people_search) VALUES ('optimize')")
            connection.commit()


def inspect_sqlite_file(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision of an existing file, or None if it is empty or brand new.

    Opened read-only so a file that turns out not to be ours is left exactly as it was. An encrypted file is read
    with key: without one it raises NeedsPassword, with a wrong one WrongKey.
    Raises StoreError when the file is not a PartnerDesk database.
    """
    if path.is_dir():  # before the size test: Windows reports every folder as 0 bytes
        raise StoreError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists() or path.stat().st_size == 0:
        return None
    encrypted = is_encrypted(path)
    if encrypted and key is None:
        raise NeedsPassword(_(NEEDS_PASSWORD_MESSAGE).format(path=path))
    if not encrypted:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise StoreError(_("{path} is not a PartnerDesk database, so it has been left untouched.").format(
                path=path,
            ))
    try:
        con = connect_file(reading_uri(path), key if encrypted else None, uri=True)
        try:
            try:
                tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except Exception as exc:
                if encrypted:  # SQLCipher cannot tell a wrong key from noise: "file is not a database"
                    raise WrongKey(_(WRONG_KEY_MESSAGE)) from exc
                raise
            if not tables:
                return None
            # Every revision has these, and a file that merely has tables called people and alembic_version (the
            # issue's case) must not be "upgraded" by PartnerDesk's migrations.
            people_columns = {row[1] for row in con.execute("PRAGMA table_info(people)")}
            if not {"alembic_version", "people", "people_search"} <= tables or "full_name" not in people_columns:
                raise StoreError(_("{path} is not a PartnerDesk database, so it has been left untouched.").format(
                    path=path,
                ))
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except StoreError:
        raise
    except Exception as exc:  # sqlite3's or sqlcipher3's DatabaseError
        raise DamagedDatabase(
            _("{path} could not be read as a database ({exc}). It has been left untouched.").format(
                path=path,
                exc=exc,
            )
        ) from exc
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
            _(
                "{where} was made by a newer version of PartnerDesk. Please install the latest version to "
                "open it; nothing in it has been changed."
            ).format(
                where=where,
            )
        )


def open_store(
    target: str | Path, *, upgrade: bool = True, read_only: bool = False, key: bytes | None = None
) -> Store:
    """Open (creating if needed) a PartnerDesk database and bring its schema up to date.

    With key, a new SQLite file is created encrypted (SQLCipher) and an encrypted one is opened with it; without,
    a new file is plain (the test builders' databases) and an encrypted one is refused (NeedsPassword). The
    window and the command line always pass a key for a new database (partnerdesk.access).

    Before an existing database is upgraded, a backup copy is taken beside it. With read_only, the file is only
    ever read (for exports and anything else that just looks): it must already exist, and no byte of it, nor any
    file beside it, is changed; one made by an earlier version is first upgraded as usual unless upgrade is False.
    """
    url = database_url(target)
    path = sqlite_path(url)
    if path is not None:
        if read_only and not path.exists():
            raise StoreError(_("There is no database at {path}.").format(path=path))
        revision = inspect_sqlite_file(path, key)
        refuse_unknown(revision, str(path))
        if not path.parent.exists():
            raise StoreError(_("The folder {parent} does not exist.").format(parent=path.parent))
        if path.exists() and path.stat().st_size > 0 and not is_encrypted(path):
            key = None  # an existing plain file stays plain until someone chooses to protect it
        if read_only:
            return _open_for_reading(url, path, revision, upgrade, key)
        if not writable(path):
            raise StoreError(READ_ONLY_MESSAGE)
        sweep_partials(path.parent, path.parent / "backups")  # what a killed backup or export left behind
        # Owner-only before SQLite first opens it: SQLite gives -wal, -shm and -journal the main file's mode.
        # What an earlier version made readable to everyone is tightened (the database, its backups).
        create_private_file(path)
        tighten_database(path)
        tighten_tree(path.parent / "backups")
    engine = make_engine(url, key)
    if path is None:
        revision = current_revision(engine)
        refuse_unknown(revision, _("This database"))
    if revision != HEAD_REVISION:
        if not upgrade:
            engine.dispose()
            raise StoreError(_("This database needs upgrading; open it with PartnerDesk to upgrade it."))
        from partnerdesk.store.migrate import upgrade_database

        try:
            upgrade_database(engine, path, revision, key=key)
        except BaseException:
            engine.dispose()
            raise
    return Store(url=url, engine=engine, read_only=read_only, key=key)


def _open_for_reading(url: str, path: Path, revision: str | None, upgrade: bool, key: bytes | None) -> Store:
    if revision is None:
        raise StoreError(_("{path} has no PartnerDesk records in it yet, so there is nothing to read.").format(
            path=path,
        ))
    if revision != HEAD_REVISION and upgrade:
        # Reading needs the current shape: upgrade it the usual way (backup first), then read it without writing.
        open_store(path, key=key).close()
    elif revision != HEAD_REVISION:
        raise StoreError(
            _(
                "{path} was made by an earlier version of PartnerDesk and needs upgrading before it can be "
                "read here. Open it in PartnerDesk once (a backup is taken first), then try again; nothing "
                "has been changed."
            ).format(
                path=path,
            )
        )
    return Store(url=url, engine=make_reading_engine(path, key), read_only=True, key=key)

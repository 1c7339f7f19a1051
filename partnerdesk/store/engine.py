"""Opening a PartnerDesk database: URL handling, SQLite settings, safety checks and automatic upgrades."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

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
from partnerdesk.store.leftovers import sweep_partials
from partnerdesk.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:  # the ORM loads when the first session is made, not at start-up
    from sqlalchemy.orm import Session, sessionmaker

#: How long SQLite itself waits for another writer to finish before saying the database is busy (milliseconds).
BUSY_TIMEOUT_MS = 5000
#: How long a writing transaction keeps quietly asking for the write lock, in all, before giving up (seconds).
#: Long enough that a draft saved while another PartnerDesk runs a big import is never refused.
WRITE_WAIT_SECONDS = 60.0
#: Page cache of each connection to an encrypted database, in KiB as SQLite's negative cache_size means.
ENCRYPTED_CACHE_KIB = -65536
#: Execution option marking a connection that is about to write (its transaction begins IMMEDIATE).
WRITING = "partnerdesk_writing"
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
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _memory_temp_store(dbapi_connection, _record) -> None:
    # Sorts and temporary tables of an encrypted database stay in memory: SQLCipher does not encrypt temp files.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA temp_store = MEMORY")
    # Each page read from disk must be decrypted and its checksum verified; a larger cache of decrypted pages made
    # People search at 100,000 people as quick as on a plain file (SQLite's default keeps 2 MB).
    cursor.execute(f"PRAGMA cache_size = {ENCRYPTED_CACHE_KIB}")
    cursor.close()


def _sqlite_reading_settings(dbapi_connection, _record) -> None:
    # Nothing here may write: no journal mode change (that rewrites the header), and query_only as a second lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only = 1")
    cursor.close()


def _is_busy(exc: OperationalError) -> bool:
    text_of = str(getattr(exc, "orig", exc)).lower()
    return "locked" in text_of or "busy" in text_of


def _begin(connection) -> None:
    if not connection.get_execution_options().get(WRITING):
        # Readers stay deferred: they take no lock until they read, and never block a writer in WAL mode.
        connection.exec_driver_sql("BEGIN")
        return
    # A deferred transaction that reads and then writes cannot wait for the write lock (SQLite refuses the upgrade
    # at once, to avoid a deadlock), so writers ask for it up front; then SQLite's busy_timeout applies. If another
    # writer holds it even longer (a big import), keep asking quietly rather than failing the save.
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    while True:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(0.05)


#: The key each engine of an encrypted database was made with, so what must write beside a reading engine (the
#: audit entry of a command's export) can open the same file.
_ENGINE_KEYS: WeakKeyDictionary[Engine, bytes] = WeakKeyDictionary()


def key_of(engine: Engine) -> bytes | None:
    """The key an engine of an encrypted database was made with (None for a plain one)."""
    return _ENGINE_KEYS.get(engine)


def make_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine with PartnerDesk's settings (for SQLite: WAL, foreign keys, busy timeout); with key, SQLCipher's.

    Statements' values are never put into error messages (hide_parameters), so no log line can carry a name or a
    note from a failed save.
    """
    if key is None:
        engine = create_engine(url, hide_parameters=True)
    else:  # the same pool as plain files (SQLCipher's dialect would keep one connection per thread)
        engine = create_engine(engine_url(url, sqlite_path(url), key), hide_parameters=True, poolclass=QueuePool)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_settings)
        if key is not None:
            event.listen(engine, "connect", _memory_temp_store)
        event.listen(engine, "begin", _begin)
    if key is not None:
        _ENGINE_KEYS[engine] = key
    return engine


def reading_uri(path: Path) -> str:
    """An SQLite URI that opens path for reading only, leaving no new files beside it.

    With no -wal or -journal beside it nobody is writing the file, so it is read as immutable: a plain read-only
    open of a WAL-mode file would create -wal and -shm files (or fail in a read-only folder). Callers that read
    for long compare file_stamp before and after, in case a writer started meanwhile.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    if not any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal")):
        uri += "&immutable=1"
    return uri


def file_stamp(path: Path) -> tuple[int, int]:
    """Size and modification time of a file: if they change while it is read as immutable, read it again."""
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def make_reading_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine that can only read the SQLite file at path (see reading_uri), encrypted with key if given."""
    uri = reading_uri(path)
    if key is None:
        engine = create_engine(  # hide_parameters first, where a reader (and the before-stop check) sees it
            "sqlite://", hide_parameters=True,
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
        )
    else:
        import sqlcipher3
        from sqlalchemy.engine import URL

        # The dialect gives each connection the key; the creator opens it read-only.
        engine = create_engine(URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'"), hide_parameters=True,
            creator=lambda: sqlcipher3.connect(uri, uri=True, check_same_thread=False), poolclass=QueuePool,
        )
        event.listen(engine, "connect", _memory_temp_store)
    event.listen(engine, "connect", _sqlite_reading_settings)
    event.listen(engine, "begin", _begin)
    if key is not None:
        _ENGINE_KEYS[engine] = key
    return engine


def writable(path: Path) -> bool:
    """Whether PartnerDesk may change the file at path and create its working files in the folder."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


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

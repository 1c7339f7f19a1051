"""Making SQLAlchemy engines for a PartnerDesk database: SQLite's settings on every connection, writers that wait
for each other rather than fail, read-only opening that leaves no files behind, and what a --db target means.

store.engine opens a Store on top of these (checking, upgrading and tidying the database).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from partnerdesk.store.cipher import engine_url

#: How long SQLite itself waits for another writer to finish before saying the database is busy (milliseconds).
BUSY_TIMEOUT_MS = 5000
#: How long a writing transaction keeps quietly asking for the write lock, in all, before giving up (seconds).
#: Long enough that a draft saved while another PartnerDesk runs a big import is never refused.
WRITE_WAIT_SECONDS = 60.0
#: Page cache of each connection to an encrypted database, in KiB as SQLite's negative cache_size means.
ENCRYPTED_CACHE_KIB = -65536
#: Execution option marking a connection that is about to write (its transaction begins IMMEDIATE).
WRITING = "partnerdesk_writing"


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
    if engine.dialect.name != "sqlite":
        return engine
    event.listen(engine, "connect", _sqlite_settings)
    return _with_key_and_transactions(engine, key)


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
    _with_key_and_transactions(engine, key)
    event.listen(engine, "connect", _sqlite_reading_settings)
    return engine


def _with_key_and_transactions(engine: Engine, key: bytes | None) -> Engine:
    """Every SQLite engine's last touches: an encrypted one keeps its sorts in memory and remembers its key (key_of),
    and every transaction begins as _begin says."""
    if key is not None:
        event.listen(engine, "connect", _memory_temp_store)
        _ENGINE_KEYS[engine] = key
    event.listen(engine, "begin", _begin)
    return engine


def writable(path: Path) -> bool:
    """Whether PartnerDesk may change the file at path and create its working files in the folder."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))

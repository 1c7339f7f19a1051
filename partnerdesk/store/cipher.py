"""SQLCipher, for encrypted databases: connections given the database key as raw bytes, and telling an encrypted
file from a plain one. The key comes from signing in (store.keys, partnerdesk.access); nothing here asks for it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from partnerdesk.i18n import N_

SQLITE_HEADER = b"SQLite format 3\x00"
WRONG_KEY_MESSAGE = N_("That password is not right for this database, so it stayed locked. Nothing was changed.")
NEEDS_PASSWORD_MESSAGE = N_("{path} is protected by a password. Open it in PartnerDesk and sign in, or for a command "
                            "set PARTNERDESK_PASSWORD or type the password when asked.")


def key_pragma(key: bytes) -> str:
    """SQLCipher's statement giving a connection the database key as raw bytes: no key derivation per connection
    (the password was turned into the key once, at sign-in)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_encrypted(path: Path) -> bool:
    """Whether the file at path is an encrypted PartnerDesk database: not plain SQLite, with a key file beside it."""
    from partnerdesk.store.keys import key_file_path

    if not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return header != SQLITE_HEADER and key_file_path(path).exists()


def connect_file(target: str | Path, key: bytes | None = None, **kwargs):
    """A DB-API connection to an SQLite file (sqlite3), or to an encrypted one with its key (sqlcipher3).

    An encrypted connection keeps its temporary tables and sorts in memory, so none spills plaintext to disk.
    """
    if key is None:
        return sqlite3.connect(target, **kwargs)
    import sqlcipher3

    connection = sqlcipher3.connect(str(target), **kwargs)
    # SQLCipher would print its own lines to stderr when a key is wrong; the caller says it in plain words instead.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(key_pragma(key))
    connection.execute("PRAGMA temp_store = MEMORY")
    return connection


def database_errors(key: bytes | None) -> tuple[type[BaseException], ...]:
    """The exceptions a DB-API connection from connect_file raises (sqlcipher3 has its own classes)."""
    if key is None:
        return (sqlite3.Error,)
    import sqlcipher3

    return (sqlite3.Error, sqlcipher3.dbapi2.Error)


def engine_url(url: str, path: Path | None, key: bytes | None):
    """The URL an engine connects with: the plain one, or SQLCipher's dialect carrying the raw key."""
    if key is None:
        return url
    from sqlalchemy.engine import URL

    # The dialect sends PRAGMA key = "<password>" first on each connection: here the raw key, never a passphrase.
    return URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path) if path else None)

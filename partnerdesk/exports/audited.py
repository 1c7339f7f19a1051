"""The door every export goes through on its way out: each writer of a file is marked @audited, so the audit log
records what was exported, how many rows, and whether names were in it, from the window and the command line alike.

An export reads through a session that may not write (the command line opens the database read-only), so the entry
is added in a short writing transaction of its own once the file is complete. A database that cannot be written
(a read-only file, one on a network share or in a cloud folder, one the window shows read-only because it is
damaged) cannot take the entry: the export still happens, and the program's log says, by kind only, that it went
unrecorded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine

from partnerdesk.services.common import audit

log = logging.getLogger(__name__)

P = ParamSpec("P")  # not words
T = TypeVar("T")


def audited(what: str, *, named: bool | str = True, rows: Callable[[Any], int | None] | None = None,
            one: str | None = None) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Mark an export function (session first, then the file's path) so each completed export is audited.

    what is the kind of export ("people", "claim_form"…); named is whether the file names people, or the name of
    the function's keyword argument that says so; rows works the number of rows out of the function's result
    (by default the result itself when it is a whole number). one is the kind of record for a file about one
    record, whose function takes (session, record id, path): the entry names the record by its id.
    """

    def wrap(export: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(export)
        def audited_export(*args: P.args, **kwargs: P.kwargs) -> T:
            result = export(*args, **kwargs)
            is_named = bool(kwargs.get(named, False)) if isinstance(named, str) else named
            count = rows(result) if rows else (result if isinstance(result, int) and not isinstance(result, bool)
                                                else None)  # fmt: skip
            place = 2 if one else 1
            path = args[place] if len(args) > place else kwargs.get("path")
            file_type = Path(str(path)).suffix.lstrip(".").lower() if path else None
            extra: dict[str, Any] = {"confidential_included": True} if kwargs.get("include_notes") else {}
            if one:
                extra.update(object_kind=one, object_id=str(args[1]))
                count = 1
            note_export(args[0], what, count, is_named, file_type=file_type or None, **extra)
            return result

        return audited_export

    return wrap


def note_export(session: Any, what: str, rows: int | None, named: bool, **details: Any) -> None:
    """Add an "export" entry to the audit log of the database session reads (see the module's notes)."""
    try:
        _record_with(session, "export", what=what, rows=rows, named=named, **details)
    except _CannotWrite:
        log.info("export of %s not recorded in the audit log: the database cannot be written here", what)


class _CannotWrite(Exception):
    pass


_beside_reading: ContextVar[bool] = ContextVar("partnerdesk_audit_beside_reading", default=False)


@contextmanager
def recording_beside_reading() -> Iterator[None]:
    """Within the block, exports that read a database opened read-only record their entry through a writing
    engine of their own (the command line's exports: the file is sound, local and writable, else nothing is
    written)."""
    token = _beside_reading.set(True)
    try:
        yield
    finally:
        _beside_reading.reset(token)


def record_separately(session: Any, kind: str, **details: Any) -> None:
    """Add an entry in a writing transaction of its own, beside a session that only reads (exports)."""
    try:
        _record_with(session, kind, **details)
    except _CannotWrite:
        log.info("%s not recorded in the audit log: the database cannot be written here", kind)


def _record_with(reading: Any, kind: str, **details: Any) -> None:
    from partnerdesk.store.connections import WRITING, database_url, key_of, make_engine, writable
    from partnerdesk.store.sharing import shared_location_problem

    # A Session (exports) or a plain Connection (sign-in, which loads no ORM on the way to the first screen).
    engine: Engine = reading.get_bind() if hasattr(reading, "get_bind") else reading.engine
    writer, own = engine, False
    if engine.dialect.name == "sqlite" and not engine.url.database:
        # A reading engine (store.engine.make_reading_engine) opens the file read-only. The window uses one only
        # when the database must not be changed (damaged, shared, read-only): nothing is written. The command line
        # reads every export that way, and allows writing the entry through an engine of its own.
        if not _beside_reading.get():
            raise _CannotWrite
        connection = reading.connection() if hasattr(reading, "get_bind") else reading
        files = [row[2] for row in connection.exec_driver_sql("PRAGMA database_list") if row[1] == "main"]
        path = Path(files[0]) if files and files[0] else None
        if path is None or not writable(path) or shared_location_problem(path):
            raise _CannotWrite
        writer, own = make_engine(database_url(path), key_of(engine)), True
    try:
        with writer.connect() as connection, connection.execution_options(**{WRITING: True}).begin():
            if not audit.has_log(connection):
                raise _CannotWrite
            audit.record(connection, kind, **details)
    except _CannotWrite:
        raise
    except Exception as exc:  # noqa: BLE001 -- a log that cannot be written must not lose the finished export
        log.warning("an audit entry (%s) could not be written (%s)", kind, type(exc).__name__)
        raise _CannotWrite from exc
    finally:
        if own:
            writer.dispose()

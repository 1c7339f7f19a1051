"""Finding one record by its id, the same way in every service; and reading many rows quickly."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from partnerdesk.services.common.errors import NotFound

if TYPE_CHECKING:  # the ORM is not loaded for the first screen, which imports some services (first_screen.py)
    from sqlalchemy.orm import Session

T = TypeVar("T")


def found(session: Session, kind: type[T], record_id: str | None, missing: str) -> T:
    """The record of kind with this id (one in the Bin included); NotFound with the plain words missing when there is
    none, or no id was given."""
    record = session.get(kind, record_id) if record_id else None
    if record is None:
        raise NotFound(missing)
    return record


def raw_rows(session: Session, statement) -> list[tuple]:
    """Every row of a query, read straight from the database driver: values as the database holds them (dates as
    ISO text, true and false as 1 and 0), without SQLAlchemy's conversions.

    Tens of thousands of rows come back about three times faster this way than through SQLAlchemy's result rows. Only
    for queries whose callers work with the stored values.
    """
    connection = session.connection()
    # IN (...) lists written out as one value each, as the driver takes them.
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    if compiled.positiontup is not None:  # drivers such as sqlite3 take the values in order
        params = [params[name] for name in compiled.positiontup]
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()

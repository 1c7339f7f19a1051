"""Columns every record shares: a device-made UUID, who and when, and soft delete for the Bin.

Plain SQLAlchemy Core, no ORM: records.tables builds every table from these, and the first screen reads those tables
before the ORM is imported. The record classes (records.orm) are mapped onto the same tables.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.schema import SchemaItem

# Re-exported: records modules and services import these from here.
from partnerdesk.records.types import NAMING, USER_ENV, UTCDateTime, current_user, new_id, utc_now

__all__ = [
    "NAMING", "USER_ENV", "UTCDateTime", "current_user", "metadata", "new_id", "record_table", "shared_columns",
    "utc_now",
]  # fmt: skip

#: The one catalogue of tables: what the migrations are checked against and what the record classes map onto.
metadata = MetaData(naming_convention=NAMING)


def shared_columns() -> list[Column]:
    """The shared columns from DESIGN.md, new Column objects for each table (a Column belongs to one table)."""
    return [
        Column("id", String(36), primary_key=True, default=new_id),
        Column("created_at", UTCDateTime, default=utc_now, nullable=False),
        Column("updated_at", UTCDateTime, default=utc_now, onupdate=utc_now, nullable=False),
        Column("created_by", String(120), default=current_user, nullable=False),
        Column("updated_by", String(120), default=current_user, onupdate=current_user, nullable=False),
        Column("deleted_at", UTCDateTime, default=None),
        # Counts saves. Every ORM UPDATE checks it is unchanged and adds one (records.orm.Record), so a save made
        # from a stale copy fails instead of silently overwriting a newer one (forms also compare it on save:
        # services.common.errors.check_version).
        Column("version", Integer, nullable=False, default=1, server_default="1"),
    ]


def record_table(name: str, *items: Column | SchemaItem) -> Table:
    """A table of records people manage: its own columns, then the shared ones, then its indexes and constraints
    (which may name a shared column, so they come last)."""
    columns = [item for item in items if isinstance(item, Column)]
    others = [item for item in items if not isinstance(item, Column)]
    return Table(name, metadata, *columns, *shared_columns(), *others)

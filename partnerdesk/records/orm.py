"""The ORM side of the records: the declarative base over records.tables, and what every record class shares.

Each record class is mapped onto its table in records.tables (``__table__``) instead of describing its columns again;
its ``Mapped[...]`` annotations only tell a type checker what each column holds, and
tests/unit/test_record_types.py holds them to the tables. Importing any record module imports SQLAlchemy's ORM,
which the first screen does without: it reads records.tables directly.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr

from partnerdesk.records.base import metadata as _metadata


class Base(DeclarativeBase):
    """Every mapped class, records and link rows alike, on the one MetaData of records.tables."""

    metadata = _metadata


class Record(Base):
    """A record people manage, with the shared columns of records.base.shared_columns and soft delete to the Bin."""

    __abstract__ = True

    id: Mapped[str]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[str]
    updated_by: Mapped[str]
    deleted_at: Mapped[datetime | None]
    version: Mapped[int]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}

    @property
    def in_bin(self) -> bool:
        """True once the record has been deleted to the Bin."""
        return self.deleted_at is not None

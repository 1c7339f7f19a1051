"""Columns every record shares: a device-made UUID, who and when, and soft delete for the Bin."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Re-exported: records modules and services import these from here.
from partnerdesk.records.types import NAMING, USER_ENV, UTCDateTime, current_user, new_id, utc_now

__all__ = ["NAMING", "USER_ENV", "Base", "RecordMixin", "UTCDateTime", "current_user", "new_id", "utc_now"]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class RecordMixin:
    """The shared columns from DESIGN.md."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now, nullable=False)
    created_by: Mapped[str] = mapped_column(String(120), default=current_user, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(120), default=current_user, onupdate=current_user, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Counts saves. Every ORM UPDATE checks it is unchanged and adds one, so a save made from a stale copy fails
    # instead of silently overwriting a newer one (forms also compare it on save: services.common.errors).
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]  # mapped classes have it

    @property
    def in_bin(self) -> bool:
        """True once the record has been deleted to the Bin."""
        return self.deleted_at is not None

"""The accounts people sign in with (table: records.tables.accounts); passwords are not here but in store.keys."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from partnerdesk.records import tables
from partnerdesk.records.orm import Record


class Account(Record):
    __table__ = tables.accounts

    name: Mapped[str]
    name_key: Mapped[str]
    role: Mapped[str]
    active: Mapped[bool]

"""The plain building blocks of every record: ids, who and when, and the UTC moment type.

Plain SQLAlchemy Core, like records.base and records.tables, so that the first screen can read the database without
paying for the ORM's import (DESIGN.md: import only what the first screen needs).
"""

from __future__ import annotations

import getpass
import os
import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, TypeDecorator

from partnerdesk.actor import current as current_actor

# Stable constraint names so Alembic migrations can alter tables on SQLite (batch mode needs names).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: A name for records made with nobody signed in (scripts and tests); otherwise the computer's user name is used.
USER_ENV = "PARTNERDESK_USER"


def current_user() -> str:
    """The name recorded in created_by / updated_by: the signed-in account, else PARTNERDESK_USER or the login."""
    actor = current_actor()
    if actor is not None:
        return actor.name
    name = os.environ.get(USER_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some service accounts and containers)
        return "unknown"


def utc_now() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A random UUID made on this computer, so two PCs never hand out the same id."""
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """Stores moments as UTC and always hands back timezone-aware datetimes.

    SQLite has no time-zone type, so a naive value would be ambiguous; we refuse naive input instead of guessing.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("A moment in time must carry its time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)

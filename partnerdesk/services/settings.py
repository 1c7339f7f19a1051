"""Organisation settings kept in the database, so they travel with the data: notice and papers periods for now.

Every setting has a default here; a row in the settings table exists only once someone changes it.
To add a setting, add one line to SETTINGS (use whole_days or write a small checker like it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from partnerdesk.records import outlines
from partnerdesk.records.types import utc_now
from partnerdesk.services.errors import Problems

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from partnerdesk.records import Setting

#: A checker takes what was typed or chosen and returns (the value to store, None) or (None, a plain message).
Checker = Callable[[Any], tuple[Any, str | None]]


@dataclass(frozen=True)
class SettingSpec:
    """One organisation setting: its key, what people read, its default and how to check a new value."""

    key: str
    label: str
    default: Any
    check: Checker
    help: str = ""


def whole_days(lowest: int = 0, highest: int = 90) -> Checker:
    """A checker for a number of whole days between lowest and highest (text such as "14" is accepted)."""
    message = f"Please give a whole number of days from {lowest} to {highest}."

    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            return None, message
        return value, None

    return check


_SPECS = (
    SettingSpec("notice_days", "Notice of meetings (days)", 14, whole_days(), "The least notice of a meeting."),
    SettingSpec("papers_days", "Papers before meetings (days)", 7, whole_days(), "The least time to read papers."),
)
#: Every setting the app knows, by key.
SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in _SPECS}


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise KeyError(f"There is no setting called {key!r}") from None  # a programming slip, not user input


def _row(session: Session, key: str) -> Setting | None:
    from partnerdesk.records import Setting  # the ORM only for changes; reading works without it (Today page)

    return session.scalars(select(Setting).where(Setting.key == key)).one_or_none()


def _saved(session: Connection | Session, keys=None) -> dict[str, Any]:
    table = outlines.settings
    stmt = select(table.c.key, table.c.value)
    if keys is not None:
        stmt = stmt.where(table.c.key.in_(keys))
    return {key: value for key, value in session.execute(stmt)}


def get_setting(session: Connection | Session, key: str) -> Any:
    """A setting's current value: the organisation's own, or the default if nobody has changed it."""
    spec = _spec(key)
    return _saved(session, [key]).get(key, spec.default)


def all_settings(session: Connection | Session) -> dict[str, Any]:
    """Every setting's current value, by key, in the order of SETTINGS."""
    saved = _saved(session)
    return {key: saved.get(key, spec.default) for key, spec in SETTINGS.items()}


def set_setting(session: Session, key: str, value: Any) -> Any:
    """Change a setting; returns the value stored. Raises ValidationError (keyed by the setting's key) if the value
    is not allowed, and then nothing is changed."""
    spec = _spec(key)
    clean, message = spec.check(value)
    problems = Problems()
    if message:
        problems.add(key, message)
    problems.raise_if_any()
    row = _row(session, key)
    if row is None:
        from partnerdesk.records import Setting

        session.add(Setting(key=key, value=clean))
    else:
        row.value = clean
        row.updated_at = utc_now()
    session.flush()
    return clean


def reset_setting(session: Session, key: str) -> None:
    """Put a setting back to its default."""
    _spec(key)
    row = _row(session, key)
    if row is not None:
        session.delete(row)
        session.flush()

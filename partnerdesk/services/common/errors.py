"""Errors the services raise for the GUI and the CLI to explain in plain words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from partnerdesk.i18n import _


class ValidationError(Exception):
    """Input that cannot be saved, with a plain-English message for each field that needs fixing.

    The key "" holds messages about the record as a whole.
    """

    def __init__(self, messages: dict[str, str]):
        self.messages = dict(messages)
        super().__init__("; ".join(self.messages.values()))


class NotAllowed(ValidationError):
    """The signed-in person's role does not allow this (services.common.access); nothing was changed.

    A ValidationError about the record as a whole, so every form and the command line already say it in plain
    words; permission is the code refused (rules.roles), for the log and the audit trail, never record values.
    """

    def __init__(self, message: str, permission: str = ""):
        super().__init__({"": message})
        self.permission = permission


class NotFound(Exception):
    """The record asked for does not exist (or was erased)."""


class Cancelled(Exception):
    """The person stopped long work (an export, an import) part way through; nothing was kept."""


class Problems:
    """Collects field messages while checking input, then raises them all at once."""

    def __init__(self) -> None:
        self.messages: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        """Remember a message for a field (the first message per field wins: fix one thing at a time)."""
        self.messages.setdefault(field, message)

    def raise_if_any(self) -> None:
        """Raise ValidationError if anything was added."""
        if self.messages:
            raise ValidationError(self.messages)


class NeedsConfirmation(Exception):
    """The change is allowed, but the worker must read these warnings and confirm first; nothing was saved.

    Call the same service again with confirmed=True once the worker has agreed. The warnings are plain English.
    """

    def __init__(self, warnings: list[str]):
        self.warnings = list(warnings)
        super().__init__(" ".join(self.warnings))


def confirm_or_stop(warnings: list[str], confirmed: bool) -> None:
    """The one place the rule lives: warnings stop a change until the worker has confirmed it."""
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)


class EditConflict(Exception):
    """Someone saved the record after this form was opened, and their values differ from the form's; nothing was
    saved. `theirs` maps each such field to the value saved now; `version` is the record's version now: save
    again against it once the worker has chosen, field by field, between theirs and the form's. `saved_by` and
    `saved_at` say who saved last and when (UTC)."""

    def __init__(self, record_id: str, theirs: dict[str, Any], version: int, saved_by: str = "",
                 saved_at: datetime | None = None):
        self.record_id = record_id
        self.theirs = dict(theirs)
        self.version = version
        self.saved_by = saved_by
        self.saved_at = saved_at
        # Field names and ids only: the values are people's details and never go into a message or log line.
        super().__init__(
            _("Record {record_id} was saved elsewhere (now version {version}); differing fields: {join}").format(
                record_id=record_id,
                version=version,
                join=", ".join(sorted(self.theirs)),
            )
        )


def _empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(map(_empty, value.values()))  # a scale with no answers
    if isinstance(value, list | tuple):
        return all(map(_empty, value))
    return value is None


def _same(mine: Any, theirs: Any) -> bool:
    if _empty(mine) or _empty(theirs):
        return _empty(mine) and _empty(theirs)  # blank text, None and unanswered scales all mean "nothing"
    if isinstance(mine, str) and isinstance(theirs, str):
        return mine.strip() == theirs.strip()
    if isinstance(mine, list | tuple) and isinstance(theirs, list | tuple) and not any(
        isinstance(item, int | float) for item in (*mine, *theirs)
    ):
        return sorted(map(str, mine)) == sorted(map(str, theirs))  # the order of ticked choices means nothing
    return mine == theirs


def check_row_version(record: Any, opened_version: int | None, mine: dict[str, Any]) -> None:
    """check_version for a record whose fields are its attributes of the same names (a row in a list: an action,
    a claim line, a pair): EditConflict when someone saved different values since opened_version was read."""
    check_version(record, opened_version, mine, {key: getattr(record, key, None) for key in mine})


def check_version(record: Any, opened_version: int | None, mine: dict[str, Any], saved: dict[str, Any]) -> None:
    """The one place the rule lives: a form opened at opened_version may save over record (any record with the
    shared columns) only if nobody has saved it since, or if what they saved agrees with the form. Otherwise raise
    EditConflict with the differing fields; mine is the form's values, saved the record's, both by field name.

    opened_version None means the caller is not a form (scripts, the command line, imports): no check.
    """
    if opened_version is None or opened_version == record.version:
        return
    theirs = {key: saved[key] for key in mine if key in saved and not _same(mine[key], saved[key])}
    if theirs:
        raise EditConflict(record.id, theirs, record.version, record.updated_by, record.updated_at)

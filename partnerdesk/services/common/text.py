"""Tidying what a form sends before it is checked: every area's services use these.

Tidying is also where text with characters that can't be saved is refused (rules.text_checks): a control character
in a name, a direction override in an email address, half a character left by copy and paste. Every field is a
one-line field unless it is in NOTE_FIELDS, so a new notes field must be added there to keep its line breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from partnerdesk.rules.text_checks import line_problem, note_problem
from partnerdesk.services.common.errors import Problems, ValidationError

#: Fields typed in a box of several lines (notes, details, concerns): tab and line breaks are allowed in these.
NOTE_FIELDS = frozenset(
    {
        "notes", "access_notes", "joining_details",  # meetings, claims, supervision sessions
        "access_needs_details", "consent_for", "interests",  # people
        "concerns", "follow_up_action", "confidential_notes",  # wellbeing checks
    }
)  # fmt: skip


def blank_to_none(value: Any) -> Any:
    """Text with its outer spaces removed, and None for text that was only spaces; other values unchanged."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def text_problem(field: str, value: Any) -> str | None:
    """Why this field's value can't be saved because of the characters in it, or None (also for anything not text)."""
    if not isinstance(value, str):
        return None
    return note_problem(value) if field in NOTE_FIELDS else line_problem(value)


def check_text(values: Mapping[str, Any], problems: Problems) -> None:
    """Add a message by the field for every text value holding characters that can't be saved."""
    for field, value in values.items():
        if why := text_problem(field, value):
            problems.add(field, why)


def tidy(data: dict[str, Any], fields: tuple[str, ...], what: str = "meeting") -> dict[str, Any]:
    """The given fields from data, with blank text made None; unknown keys are a programming slip (ValueError).

    Text that can't be saved (see rules.text_checks) raises ValidationError at once, with a message by each such
    field: nothing else about the record is worth checking until the text is what the person meant to type.
    """
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Unknown {what} fields: {sorted(unknown)}")
    out = {key: blank_to_none(data.get(key)) for key in fields}
    problems = Problems()
    check_text(out, problems)
    if problems.messages:
        raise ValidationError(problems.messages)
    return out

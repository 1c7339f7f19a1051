"""Tidying what a form sends before it is checked: every area's services use these."""

from __future__ import annotations

from typing import Any


def blank_to_none(value: Any) -> Any:
    """Text with its outer spaces removed, and None for text that was only spaces; other values unchanged."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def tidy(data: dict[str, Any], fields: tuple[str, ...], what: str = "meeting") -> dict[str, Any]:
    """The given fields from data, with blank text made None; unknown keys are a programming slip (ValueError)."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Unknown {what} fields: {sorted(unknown)}")
    return {key: blank_to_none(data.get(key)) for key in fields}

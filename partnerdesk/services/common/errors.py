"""Errors the services raise for the GUI and the CLI to explain in plain words."""

from __future__ import annotations


class ValidationError(Exception):
    """Input that cannot be saved, with a plain-English message for each field that needs fixing.

    The key "" holds messages about the record as a whole.
    """

    def __init__(self, messages: dict[str, str]):
        self.messages = dict(messages)
        super().__init__("; ".join(self.messages.values()))


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

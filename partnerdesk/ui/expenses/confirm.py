"""The one place the GUI handles a service's NeedsConfirmation: show the warnings in plain words, and if the worker
agrees, run the same change again with confirmed=True."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.services.common.errors import NeedsConfirmation
from partnerdesk.ui.ops import Writer

T = TypeVar("T")


def run_confirmed(
    writer: Writer, parent: QWidget | None, title: str, work: Callable[[Session, bool], T], note: str | None = None
) -> T | None:
    """Run work(session, confirmed) through the writer, asking first when it needs confirming.

    Returns what work returns, or None when the worker said no (or the write failed and was reported). A
    ValidationError passes out to the caller, so the form can show each message by its field. note, when given, is
    shown under the warnings (the welfare benefits note for payments for time).
    """
    try:
        return writer.run(parent, lambda session: work(session, False))
    except NeedsConfirmation as needs:
        text = "\n\n".join([*needs.warnings, *([note] if note else []), _("Do you want to go ahead anyway?")])
        if QMessageBox.question(parent, title, text) != QMessageBox.StandardButton.Yes:
            return None
    return writer.run(parent, lambda session: work(session, True))

"""Every write goes through one door: one transaction, plain-English failures, and a 'something changed' signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.store import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
log = logging.getLogger(__name__)


class Writer(QObject):
    """Runs changes to the database for the GUI and tells the views when to refresh."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store

    def run(self, parent: QWidget | None, work: Callable[[Session], T]) -> T | None:
        """Run work in one transaction.

        ValidationError is passed on so the form can show each message by its field. Anything else is shown
        in a plain message box and None is returned; in every failure nothing is saved.
        """
        try:
            with self.store.transaction() as session:
                result = work(session)
        except ValidationError:
            raise
        except NotFound as exc:
            QMessageBox.warning(parent, "Not found", str(exc))
            return None
        except (SQLAlchemyError, OSError) as exc:
            log.exception("write failed")
            QMessageBox.critical(
                parent,
                "Could not save",
                "PartnerDesk could not save this, so nothing was changed. "
                "If it keeps happening, make a backup and ask for help.\n\n"
                f"Details: {type(exc).__name__}",
            )
            return None
        self.changed.emit()
        return result

    def read(self, work: Callable[[Session], T]) -> T:
        """Run a read-only query in a short-lived session."""
        with self.store.reader() as session:
            return work(session)

    def glance(self, work: Callable[[Connection], T]) -> T:
        """Run a quick read on a plain connection, for queries written against records.tables (the first screen)."""
        with self.store.glance() as connection:
            return work(connection)

"""Every write goes through one door: one transaction, plain-English failures, and a signal saying which tables
changed, so only the pages that show them read again (hidden pages when they are next shown)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk.i18n import _
from partnerdesk.services.common.errors import EditConflict, NeedsConfirmation, NotAllowed, NotFound, ValidationError
from partnerdesk.store import Store, StoreError
from partnerdesk.store.changes import ChangeLog
from partnerdesk.ui.feedback import Outcome, SavedRecords

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
log = logging.getLogger(__name__)


def _name(work: Callable) -> str:
    """Which piece of code was saving: its module and function name, never its arguments."""
    return f"{getattr(work, '__module__', '?')}.{getattr(work, '__qualname__', type(work).__name__)}"


def changed_elsewhere_text(conflict: EditConflict) -> str:
    """What a list row says when someone else saved it after it was read (its values are never quoted)."""
    who = conflict.saved_by or _("Someone else")
    return _("{who} changed this since you opened it, so your change was not saved. It has been reloaded: look at "
             "their change, then make yours again if it is still needed.").format(who=who)


class Writer(QObject):
    """Runs changes to the database for the GUI and tells the views when to refresh."""

    #: Emitted after a write with the names of the tables it changed (a frozenset), or None for "anything may have
    #: changed" (demo data filled in, for example). Pages listen through watch(), not directly.
    changed = Signal(object)
    #: A short message for the worker about what just happened ("Saved Sam Patel's details"), for the status bar.
    told = Signal(str)
    #: After a save, the table and id of the record saved, so its list can select it (ui/feedback.select_saved).
    saved = Signal(str, str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store

    @property
    def read_only(self) -> bool:
        """Whether the database is only being shown (see store.viewing): every change is refused."""
        return self.store.read_only

    def run(self, parent: QWidget | None, work: Callable[[Session], T], *, quiet: bool = False) -> T | None:
        """Run work in one transaction.

        ValidationError and NeedsConfirmation are passed on, so the form can show each message by its field or ask
        first. A database or disk failure is shown in a plain message box; anything unexpected is logged and shown
        in the crash dialog (through sys.excepthook, see partnerdesk.logs). Either way None is returned and nothing
        is saved. A read-only database refuses every change in plain words (quiet: say nothing, for drafts).
        """
        if self.store.read_only:
            if quiet:
                return None
            from partnerdesk.store.viewing import refused_text

            QMessageBox.information(parent, _("Read-only"), refused_text(self.store.read_only_reason))
            return None
        try:
            with self.store.transaction() as session:
                change_log = ChangeLog(session)
                caught = SavedRecords(session)
                result = work(session)
        except NotAllowed as exc:  # the role may not do this: said plainly wherever it was asked from
            log.info("not allowed (%s) in %s", exc.permission, _name(work))
            self._audit_refusal(exc.permission)
            QMessageBox.information(parent, _("Not allowed"), str(exc))
            return None
        except (ValidationError, NeedsConfirmation, EditConflict):  # the form shows these by its fields
            raise
        except StoreError as exc:  # made read-only meanwhile, or refused by the store: already plain words
            QMessageBox.warning(parent, _("Could not save"), str(exc))
            return None
        except NotFound as exc:
            QMessageBox.warning(parent, _("Not found"), str(exc))
            return None
        except (SQLAlchemyError, OSError) as exc:
            # The error's message is never logged (it may quote what was being saved): see partnerdesk.logs.
            log.exception("write failed in %s", _name(work))
            QMessageBox.critical(
                parent,
                _("Could not save"),
                _(
                    "PartnerDesk could not save this, so nothing was changed. If it keeps happening, make a "
                    "backup and ask for help.\n\nDetails: {name}"
                ).format(
                    name=type(exc).__name__,
                ),
            )
            return None
        except Exception:  # a mistake in PartnerDesk: never swallowed, so it can be found and fixed
            log.error("unexpected error while saving in %s", _name(work))
            # The installed hook (partnerdesk.logs) logs it and shows the crash dialog; under pytest-qt the test fails.
            sys.excepthook(*sys.exc_info())
            return None
        tables = change_log.worth_telling()
        if tables:
            self.changed.emit(tables)
            self._say_saved(caught.outcome())
        return result

    def _say_saved(self, outcome: Outcome | None) -> None:
        # After changed, so the lists have read the new record before they are asked to select it.
        if outcome is None:
            self.tell(_("Saved."))
            return
        if outcome.table and outcome.record_id:
            self.saved.emit(outcome.table, outcome.record_id)
        self.tell(outcome.text)

    def _audit_refusal(self, permission: str) -> None:
        """Put the refusal in the audit log, in a transaction of its own: the refused one was rolled back."""
        from partnerdesk.services.common import audit

        with self.store.transaction() as session:
            audit.record(session, "refused", permission=permission or None)

    def tell(self, text: str) -> None:
        """Show the worker a short message about what just happened (any page or dialog may call this). Names are
        fine here: it is shown on screen, never logged."""
        self.told.emit(text)
    def run_row(self, parent: QWidget | None, work: Callable[[Session], T], reload: Callable[[], None]) -> T | None:
        """run() for a row in a list (an action, a claim line, a person's attendance): when someone else saved the
        row since it was read, say so plainly, call reload and return None; nothing is saved."""
        try:
            return self.run(parent, work)
        except EditConflict as conflict:
            log.info("edit conflict on %s in %s", conflict.record_id, _name(work))
            QMessageBox.information(parent, _("Changed by someone else"), changed_elsewhere_text(conflict))
            reload()
            return None

    def tell_everyone(self) -> None:
        """Say that anything may have changed (after work done outside run(), such as filling in demo data)."""
        self.changed.emit(None)

    def watch(self, page: QWidget, tables: Iterable[str] | None, refresh: Callable[[], None]) -> None:
        """Call refresh after a write that changed any of tables (None: any table) — at once while the page is
        shown, otherwise the next time it is shown, so hidden pages do not query the database for nothing."""
        _Watch(self, page, frozenset(tables) if tables is not None else None, refresh)

    def read(self, work: Callable[[Session], T]) -> T:
        """Run a read-only query in a short-lived session."""
        with self.store.reader() as session:
            return work(session)

    def glance(self, work: Callable[[Connection], T]) -> T:
        """Run a quick read on a plain connection, for queries written against records.tables (the first screen)."""
        with self.store.glance() as connection:
            return work(connection)


class _Watch(QObject):
    """One page's interest in some tables; lives and dies with the page."""

    def __init__(self, writer: Writer, page: QWidget, tables: frozenset[str] | None, refresh: Callable[[], None]):
        super().__init__(page)
        self.page, self.tables, self.refresh = page, tables, refresh
        self.stale = False
        writer.changed.connect(self._changed)
        page.installEventFilter(self)

    def _changed(self, tables: frozenset[str] | None) -> None:
        if self.tables is not None and tables is not None and not (self.tables & tables):
            return
        if self.page.isVisible():
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False

"""Saying what a save did: a short message for the status bar, and the saved record chosen in its list.

The Writer (ui/ops.py) watches each transaction with SavedRecords and, once it is committed, tells the window what
was saved; list pages call select_saved() once to have the record they show selected and scrolled to. Messages may
name the record (they are shown on screen only, never written to the log).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView
from sqlalchemy import event, inspect

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.ui.tables import RECORD_ID_ROLE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, UOWTransaction

    from partnerdesk.ui.ops import Writer

#: How long a message stays in the status bar (milliseconds).
MESSAGE_MS = 6000
#: How far down a list to look for the saved record before giving up (rows are read a page at a time); the People
#: list, which can hold 100,000, finds its row from its keys instead (PeopleTableModel.record_row).
LOOK_AT_MOST = 2000

ADDED, SAVED, BINNED, RESTORED = "added", "saved", "binned", "restored"


def _named(record: Any) -> str:
    return str(getattr(record, "full_name", None) or getattr(record, "name", None) or getattr(record, "title", ""))


def _four(added: str, saved: str, binned: str, restored: str) -> dict[str, str]:
    return {ADDED: added, SAVED: saved, BINNED: binned, RESTORED: restored}


# What a save of each main kind of record says, most important kind first: when a save touches several kinds (a
# person and their seats on committees), the first kind listed is what the worker saved.
_PHRASES: dict[str, dict[str, str]] = {
    "people": _four(
        N_("Added {name}"),
        N_("Saved {name}'s details"),
        N_("Moved {name} to the Bin"),
        N_("Restored {name} from the Bin"),
    ),
    "organisations": _four(
        N_("Added {name}"),
        N_("Saved {name}"),
        N_("Moved {name} to the Bin"),
        N_("Restored {name} from the Bin"),
    ),
    "meetings": _four(
        N_("Added the meeting “{name}”"),
        N_("Saved the meeting “{name}”"),
        N_("Moved the meeting “{name}” to the Bin"),
        N_("Restored the meeting “{name}”"),
    ),
    "claims": _four(
        N_("Added the expense claim"),
        N_("Saved the expense claim"),
        N_("Moved the expense claim to the Bin"),
        N_("Restored the expense claim"),
    ),
    "wellbeing_checks": _four(
        N_("Added the wellbeing check"),
        N_("Saved the wellbeing check"),
        N_("Moved the wellbeing check to the Bin"),
        N_("Restored the wellbeing check"),
    ),
    "supervision_sessions": _four(
        N_("Added the supervision session"),
        N_("Saved the supervision session"),
        N_("Moved the supervision session to the Bin"),
        N_("Restored the supervision session"),
    ),
    "supervision_pairs": _four(
        N_("Added the supervision pair"),
        N_("Saved the supervision pair"),
        N_("Moved the supervision pair to the Bin"),
        N_("Restored the supervision pair"),
    ),
    "training_courses": _four(
        N_("Added the course {name}"),
        N_("Saved the course {name}"),
        N_("Moved the course {name} to the Bin"),
        N_("Restored the course {name}"),
    ),
    "committees": _four(
        N_("Added the committee {name}"),
        N_("Saved the committee {name}"),
        N_("Moved the committee {name} to the Bin"),
        N_("Restored the committee {name}"),
    ),
    "budget_headings": _four(
        N_("Added the budget heading {name}"),
        N_("Saved the budget heading {name}"),
        N_("Removed the budget heading {name}"),
        N_("Restored the budget heading {name}"),
    ),
    "programmes": _four(
        N_("Added the programme {name}"),
        N_("Saved the programme {name}"),
        N_("Moved the programme {name} to the Bin"),
        N_("Restored the programme {name}"),
    ),
    "programme_applications": _four(
        N_("Added the application"),
        N_("Saved the application"),
        N_("Moved the application to the Bin"),
        N_("Restored the application"),
    ),
}


class Outcome(NamedTuple):
    """What one save did, as the worker would say it, and the record to show (None when several were saved)."""

    text: str
    table: str | None = None
    record_id: str | None = None


class SavedRecords:
    """Listens to one transaction's session and remembers the main records it added, changed, binned or restored."""

    def __init__(self, session: Session):
        self.seen: dict[str, dict[str, tuple[str, str]]] = {}  # table → id → (what happened, name)
        event.listen(session, "after_flush", self._flushed)

    def _flushed(self, session: Session, _flush: UOWTransaction) -> None:
        for record in (*session.new, *session.dirty):
            table = getattr(getattr(record, "__table__", None), "name", None)
            if table not in _PHRASES or not (record in session.new or session.is_modified(record)):
                continue
            done = ADDED if record in session.new else SAVED
            attrs = inspect(record).attrs
            if done == SAVED and "deleted_at" in attrs and attrs.deleted_at.history.has_changes():
                done = BINNED if record.deleted_at is not None else RESTORED
            earlier = self.seen.setdefault(table, {}).get(record.id)
            # Added then changed in a later flush of the same save is still "added".
            self.seen[table][record.id] = (earlier[0] if earlier else done, _named(record))

    def outcome(self) -> Outcome | None:
        """What to tell the worker, or None when no main record was saved."""
        for table, phrases in _PHRASES.items():
            records = self.seen.get(table)
            if not records:
                continue
            if len(records) > 1:
                return Outcome(ngettext("Saved {count} record", "Saved {count} records", len(records))
                               .format(count=len(records)), table)
            ((record_id, (done, name)),) = records.items()
            return Outcome(_(phrases[done]).format(name=name), table, record_id)
        return None


def select_saved(writer: Writer, view: QAbstractItemView, tables: tuple[str, ...], role: int = RECORD_ID_ROLE) -> None:
    """Select (and scroll to) a record of tables in view whenever it is saved, so the worker sees what they saved:
    at once when the list is on show, otherwise when it is next shown."""
    _Follower(writer, view, tables, role)


def find_row(view: QAbstractItemView, record_id: str, role: int = RECORD_ID_ROLE) -> int | None:
    """The row of view's list that shows record_id (the id is in the first cell's role), or None."""
    model = view.model()
    quick = getattr(model, "record_row", None)  # a long list that can say where a record is without paging
    if quick is not None:
        return quick(record_id)
    for row in range(min(model.rowCount(), LOOK_AT_MOST)):
        if model.index(row, 0).data(role) == record_id:
            return row
    return None


class _Follower(QObject):
    def __init__(self, writer: Writer, view: QAbstractItemView, tables: tuple[str, ...], role: int):
        super().__init__(view)
        self.view, self.tables, self.role = view, tables, role
        self.waiting: str | None = None
        writer.saved.connect(self._saved)
        view.installEventFilter(self)

    def _saved(self, table: str, record_id: str) -> None:
        if table not in self.tables:
            return
        self.waiting = record_id
        if self.view.isVisible():
            self._select()

    def _select(self) -> None:
        record_id, self.waiting = self.waiting, None
        row = find_row(self.view, record_id, self.role) if record_id else None
        if row is None:
            return
        index = self.view.model().index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def eventFilter(self, watched: QObject, event_: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if watched is self.view and event_.type() == QEvent.Type.Show and self.waiting:
            QTimer.singleShot(0, self._select)  # after the page has read its list again on being shown
        return False

"""Which tables a transaction changed, so the window refreshes only the pages that show them.

Collected from the session itself rather than declared by each service, so a service can never forget to say what
it changed: ORM objects added, changed or deleted at a flush, and insert/update/delete statements run through the
session (the bulk forms the demo and imports use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import event

if TYPE_CHECKING:
    from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

#: Tables whose changes nobody needs to hear about: a form's draft is saved every few seconds while someone types;
#: an audit entry goes with work that is told about for itself (or, opening notes, changed nothing people see).
QUIET_TABLES = frozenset({"form_drafts", "audit_log"})


class ChangeLog:
    """Listens to one session and keeps the names of the tables it wrote to."""

    def __init__(self, session: Session):
        self.tables: set[str] = set()
        event.listen(session, "after_flush", self._flushed)
        event.listen(session, "do_orm_execute", self._executed)

    def _flushed(self, session: Session, _flush: UOWTransaction) -> None:
        for record in (*session.new, *session.dirty, *session.deleted):
            table = getattr(record, "__table__", None)
            if table is not None:
                self.tables.add(table.name)

    def _executed(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            table: Any = getattr(state.statement, "table", None)
            name = getattr(table, "name", None)
            if name:
                self.tables.add(name)

    def worth_telling(self) -> frozenset[str]:
        """The tables changed, less those whose changes nobody needs to hear about."""
        return frozenset(self.tables - QUIET_TABLES)

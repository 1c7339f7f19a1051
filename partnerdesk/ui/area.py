"""An area of the main window (People, Meetings…): its name in the list, its page, its menu entries and its forms.

The window lists every area as it opens but builds an area's page, and imports its modules, only when the area is
first shown: the first screen then opens without loading the ORM or the forms it does not show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow


class Area:
    """Subclass and give a title, build_page() and, if the area has any, menu entries and draft forms."""

    title = ""
    #: Forms of this area whose unsaved drafts the window offers back after a crash (services.drafts form names).
    draft_forms: tuple[str, ...] = ()
    #: Kinds of record this area opens when a line about one is chosen elsewhere (the Today page): "person"…
    record_kinds: tuple[str, ...] = ()
    #: The Go menu's shortcut when not a number: the other areas keep Ctrl+1 to Ctrl+9 in the order they are listed.
    shortcut: str | None = None

    def __init__(self, window: MainWindow):
        self.window = window
        self.writer = window.writer
        self._page: QWidget | None = None

    def build_page(self) -> QWidget:
        """Make the area's page (called once, when it is first needed)."""
        raise NotImplementedError

    @property
    def page(self) -> QWidget:
        """The area's page, made now if this is the first time it is needed."""
        if self._page is None:
            self._page = self.build_page()
        return self._page

    @property
    def page_built(self) -> bool:
        return self._page is not None

    def add_menu_entries(self, file_menu: QMenu) -> None:
        """Put the area's commands in the File menu (nothing by default)."""

    def open_record(self, kind: str, record_id: str) -> None:
        """Open one of record_kinds by its id."""
        raise NotImplementedError(kind)

    def restore_draft(self, form: str, record_id: str | None, payload: dict) -> None:
        """Open one of draft_forms again with what had been typed."""
        raise NotImplementedError(form)

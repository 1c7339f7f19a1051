"""What every tab of the Programmes page offers the page: made with the writer, told which programme is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.ui.ops import Writer


class ProgrammeTab(QWidget):
    """One tab of the Programmes page. Subclasses show the chosen programme's part (applications, pairs…)."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.programme_id: str | None = None

    def show_programme(self, programme_id: str | None) -> None:
        """Show programme_id's part, or an empty state when no programme is chosen."""
        self.programme_id = programme_id
        self.refresh()

    def refresh(self) -> None:
        """Read the chosen programme's part again."""
        raise NotImplementedError

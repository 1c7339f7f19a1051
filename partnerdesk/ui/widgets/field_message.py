"""The red line of text under a field that says what to fix."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class FieldMessage(QLabel):
    """Hidden until there is something to say about its field."""

    def __init__(self, field_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.setAccessibleName(f"Problem with {field_label}")
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

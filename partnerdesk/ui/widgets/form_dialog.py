"""What every record form shares: the window's close button acts like Cancel, Enter moves on rather than
saving, and one way of asking about unsaved changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

Button = QMessageBox.StandardButton


class FormDialog(QDialog):
    """A record's form. Subclasses decide in reject() what closing means for their record."""

    def ask_to_save(self, question: str) -> QMessageBox.StandardButton:
        """Ask whether to save unsaved changes: Save, Discard or Cancel (Save is the default)."""
        return QMessageBox.question(
            self, "Unsaved changes", question, Button.Save | Button.Discard | Button.Cancel, Button.Save
        )

    def closeEvent(self, event) -> None:  # the window's close button behaves like Cancel
        event.ignore()
        self.reject()

    def keyPressEvent(self, event) -> None:
        # Enter in a one-line box would otherwise press Save by surprise; only Ctrl+S or the button saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

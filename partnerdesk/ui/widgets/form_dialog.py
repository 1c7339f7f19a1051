"""What every record form shares: the window's close button acts like Cancel, Enter moves on rather than
saving, one way of asking about unsaved changes, and drafts kept while typing (offered back after a crash)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from partnerdesk.services import drafts

Button = QMessageBox.StandardButton
DRAFT_DELAY_MS = 800  # a pause in typing this long saves a draft


class FormDialog(QDialog):
    """A record's form. Subclasses decide in reject() what closing means for their record.

    A form that keeps drafts calls keep_drafts() once, draft_later() whenever the person changes something, and
    implements draft_contents(); save_draft() and discard_draft() do the rest.
    """

    draft_form = ""  # the name drafts of this form are kept under (services.drafts)

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

    # --- drafts -----------------------------------------------------------------------------------------
    def keep_drafts(self, form: str) -> None:
        self.draft_form = form
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

    def draft_later(self) -> None:
        """Something was typed: save a draft once typing pauses."""
        self._draft_timer.start()

    def draft_contents(self) -> tuple[str | None, str, dict[str, Any]]:
        """The record's id (None when new), a title to offer it back by, and everything typed (JSON-friendly)."""
        raise NotImplementedError

    def save_draft(self) -> None:
        """Keep what has been typed so far, in case the computer crashes before Save."""
        record_id, title, payload = self.draft_contents()
        self.writer.run(self, lambda s: drafts.save_draft(s, self.draft_form, record_id, title, payload))

    def discard_draft(self, session, record_id: str | None) -> None:
        """Forget this form's draft (call inside the transaction that saves, or after Discard)."""
        self._draft_timer.stop()
        drafts.discard_draft(session, self.draft_form, record_id)

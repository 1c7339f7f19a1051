"""The shape the Meetings list's small dialogs share (record a date for several meetings, add one to a series):
words at the top, a summary of problems, the fields, then the action button and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk.i18n import _


def lay_out_short_form(
    dialog: QDialog, words: QWidget, fields: QWidget, action: str, width: int
) -> tuple[QLabel, QPushButton]:
    """Put words, a hidden problem summary, the fields and the buttons into the dialog; the action button calls
    dialog.save(). Returns the summary label and the action button."""
    summary = QLabel()
    summary.setObjectName("formSummary")
    summary.setWordWrap(True)
    summary.hide()
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.save)  # each short form has its save()
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(words)
    layout.addWidget(summary)
    layout.addWidget(fields, 1)
    layout.addWidget(buttons)
    dialog.resize(width, dialog.sizeHint().height())
    return summary, save_button

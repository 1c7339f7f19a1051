"""The red line of text under a field that says what to fix."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import _


class FieldMessage(QLabel):
    """Hidden until there is something to say about its field."""

    def __init__(self, field_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.setAccessibleName(_("Problem with {field_label}").format(field_label=field_label))
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


def add_field_row(form: QFormLayout, label: str, widget: QWidget) -> tuple[FieldMessage, QLabel, QWidget]:
    """Add a labelled field to a form with its message underneath; Alt and the label's marked letter reach it.

    Returns the message, the label and the box holding field and message (hide both to hide the row).
    """
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    message = FieldMessage(label.replace("&", ""))
    column.addWidget(message)
    caption = QLabel(label)
    caption.setBuddy(widget.focusProxy() or widget)
    form.addRow(caption, holder)
    return message, caption, holder

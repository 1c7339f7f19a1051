"""What every section of the Settings window shares: its fields with a message under each, loading the saved
values, reading what was typed, and saying what to fix by the field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.field_message import FieldMessage, add_field_row


def note(text: str) -> QLabel:
    """A line of plain explanation, wrapped to the section's width."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str) -> QLabel:
    """A sub-heading inside a section."""
    label = QLabel(text)
    label.setObjectName("sectionHeading")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class Section(QWidget):
    """One section of the Settings window. Subclasses build their fields in __init__ and implement load() and
    values(); the window saves every section's changed settings together."""

    #: The section's name in the window's list, and the code shortcuts open it by.
    title = ""
    code = ""
    #: Emitted with an area's code ("budgets", "courses") when a button asks to go to a page outside Settings.
    go_to = Signal(str)

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setAccessibleName(_(self.title))
        self.messages: dict[str, FieldMessage] = {}
        self.column = QVBoxLayout(self)
        title = QLabel(_(self.title))
        title.setObjectName("pageTitle")
        self.column.addWidget(title)

    def form(self) -> QFormLayout:
        """A new block of labelled fields at the foot of the section."""
        layout = QFormLayout()
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.column.addLayout(layout)
        return layout

    def field(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> Any:
        """Add a labelled field for a setting, with its message underneath; returns the widget."""
        self.messages[key], _caption, _holder = add_field_row(form, label, widget)
        return widget

    def message_for(self, key: str, label: str) -> FieldMessage:
        """A message for a setting whose widget the section placed itself; add it under that widget."""
        self.messages[key] = FieldMessage(label)
        return self.messages[key]

    def load(self, values: dict[str, Any]) -> None:
        """Show the saved settings (every setting, by key)."""
        raise NotImplementedError

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The settings as typed, by key, and messages (by key) for anything the boxes themselves know is wrong."""
        raise NotImplementedError

    def show_problems(self, messages: dict[str, str]) -> bool:
        """Show each message by its field, clearing the others; True when any is in this section."""
        for key, message in self.messages.items():
            message.show_message(messages.get(key))
        return any(key in self.messages for key in messages)

    def shown_value(self, key: str, value: Any) -> str | None:
        """A setting's value in words for the conflict dialog, or None to use the plain form."""
        return None

"""Tabs of labelled fields, each with a FieldMessage underneath; reading, filling and checking them by key.

Layout only: the form that owns a FieldTabs decides what to save.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.search_picker import SearchPicker
from partnerdesk.ui.widgets.time_edit import UkTimeEdit


def text_box(name: str, longest: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(longest)
    return edit


def long_text_box(name: str, height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # Tab moves on to the next field, as in every other box
    edit.setMinimumHeight(height)
    return edit


def typed_value(widget: QWidget) -> Any:
    """What a field holds as a value to save: dates and times parsed (ValueError with a plain message)."""
    if isinstance(widget, UkDateEdit):
        return widget.date_value()
    if isinstance(widget, UkTimeEdit):
        return widget.time_value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):  # ChoiceCombo included: its data is the code
        return widget.currentData()
    if isinstance(widget, CheckList):
        return widget.codes()
    if isinstance(widget, SearchPicker):  # a person or meeting: its id
        return widget.value()
    raise TypeError(type(widget))


def show_value(widget: QWidget, value: Any) -> None:
    """Put a stored value into a field."""
    if isinstance(widget, UkDateEdit):
        widget.set_date(value) if isinstance(value, date) or value is None else widget.setText(str(value))
    elif isinstance(widget, UkTimeEdit):
        widget.set_time(value) if isinstance(value, time) or value is None else widget.setText(str(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QSpinBox):
        widget.setValue(value or widget.minimum())
    elif isinstance(widget, ChoiceCombo):
        widget.set_code(value)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, CheckList):
        widget.set_codes(value or [])
    elif isinstance(widget, SearchPicker):
        widget.set_value(value)


def watch(widget: QWidget, slot) -> None:
    """Call slot whenever the person changes the field."""
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(slot)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, CheckList):
        widget.changed.connect(slot)
    elif isinstance(widget, SearchPicker):
        widget.picked.connect(slot)


class FieldTabs(QTabWidget):
    """Fields by key (widgets), their messages (messages) and the tab each is on (tab_of)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.captions: dict[str, QLabel] = {}
        self.holders: dict[str, QWidget] = {}
        self.tab_of: dict[str, int] = {}

    def tab(self, title: str) -> QFormLayout:
        page = QWidget()
        layout = QFormLayout(page)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addTab(page, title)
        return layout

    def row(self, layout: QFormLayout, label: str | None, key: str, widget: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(label.replace("&", "") if label else widget.accessibleName()).follow(widget)
        column.addWidget(message)
        if label:
            caption = QLabel(label)
            caption.setBuddy(widget)  # Alt+letter jumps to the field
            layout.addRow(caption, holder)
            self.captions[key] = caption
        else:
            layout.addRow(holder)
        self.widgets[key] = widget
        self.messages[key] = message
        self.holders[key] = holder
        self.tab_of[key] = self.count() - 1
        return widget

    def set_row_visible(self, key: str, visible: bool) -> None:
        self.holders[key].setVisible(visible)
        if key in self.captions:
            self.captions[key].setVisible(visible)

    def values(self, keys) -> tuple[dict[str, Any], dict[str, str]]:
        """The typed values of these fields, and a message for each that could not be read (bad date or time)."""
        data, problems = {}, {}
        for key in keys:
            try:
                data[key] = typed_value(self.widgets[key])
            except ValueError as exc:
                problems[key] = str(exc)
        return data, problems

    def show_messages(self, messages: dict[str, str]) -> list[str]:
        """Show each message under its field and go to the first; returns the messages that have no field."""
        for key, label in self.messages.items():
            label.show_message(messages.get(key))
        first = next((key for key in self.widgets if key in messages), None)
        if first:
            self.setCurrentIndex(self.tab_of[first])
            self.widgets[first].setFocus()
        return [text for key, text in messages.items() if key not in self.messages]

"""The red line of text under a field that says what to fix, gone as soon as the field is fixed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext


def still_wrong(field: QWidget) -> bool:
    """Whether a quick check that needs no database still finds the field wrong: a date, time or amount that
    cannot be read. Fields with no such check are taken as fixed once changed (Save checks them properly)."""
    for reader in ("date_value", "time_value"):
        if hasattr(field, reader):
            try:
                getattr(field, reader)()
            except ValueError:
                return True
            return False
    problem = getattr(field, "problem", None)
    return bool(problem()) if callable(problem) else False


def on_change(field: QWidget, slot) -> None:
    """Call slot whenever the field's value changes, whatever kind of field it is."""
    if isinstance(field, QLineEdit | QPlainTextEdit):
        field.textChanged.connect(slot)
    elif isinstance(field, QComboBox):
        field.currentIndexChanged.connect(slot)
    elif isinstance(field, QAbstractSpinBox):
        field.editingFinished.connect(slot)
    elif isinstance(field, QAbstractButton):
        field.toggled.connect(slot)
    else:  # PartnerDesk's own fields (a list of ticks, a person picker) say "changed" or "picked"
        for name in ("changed", "picked"):
            signal = getattr(field, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)
                return


class FieldMessage(QLabel):
    """Hidden until there is something to say about its field; hidden again once the field is fixed."""

    #: The message went because its field was changed (a form may then take down its own "please fix" summary).
    cleared = Signal()

    def __init__(self, field_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.setAccessibleName(_("Problem with {field_label}").format(field_label=field_label))
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    def follow(self, field: QWidget) -> FieldMessage:
        """Clear this message as soon as the field is changed to something that may be right: at once for most
        fields, and for a date, time or amount only once it can be read, so the advice stays while it still
        applies. No new message appears while typing; Save checks everything. Returns the message."""

        def changed(*_args) -> None:
            if self.text() and not still_wrong(field):
                self.show_message(None)
                self.cleared.emit()
                _take_down_summary(self.window())

        on_change(field, changed)
        return self


def _take_down_summary(form: QWidget) -> None:
    # Forms say "Nothing has been saved yet. Please fix the problems shown in red" in a label named summary; once
    # the last field message has gone, it has nothing left to say.
    summary = getattr(form, "summary", None)
    if isinstance(summary, QWidget) and not any(message.text() for message in form.findChildren(FieldMessage)):
        summary.hide()


def add_field_row(form: QFormLayout, label: str, widget: QWidget) -> tuple[FieldMessage, QLabel, QWidget]:
    """Add a labelled field to a form with its message underneath; Alt and the label's marked letter reach it.

    Returns the message, the label and the box holding field and message (hide both to hide the row).
    """
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    message = FieldMessage(label.replace("&", "")).follow(widget)
    column.addWidget(message)
    caption = QLabel(label)
    caption.setBuddy(widget.focusProxy() or widget)
    form.addRow(caption, holder)
    return message, caption, holder


def message_line(object_name: str, accessible_name: str) -> QLabel:
    """A wrapped line of words a form or dialog fills when it has something to say, hidden until then (styled in
    partnerdesk.qss by its object name)."""
    line = QLabel()
    line.setObjectName(object_name)
    line.setWordWrap(True)
    line.setAccessibleName(accessible_name)
    line.hide()
    return line


def problems_summary() -> QLabel:
    """The line above a form saying nothing was saved and how many problems to fix (hidden until then)."""
    return message_line("formSummary", _("Problems to fix before saving"))


def say_problems(summary: QLabel, messages: dict[str, str], general: list[str]) -> None:
    """Fill a form's summary from its field messages (general: those with no field of their own); hide it when
    there are none."""
    if messages:
        count = len(messages)
        said = ngettext("Nothing has been saved yet. Please fix the problem shown in red.",
                        "Nothing has been saved yet. Please fix the {count} problems shown in red.",
                        count).format(count=count)  # fmt: skip
        summary.setText(" ".join([said, *general]))
    summary.setVisible(bool(messages))

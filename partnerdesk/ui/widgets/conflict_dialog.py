"""Someone saved the same record while this form was open: show each field that differs, the worker's value and
the saved one, and let them keep theirs, take the saved one, or choose field by field. Nothing is lost either way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _

MINE, THEIRS = "mine", "theirs"
LONGEST_SHOWN = 400  # characters of a long note shown in the table; the tooltip holds all of it


@dataclass(frozen=True)
class ChangedField:
    """One field that differs: its label, the form's value and the saved value as text, and the choice to start
    with (theirs where the worker had not touched the field, so only real clashes need a decision)."""

    key: str
    label: str
    mine: str
    theirs: str
    start_with: str = MINE


def shown(value: object) -> str:
    """A value as a worker reads it: UK dates, lists joined, Yes/No, and '(empty)' for nothing."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):  # answers to a scale, by question
        return ", ".join(f"{key.replace('_', ' ')} {shown(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _value_label(text: str, name: str) -> QLabel:
    label = QLabel(text if len(text) <= LONGEST_SHOWN else text[:LONGEST_SHOWN] + "…")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    if len(text) > LONGEST_SHOWN:
        label.setToolTip(text)
    return label


class ConflictDialog(QDialog):
    """Asks how to combine the worker's form with a newer save. After exec(), choices() maps each field to MINE or
    THEIRS; a rejected dialog means nothing is saved and the form stays open as it was."""

    def __init__(self, fields: list[ChangedField], who: str, when: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Someone else saved this too"))
        self.setMinimumWidth(720)
        self._groups: dict[str, QButtonGroup] = {}
        self._radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}

        intro = QLabel(
            _(
                "{who} saved this record{value}, after you opened it, and {count} {value2} from yours. "
                "Nothing has been saved yet. Choose which to keep for each field, or keep all of yours or "
                "all of theirs."
            ).format(
                who=who,
                value=' at ' + when if when else '',
                count=len(fields),
                value2=_('field differs') if len(fields) == 1 else _('fields differ'),
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("conflictIntro")

        table = QWidget()
        grid = QGridLayout(table)
        grid.setHorizontalSpacing(16)
        for column, heading in enumerate(
            (_("Field"), _("Yours (this form)"), _("Saved by {who}").format(who=who), _("Keep"))
        ):
            caption = QLabel(f"<b>{heading}</b>")
            grid.addWidget(caption, 0, column)
        for row, field in enumerate(fields, start=1):
            grid.addWidget(QLabel(field.label), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(
                _value_label(field.mine, _("{label}: yours").format(label=field.label)),
                row,
                1,
                Qt.AlignmentFlag.AlignTop,
            )
            grid.addWidget(
                _value_label(field.theirs, _("{label}: saved").format(label=field.label)),
                row,
                2,
                Qt.AlignmentFlag.AlignTop,
            )
            mine, theirs = QRadioButton(_("Mine")), QRadioButton(_("Theirs"))
            mine.setAccessibleName(_("Keep mine for {label}").format(label=field.label))
            theirs.setAccessibleName(_("Take theirs for {label}").format(label=field.label))
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            (theirs if field.start_with == THEIRS else mine).setChecked(True)
            choice = QWidget()
            buttons = QHBoxLayout(choice)
            buttons.setContentsMargins(0, 0, 0, 0)
            buttons.addWidget(mine)
            buttons.addWidget(theirs)
            grid.addWidget(choice, row, 3, Qt.AlignmentFlag.AlignTop)
            self._groups[field.key] = group
            self._radios[field.key] = (mine, theirs)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(table)

        box = QDialogButtonBox()
        self.keep_mine = QPushButton(_("&Keep all mine"))
        self.take_theirs = QPushButton(_("&Take all theirs"))
        self.save_choices = QPushButton(_("&Save my choices"))
        for button in (self.keep_mine, self.take_theirs, self.save_choices):
            box.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
            button.setAutoDefault(False)  # Enter saves the choices shown, not all of one side
        self.save_choices.setDefault(True)
        box.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        self.keep_mine.clicked.connect(lambda: self._all(MINE))
        self.take_theirs.clicked.connect(lambda: self._all(THEIRS))
        self.save_choices.clicked.connect(self.accept)
        box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(box)

    def _all(self, which: str) -> None:
        for key in self._radios:
            self.choose(key, which)
        self.accept()

    def choose(self, key: str, which: str) -> None:
        """Pick MINE or THEIRS for one field (as clicking its radio button does)."""
        mine, theirs = self._radios[key]
        (theirs if which == THEIRS else mine).setChecked(True)

    def choices(self) -> dict[str, str]:
        """Each field's choice: MINE or THEIRS."""
        return {key: THEIRS if self._radios[key][1].isChecked() else MINE for key in self._radios}

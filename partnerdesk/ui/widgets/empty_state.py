"""What an empty list says instead of a blank white box: a short sentence about what to do next, with a button
that does it ("No people yet. Add the first person." [Add person]).

One call per list, show_when_empty(view, ...): the words sit over the list's empty space, and go as soon as the list
has a row. A list that can be searched or filtered says something else when nothing matches (the filters are what
hide the rows, so the next step is to clear them, not to add a record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


@dataclass(frozen=True)
class NextStep:
    """A sentence for an empty list and, optionally, the button that takes the next step."""

    text: str
    button: str | None = None
    action: Callable[[], object] | None = None


class EmptyState(QWidget):
    """The words over an empty list; shown only while the list has no rows."""

    def __init__(self, view: QAbstractItemView, empty: NextStep, no_match: NextStep | None = None,
                 filtered: Callable[[], bool] | None = None):
        super().__init__(view.viewport())
        self.setObjectName("emptyState")
        self.view, self.empty, self.no_match, self.filtered = view, empty, no_match, filtered
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.button = QPushButton()
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self._clicked)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.label)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self._step: NextStep = empty
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_state)
        view.viewport().installEventFilter(self)
        self.update_state()

    def step(self) -> NextStep:
        """What the list says now: no_match while filters are in use, otherwise empty."""
        if self.no_match is not None and self.filtered is not None and self.filtered():
            return self.no_match
        return self.empty

    def update_state(self) -> None:
        """Show the words if the list has no rows, hide them otherwise (called whenever the list changes)."""
        is_empty = self.view.model().rowCount() == 0
        if is_empty:
            self._step = self.step()
            self.label.setText(self._step.text)
            self.setAccessibleName(self._step.text)
            self.button.setVisible(self._step.button is not None)
            self.button.setText(self._step.button or "")
            self.button.setAccessibleName((self._step.button or "").replace("&", ""))
            self.setGeometry(self.view.viewport().rect())
        self.setVisible(is_empty)
        if is_empty:
            self.raise_()

    def _clicked(self) -> None:
        if self._step.action is not None:
            self._step.action()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False


def show_when_empty(view: QAbstractItemView, empty: NextStep, no_match: NextStep | None = None,
                    filtered: Callable[[], bool] | None = None) -> EmptyState:
    """Have view say empty's words (and offer its button) while it has no rows; no_match's instead while
    filtered() says a search or filter is hiding rows."""
    return EmptyState(view, empty, no_match, filtered)

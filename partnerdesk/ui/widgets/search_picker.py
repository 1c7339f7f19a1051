"""What the person picker and the meeting picker share: a box to type in, the matches in a list under it, a line
saying how many match, and the record chosen with a button to clear it.

Nothing is ever chosen by typing alone: the worker picks from the list (Down arrow then Enter, or a double-click), or
presses Enter in the box when exactly one record matches. Several matches only say how many there are.

Keys: Down moves from the box into the list, Up from the first match goes back to the box, Enter or a double-click
picks, Escape closes the list (a second Escape reaches the dialog, which closes as usual).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.ui.ops import Writer

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
VISIBLE_ROWS = 8  # the list grows to this many rows, then scrolls
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class Match:
    """One record found: its id, the line the list shows, and the shorter words shown once it is chosen."""

    id: str
    line: str
    name: str


@dataclass(frozen=True)
class Found:
    """What a search found: how many match in all, and the first of them (the list shows no more)."""

    count: int
    matches: list[Match]


class SearchPicker(QWidget):
    """Choose one record by searching. value() is its id (None until one is picked); `picked` fires whenever the
    choice changes, cleared included. Subclasses say how to search (search), how to name a record (describe) and
    how many match (count_words)."""

    picked = Signal()

    def __init__(self, writer: Writer, name: str, placeholder: str, parent: QWidget | None = None, *,
                 inline: bool = False):  # fmt: skip
        """name: what is being chosen ("Claimant"), said by screen readers for the box, list and buttons.
        inline: the list sits under the box and always shows (a dialog whose one job is the choosing), rather than
        floating over the form while there are matches."""
        super().__init__(parent)
        self.writer = writer
        self.inline = inline
        self.name = name
        self._chosen: Match | None = None
        self.box = QLineEdit()
        self.box.setPlaceholderText(placeholder)
        self.box.setAccessibleName(name)
        self.box.setAccessibleDescription(_("Type to search, then press the Down arrow to choose from the list"))
        self.box.setMinimumWidth(170)
        self.clear_button = QPushButton(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear the choice: {name}").format(name=name))
        self.clear_button.setToolTip(_("Choose someone or something else"))
        self.clear_button.hide()
        self.clear_button.clicked.connect(self.clear)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Search result: {name}").format(name=name))
        self.status.hide()
        # The list floats over the window under the box (moved onto the window when first shown), so a form does not
        # jump about as matches come and go.
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Matches: {name}").format(name=name))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long lines end in "…"
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setVisible(inline)
        self.list.itemDoubleClicked.connect(self._pick_item)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 1)
        row.addWidget(self.clear_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.status)
        if inline:
            column.addWidget(self.list, 1)
        else:
            column.addStretch()  # any height to spare goes below the line, which stays just under the box
        self.setSizePolicy(QSizePolicy.Policy.Expanding,
                           QSizePolicy.Policy.Expanding if inline else QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.box)
        self.box.textEdited.connect(self._typed)
        for widget in (self.box, self.list):
            widget.installEventFilter(self)

    # --- for subclasses -----------------------------------------------------------------------------------
    def search(self, text: str) -> Found | None:
        """The records matching what was typed, or None when too little has been typed to search."""
        raise NotImplementedError

    def describe(self, record_id: str) -> Match | None:
        """A record already chosen (a saved form's), to show it; None if it is gone."""
        raise NotImplementedError

    def too_short(self) -> str:
        """What to say while too little has been typed to search ("" to say nothing)."""
        return ""

    # --- the choice -----------------------------------------------------------------------------------------
    def value(self) -> str | None:
        """The id of the record chosen, or None."""
        return self._chosen.id if self._chosen else None

    def chosen_name(self) -> str:
        """The words shown for the record chosen ("" when nothing is)."""
        return self._chosen.name if self._chosen else ""

    def set_value(self, record_id: str | None, name: str = "") -> None:
        """Show a record already chosen (loading a saved form); name saves looking it up."""
        match = None
        if record_id:
            match = Match(record_id, name, name) if name else self.describe(record_id)
        self._choose(match)

    def clear(self) -> None:
        """Choose nothing, and put the cursor back in the box to search again."""
        self._choose(None)
        self.box.clear()
        self.box.setFocus()

    def _choose(self, match: Match | None) -> None:
        before = self.value()
        self._chosen = match
        self._hide_list()
        self.box.setText(match.name if match else "")
        # All selected, the start in view: the next key typed (or Backspace) starts a new search.
        self.box.setSelection(len(self.box.text()), -len(self.box.text()))
        self.clear_button.setVisible(match is not None)
        self._say(_("Chosen: {line}").format(line=match.line) if match else "")
        if self.value() != before:
            self.picked.emit()

    def pick_highlighted(self) -> None:
        """Choose the match highlighted in the list, if one is (a button that means "use this one")."""
        if not self.list.isHidden() or self.inline:
            self._pick_item(self.list.currentItem())

    def _pick_item(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self._choose(Match(item.data(ID_ROLE), item.text(), item.data(NAME_ROLE)))
            self.box.setFocus()

    # --- searching ------------------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if self._chosen is not None:  # changing the words un-chooses: the box never shows one name and means another
            self._chosen = None
            self.clear_button.hide()
            self.picked.emit()
        self.refresh(text)

    def refresh(self, text: str | None = None) -> None:
        """Search again for what the box holds (or text) and show the matches; chooses nothing."""
        found = self.search(self.box.text() if text is None else text)
        self.list.clear()
        if found is None:
            self._hide_list()
            self._say(self.too_short())
            return
        for match in found.matches:
            item = QListWidgetItem(match.line, self.list)
            item.setData(ID_ROLE, match.id)
            item.setData(NAME_ROLE, match.name)
            item.setToolTip(match.line)
        self._say(self.count_words(found))
        if found.matches:
            self._show_list()
            # A single match is offered (highlighted), ready for Enter; it is not chosen until then.
            self.list.setCurrentRow(0 if len(found.matches) == 1 else -1)
            self.list.scrollToTop()
        else:
            self._hide_list()

    def count_words(self, found: Found) -> str:
        """How many match and what to do next, for the line under the box."""
        raise NotImplementedError

    def _say(self, words: str) -> None:
        self.status.setText(words)
        self.status.setVisible(bool(words))

    # --- the floating list ----------------------------------------------------------------------------------
    def _show_list(self) -> None:
        if self.inline:
            return
        top = self.window()
        if self.list.parentWidget() is not top:
            self.list.setParent(top)
        self._place_list()
        self.list.show()
        self.list.raise_()

    def _place_list(self) -> None:
        """Put the floating list under the box and the line saying how many match (which it must not hide)."""
        top = self.list.parentWidget()
        if top is None:
            return
        rows = min(self.list.count(), VISIBLE_ROWS)
        height = rows * max(self.list.sizeHintForRow(0), 1) + 2 * self.list.frameWidth() + 2
        width = max(self.box.width(), 320)
        said = self.status.heightForWidth(self.status.width() or width) + 2 if self.status.text() else 0
        below = self.box.mapTo(top, QPoint(0, self.box.height() + said))
        if self.status.isVisible() and self.status.height() > 1:  # laid out already: under where it really is
            below.setY(max(below.y(), self.status.mapTo(top, QPoint(0, self.status.height())).y()))
        if below.y() + height > top.height():  # no room below: open upwards instead
            below = self.box.mapTo(top, QPoint(0, -height))
        self.list.setGeometry(min(below.x(), max(top.width() - width, 0)), max(below.y(), 0), width, height)

    def moveEvent(self, event) -> None:  # noqa: N802 -- Qt's name
        # The line under the box comes and goes, so the form moves the picker about: the list follows.
        super().moveEvent(event)
        if not self.inline and self.list_open():
            self._place_list()

    def resizeEvent(self, event) -> None:  # noqa: N802 -- Qt's name
        super().resizeEvent(event)
        if not self.inline and self.list_open():
            self._place_list()

    def _hide_list(self) -> None:
        if not self.inline:
            self.list.hide()

    def list_open(self) -> bool:
        """Whether the matches are showing."""
        return not self.list.isHidden()  # shown, even while its window is not (as in a test)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() == QEvent.Type.KeyPress:
            return self._key(watched, event.key())
        if event.type() == QEvent.Type.FocusOut and not self.inline:
            QTimer.singleShot(0, self, self._focus_moved)  # not at all once the picker is gone
        return super().eventFilter(watched, event)

    def _key(self, watched: QObject, key: int) -> bool:
        """Handle the picker's keys; True when the key was used (so the dialog does not act on it too)."""
        if not self.list_open():
            return False
        if key == Qt.Key.Key_Escape:
            if self.inline:  # nothing to close: Escape is the dialog's
                return False
            self._hide_list()
            self.box.setFocus()
            return True
        if watched is self.box:
            if key == Qt.Key.Key_Down:
                self.list.setFocus()
                self.list.setCurrentRow(max(self.list.currentRow(), 0))
                return True
            if key in _ENTER:
                if self.list.count() == 1:
                    self._pick_item(self.list.item(0))
                return True  # several match: Enter in the box chooses nothing and keeps the list open
            return False
        if key in _ENTER:
            self._pick_item(self.list.currentItem())
            return True
        row = self.list.currentRow()
        if key == Qt.Key.Key_Up and row <= 0:
            self.box.setFocus()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):  # one row at a time, stopping at the last
            self.list.setCurrentRow(max(0, min(row + (1 if key == Qt.Key.Key_Down else -1), self.list.count() - 1)))
            return True
        return False

    def _focus_moved(self) -> None:
        """The list closes when the worker moves on to another field (Tab or a click elsewhere)."""
        if not (self.box.hasFocus() or self.list.hasFocus()):
            self._hide_list()

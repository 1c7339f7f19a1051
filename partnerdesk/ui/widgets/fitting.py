"""Layout pieces that keep every page and dialog inside a small laptop screen (1280×720, or 1366×768 at 125%).

- FlowLayout: a row of filters that wraps onto a second line instead of widening the window.
- ButtonRow: a row of buttons that moves the ones that do not fit into a "More" menu.
- short_combo(): a drop-down whose width does not grow with its longest entry.
- fit_to_screen(): a dialog whose contents scroll when the screen is short, with its buttons always in view.
- first_window_size(): the main window's first size, from the screen it opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _

#: How many characters a drop-down shows before its entries are cut short (the open list shows them whole).
COMBO_CHARACTERS = 18
#: The share of the screen the first window and a long dialog take at most.
SCREEN_SHARE = 0.9
#: The first window is never made bigger than this, however big the screen (what PartnerDesk was designed at).
LARGEST_FIRST_SIZE = QSize(1400, 900)


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps onto a new line when the width runs out, like words.

    Items that can grow (a horizontal size policy that expands) share out the width left over on their line, so a
    search box still fills the row when everything fits on one line.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 -- Qt's name
        self._items.append(item)

    def add(self, *widgets: QWidget) -> None:
        """Add widgets that stay together on one line (a label with its box, say)."""
        if len(widgets) == 1:
            self.addWidget(widgets[0])
            return
        group = QWidget()
        group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # stays together, at its own size
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            if isinstance(widget, QLabel):
                # A little more than asked: the style's padding otherwise cut "To" down to "Tc".
                widget.setMinimumWidth(widget.sizeHint().width() + 4)
            row.addWidget(widget)
        self.addWidget(group)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list:
        return [item for item in self._items if not item.isEmpty()]

    def _lines(self, width: int) -> list[list]:
        lines: list[list] = [[]]
        used = 0
        for item in self._shown():
            wanted = item.sizeHint().width()
            if lines[-1] and used + self._spacing + wanted > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return lines

    def _arrange(self, rect: QRect, place: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            if not line:
                continue
            height = max(item.sizeHint().height() for item in line)
            if place:
                self._place_line(line, area.x(), y, area.width(), height)
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()

    def _place_line(self, line: list, x: int, y: int, width: int, height: int) -> None:
        widths = [min(item.sizeHint().width(), width) for item in line]
        growing = [i for i, item in enumerate(line) if item.expandingDirections() & Qt.Orientation.Horizontal]
        spare = width - sum(widths) - self._spacing * (len(line) - 1)
        if spare > 0 and growing:
            for i in growing:
                widths[i] += spare // len(growing)
        for item, item_width in zip(line, widths, strict=True):
            item.setGeometry(QRect(x, y + (height - item.sizeHint().height()) // 2, item_width,
                                   item.sizeHint().height()))
            x += item_width + self._spacing


class ButtonRow(QWidget):
    """A row of buttons that never makes the window wider than the screen: when the row is too narrow, buttons
    move, in the order they were added, into a "More" menu at the start of the row (the last added stay longest,
    so add the most used last). The buttons keep working as before, for code and for the keyboard shortcuts."""

    def __init__(self, name: str = N_("More actions"), parent: QWidget | None = None):
        super().__init__(parent)
        self._buttons: list[QAbstractButton] = []
        self._withdrawn: set[int] = set()
        self.more = QToolButton()
        self.more.setText(_("More"))
        self.more.setAccessibleName(name)
        self.more.setToolTip(_("The actions there is no room for in this row"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.more)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.more.setMenu(self.menu)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # The row's narrowest is decided by minimumSizeHint below, not by the buttons shown at the moment.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.addStretch(1)  # the buttons keep their own widths, at the end of the row
        self._layout.addWidget(self.more)
        self.more.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, button: QAbstractButton) -> QAbstractButton:
        """Put a button at the end of the row; returns it."""
        self._buttons.append(button)
        self._layout.addWidget(button)
        self._fit()
        return button

    def set_offered(self, button: QAbstractButton, offered: bool) -> None:
        """Show or withdraw a button (use this, not setVisible, for buttons in a ButtonRow)."""
        if offered:
            self._withdrawn.discard(id(button))
        else:
            self._withdrawn.add(id(button))
        self.updateGeometry()
        self._fit()

    def offered(self) -> list[QAbstractButton]:
        return [b for b in self._buttons if id(b) not in self._withdrawn]

    def overflowed(self) -> list[QAbstractButton]:
        """The offered buttons that are in the More menu for want of room."""
        return [b for b in self.offered() if b.isHidden()]

    def sizeHint(self) -> QSize:  # noqa: N802
        buttons = self.offered()
        spacing = self._layout.spacing()
        width = sum(b.sizeHint().width() for b in buttons) + spacing * max(len(buttons) - 1, 0)
        height = max([b.sizeHint().height() for b in buttons] + [self.more.sizeHint().height()])
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        buttons = self.offered()
        last = buttons[-1].sizeHint().width() + self._layout.spacing() if buttons else 0
        return QSize(self.more.sizeHint().width() + last, self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        buttons = self.offered()
        spacing = self._layout.spacing()
        room = self.width() if self.isVisible() or self.testAttribute(Qt.WidgetAttribute.WA_Resized) else 10**6
        keep = len(buttons)
        if self.sizeHint().width() > room:
            room -= self.more.sizeHint().width()
            keep, used = 0, 0
            for button in reversed(buttons):
                used += button.sizeHint().width() + spacing
                if used > room:
                    break
                keep += 1
        for index, button in enumerate(buttons):
            button.setVisible(index >= len(buttons) - keep)
        for button in self._buttons:
            if id(button) in self._withdrawn:
                button.setVisible(False)
        self.more.setVisible(keep < len(buttons))
        self._layout.activate()  # place the buttons now, not after the next event, so none is drawn squeezed

    def _fill_menu(self) -> None:
        self.menu.clear()
        for button in self.overflowed():
            action = self.menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
            action.setToolTip(button.toolTip())


def short_combo(combo: QComboBox | None = None, characters: int = COMBO_CHARACTERS) -> QComboBox:
    """A drop-down (made if not given) whose width does not follow its longest entry, so a committee with a long
    name can't push the window wider than the screen; the open list still shows entries in full."""
    combo = combo if combo is not None else QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the screen (the widget's, else the primary) that windows may use, without the task bar."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def first_window_size(widget: QWidget | None = None) -> QSize:
    """The main window's first size: most of the available screen, but no bigger than it was designed at."""
    room = available_geometry(widget).size()
    return QSize(min(int(room.width() * SCREEN_SHARE), LARGEST_FIRST_SIZE.width()),
                 min(int(room.height() * SCREEN_SHARE), LARGEST_FIRST_SIZE.height()))


def screen_key(widget: QWidget | None = None) -> str:
    """A name for the screen's size, so a window remembers a size for each screen it is used on."""
    room = available_geometry(widget)
    return f"{room.width()}x{room.height()}"


def fit_to_screen(dialog: QDialog, keep_in_view: QWidget, wanted: QSize | None = None) -> None:
    """Let a dialog's contents scroll when the screen is too small for them, with keep_in_view (its Save and
    Cancel buttons) always shown below them; the dialog opens at wanted (else the size its contents ask for), but
    never bigger than the available screen.

    Call once, at the end of the dialog's __init__, after keep_in_view is the last thing in its layout.
    """
    inner = dialog.layout()
    body = QWidget()
    body.setObjectName("dialogBody")
    body.setLayout(inner)  # takes the layout, and every widget in it, from the dialog
    inner.removeWidget(keep_in_view)
    scroll = QScrollArea()
    scroll.setObjectName("dialogScroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    outer = QVBoxLayout(dialog)
    margins = inner.contentsMargins()
    inner.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)
    outer.setContentsMargins(0, 0, 0, margins.bottom())
    outer.addWidget(scroll, 1)
    buttons = QHBoxLayout()
    buttons.setContentsMargins(margins.left(), 0, margins.right(), 0)
    buttons.addWidget(keep_in_view)
    outer.addLayout(buttons)
    if wanted is None:
        wanted = body.sizeHint() + QSize(0, keep_in_view.sizeHint().height() + margins.bottom())
    room = available_geometry(dialog.parentWidget()).size()
    dialog.resize(wanted.boundedTo(QSize(int(room.width() * SCREEN_SHARE), int(room.height() * SCREEN_SHARE))))

"""A list down the side of the window (the areas of PartnerDesk) as wide as its longest entry needs, never less than
a set width, so larger text widens it instead of giving it a sideways scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QListWidget

#: Room beside an entry's words: the style sheet's item padding (14 px each side), the 4 px mark on the chosen
#: entry, the frame, and a little to spare.
ROOM = 2 * 14 + 4 + 12


class _Fit(QObject):
    def __init__(self, side: QListWidget, least: int):
        super().__init__(side)
        self.side, self.least = side, least
        side.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        self.side.ensurePolished()  # the style sheet's font, not Qt's default
        metrics = self.side.fontMetrics()
        words = max((metrics.horizontalAdvance(self.side.item(n).text()) for n in range(self.side.count())), default=0)
        scroll = self.side.verticalScrollBar().sizeHint().width() if self.side.verticalScrollBar().isVisible() else 0
        self.side.setFixedWidth(max(self.least, words + ROOM + scroll))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish):
            self.fit()
        return False


def keep_wide_enough(side: QListWidget, least: int = 190) -> None:
    """Keep side as wide as its longest entry needs (at least `least` px), now and whenever its text size changes;
    it never scrolls sideways."""
    side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    _Fit(side, least)

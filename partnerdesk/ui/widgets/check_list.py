"""A group of tick boxes for choosing several items from a vocabulary (roles, access needs)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QWidget

from partnerdesk.i18n import _


class CheckList(QGroupBox):
    """Tick boxes laid out in columns; codes() gives the ticked ones in vocabulary order."""

    changed = Signal()

    def __init__(self, title: str, vocabulary: dict[str, str], columns: int = 2, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self._boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        for i, (code, text) in enumerate(vocabulary.items()):
            box = QCheckBox(_(text))
            box.setAccessibleName(f"{title}: {_(text)}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // columns, i % columns)
            self._boxes[code] = box

    def codes(self) -> list[str]:
        return [code for code, box in self._boxes.items() if box.isChecked()]

    def set_codes(self, codes: list[str]) -> None:
        for code, box in self._boxes.items():
            box.setChecked(code in codes)

    def box(self, code: str) -> QCheckBox:
        return self._boxes[code]

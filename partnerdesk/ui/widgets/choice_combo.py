"""A drop-down over one of the vocabularies in partnerdesk.records.vocab (stored code ↔ shown label)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from partnerdesk.i18n import _
from partnerdesk.ui.widgets.fitting import short_combo


class ChoiceCombo(QComboBox):
    """Shows labels, hands back codes. An optional blank first item means 'not chosen'."""

    def __init__(
        self, vocabulary: dict[str, str], accessible_name: str, blank: str | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        short_combo(self)  # as wide as the room it is given, not as its longest label
        self.setAccessibleName(accessible_name)
        if blank is not None:
            self.addItem(blank, None)
        for code, text in vocabulary.items():
            self.addItem(_(text), code)

    def code(self) -> str | None:
        return self.currentData()

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))

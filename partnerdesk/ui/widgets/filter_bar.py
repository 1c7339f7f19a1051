"""A list page's row of filters (search box, drop-downs, dates, a person): it wraps onto another line on a narrow
screen rather than widening the window, and every filter in it tells the page when the worker changes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSizePolicy, QWidget

from partnerdesk.i18n import _
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import watch
from partnerdesk.ui.widgets.fitting import FlowLayout, short_combo


class FilterBar(FlowLayout):
    """Filters in a row. changed() is called whenever the worker changes one: a search box as each key is typed, a
    drop-down or a picker when a choice is made, a date when the box is left."""

    def __init__(self, changed: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.changed = changed

    def search(self, name: str, placeholder: str, width: int = 200) -> QLineEdit:
        """A search box that takes the room left over."""
        box = QLineEdit()
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(name)
        box.setClearButtonEnabled(True)
        box.setMinimumWidth(width)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box.textChanged.connect(self.changed)
        self.add(box)
        return box

    def choice(self, combo: QComboBox, characters: int | None = None) -> QComboBox:
        """A drop-down (as wide as `characters` letters, when given: a long committee name must not widen the page)."""
        if characters is not None:
            short_combo(combo, characters)
        combo.currentIndexChanged.connect(self.changed)
        self.add(combo)
        return combo

    def tick(self, box: QCheckBox) -> QCheckBox:
        """A tick box that narrows the list while ticked."""
        box.toggled.connect(self.changed)
        self.add(box)
        return box

    def labelled(self, text: str, widget: QWidget) -> QWidget:
        """A filter with a label in front, whose &-letter jumps to it; the two stay together when the row wraps."""
        label = QLabel(text)
        label.setBuddy(widget)
        label.setMinimumWidth(label.sizeHint().width() + 4)  # "To" was drawn as "Tc", its o under the box
        if isinstance(widget, UkDateEdit):
            widget.editingFinished.connect(self.changed)
        else:
            watch(widget, lambda *_args: self.changed())
        self.add(label, widget)
        return widget

    def dates(self, from_name: str, to_name: str,
              labels: tuple[str, str] | None = None) -> tuple[UkDateEdit, UkDateEdit]:  # fmt: skip
        """From and To date boxes, read when the worker leaves them (labels: other words than "&From" and "&To")."""
        boxes = UkDateEdit(from_name), UkDateEdit(to_name)
        for text, box in zip(labels or (_("&From"), _("&To")), boxes, strict=True):
            box.setMinimumWidth(110)
            self.labelled(text, box)
        return boxes

"""The Qt binding itself: a fault in it would crash PartnerDesk after a while in use, whatever our code does."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def test_empty_item_data_keeps_its_reference_to_none(qtbot):
    # PySide6 6.12.0 dropped a reference to None each time an empty value crossed between Qt and Python; on Python
    # 3.11 None is then freed after a few thousand list lines and the program aborts ("deallocating None").
    widget = QListWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        item = QListWidgetItem("line", widget)
        item.setData(Qt.ItemDataRole.UserRole, None)
        item.data(Qt.ItemDataRole.UserRole)
    assert sys.getrefcount(None) >= before - 50  # other code may let go of a few; the fault loses 1,000

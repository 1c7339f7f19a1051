"""The Qt binding itself: a fault in it would crash PartnerDesk after a while in use, whatever our code does."""

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

LINES = 2000


def test_empty_item_data_keeps_its_reference_to_none(qtbot):
    # PySide6 6.12.0 dropped a reference to None each time an empty value crossed between Qt and Python; on Python
    # 3.11 None is then freed after a few thousand list lines and the program aborts ("deallocating None").
    widget = QListWidget()
    qtbot.addWidget(widget)
    # A garbage collection during the loop frees whatever earlier tests left, and None's count with it (once 207 in
    # CI): collected first and held off while counting, so only the binding can make the count fall.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(LINES):
            item = QListWidgetItem("line", widget)
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.data(Qt.ItemDataRole.UserRole)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - LINES // 4  # the fault loses two for every line: 4,000 here

"""Text size from the keyboard (Ctrl++, Ctrl+-, Ctrl+0, as View → Text size shows), and two places that used to
give way at a small laptop's size or with larger text: the claims list (now scrolls sideways, names whole) and the
list of areas down the side (now widens, never scrolls sideways) — issue 12."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from partnerdesk.ui.app import text_size
from partnerdesk.ui.expenses.area import ExpensesArea
from partnerdesk.ui.expenses.list_page import COLUMN_WIDTHS, ClaimsListPage
from tests.ui.test_fits_laptop import LAPTOPS, unseen

Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(qtbot, window):
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_ctrl_plus_minus_and_nought_change_the_text_size(qtbot, active):
    window = active
    qtbot.keyClick(window, Qt.Key.Key_Plus, Ctrl)
    assert text_size() == "large" and window.text_sizes["large"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Ctrl)  # the same key without Shift
    assert text_size() == "larger"
    qtbot.keyClick(window, Qt.Key.Key_Plus, Ctrl)
    assert text_size() == "larger"  # the largest stays the largest
    qtbot.keyClick(window, Qt.Key.Key_Minus, Ctrl)
    assert text_size() == "large"
    qtbot.keyClick(window, Qt.Key.Key_0, Ctrl)
    assert text_size() == "normal" and window.text_sizes["normal"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_Minus, Ctrl)
    assert text_size() == "normal"


def test_the_view_menu_shows_the_keys(window):
    view = next(action.menu() for action in window.menuBar().actions() if action.text() == "&View")
    shown = {action.text(): action.shortcut().toString() for action in view.actions() if not action.menu()}
    assert shown == {"&Bigger text": "Ctrl++", "S&maller text": "Ctrl+-"}
    assert window.text_sizes["normal"].shortcut().toString() == "Ctrl+0"


def test_the_list_of_areas_widens_for_larger_text_and_never_scrolls_sideways(window):
    nav = window.nav
    normal = nav.width()
    window.choose_text_size("larger")
    QApplication.processEvents()
    window.resize(LAPTOPS["1366x768 at 125%"])
    window.layout().activate()
    QApplication.processEvents()
    assert not nav.horizontalScrollBar().isVisible()
    widest = max(nav.fontMetrics().horizontalAdvance(nav.item(n).text()) for n in range(nav.count()))
    assert nav.viewport().width() >= widest + 2 * 14  # every area's name whole, with the item's padding
    assert nav.width() > normal
    window.choose_text_size("normal")
    QApplication.processEvents()
    assert nav.width() == normal


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_the_claims_list_scrolls_sideways_instead_of_cutting_names_short(window, writer, size):
    from partnerdesk.demo.build import fill_demo

    fill_demo(writer.store, people=40)
    writer.tell_everyone()
    window.choose_text_size(size)
    window.show_area(window.area(ExpensesArea))
    window.resize(QSize(1093, 614))
    window.layout().activate()
    QApplication.processEvents()
    table = window.findChild(ClaimsListPage).table
    metrics = table.fontMetrics()
    for column, sample in enumerate(COLUMN_WIDTHS):
        assert table.columnWidth(column) >= metrics.horizontalAdvance(sample), table.model().headerData(
            column, Qt.Orientation.Horizontal)
    assert table.horizontalScrollBar().isVisible()
    assert unseen(window) == []

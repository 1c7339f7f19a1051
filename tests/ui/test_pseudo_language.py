"""The whole window under the pseudo-language (issue 11): every word PartnerDesk itself shows must come through
partnerdesk/i18n.py, so a translation can reach it, and no button may cut its words off when they grow by 40%.

The pseudo-language brackets every wrapped string with ⟦ ⟧, so a text without ⟦ on screen was never wrapped.
Texts that are data (values from the database, numbers, dates) are not PartnerDesk's words and stay as they are.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from partnerdesk import i18n
from partnerdesk.rules.wellbeing import SWEMWBS_COPYRIGHT
from tests.ui.test_fits_laptop import LAPTOPS, _every_dialog, unseen

#: Texts that are allowed to show without the pseudo markers, and why. Keep this short: each entry is a word
#: PartnerDesk shows that a translator cannot change.
NOT_WORDS = {
    "PartnerDesk": "the product's name, the same in every language",
    "…": "a More button's ellipsis",
    SWEMWBS_COPYRIGHT: "the scale's licence asks for this notice word for word on every copy",
}


@pytest.fixture
def pseudo():
    """Everything shown from now on in the pseudo-language; English again afterwards for the other tests."""
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language(i18n.ENGLISH)


def _data_values(store) -> set[str]:
    """Every piece of text held in the database: names, titles, notes and codes are data, not PartnerDesk's
    words."""
    values: set[str] = set()
    with sqlite3.connect(Path(store.path)) as db:
        tables = [row[0] for row in db.execute("select name from sqlite_master where type = 'table'")]
        for table in tables:
            for row in db.execute(f'select * from "{table}"'):  # noqa: S608 -- table names from the schema
                values.update(value.strip() for value in row if isinstance(value, str))
    # The spreadsheets the import dialogs are shown (tests/ui/test_fits_laptop.py): their headings and names are data.
    for sheet in ("contacts.csv", "claims.csv"):
        found = Path(store.path).with_name(sheet)
        if found.exists():
            values.add(found.name)
            for line in found.read_text(encoding="utf-8").splitlines():
                values.update(cell.strip() for cell in line.split(","))
    return values


def _is_data(text: str, data: set[str]) -> bool:
    """Numbers, dates, money and times say the same in every language; values from the database are data."""
    bare = re.sub(r"<[^>]*>", "", text).replace("&", "").strip()
    if re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5})+", bare):  # a recovery key: random letters, the same in any language
        return True
    if not re.search(r"[^\W\d_]", bare):
        return True
    if bare in data or bare in NOT_WORDS:
        return True
    # A list cell or label made only of values from the database ("Ana Silva, Ben Ode").
    parts = [p.strip() for p in re.split(r"[,;·\n]| — | – ", bare) if p.strip()]
    return bool(parts) and all(p in data or not re.search(r"[^\W\d_]", p) for p in parts)


def _texts(top: QWidget) -> list[tuple[str, str]]:
    """Every text a person can see in a window: (what it is, its words)."""
    found: list[tuple[str, str]] = [("window title", top.windowTitle())]
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or QWidget.window(widget) is not top:
            continue
        kind = type(widget).__name__
        box = widget.parentWidget()
        if isinstance(box, QDialogButtonBox) and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton:
            continue  # Qt's own Save and Cancel, translated by Qt's catalogues
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        elif isinstance(widget, QTabWidget):
            found += [("tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            found.append((f"{kind} placeholder", widget.placeholderText()))
        header = QTableView.horizontalHeader(widget) if isinstance(widget, QTableView) else None
        header = QTreeView.header(widget) if isinstance(widget, QTreeView) else header
        if header is not None and header.isVisibleTo(top) and widget.model() is not None:
            model = widget.model()
            found += [
                ("column heading", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount(QModelIndex()))
                if not header.isSectionHidden(c)
            ]
        if isinstance(widget, QTreeWidget):
            for top_item in (widget.topLevelItem(i) for i in range(widget.topLevelItemCount())):
                found.append(("heading in a list", top_item.text(0)))
                found += [("line in a list", top_item.child(i).text(0)) for i in range(top_item.childCount())]
        found += [("action", action.text()) for action in QWidget.actions(widget)]
    return found


def _menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    found = [("menu", menu.title())]
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_texts(action.menu())
        elif not action.isSeparator():
            found.append(("menu item", action.text()))
    return found


def _unwrapped(texts: list[tuple[str, str]], data: set[str], where: str) -> set[str]:
    return {
        f"{where}: {kind} {text!r}" for kind, text in texts if text and "⟦" not in text and not _is_data(text, data)
    }


def _visit_window(window) -> tuple[set[str], set[str]]:
    """What is not wrapped on every page and tab, and every clipped control, at 1280x720."""
    data = _data_values(window.writer.store) if hasattr(window, "writer") else set()
    missing: set[str] = set()
    clipped: set[str] = set()
    for top_menu in window.menuBar().actions():
        if top_menu.menu() is not None:
            missing |= _unwrapped(_menu_texts(top_menu.menu()), data, "menu")
    for row, area in enumerate(window.areas):
        window.nav.setCurrentRow(row)
        window.resize(LAPTOPS["1280x720"])
        window.layout().activate()
        missing |= _unwrapped(_texts(window), data, area.title)
        clipped |= {f"{area.title}: {p}" for p in _clipped(window)}
        for tabs in area.page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                window.layout().activate()
                missing |= _unwrapped(_texts(window), data, f"{area.title} / {tabs.tabText(index)}")
                clipped |= {f"{area.title} / {tabs.tabText(index)}: {p}" for p in _clipped(window)}
    return missing, clipped


def _visit_dialog(dialog: QDialog, data: set[str]) -> tuple[set[str], set[str]]:
    where = type(dialog).__name__
    dialog.resize(dialog.size().boundedTo(LAPTOPS["1280x720"]))
    dialog.layout().activate()
    missing = _unwrapped(_texts(dialog), data, where)
    clipped = {f"{where}: {p}" for p in _clipped(dialog)}
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                dialog.layout().activate()
                missing |= _unwrapped(_texts(dialog), data, f"{where} / {tabs.tabText(index)}")
                clipped |= {f"{where} / {tabs.tabText(index)}: {p}" for p in _clipped(dialog)}
    return missing, clipped


def _clipped(top: QWidget) -> list[str]:
    """test_fits_laptop's check, less a tab bar's own scroll arrows: a row of tabs longer than its window scrolls,
    which is Qt's way of keeping every tab reachable, not words cut off."""
    return [p for p in unseen(top) if not p.startswith(("QToolButton 'Scroll Left'", "QToolButton 'Scroll Right'"))]


def _report(found: set[str]) -> str:
    return f"{len(found)} found:\n" + "\n".join(sorted(found))


def test_every_page_speaks_the_pseudo_language(pseudo, qtbot, writer):
    from partnerdesk.demo.build import fill_demo
    from partnerdesk.ui.main_window import MainWindow

    fill_demo(writer.store, people=40)
    window = MainWindow(writer)
    qtbot.addWidget(window)
    window.show()
    missing, clipped = _visit_window(window)
    assert not missing, _report(missing)
    assert not clipped, _report(clipped)


def test_every_dialog_speaks_the_pseudo_language(pseudo, qtbot, writer):
    from partnerdesk.demo.build import fill_demo

    fill_demo(writer.store, people=40)
    dialogs = list(_every_dialog(writer))  # first: some write the files they show (the import's spreadsheet)
    data = _data_values(writer.store)
    # The snooze dialog repeats the Today line it was opened on, which the list made already (and the test wrote).
    data.add("Overdue: Send the minutes to every member of the committee")
    missing: set[str] = set()
    clipped: set[str] = set()
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        more_missing, more_clipped = _visit_dialog(dialog, data)
        missing |= more_missing
        clipped |= more_clipped
        dialog.hide()
    assert not missing, _report(missing)
    assert not clipped, _report(clipped)


def test_english_is_back_after_the_pseudo_language(qtbot, writer):
    """Other tests read English words: the pseudo-language must not leak out of the tests above."""
    assert i18n.language() == i18n.ENGLISH
    assert i18n._("Save") == "Save"

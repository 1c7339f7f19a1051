"""Help → Help for this page (F1) and Help contents open a short built-in page per area, shipped with the app and
read without the internet (issue 12, point 8)."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from partnerdesk.resources_access import resource
from partnerdesk.ui.help.browser import FOR_AREA, PAGES, HelpWindow, page_text
from tests.ui.test_fits_laptop import LAPTOPS, unseen

PROJECT = Path(__file__).resolve().parents[2]
#: Words an engagement worker should not meet in help written for them.
JARGON = ("database table", "SQL", "ORM", "foreign key", "UUID", "Alembic", "widget", "cadence", "QUORATE")


def _menu_action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def test_every_area_has_a_help_page_that_is_shipped(window):
    assert {area.title for area in window.areas} <= set(FOR_AREA)
    for key, _title in PAGES:
        text = page_text(key)
        assert text.startswith("<h1>"), key
        words = re.sub(r"<[^>]+>", " ", text)
        assert 80 < len(words.split()) < 500, key  # short, but says something
        assert "http" not in text, key  # nothing to fetch: help works without internet
        assert not [word for word in JARGON if re.search(rf"\b{re.escape(word)}\b", words, re.IGNORECASE)], key
    # The build takes every file under resources/ into the package, help pages included.
    data = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert any(fnmatch.fnmatch("help/people.html", pattern) for pattern in data["partnerdesk.resources"])
    assert resource("help", "people.html").is_file()


def test_f1_opens_help_for_the_page_on_show(qtbot, window, go):
    go(window.people)
    action = _menu_action(window, "&Help", "&Help for this page")
    assert action.shortcut().toString() == "F1"
    action.trigger()
    help_window = window.help_window
    assert help_window.isVisible()
    assert help_window.key == "people"
    assert "Finding someone" in help_window.text.toPlainText()
    go(window.meetings)
    action.trigger()
    assert window.help_window is help_window  # one help window, moved to the new page
    assert help_window.key == "meetings" and "Schedule a year" in help_window.text.toPlainText()


def test_help_contents_lists_every_page(qtbot, window):
    contents = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help").actions()[1].menu()
    assert [a.text() for a in contents.actions()] == [title for _key, title in PAGES]
    contents.actions()[-1].trigger()
    assert window.help_window.key == "exports"
    assert "Backups" in window.help_window.text.toPlainText()


def test_links_between_pages_open_here_and_the_list_follows(qtbot):
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.show_page("today")
    help_window.text.anchorClicked.emit(QUrl("people.html"))
    assert help_window.key == "people"
    assert help_window.contents.currentItem().text() == "People"
    help_window.contents.setFocus()
    qtbot.keyClick(help_window.contents, Qt.Key.Key_Down)
    assert help_window.key == "organisations"


def test_the_help_window_fits_a_laptop(qtbot):
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.show_page("meetings")
    for size in LAPTOPS.values():
        help_window.resize(help_window.size().boundedTo(size))
        help_window.layout().activate()
        assert help_window.width() <= size.width() and help_window.height() <= size.height()
        assert unseen(help_window) == []

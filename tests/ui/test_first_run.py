"""A new database shows a getting-started checklist on Today that ticks itself off as the data fills in, with a
button for each step; it goes when everything is done or when hidden, and stays hidden (issue 12, point 8)."""

from __future__ import annotations

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QDialog

from partnerdesk.services.common.settings import set_setting
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.today.checklist import DONE_MARK, TO_DO_MARK, FirstRunChecklist
from tests.builders import add_committee, add_person
from tests.ui.test_fits_laptop import LAPTOPS, unseen


def _left(checklist: FirstRunChecklist) -> list[str]:
    """The steps still to do, as their marks show them."""
    return [key for key, mark in checklist.marks.items() if mark.text() == TO_DO_MARK]


def test_the_checklist_ticks_itself_off_and_goes_when_all_is_done(window, writer):
    checklist = window.today.checklist
    assert checklist.isVisible()
    assert _left(checklist) == ["settings", "committees", "people", "demo"]
    assert checklist.title.text() == "Getting started: 3 things to do"  # trying the demo is optional

    add_committee(writer.store)
    writer.tell_everyone()
    assert _left(checklist) == ["settings", "people", "demo"]
    assert checklist.marks["committees"].text() == DONE_MARK and not checklist.buttons["committees"].isVisible()
    add_person(writer.store)
    writer.tell_everyone()
    assert checklist.title.text() == "Getting started: 1 thing to do"
    writer.run(None, lambda s: set_setting(s, "unpaid_flag_days", 45))
    assert not checklist.isVisible()  # everything needed is done


def test_each_button_does_its_step(qtbot, window, writer, monkeypatch):
    checklist = window.today.checklist
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: opened.append(type(dialog).__name__) or 0)
    checklist.buttons["settings"].click()
    assert opened == ["SettingsWindow"]
    checklist.buttons["committees"].click()
    assert window.current_page() is window.organisations
    checklist.buttons["people"].click()
    assert opened[-1] == "PersonForm"
    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, arguments: started.append(arguments) or True)
    checklist.buttons["demo"].click()
    assert started == [["-m", "partnerdesk", "--demo"]]  # a separate window on the demo database
    assert checklist.marks["demo"].text() == DONE_MARK


def test_saving_the_settings_from_the_list_ticks_it_even_when_left_as_they_were(window, monkeypatch):
    checklist = window.today.checklist
    monkeypatch.setattr(QDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    checklist.buttons["settings"].click()
    assert checklist.marks["settings"].text() == DONE_MARK


def test_hidden_stays_hidden(qtbot, window, writer):
    window.today.checklist.hide_button.click()
    assert not window.today.checklist.isVisible()
    again = MainWindow(writer)
    qtbot.addWidget(again)
    again.show()
    assert not again.today.checklist.isVisible()


def test_a_database_in_use_before_shows_no_checklist(qtbot, writer):
    add_committee(writer.store)
    add_person(writer.store)
    window = MainWindow(writer)
    qtbot.addWidget(window)
    window.show()
    assert not window.today.checklist.isVisible()


def test_the_checklist_fits_a_laptop(window):
    for size in LAPTOPS.values():
        window.resize(size)
        window.layout().activate()
        assert window.today.checklist.isVisible()
        assert unseen(window) == []

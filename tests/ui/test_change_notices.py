"""Pages read again only when a write changed what they show, and hidden pages wait until they are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.services.common.drafts import save_draft
from partnerdesk.services.meetings.meetings import create_meeting
from partnerdesk.services.people.people import get_person
from tests.builders import add_person, meeting_data


def _watched_page(qtbot, writer, tables):
    page = QWidget()
    qtbot.addWidget(page)
    refreshed: list[int] = []
    writer.watch(page, tables, lambda: refreshed.append(1))
    return page, refreshed


def test_a_shown_page_reads_again_only_for_its_own_tables(qtbot, writer):
    person = add_person(writer.store)
    page, refreshed = _watched_page(qtbot, writer, ("people",))
    page.show()
    writer.run(None, lambda s: setattr(get_person(s, person), "notes", "Call after 4pm"))
    assert len(refreshed) == 1
    writer.run(None, lambda s: create_meeting(s, meeting_data()))
    assert len(refreshed) == 1  # a meeting is not something this page shows


def test_a_hidden_page_reads_again_once_when_it_is_next_shown(qtbot, writer):
    person = add_person(writer.store)
    page, refreshed = _watched_page(qtbot, writer, ("people",))
    writer.run(None, lambda s: setattr(get_person(s, person), "notes", "Call after 4pm"))
    writer.run(None, lambda s: setattr(get_person(s, person), "notes", "Call before noon"))
    assert refreshed == []
    page.show()
    assert len(refreshed) == 1
    page.hide()
    page.show()
    assert len(refreshed) == 1  # nothing changed while it was hidden the second time


def test_a_page_watching_everything_hears_every_kind_and_demo_data(qtbot, writer):
    page, refreshed = _watched_page(qtbot, writer, None)
    page.show()
    writer.run(None, lambda s: create_meeting(s, meeting_data()))
    writer.tell_everyone()
    assert len(refreshed) == 2


def test_saving_a_draft_tells_no_page(qtbot, writer):
    page, refreshed = _watched_page(qtbot, writer, None)
    page.show()
    with qtbot.assertNotEmitted(writer.changed):
        writer.run(None, lambda s: save_draft(s, "person", None, "New person", {"full_name": "Dee"}))
    assert refreshed == []

"""The person picker and the meeting picker, used as a worker does with the keyboard: search as you type, never a
choice made silently, Down into the matches, Up back to the box, Enter to pick, Escape to close the list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from partnerdesk.demo.build import fill_demo
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.meetings.listing import MeetingFilter, count_meetings
from partnerdesk.ui.expenses.claim_form import ClaimForm
from partnerdesk.ui.wellbeing.meeting_chooser import MeetingChooser
from tests.builders import add_committee, add_meeting, add_person
from tests.ui.steps import choose_in


@pytest.fixture
def smiths(writer):
    """Two people whose names start "Sm" (in list order), and one who does not."""
    add_person(writer.store, full_name="Owen Jones")
    return [add_person(writer.store, full_name=name) for name in ("Alys Smith", "Bryn Smith")]


@pytest.fixture
def form(qtbot, writer):
    """A new claim form on screen (focus and the floating list need a window that shows)."""
    form = ClaimForm(writer)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def _claimant(writer, claim_id):
    return writer.read(lambda s: get_claim(s, claim_id).person_id)


def test_typing_part_of_two_names_chooses_nobody_and_says_how_many_match(qtbot, form, smiths):
    picker = form.claimant
    qtbot.keyClicks(picker.box, "Sm")
    assert picker.person_id() is None
    assert picker.status.text() == "2 people match — pick one"
    assert picker.list.isVisible() and picker.list.count() == 2
    qtbot.keyClick(picker.box, Qt.Key.Key_Return)  # Enter in the box does not pick one of several
    assert picker.person_id() is None and picker.list.isVisible() and form.isVisible()


def test_down_down_enter_picks_the_second_and_the_claim_is_saved_with_them(qtbot, form, smiths, writer):
    picker = form.claimant
    qtbot.keyClicks(picker.box, "Sm")
    qtbot.keyClick(picker.box, Qt.Key.Key_Down)
    assert picker.list.hasFocus() and picker.list.currentRow() == 0
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.person_id() == smiths[1]
    assert picker.box.text() == "Bryn Smith" and picker.status.text().startswith("Chosen: Bryn Smith")
    assert picker.clear_button.isVisible() and not picker.list.isVisible()
    assert form.save()
    assert _claimant(writer, form.claim_id) == smiths[1]


def test_one_match_is_offered_but_chosen_only_when_the_worker_presses_enter(qtbot, form, smiths):
    picker = form.claimant
    qtbot.keyClicks(picker.box, "Bryn")
    assert picker.person_id() is None
    assert picker.status.text() == "1 person matches — press Enter to choose them"
    assert picker.list.currentRow() == 0  # offered: highlighted in the list
    qtbot.keyClick(picker.box, Qt.Key.Key_Return)
    assert picker.person_id() == smiths[1]


def test_up_from_the_first_match_returns_to_the_box_and_escape_closes_the_list_not_the_form(qtbot, form, smiths):
    picker = form.claimant
    qtbot.keyClicks(picker.box, "Smith")
    qtbot.keyClick(picker.box, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Up)
    assert picker.box.hasFocus() and picker.list.isVisible()
    qtbot.keyClick(picker.box, Qt.Key.Key_Escape)
    assert not picker.list.isVisible() and form.isVisible() and picker.person_id() is None


def test_a_double_click_picks_and_clear_or_typing_again_unchooses(qtbot, form, smiths):
    picker = form.claimant
    qtbot.keyClicks(picker.box, "Smith")
    picker.list.itemDoubleClicked.emit(picker.list.item(0))
    assert picker.person_id() == smiths[0]
    picker.clear_button.click()
    assert picker.person_id() is None and picker.box.text() == "" and not picker.clear_button.isVisible()
    choose_in(qtbot, picker, "Alys")
    qtbot.keyClick(picker.box, Qt.Key.Key_Backspace)  # the box never shows one name while meaning another
    assert picker.person_id() is None


def test_nobody_matching_says_so(qtbot, form, smiths):
    qtbot.keyClicks(form.claimant.box, "Zz")
    assert form.claimant.status.text().startswith("Nobody matches")
    assert not form.claimant.list.isVisible() and form.claimant.person_id() is None


def test_every_part_of_the_picker_has_a_name_a_screen_reader_says(form):
    picker = form.claimant
    names = [w.accessibleName() for w in (picker.box, picker.list, picker.clear_button, picker.status)]
    assert all(names) and len(set(names)) == 4


@pytest.fixture
def busy_year(writer):
    """A demo organisation's meetings (hundreds of them), and one more with a title nobody else has."""
    fill_demo(writer.store, people=40)
    special = add_meeting(writer.store, add_committee(writer.store, "Carers Voice Panel"),
                          today_uk() - timedelta(days=40), title="Unpaid carers listening event")
    return special


def test_the_claim_form_finds_one_meeting_among_hundreds_by_a_word_and_saves_it(qtbot, form, busy_year, writer):
    assert writer.read(lambda s: count_meetings(s, MeetingFilter())) > 400
    add_person(writer.store, full_name="Cerys Claimant")
    choose_in(qtbot, form.claimant, "Claimant")
    picker = form.meeting
    qtbot.keyClicks(picker.box, "listening")
    assert picker.status.text() == "1 meeting matches — press Enter to choose it" and picker.meeting_id() is None
    qtbot.keyClick(picker.box, Qt.Key.Key_Return)
    assert picker.meeting_id() == busy_year
    assert form.save()
    assert writer.read(lambda s: get_claim(s, form.claim_id).meeting_id) == busy_year


def test_the_meeting_picker_lists_the_meetings_nearest_today_first_and_finds_a_date(qtbot, writer, form):
    committee = add_committee(writer.store)
    today = today_uk()
    far = add_meeting(writer.store, committee, today - timedelta(days=60), title="Long ago")
    near = add_meeting(writer.store, committee, today + timedelta(days=2), title="Soon")
    last_week = add_meeting(writer.store, committee, today - timedelta(days=7), title="Last week")
    picker = form.meeting
    picker.refresh("")
    shown = [picker.list.item(row).data(Qt.ItemDataRole.UserRole + 1) for row in range(picker.list.count())]
    assert shown == [near, last_week, far]
    assert picker.meeting_id() is None
    choose_in(qtbot, picker, format_uk(today - timedelta(days=60)))
    assert picker.meeting_id() == far


def test_the_debrief_chooser_searches_and_starts_with_the_meeting_picked(qtbot, writer):
    committee = add_committee(writer.store, "Mental Health Committee")
    wanted = add_meeting(writer.store, committee, today_uk() - timedelta(days=200), title="Spring forum")
    add_meeting(writer.store, committee, today_uk() - timedelta(days=3), title="Board")
    add_meeting(writer.store, committee, today_uk() + timedelta(days=3), title="Board next week")  # not yet held
    chooser = MeetingChooser(writer)
    qtbot.addWidget(chooser)
    chooser.show()
    listed = [chooser.picker.list.item(row).text() for row in range(chooser.picker.list.count())]
    assert len(listed) == 2 and "Board" in listed[0] and "Spring forum" in listed[1]  # held ones only, latest first
    chooser.picker.clear()
    qtbot.keyClicks(chooser.picker.box, "forum")
    assert chooser.meeting_id() is None
    qtbot.keyClick(chooser.picker.box, Qt.Key.Key_Down)
    qtbot.keyClick(chooser.picker.list, Qt.Key.Key_Return)
    assert chooser.meeting_id() == wanted and chooser.result() == MeetingChooser.DialogCode.Accepted

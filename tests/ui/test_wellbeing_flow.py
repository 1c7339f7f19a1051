"""A worker runs a debrief, records a check after distress and ticks off its follow-up, opens confidential notes
on purpose, and sees a person's history — all through the real widgets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.wellbeing import SWEMWBS_COPYRIGHT
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.meetings.attendance import record_attendances
from partnerdesk.services.wellbeing.listing import list_checks
from partnerdesk.ui.today_page import URGENT
from partnerdesk.ui.wellbeing.area import WellbeingArea
from partnerdesk.ui.wellbeing.check_form import CheckForm
from partnerdesk.ui.wellbeing.debrief_dialog import DebriefDialog
from partnerdesk.ui.wellbeing.follow_up_dialog import FollowUpDoneDialog
from partnerdesk.ui.wellbeing.history_dialog import HistoryDialog
from tests.builders import add_check, add_committee, add_invitations, add_meeting, add_person, count_rows
from tests.marker_check import MARKER  # the suite-wide confidential marker (tests/conftest.py)
from tests.ui.steps import choose_in, open_today_line, today_line, today_lines


def _focus_chain(start: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets Tab goes to from start."""
    found, widget = [], start
    while len(found) < count:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() and widget.isVisibleTo(start.window()):
            found.append(widget)
    return found


def _attended_meeting(store, names: list[str], days_ago: int = 2) -> tuple[str, list[str]]:
    people = [add_person(store, full_name=name) for name in names]
    day = today_uk() - timedelta(days=days_ago)
    meeting = add_meeting(store, add_committee(store), day, title="Mental Health Board")
    add_invitations(store, meeting, people)
    with store.transaction() as session:
        record_attendances(session, meeting, dict.fromkeys(people, "attended"))
    return meeting, people


def test_a_debrief_for_six_representatives_from_the_today_page(window, writer, driven, qtbot):
    names = ["Aled Jones", "Bronwen Hughes", "Chidi Okafor", "Dorota Nowak", "Eilidh Fraser", "Farah Khan"]
    meeting, people = _attended_meeting(writer.store, names)
    writer.tell_everyone()
    today_page = window.today
    debriefs = today_lines(today_page, "debriefs")
    assert len(debriefs) == 6 and all("no debrief yet after “Mental Health Board”" in line for line in debriefs)

    def fill(dialog: DebriefDialog) -> None:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)  # keyboard shortcuts work in the window that has the keyboard
        assert [row.name for row in dialog.rows] == names
        first = dialog.rows[0]
        # Tab goes along a row, then on to the next person: the keyboard alone is enough.
        assert _focus_chain(first.quick, 4) == [first.distress, first.concern, first.follow_up, dialog.rows[1].quick]
        for number, row in enumerate(dialog.rows):
            qtbot.keyClick(row.quick, str(5 - number % 3))  # typing the number picks the answer
        qtbot.keyClick(dialog.rows[2].distress, Qt.Key.Key_Space)
        qtbot.keyClicks(dialog.rows[2].concern, "Upset by the discussion of waiting lists")
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    driven(DebriefDialog, fill)
    open_today_line(today_page, "debriefs")

    checks = writer.read(lambda s: list_checks(s))
    assert len(checks) == 6 and {c.person_id for c in checks} == set(people)
    assert {c.context for c in checks} == {"debrief"} and {c.meeting_id for c in checks} == {meeting}
    distressed = [c for c in checks if c.distress]
    assert [c.person_name for c in distressed] == ["Chidi Okafor"] and distressed[0].follow_up_needed
    assert today_lines(today_page, "debriefs") == ["Everyone who attended a recent meeting has had a debrief."]
    assert "Debrief saved: 6 checks recorded." in window.statusBar().currentMessage()


def test_a_bad_debrief_saves_nobody_and_says_why_by_the_row(qtbot, writer):
    meeting, _people = _attended_meeting(writer.store, ["Gwen Price", "Huw Bevan"])
    dialog = DebriefDialog(writer, meeting)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.rows[0].quick, "4")
    qtbot.keyClicks(dialog.rows[1].concern, "x")
    dialog.day.setText(format_uk(today_uk() + timedelta(days=3)))  # a debrief can't be in the future
    assert not dialog.save()
    assert "hasn't come yet" in dialog.rows[0].message.text() and dialog.summary.isVisibleTo(dialog)
    assert count_rows(writer.store, "wellbeing_checks") == 0


def test_distress_makes_a_red_overdue_follow_up_on_today_until_it_is_marked_done(window, writer, driven, qtbot,
                                                                               menu, go):  # fmt: skip
    add_person(writer.store, full_name="Owen Overdue")
    writer.tell_everyone()
    checked_on = today_uk() - timedelta(days=10)

    def fill(form: CheckForm) -> None:
        choose_in(qtbot, form.fields.person, "Owen")
        assert form.fields.person.person_name() == "Owen Overdue"
        date_box = form.fields.widgets["checked_at"]
        date_box.setText(format_uk(checked_on))
        qtbot.keyClick(form.fields.widgets["quick_score"], "2")
        form.fields.distress.setChecked(True)
        assert form.fields.needed.isChecked()
        assert form.fields.widgets["follow_up_due_on"].date_value() > checked_on  # the next working day
        qtbot.keyClicks(form.fields.widgets["follow_up_by"], "Jo")
        assert form.save()

    driven(CheckForm, fill)
    menu("New wellbeing check…")
    assert len(today_lines(window.today, "follow_ups")) == 1
    line = today_line(window.today, "follow_ups")
    assert line.text(0).startswith("Overdue: Owen Overdue: follow-up after distress is overdue, was due")
    assert line.foreground(0).color() == URGENT  # after distress: red however late

    area = window.area(WellbeingArea)
    go(area.page)
    area.page.show_follow_ups()
    table = area.page.follow_ups
    assert table.rowCount() == 1 and table.item(0, 4).text().startswith("Overdue: was due")
    assert table.item(0, 0).foreground().color() == URGENT

    def done(dialog: FollowUpDoneDialog) -> None:
        qtbot.keyClicks(dialog.action, "Phoned; feeling better")
        qtbot.keyClicks(dialog.signposted, "Samaritans")
        assert dialog.save()

    driven(FollowUpDoneDialog, done)
    table.selectRow(0)
    area.page.done_button.click()
    assert table.rowCount() == 0
    go(window.today)
    assert today_lines(window.today, "follow_ups") == ["No wellbeing follow-ups are due."]


def test_confidential_text_stays_hidden_until_the_button_is_pressed(qtbot, writer, window, go):
    person = add_person(writer.store, full_name="Pat Private")
    check = add_check(writer.store, person, concerns=MARKER, confidential_notes=MARKER,
                      at=datetime.now(UTC) - timedelta(days=1))  # fmt: skip
    writer.tell_everyone()
    area = window.area(WellbeingArea)
    go(area.page)
    table = area.page.checks
    assert table.rowCount() == 1
    assert MARKER not in " ".join(table.item(0, c).text() for c in range(table.columnCount()))

    form = CheckForm(writer, check)
    qtbot.addWidget(form)
    form.show()

    def on_screen() -> str:
        texts = [w.text() for kind in (QLineEdit, QLabel) for w in form.findChildren(kind) if w.isVisible()]
        texts += [w.toPlainText() for w in form.findChildren(QPlainTextEdit)]  # even hidden boxes hold nothing yet
        return " ".join(texts)

    assert MARKER not in on_screen()
    form.fields.setCurrentIndex(3)
    qtbot.mouseClick(form.notes.show_button, Qt.MouseButton.LeftButton)
    assert MARKER in form.notes.text()
    assert form.notes.boxes["concerns"].isVisible()


def test_saving_without_opening_the_notes_keeps_them(qtbot, writer):
    person = add_person(writer.store, full_name="Keep Notes")
    check = add_check(writer.store, person, confidential_notes=MARKER, at=datetime.now(UTC) - timedelta(hours=2))
    form = CheckForm(writer, check)
    qtbot.addWidget(form)
    qtbot.keyClick(form.fields.widgets["quick_score"], "5")
    assert form.save()
    from partnerdesk.services.wellbeing.confidential import read_confidential_notes

    assert writer.read(lambda s: read_confidential_notes(s, "wellbeing_check", check))["confidential_notes"] == MARKER


def test_the_scales_show_the_organisations_wording_and_the_copyright(qtbot, writer):
    plain = CheckForm(writer)
    qtbot.addWidget(plain)
    captions = [label.text() for label in plain.fields.swemwbs.findChildren(QLabel)]
    assert "Item 1" in captions and any("licensed SWEMWBS wording" in text for text in captions)
    assert SWEMWBS_COPYRIGHT in captions
    for box in plain.fields.swemwbs.boxes:
        qtbot.keyClick(box, "3")
    assert "(raw total 21 of 35)" in plain.fields.swemwbs.score.text()
    with writer.store.transaction() as session:
        set_setting(session, "swemwbs_items", [f"Our licensed item {n}" for n in range(1, 8)])
    worded = CheckForm(writer)
    qtbot.addWidget(worded)
    captions = [label.text() for label in worded.fields.swemwbs.findChildren(QLabel)]
    assert "Our licensed item 7" in captions and SWEMWBS_COPYRIGHT in captions


def test_a_person_s_history_has_a_chart_with_its_values_in_words(qtbot, writer):
    person = add_person(writer.store, full_name="Tomos Trend")
    for days_ago, answers in ((60, [2] * 7), (30, [3] * 7), (1, [4] * 7)):
        add_check(writer.store, person, swemwbs=answers, at=datetime.now(UTC) - timedelta(days=days_ago))
    dialog = HistoryDialog(writer, person)
    qtbot.addWidget(dialog)
    assert dialog.chart.accessibleName() == "Tomos Trend: SWEMWBS score (7 to 35)"
    assert "3 scores" in dialog.values.text() and dialog.chart.accessibleDescription() == dialog.values.text()
    assert "a meaningful change: better" in dialog.change.text()
    assert dialog.copyright.text() == SWEMWBS_COPYRIGHT
    assert dialog.table.rowCount() == 3
    dialog.scale.setCurrentIndex(1)
    assert "How they were doing (1 to 5)" in dialog.values.text()


def test_a_check_being_typed_is_kept_as_a_draft_and_offered_back(window, writer, driven, dialogs, qtbot):
    add_person(writer.store, full_name="Dana Draft")
    form = CheckForm(writer)
    qtbot.addWidget(form)
    choose_in(qtbot, form.fields.person, "Dana")
    qtbot.keyClick(form.fields.widgets["quick_score"], "2")
    qtbot.keyClicks(form.fields.widgets["follow_up_by"], "Jo")
    form.save_draft()  # what the timer does a moment after typing stops
    restored = []
    driven(CheckForm, lambda again: restored.append((again.fields.person.person_name(),
                                                    again.fields.widgets["quick_score"].currentData(),
                                                    again.fields.widgets["follow_up_by"].text())))  # fmt: skip
    dialogs.clicks.append("Restore it")
    window.offer_drafts()
    assert restored == [("Dana Draft", 2, "Jo")]


def test_a_partial_swemwbs_or_a_follow_up_due_before_the_check_is_explained_and_nothing_saved(qtbot, writer):
    add_person(writer.store, full_name="Bea Bad-Input")
    form = CheckForm(writer)
    qtbot.addWidget(form)
    choose_in(qtbot, form.fields.person, "Bea")
    for box in form.fields.swemwbs.boxes[:3]:
        qtbot.keyClick(box, "4")
    form.fields.needed.setChecked(True)
    form.fields.widgets["follow_up_due_on"].setText(format_uk(today_uk() - timedelta(days=30)))
    assert not form.save()
    assert form.fields.messages["swemwbs"].text() and form.fields.messages["follow_up_due_on"].text()
    assert "Nothing has been saved yet" in form.summary.text()
    assert count_rows(writer.store, "wellbeing_checks") == 0


def test_run_a_debrief_from_the_file_menu_by_choosing_the_meeting(window, writer, driven, menu, qtbot):
    from partnerdesk.ui.wellbeing.meeting_chooser import MeetingChooser

    meeting, _people = _attended_meeting(writer.store, ["Iolo Morgan"])

    def choose(chooser: MeetingChooser) -> int:
        assert "Mental Health Board" in chooser.picker.list.item(0).text()  # the latest meeting, listed at once
        choose_in(qtbot, chooser.picker, "health")
        return chooser.result()

    driven(MeetingChooser, choose)
    opened = []
    driven(DebriefDialog, lambda dialog: opened.append(dialog.roster.meeting_id))
    menu("Run a debrief after a meeting…")
    assert opened == [meeting]


def test_the_meeting_form_opens_the_debrief_checks_for_everyone_who_attended(window, writer, driven, opened):
    meeting, _people = _attended_meeting(writer.store, ["Gwen Price", "Hamid Rahimi"])
    window.open_record("meeting", meeting)
    (form,) = opened
    seen = []
    driven(DebriefDialog, lambda dialog: seen.append([row.name for row in dialog.rows]) or 0)
    form.checks_button.click()
    assert seen == [["Gwen Price", "Hamid Rahimi"]]

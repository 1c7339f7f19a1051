"""A coordinator records a supervision session with actions and prints its record, sees who is overdue, records
training, changes the settings and exports the anonymised figures — all through the real widgets."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.people.people import delete_person, restore_person
from partnerdesk.services.wellbeing.confidential import read_confidential_notes
from partnerdesk.services.wellbeing.supervision import list_sessions
from partnerdesk.services.wellbeing.supervision_actions import supervision_actions
from partnerdesk.services.wellbeing.training import training_gaps
from partnerdesk.ui.settings.window import SettingsWindow
from partnerdesk.ui.today_page import URGENT
from partnerdesk.ui.wellbeing.area import SupervisionArea
from partnerdesk.ui.wellbeing.record_dialogs import PairDialog, TrainingDialog
from partnerdesk.ui.wellbeing.session_form import SessionForm
from tests.builders import add_check, add_pair, add_person, add_session
from tests.ui.steps import choose_in, open_today_line, today_line, today_lines
from tests.ui.test_wellbeing_flow import MARKER


@pytest.fixture
def team(writer):
    """A coordinator supervising a peer support worker whose last 1:1 was long ago (so supervision is overdue)."""
    store = writer.store
    boss = add_person(store, full_name="Carys Coordinator", roles=["coordinator"])
    worker = add_person(store, full_name="Sam Support", roles=["peer_support_worker"])
    add_pair(store, boss, worker, starts_on=today_uk() - timedelta(days=300))
    add_session(store, boss, [worker], today_uk() - timedelta(days=90))
    writer.tell_everyone()
    return boss, worker


def test_overdue_supervision_is_red_on_today_and_opens_a_new_session_for_the_pair(window, writer, team, driven, qtbot,
                                                                                 dialogs, tmp_path):  # fmt: skip
    boss, worker = team
    line = today_line(window.today, "supervision")
    assert line.text(0).startswith("Overdue: Sam Support: supervision with Carys Coordinator is overdue, was due")
    assert line.foreground(0).color() == URGENT  # 90 days since the last 1:1: more than a week late
    held_on = today_uk() - timedelta(days=1)
    pdf = tmp_path / "record.pdf"

    def fill(form: SessionForm) -> None:
        assert form.fields.supervisor.person_id() == boss and form.fields.supervisees.ids() == [worker]
        fields = form.fields.widgets
        fields["held_on"].setText(format_uk(held_on))
        fields["held_on"].editingFinished.emit()
        assert "the next 1:1 should be between" in form.fields.suggestion.text()
        fields["topics"].box("wellbeing").setChecked(True)
        fields["topics"].box("caseload").setChecked(True)
        form.fields.setCurrentIndex(1)
        form.notes.reveal()
        qtbot.keyClicks(form.notes.boxes["notes"], MARKER)
        assert form.save()
        assert fields["next_due_on"].date_value() > held_on  # suggested from the cadence and shown
        form.fields.setCurrentIndex(form.actions_tab)
        qtbot.keyClicks(form.actions.fields["description"], "Book the Mental Health First Aid course")
        qtbot.keyClicks(form.actions.fields["owner_name"], "Sam")
        form.actions.fields["due_on"].setText(format_uk(today_uk() + timedelta(days=30)))
        assert form.actions.add()
        dialogs.save_as.append(str(pdf))
        qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
        form.reject()

    driven(SessionForm, fill)
    open_today_line(window.today, "supervision")

    sessions = writer.read(list_sessions)
    assert [s.held_on for s in sessions] == [held_on, today_uk() - timedelta(days=90)]
    assert sessions[0].topics == ["wellbeing", "caseload"]
    assert writer.read(lambda s: read_confidential_notes(s, "supervision_session", sessions[0].session_id)) == {
        "notes": MARKER}
    actions = writer.read(lambda s: supervision_actions(s, sessions[0].session_id))
    assert [a.description for a in actions] == ["Book the Mental Health First Aid course"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert any("confidential session notes" in text for text in dialogs.asked)  # asked; No kept them off
    assert MARKER.encode() not in pdf.read_bytes()
    window.show_page(window.today)
    assert today_lines(window.today, "supervision") == ["No supervision is due."]


def test_the_supervision_page_lists_who_is_due_and_prints_from_the_sessions_tab(window, writer, team, go, dialogs,
                                                                                tmp_path):  # fmt: skip
    area = window.area(SupervisionArea)
    go(area.page)
    due = area.page.due
    assert due.item(0, 0).text() == "Sam Support" and due.item(0, 4).text().startswith("Overdue: was due")
    assert due.item(0, 0).foreground().color() == URGENT
    area.page.tabs.setCurrentIndex(1)
    area.page.sessions.selectRow(0)
    dialogs.save_as.append(str(tmp_path / "from the list"))
    assert area.page.print_record(area.page.sessions.item(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    assert (tmp_path / "from the list.pdf").read_bytes().startswith(b"%PDF")


def test_a_supervisor_cannot_supervise_themselves(qtbot, writer, team):
    boss, _worker = team
    dialog = PairDialog(writer)
    qtbot.addWidget(dialog)
    for picker in (dialog.supervisor, dialog.supervisee):
        choose_in(qtbot, picker, "Carys")
    assert not dialog.save()
    assert dialog.fields.messages["supervisor_id"].text() and dialog.summary.isVisibleTo(dialog)


def test_record_training_from_the_training_tab(window, writer, team, driven, qtbot, go):
    _boss, worker = team
    area = window.area(SupervisionArea)
    go(area.page)
    area.page.tabs.setCurrentIndex(3)
    before = len(writer.read(training_gaps))
    row = next(r for r in range(area.page.training.rowCount()) if area.page.training.item(r, 1).text() == "GDPR")
    area.page.training.selectRow(row)

    def fill(dialog: TrainingDialog) -> None:
        assert dialog.person.person_id() == worker and dialog.course.currentText() == "GDPR"
        dialog.completed.setText(format_uk(today_uk() - timedelta(days=3)))
        assert dialog.save()

    driven(TrainingDialog, fill)
    area.page._record_selected_training()
    assert len(writer.read(training_gaps)) == before - 1
    assert "GDPR" not in [area.page.training.item(r, 1).text() for r in range(area.page.training.rowCount())]


def test_settings_are_saved_together_or_not_at_all(qtbot, writer):
    window = SettingsWindow(writer, section="wellbeing")
    qtbot.addWidget(window)
    wellbeing, supervision = window.section("wellbeing"), window.section("supervision")
    wellbeing.items[0].setText("Only one item typed")
    supervision.cadences.boxes["peer_supporter"][0].setValue(56)
    supervision.cadences.boxes["peer_supporter"][1].setValue(84)
    assert not window.save()
    assert "all seven" in wellbeing.messages["swemwbs_items"].text()
    assert writer.read(lambda s: get_setting(s, "supervision_cadences")).get("peer_supporter") != [56, 84]
    for number, box in enumerate(wellbeing.items):
        box.setText(f"Licensed item {number + 1}")
    wellbeing.working_days.setValue(2)
    assert window.save()
    assert writer.read(lambda s: get_setting(s, "swemwbs_items"))[6] == "Licensed item 7"
    assert writer.read(lambda s: get_setting(s, "supervision_cadences"))["peer_supporter"] == [56, 84]
    assert writer.read(lambda s: get_setting(s, "follow_up_working_days")) == 2


@pytest.mark.parametrize(("entry", "sheet"), [("Export wellbeing figures…", "Wellbeing"),
                                               ("Export supervision and training figures…", "Supervision")])
def test_the_anonymised_figures_from_the_file_menu(window, writer, team, dialogs, menu, tmp_path, entry, sheet):
    _boss, worker = team
    add_check(writer.store, worker, distress=True, concerns=MARKER, confidential_notes=MARKER,
              swemwbs=[3] * 7, at=datetime.now().astimezone() - timedelta(days=5))  # fmt: skip
    dialogs.save_as.append(str(tmp_path / "figures"))
    menu(entry)
    out = tmp_path / "figures.xlsx"
    book = load_workbook(out, read_only=True)
    assert sheet in book.sheetnames
    everything = " ".join(str(cell) for ws in book.worksheets for row in ws.values for cell in row)
    assert MARKER not in everything and "Sam Support" not in everything and "Carys" not in everything
    assert "anonymised figures" in window.statusBar().currentMessage()
    assert dialogs.told == []


def test_courses_are_listed_with_their_renewal(window, go):
    area = window.area(SupervisionArea)
    go(area.page)
    courses = {area.page.courses.item(r, 0).text(): area.page.courses.item(r, 1).text()
               for r in range(area.page.courses.rowCount())}  # fmt: skip
    assert courses["GDPR"] == "12 months" and courses["Peer Support training"] == "Never (done once)"
    assert len(courses) == 6


def test_group_sessions_take_several_people(qtbot, writer, team):
    boss, worker = team
    other = add_person(writer.store, full_name="Sian Second", roles=["peer_supporter"])
    form = SessionForm(writer)
    qtbot.addWidget(form)
    form.fields.widgets["kind"].set_code("group")
    choose_in(qtbot, form.fields.supervisor, "Carys")
    for name in ("Sam", "Sian"):
        choose_in(qtbot, form.fields.supervisees.picker, name)
        form.fields.supervisees.add_button.click()
    assert form.fields.supervisees.ids() == [worker, other]
    form.fields.widgets["held_on"].setText(format_uk(today_uk() - timedelta(days=2)))
    assert form.save()
    assert writer.read(list_sessions)[0].supervisee_names == ["Sam Support", "Sian Second"]


def test_training_running_out_is_on_today_and_opens_the_training_form(window, writer, team, driven):
    _boss, worker = team
    from partnerdesk.services.wellbeing.training import list_courses, record_training

    gdpr = next(c.course_id for c in writer.read(list_courses) if c.name == "GDPR")
    with writer.store.transaction() as session:  # GDPR lasts a year: done 50 weeks ago, it runs out within 30 days
        record_training(session, {"person_id": worker, "course_id": gdpr,
                                  "completed_on": today_uk() - timedelta(weeks=50)})  # fmt: skip
    writer.tell_everyone()
    assert today_lines(window.today, "training")[0].startswith("Sam Support: GDPR runs out")
    opened = []
    driven(TrainingDialog, lambda dialog: opened.append(dialog.person.person_id()))
    open_today_line(window.today, "training")
    assert opened == [worker]


def _row_of(table, text: str) -> int:
    return next(row for row in range(table.rowCount()) if table.item(row, 0).text() == text)


def test_a_deleted_pair_and_course_come_back_from_the_bin(window, writer, team, go, dialogs):
    _boss, worker = team
    page = window.area(SupervisionArea).page
    go(page)
    page.pairs.selectRow(0)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page._delete_pair()
    assert page.pairs.rowCount() == 0
    page.courses.selectRow(_row_of(page.courses, "GDPR"))
    page._delete_course()  # the safe answer is No
    assert "Delete the course “GDPR” to the Bin?" in dialogs.asked[-1] and page.courses.rowCount() == 6
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page._delete_course()
    assert page.courses.rowCount() == 5

    go(window.bin)
    window.bin.kind.set_code("pairs")
    view = window.bin.current_view()
    assert [view.model().index(0, column).data() for column in range(2)] == [
        f"Supervised by Carys Coordinator from {format_uk(today_uk() - timedelta(days=300))}", "Sam Support"]
    with writer.store.transaction() as session:  # someone in the pair is in the Bin: they come back first
        delete_person(session, worker)
    view.selectRow(0)
    assert not window.bin.restore_selected() and "Sam Support is in the Bin too" in window.bin.message.text()
    with writer.store.transaction() as session:
        restore_person(session, worker)
    view.selectRow(0)
    assert window.bin.restore_selected()
    window.bin.kind.set_code("courses")
    window.bin.current_view().selectRow(0)
    assert window.bin.restore_selected()
    go(page)
    assert page.pairs.rowCount() == 1 and page.courses.rowCount() == 6

"""An organiser runs a mentoring cohort from the Programmes page (issue 16): makes the programme, records
applications on both sides, asks for suggested pairs, swaps and accepts them, or pairs two people by hand — and bad
input is refused with a message, nothing saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.programmes.pairs import pairs_of
from partnerdesk.services.programmes.programmes import (
    applications_for,
    create_application,
    create_programme,
    list_programmes,
)
from partnerdesk.ui.programmes.application_form import ApplicationForm
from partnerdesk.ui.programmes.area import ProgrammesArea
from partnerdesk.ui.programmes.hand_pair_dialog import HandPairDialog
from partnerdesk.ui.programmes.page import ProgrammesPage
from partnerdesk.ui.programmes.programme_form import ProgrammeForm
from partnerdesk.ui.widgets.empty_state import EmptyState
from tests.builders import add_person, count_rows, new_store
from tests.ui.steps import choose_in, type_date, type_into

Button = QMessageBox.StandardButton


@pytest.fixture
def page(window, go) -> ProgrammesPage:
    """The Programmes page, gone to as a person does."""
    area = window.area(ProgrammesArea)
    go(area.page)
    return area.page


def _texts(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def _programme(store, **overrides) -> str:
    data = {"name": "Leaders together", "kind": "reciprocal_mentoring", "starts_on": today_uk(),
            "ends_on": today_uk() + timedelta(days=180), "side_a_hours": "15", "side_b_hours": "24", **overrides}
    with store.transaction() as session:
        return create_programme(session, data).id


def _apply(store, programme_id: str, person_id: str, side: str, **overrides) -> str:
    data = {"programme_id": programme_id, "person_id": person_id, "side": side, **overrides}
    with store.transaction() as session:
        return create_application(session, data).id


def test_an_organiser_makes_a_cohort_records_applications_and_accepts_the_suggested_pairs(page, writer, driven,
                                                                                        qtbot):  # fmt: skip
    store = writer.store
    assert page.programmes.count() == 0 and not page.tabs.isEnabled()
    empty = page.programmes.viewport().findChild(EmptyState)
    assert empty.isVisibleTo(page) and "No programmes yet" in empty.label.text()

    def make(form: ProgrammeForm) -> None:
        fields = form.fields.widgets
        fields["kind"].set_code("reciprocal_mentoring")  # the sides take the kind's names
        assert (fields["side_a_name"].text(), fields["side_b_name"].text()) == ("Established leader",
                                                                                 "Aspiring leader")
        assert (fields["side_a_hours"].text(), fields["side_b_hours"].text()) == ("15", "24")  # the defaults
        type_into(fields["name"], "Cohort 1")
        type_date(fields["starts_on"], today_uk())
        type_date(fields["ends_on"], today_uk() + timedelta(days=182))
        form.fields.required.boxes["leadership_meeting"].setValue(3)
        assert form.save()

    driven(ProgrammeForm, make)
    page.new_button.click()
    assert [p.name for p in writer.read(list_programmes)] == ["Cohort 1"]
    assert page.programmes.currentItem().text() == "Cohort 1" and page.tabs.isEnabled()
    assert page.window().statusBar().currentMessage() == "Added the programme Cohort 1"
    assert "Reciprocal mentoring" in page.summary.text() and "Aspiring leader 24 h" in page.summary.text()
    programme = writer.read(list_programmes)[0]
    assert programme.required_activities == [{"kind": "leadership_meeting", "count": 3}]
    assert programme.side_b_minutes == 24 * 60

    people = {name: add_person(store, full_name=name) for name in ("Ann Board", "Bob Board", "Cy Leader",
                                                                     "Di Leader")}  # fmt: skip
    writer.tell_everyone()
    wanted = (("Ann Board", "a", "housing", "North"), ("Bob Board", "a", "youth work", "South"),
              ("Cy Leader", "b", "youth work", "South"), ("Di Leader", "b", "housing", "North"))  # fmt: skip

    def applies(name: str, side: str, community: str, area: str):
        def fill(form: ApplicationForm) -> None:
            fields = form.fields.widgets
            choose_in(qtbot, form.fields.person, name.split()[0])
            fields["side"].setCurrentIndex(fields["side"].findData(side))
            fields["communities"].setPlainText(community)
            fields["areas"].setPlainText(area)
            fields["availability"].box("weekday_mornings").setChecked(True)
            assert form.save()

        return fill

    applications = page.tab_list[0]
    for name, side, community, area in wanted:
        driven(ApplicationForm, applies(name, side, community, area))
        applications.new_button.click()
    assert sorted(_texts(applications.table, 0)) == sorted(people)
    assert page.window().statusBar().currentMessage() == "Added the application"
    assert applications.counts.text() == "Established leader: 2 applicants · Aspiring leader: 2 applicants"
    assert set(_texts(applications.table, 4)) == {"Applied"}

    matching = page.tab_list[1]
    page.tabs.setCurrentWidget(matching)
    assert matching.suggest() == 2
    shown = dict(zip(_texts(matching.table, 0), _texts(matching.table, 1), strict=True))
    assert shown == {"Ann Board": "Di Leader", "Bob Board": "Cy Leader"}  # shared community and area
    assert all("Both care about" in why and "Both know" in why for why in _texts(matching.table, 3))
    best = _texts(matching.table, 2)
    matching.table.selectRow(0)  # the selected suggestion's reasons are shown whole under the table
    assert matching.why.text().startswith(f"{_texts(matching.table, 0)[0]} and {_texts(matching.table, 1)[0]} (score")
    assert "Both care about" in matching.why.text()

    # Swapping partners works the score out again, with the reasons; swapping back restores the best.
    matching.table.selectAll()
    assert matching.swap_selected()
    assert dict(zip(_texts(matching.table, 0), _texts(matching.table, 1), strict=True)) == {
        "Ann Board": "Cy Leader", "Bob Board": "Di Leader"}  # fmt: skip
    assert _texts(matching.table, 2) != best and "Both care about" not in " ".join(_texts(matching.table, 3))
    matching.table.selectAll()
    matching.swap_selected()
    assert _texts(matching.table, 2) == best

    assert matching.accept_all() == 2
    pairs = writer.read(lambda s: pairs_of(s, programme.id))
    assert {(p.side_a_person_id, p.side_b_person_id) for p in pairs} == {
        (people["Ann Board"], people["Di Leader"]), (people["Bob Board"], people["Cy Leader"])}  # fmt: skip
    assert all(p.status == "active" and p.starts_on == matching.starts_on.date_value() for p in pairs)
    assert matching.table.rowCount() == 0  # everyone is paired now
    page.tabs.setCurrentWidget(applications)  # read again as it comes into view
    assert set(_texts(applications.table, 4)) == {"In a pair"}
    assert page.window().statusBar().currentMessage() == "Accepted 2 pairs"


def test_bad_programme_details_are_refused_with_a_message_and_nothing_saved(page, writer, driven):
    def bad(form: ProgrammeForm) -> None:
        fields = form.fields.widgets
        type_into(fields["side_a_hours"], "lots")
        type_into(fields["ends_on"], format_uk(today_uk() - timedelta(days=1)))
        assert not form.save()
        assert form.summary.isVisibleTo(form) and "Nothing has been saved" in form.summary.text()
        assert form.fields.messages["name"].text() == "Please give the programme a name."
        assert form.fields.messages["side_a_hours"].text().startswith("Please give the hours as a number")
        assert form.fields.messages["ends_on"].text() == "The end date must be after the start date."
        form.dirty = False
        form.reject()

    driven(ProgrammeForm, bad)
    page.new_button.click()
    assert count_rows(writer.store, "programmes") == 0
    assert page.programmes.count() == 0


def test_an_application_without_a_person_is_refused_and_nothing_saved(page, writer, driven):
    _programme(writer.store)
    writer.tell_everyone()
    page.refresh()

    def no_one(form: ApplicationForm) -> None:
        form.fields.widgets["role"].setText("Chair")
        assert not form.save()
        assert form.fields.messages["person_id"].text() == "Please pick the person who is applying."
        form.dirty = False
        form.reject()

    driven(ApplicationForm, no_one)
    page.tab_list[0].new_button.click()
    assert count_rows(writer.store, "programme_applications") == 0


def test_a_pair_by_hand_that_the_applications_rule_out_is_asked_about_first(page, writer, driven, dialogs):
    store = writer.store
    programme_id = _programme(store)
    ann, cy = add_person(store, full_name="Ann Board"), add_person(store, full_name="Cy Leader")
    _apply(store, programme_id, ann, "a", must_not_match=[cy])
    _apply(store, programme_id, cy, "b")
    writer.tell_everyone()
    page.refresh()
    matching = page.tab_list[1]
    page.tabs.setCurrentWidget(matching)
    assert matching.suggest() == 0 and "No pairs can be suggested" in matching.problem.text()

    def pair(form: HandPairDialog) -> None:
        form.first.setCurrentIndex(form.first.findData(ann))
        form.second.setCurrentIndex(form.second.findData(cy))
        assert not form.save()  # asked, and the safe answer is No
        dialogs.answers.append(Button.Yes)
        assert form.save()

    driven(HandPairDialog, pair)
    matching.by_hand_button.click()
    assert "Do you want to go ahead anyway?" in dialogs.asked[0]
    assert [(p.side_a_person_id, p.side_b_person_id) for p in writer.read(lambda s: pairs_of(s, programme_id))] == [
        (ann, cy)]  # fmt: skip


def test_a_pair_by_hand_needs_both_people_and_a_day(page, writer, driven):
    _programme(writer.store)
    writer.tell_everyone()
    page.refresh()

    def empty(form: HandPairDialog) -> None:
        form.starts.setText("31/02/2026")
        assert not form.save()
        assert form.fields.messages["side_a_person_id"].text() == "Please choose who is on this side of the pair."
        assert form.fields.messages["starts_on"].text()
        form.reject()

    driven(HandPairDialog, empty)
    page.tab_list[1].by_hand_button.click()
    assert count_rows(writer.store, "programme_pairs") == 0


def test_programmes_and_applications_are_there_after_reopening(qtbot, tmp_path, dialogs):
    from partnerdesk.ui.main_window import MainWindow
    from partnerdesk.ui.ops import Writer

    first = new_store(tmp_path, "kept.sqlite3")
    programme_id = _programme(first, name="Board buddying", kind="buddying")
    _apply(first, programme_id, add_person(first, full_name="Ann Board"), "a", role="Chair")
    first.close()
    again = new_store(tmp_path, "kept.sqlite3")
    try:
        window = MainWindow(Writer(again))
        qtbot.addWidget(window)
        window.show()
        window.show_area(window.area(ProgrammesArea))
        page = window.area(ProgrammesArea).page
        assert page.programmes.currentItem().text() == "Board buddying"
        assert _texts(page.tab_list[0].table, 0) == ["Ann Board"]
        assert _texts(page.tab_list[0].table, 1) == ["Board member"]
        window.close()
    finally:
        again.close()


def test_the_go_menu_reaches_programmes_and_the_other_areas_keep_their_keys(window):
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    keys = {action.text(): action.shortcut() for action in go_menu.actions()}
    assert keys["Programmes"] == QKeySequence("Ctrl+Shift+P")
    assert keys["Today"] == QKeySequence("Ctrl+1") and keys["Bin"] == QKeySequence("Ctrl+9")
    assert len({key.toString() for key in keys.values()}) == len(keys)


def test_suggestions_for_sixty_a_side_appear_in_the_table(page, writer):
    store = writer.store
    programme_id = _programme(store, same_organisation_allowed=True)
    topics = ["budgets", "housing", "youth work", "carers", "strategy", "data"]
    for number in range(120):
        person = add_person(store, full_name=f"Applicant {number}")
        _apply(store, programme_id, person, "ab"[number % 2], communities=[topics[number % 6]],
               aspirations=[topics[(number + 1) % 6]], experience=[topics[(number + 2) % 6]])  # fmt: skip
    writer.tell_everyone()
    page.refresh()
    assert page.tab_list[1].suggest() == 60
    assert page.tab_list[1].table.rowCount() == 60


def test_start_date_is_checked_before_anything_is_accepted(page, writer):
    store = writer.store
    programme_id = _programme(store, ends_on=date(2099, 1, 1))
    _apply(store, programme_id, add_person(store), "a")
    _apply(store, programme_id, add_person(store), "b")
    writer.tell_everyone()
    page.refresh()
    matching = page.tab_list[1]
    assert matching.suggest() == 1
    type_into(matching.starts_on, "2/2/2100")
    assert matching.accept_all() == 0
    assert matching.problem.text() == "The programme has ended by then. Please check the date."
    assert count_rows(store, "programme_pairs") == 0


def test_changing_an_application_keeps_its_person_and_shows_the_change(page, writer, driven, qtbot):
    store = writer.store
    programme_id = _programme(store)
    ann, manager = add_person(store, full_name="Ann Board"), add_person(store, full_name="Mo Manager")
    _apply(store, programme_id, ann, "a", role="Chair", areas=["North", "Docks"])
    writer.tell_everyone()
    page.refresh()
    applications = page.tab_list[0]

    def change(form: ApplicationForm) -> None:
        assert form.fields.person.person_id() == ann and not form.fields.person.isEnabled()
        assert form.fields.widgets["areas"].toPlainText() == "North\nDocks"
        form.fields.widgets["role"].setText("Vice chair")
        form.fields.widgets["side"].setCurrentIndex(form.fields.widgets["side"].findData("b"))
        choose_in(qtbot, form.fields.must_not.picker, "Mo Man")
        form.fields.must_not.add_button.click()
        assert form.save()

    driven(ApplicationForm, change)
    applications.table.selectRow(0)
    applications.change_button.click()
    assert _texts(applications.table, 3) == ["Vice chair"]
    assert _texts(applications.table, 1) == ["Aspiring leader"]
    assert applications.counts.text() == "Established leader: 0 applicants · Aspiring leader: 1 applicant"
    saved = writer.read(lambda s: applications_for(s, programme_id))[0]
    assert saved.must_not_match == [manager]


def test_a_programme_changed_in_two_windows_asks_which_to_keep(qtbot, writer, monkeypatch):
    from partnerdesk.ui.widgets.conflict_dialog import MINE, THEIRS, ConflictDialog

    programme_id = _programme(writer.store)
    first, second = ProgrammeForm(writer, programme_id), ProgrammeForm(writer, programme_id)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    type_into(first.fields.widgets["name"], "Leaders together, spring")
    assert first.save()
    type_into(second.fields.widgets["side_b_hours"], "30")
    shown = []

    def keep_both(dialog: ConflictDialog) -> int:
        shown.append(dialog.choices())
        dialog.save_choices.click()  # as offered: their new name, my new hours
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", keep_both)
    assert second.save()
    assert shown == [{"name": THEIRS, "side_b_hours": MINE}]
    programme = writer.read(list_programmes)[0]
    assert (programme.name, programme.side_b_minutes) == ("Leaders together, spring", 30 * 60)


def test_every_control_of_the_programme_forms_has_a_name_and_takes_the_keyboard(qtbot, writer):
    from tests.ui.test_accessibility import _problems

    programme_id = _programme(writer.store)
    application_id = _apply(writer.store, programme_id, add_person(writer.store), "a")
    forms = [ProgrammeForm(writer), ProgrammeForm(writer, programme_id), ApplicationForm(writer, programme_id),
             ApplicationForm(writer, programme_id, application_id), HandPairDialog(writer, programme_id)]  # fmt: skip
    for form in forms:
        qtbot.addWidget(form)
        assert _problems(form) == []


def test_every_tab_is_told_the_chosen_programme(qtbot, writer):
    programme_id = _programme(writer.store)
    page = ProgrammesPage(writer)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert titles == ["Applications", "Matching", "Pairs and time", "Polls and themes"]
    assert [tab.programme_id for tab in page.tab_list] == [programme_id] * 4


def test_the_report_and_the_spreadsheet_are_saved_from_the_page_with_names_only_when_confirmed(
    page, window, writer, monkeypatch, tmp_path
):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from tests.builders import add_programme_with_pairs

    built = add_programme_with_pairs(writer.store, pairs=2, spare_b=0)
    with writer.store.reader() as session:
        from partnerdesk.records.people import Person

        names = [session.get(Person, person).full_name for person in built.side_a + built.side_b]
    page.refresh()
    saved = iter([tmp_path / "anonymous.pdf", tmp_path / "named.pdf", tmp_path / "named.xlsx"])
    monkeypatch.setattr(window, "ask_save_path", lambda *args: next(saved))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: Button.Yes)

    page.report_button.click()
    text = " ".join(" ".join(sheet.extract_text() for sheet in PdfReader(tmp_path / "anonymous.pdf").pages).split())
    assert "Pair 1" in text and not any(name in text for name in names)
    assert "Saved the report on 1 programme" in window.statusBar().currentMessage()

    page.named.setChecked(True)
    page.report_button.click()
    text = " ".join(" ".join(sheet.extract_text() for sheet in PdfReader(tmp_path / "named.pdf").pages).split())
    assert all(name in text for name in names)  # names wrap in the table's narrow cells
    page.sheet_button.click()
    cells = {str(cell) for sheet in load_workbook(tmp_path / "named.xlsx").worksheets
             for row in sheet.iter_rows(values_only=True) for cell in row}  # fmt: skip
    assert set(names) <= cells
    assert "Saved 2 pairs" in window.statusBar().currentMessage()

"""Every page and dialog fits a small laptop (issue 12): 1280×720, and 1366×768 at 125% scaling, which leaves
1093×614 logical pixels. Nothing a person needs may lie outside the window, and no button's words may be cut off."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from partnerdesk.ui.widgets.fitting import ButtonRow, first_window_size

LAPTOPS = {"1280x720": QSize(1280, 720), "1366x768 at 125%": QSize(1093, 614)}
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QDateEdit)


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Inside something that scrolls, a control may be out of view on purpose: a person scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unseen(top: QWidget) -> list[str]:
    """Each visible control lying (partly) outside the window, and each button too narrow for its words: named
    by kind and accessible name or words on a button (never a record's values: these are controls)."""
    problems = []
    whole = top.rect()
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(top) or widget.window() is not top:
            continue
        if isinstance(widget.parentWidget(), QComboBox | QDateEdit):
            continue  # a drop-down's own parts
        name = f"{type(widget).__name__} {widget.accessibleName() or getattr(widget, 'text', str)()!r}"
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not _in_scroll_area(widget, top) and not whole.contains(where):
            problems.append(f"{name} at {where.getRect()} is outside {whole.size().toTuple()}")
        if isinstance(widget, QAbstractButton) and widget.width() < widget.sizeHint().width():
            problems.append(f"{name} is {widget.width()} px wide; its words need {widget.sizeHint().width()}")
        if isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QComboBox) and widget.width() < 60:
            problems.append(f"{name} is only {widget.width()} px wide")
    return problems


@pytest.fixture
def demo_window(qtbot, writer):
    """The main window over a demo database (a few dozen made-up people with their meetings, claims and checks)."""
    from partnerdesk.demo.build import fill_demo
    from partnerdesk.ui.main_window import MainWindow

    fill_demo(writer.store, people=40)
    w = MainWindow(writer)
    qtbot.addWidget(w)
    w.show()
    return w


def _visit_every_page(window, size: QSize) -> dict[str, list[str]]:
    found = {}
    for row, area in enumerate(window.areas):
        window.nav.setCurrentRow(row)
        window.resize(size)
        window.layout().activate()
        problems = []
        if window.size() != size:
            problems.append(f"the window would not shrink to {size.toTuple()}: {window.size().toTuple()}")
        problems += unseen(window)
        if problems:
            found[area.title] = problems
    return found


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_every_page_fits_a_laptop(demo_window, laptop):
    size = LAPTOPS[laptop]
    assert _visit_every_page(demo_window, size) == {}
    # Pages with tabs: every tab too.
    for row, area in enumerate(demo_window.areas):
        demo_window.nav.setCurrentRow(row)
        for tabs in area.page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                demo_window.layout().activate()
                assert unseen(demo_window) == [], (area.title, tabs.tabText(index))
    hint = demo_window.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height()


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_every_page_fits_a_laptop_with_the_read_only_banner(demo_window, laptop):
    from partnerdesk.store.viewing import shared_reason

    demo_window.set_read_only(shared_reason("The database is on a network share."))  # the longest reason
    size = LAPTOPS[laptop]
    assert _visit_every_page(demo_window, size) == {}
    hint = demo_window.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height()


def test_once_meetings_has_been_opened_the_window_shrinks_back(demo_window):
    demo_window.show_area(demo_window.areas[2])
    demo_window.show_area(demo_window.areas[0])
    demo_window.resize(QSize(1093, 614))
    assert demo_window.width() == 1093


def test_buttons_that_do_not_fit_go_into_the_more_menu(demo_window):
    meetings = demo_window.areas[2]
    demo_window.show_area(meetings)
    demo_window.resize(QSize(1093, 614))
    demo_window.layout().activate()
    row = meetings.page.findChild(ButtonRow)
    moved = row.overflowed()
    assert moved and row.more.isVisible()
    assert row.offered()[-1].isVisible(), "the most used button stays in view"
    row._fill_menu()
    assert [a.text() for a in row.menu.actions()] == [b.text() for b in moved]
    demo_window.resize(QSize(1900, 900))
    demo_window.layout().activate()
    assert row.overflowed() == [] and not row.more.isVisible()


def test_the_first_window_fits_the_screen(window):
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert window.size() == first_window_size(window)


def test_the_window_size_is_remembered_for_each_screen(qtbot, writer, window):
    from partnerdesk.ui.main_window import MainWindow

    window.resize(QSize(700, 500))
    window.close()
    again = MainWindow(writer)
    qtbot.addWidget(again)
    assert again.size() == QSize(700, 500)


def test_a_size_kept_for_another_screen_is_not_used_on_this_one(qtbot, writer):
    from PySide6.QtCore import QSettings

    from partnerdesk.ui.main_window import MainWindow

    big = MainWindow(writer)
    qtbot.addWidget(big)
    big.resize(QSize(1900, 1000))
    # What an office monitor (and PartnerDesk before this change) left behind.
    QSettings().setValue("window/geometry-2560x1400", big.saveGeometry())
    QSettings().setValue("window/geometry", big.saveGeometry())
    laptop = MainWindow(writer)
    qtbot.addWidget(laptop)
    assert laptop.size() == first_window_size(laptop)


def _ids(store, sql: str) -> str:
    with sqlite3.connect(Path(store.path)) as db:
        return db.execute(sql).fetchone()[0]


def _a_programme(store, person: str) -> tuple[str, str]:
    """A mentoring programme with one application (the demo makes programmes only with more people)."""
    from partnerdesk.services.programmes.programmes import create_application, create_programme

    with store.transaction() as session:
        programme = create_programme(session, {"name": "Reciprocal mentoring cohort 1 (2026)",
                                               "kind": "reciprocal_mentoring", "side_a_hours": "15"}).id
        application = create_application(session, {
            "programme_id": programme, "person_id": person, "side": "b", "role": "Community organiser",
            "aspirations": ["governance", "budgets"], "must_not_match_notes": "Line manager"}).id  # fmt: skip
    return programme, application


def _every_dialog(writer) -> list[QDialog]:
    from partnerdesk.ui.audit.dialog import AuditDialog
    from partnerdesk.ui.expenses.budgets_page import HeadingDialog
    from partnerdesk.ui.expenses.claim_form import ClaimForm
    from partnerdesk.ui.expenses.line_dialog import LineDialog
    from partnerdesk.ui.help.browser import HelpWindow
    from partnerdesk.ui.import_wizard import ImportDialog
    from partnerdesk.ui.meetings.add_to_series_dialog import AddToSeriesDialog
    from partnerdesk.ui.meetings.dates_dialog import NOTICE, PAPERS, MeetingDatesDialog
    from partnerdesk.ui.meetings.meeting_form import MeetingForm
    from partnerdesk.ui.meetings.series_dialog import SeriesDialog
    from partnerdesk.ui.people.add_to_committee import AddToCommitteeDialog
    from partnerdesk.ui.people.data_rights import EraseDialog
    from partnerdesk.ui.people.person_form import PersonForm
    from partnerdesk.ui.programmes.application_form import ApplicationForm
    from partnerdesk.ui.programmes.hand_pair_dialog import HandPairDialog
    from partnerdesk.ui.programmes.programme_form import ProgrammeForm
    from partnerdesk.ui.today.line_actions import SnoozeDialog
    from partnerdesk.ui.wellbeing.check_form import CheckForm
    from partnerdesk.ui.wellbeing.debrief_dialog import DebriefDialog
    from partnerdesk.ui.wellbeing.history_dialog import HistoryDialog
    from partnerdesk.ui.wellbeing.meeting_chooser import MeetingChooser
    from partnerdesk.ui.wellbeing.record_dialogs import CourseDialog, PairDialog, TrainingDialog
    from partnerdesk.ui.wellbeing.session_form import SessionForm
    from tests.ui.signin_steps import signin_dialogs

    store = writer.store
    person = _ids(store, "select id from people where deleted_at is null order by full_name")
    meeting = _ids(store, "select meeting_id from attendance group by meeting_id order by count(*) desc")
    committee = _ids(store, "select id from committees order by length(name) desc")
    claim = _ids(store, "select claim_id from claim_lines group by claim_id order by count(*) desc")
    check = _ids(store, "select id from wellbeing_checks")
    from datetime import date

    from tests.builders import add_person, add_session

    session_id = add_session(store, add_person(store, roles=["coordinator"]), [person], date(2026, 5, 27))
    claim_form = ClaimForm(writer, claim)
    programme, application = _a_programme(store, person)
    contacts = Path(store.path).with_name("contacts.csv")
    contacts.write_text("Full name,E-mail,Mobile,Post code,Notes\nA Person,a@example.org,07700 900123,CF10 1AA,\n"
                        "Bad Email,nope,,,\n", encoding="utf-8")  # fmt: skip
    claims = Path(store.path).with_name("claims.csv")
    claims.write_text("Ref,Name,Date,Kind,Amount,Description,Budget heading,Status\n"
                      "A1,Nobody Known,01/05/2026,Parking,£12.50,Car park,Engagement,Submitted\n", encoding="utf-8")
    return [
        PersonForm(writer), PersonForm(writer, person), MeetingForm(writer), MeetingForm(writer, meeting),
        SeriesDialog(writer, committee), ClaimForm(writer), claim_form, LineDialog(writer, claim),
        claim_form.status_panel.approve_dialog(), HeadingDialog(writer, 2026),
        CheckForm(writer), CheckForm(writer, check), DebriefDialog(writer, meeting), HistoryDialog(writer, person),
        SessionForm(writer), SessionForm(writer, session_id), PairDialog(writer),
        TrainingDialog(writer), CourseDialog(writer), MeetingChooser(writer),
        MeetingDatesDialog(writer, [meeting], NOTICE),
        MeetingDatesDialog(writer, [meeting], PAPERS), AddToCommitteeDialog(writer, [person]),
        AddToSeriesDialog(writer, _ids(store, "select id from meeting_series")),
        SnoozeDialog(writer, "actions", "an-action", "Overdue: Send the minutes to every member of the committee"),
        HelpWindow(), ImportDialog(writer, contacts), ImportDialog(writer, claims, kind="claims"),
        ProgrammeForm(writer), ProgrammeForm(writer, programme), ApplicationForm(writer, programme),
        ApplicationForm(writer, programme, application), HandPairDialog(writer, programme),
        *_programme_dialogs(writer), EraseDialog("Ffion Rhys-Llewellyn-Bowen"), AuditDialog(writer),
        *signin_dialogs(writer),
    ]  # fmt: skip


def _programme_dialogs(writer) -> list[QDialog]:
    """The Programmes page's pair and poll dialogs, over a programme with a pair ended early (issue 16)."""
    from datetime import timedelta

    from partnerdesk.rules.dates import today_uk
    from partnerdesk.services.programmes.pairs import end_early
    from partnerdesk.services.programmes.polls import add_question
    from partnerdesk.ui.programmes.activity_dialog import ActivityDialog
    from partnerdesk.ui.programmes.pair_dialogs import BackfillDialog, PairEndDialog, RematchDialog
    from partnerdesk.ui.programmes.poll_dialog import PollAnswersDialog, QuestionDialog, ThemeDialog
    from tests.builders import add_programme_with_pairs

    built = add_programme_with_pairs(writer.store, pairs=3, spare_b=2)
    with writer.store.transaction() as session:
        end_early(session, built.pairs[0], today_uk() - timedelta(days=1), "A partner changed job")
        for wording in ("How confident do you feel speaking at board meetings about the system's priorities?",
                        "How much do you trust the system's leaders?", "How well do you understand decisions?"):
            add_question(session, built.programme_id, wording)
    programme, pair = built.programme_id, built.pairs[1]
    return [
        ActivityDialog(writer, pair), PairEndDialog(writer, pair, 1, "ended_early"),
        PairEndDialog(writer, pair, 1, "completed"), RematchDialog(writer, built.pairs[0]),
        BackfillDialog(writer, programme), PollAnswersDialog(writer, programme), QuestionDialog(writer, programme),
        ThemeDialog(writer, programme),
    ]  # fmt: skip


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_every_dialog_fits_a_laptop(qtbot, writer, laptop):
    from partnerdesk.demo.build import fill_demo

    fill_demo(writer.store, people=40)
    size = LAPTOPS[laptop]
    found = {}
    for dialog in _every_dialog(writer):
        qtbot.addWidget(dialog)
        dialog.show()
        room = dialog.screen().availableGeometry()
        problems = []
        if dialog.width() > room.width() or dialog.height() > room.height():
            problems.append(f"opens at {dialog.size().toTuple()}, bigger than the screen {room.size().toTuple()}")
        # A window manager keeps a dialog within the screen; the dialog must still work at that size.
        dialog.resize(dialog.size().boundedTo(size))
        dialog.layout().activate()
        if dialog.width() > size.width() or dialog.height() > size.height():
            problems.append(f"will not shrink below {dialog.size().toTuple()}")
        problems += unseen(dialog)
        for tabs in dialog.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if tabs.isTabEnabled(index):
                    tabs.setCurrentIndex(index)
                    dialog.layout().activate()
                    problems += [f"{tabs.tabText(index)!r} tab: {p}" for p in unseen(dialog)]
        buttons = dialog.findChildren(QDialogButtonBox)
        if not any(box.isVisibleTo(dialog) and not _in_scroll_area(box, dialog) for box in buttons):
            problems.append("its Save and Cancel buttons can scroll out of view")
        if problems:
            found[type(dialog).__name__] = problems
        dialog.hide()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_the_programmes_page_fits_with_a_cohort_on_every_tab(qtbot, writer, laptop):
    """The demo window has too few people for the demo programmes: this one has a real-sized cohort."""
    from partnerdesk.demo.build import fill_demo
    from partnerdesk.ui.main_window import MainWindow
    from partnerdesk.ui.programmes.area import ProgrammesArea

    fill_demo(writer.store, people=60)
    window = MainWindow(writer)
    qtbot.addWidget(window)
    window.show()
    area = window.area(ProgrammesArea)
    window.show_area(area)
    window.resize(LAPTOPS[laptop])
    assert area.page.programmes.count() == 2 and area.page.tabs.isEnabled()
    for index in range(area.page.tabs.count()):
        area.page.tabs.setCurrentIndex(index)
        window.layout().activate()
        assert unseen(window) == [], area.page.tabs.tabText(index)


def test_the_meetings_list_shows_whole_dates(demo_window):
    meetings = demo_window.areas[2]
    demo_window.show_area(meetings)
    table = meetings.page.table
    for column, text in ((0, "Wed 27/05/2026"), (1, "10:00–11:00")):
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(text) + 12


def test_labels_of_boxes_are_not_cut_off(demo_window):
    for row, _area in enumerate(demo_window.areas):
        demo_window.nav.setCurrentRow(row)
        demo_window.resize(LAPTOPS["1366x768 at 125%"])
        demo_window.layout().activate()
        for label in demo_window.findChildren(QLabel):
            if label.buddy() is not None and label.isVisibleTo(demo_window) and not label.wordWrap():
                assert label.width() >= label.minimumSizeHint().width(), label.text()


def test_a_flow_row_wraps_when_narrow_and_keeps_a_label_with_its_box(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from partnerdesk.ui.widgets.fitting import FlowLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder)
    boxes = [QLineEdit() for _ in range(4)]
    for box in boxes:
        box.setFixedWidth(150)
    label = QLabel("&From")
    label.setBuddy(boxes[3])
    row.add(boxes[0])
    row.add(boxes[1])
    row.add(boxes[2])
    row.add(label, boxes[3])
    holder.show()
    holder.resize(700, row.heightForWidth(700))
    row.activate()
    assert len({box.mapTo(holder, QPoint(0, 0)).y() for box in boxes}) == 1
    holder.resize(340, row.heightForWidth(340))
    row.activate()
    assert row.heightForWidth(340) > row.heightForWidth(700)
    assert boxes[2].mapTo(holder, QPoint(0, 0)).y() > boxes[0].mapTo(holder, QPoint(0, 0)).y()
    assert label.mapTo(holder, QPoint(0, 0)).y() == boxes[3].mapTo(holder, QPoint(0, 0)).y()
    assert all(holder.rect().contains(QRect(b.mapTo(holder, QPoint(0, 0)), b.size())) for b in boxes)


def test_a_button_in_the_more_menu_still_does_its_job(qtbot):
    clicked = []
    row = ButtonRow("More things")
    qtbot.addWidget(row)
    from PySide6.QtWidgets import QPushButton

    for text in ("First thing", "Second thing", "Third thing"):
        button = row.add(QPushButton(text))
        button.clicked.connect(lambda _=False, t=text: clicked.append(t))
    row.show()
    row.resize(row.minimumSizeHint())
    assert [b.text() for b in row.overflowed()] == ["First thing", "Second thing"]
    row._fill_menu()
    row.menu.actions()[0].trigger()
    assert clicked == ["First thing"]


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_every_section_of_the_settings_window_fits_a_laptop(qtbot, writer, laptop):
    """Each section scrolls up and down if it must, but never sideways, and Save stays in view."""
    from partnerdesk.demo.build import fill_demo
    from partnerdesk.ui.settings.window import WANTED, SettingsWindow
    from partnerdesk.ui.widgets.fitting import SCREEN_SHARE

    fill_demo(writer.store, people=40)
    size = LAPTOPS[laptop]
    window = SettingsWindow(writer)
    qtbot.addWidget(window)
    window.show()
    # The size it opens at on that laptop (the test screen is 800 px square): at most 90% of the screen.
    window.resize(WANTED.boundedTo(QSize(int(size.width() * SCREEN_SHARE), int(size.height() * SCREEN_SHARE))))
    found = {}
    for row, section in enumerate(window.sections):
        window.list.setCurrentRow(row)
        window.layout().activate()
        problems = unseen(window)
        if window.width() > size.width() or window.height() > size.height():
            problems.append(f"will not shrink below {window.size().toTuple()}")
        scroll = window.pages.currentWidget()
        needs, has = section.minimumSizeHint().width(), scroll.viewport().width()
        if needs > has:
            problems.append(f"scrolls sideways: needs {needs} px, has {has}")
        if not window.save_button.isVisibleTo(window):
            problems.append("its Save button is hidden")
        if problems:
            found[section.title] = problems
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.parametrize("laptop", LAPTOPS)
def test_the_lock_screen_fits_a_laptop(qtbot, window, laptop):
    from partnerdesk.actor import Actor, sign_in, sign_out
    from partnerdesk.ui.lock.screen import LockScreen

    size = LAPTOPS[laptop]
    window.resize(size)
    found = {}
    sign_in(Actor("account-1", "Bernadette Featherstonehaugh-Llewellyn", "worker"))
    try:
        screens = {"with a password": LockScreen(window, lambda name, password: True, lambda: True)}
    finally:
        sign_out()
    screens["with nobody signed in"] = LockScreen(window, None, None)
    for name, screen in screens.items():
        screen.resize(size)
        screen.show()
        screen.layout().activate()
        problems = unseen(screen)
        if screen.explain.height() < screen.explain.heightForWidth(screen.explain.width()):
            problems.append("its words are cut off")
        if problems:
            found[name] = problems
        screen.hide()
    assert found == {}

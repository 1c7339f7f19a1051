"""Every control a person can use has a name a screen reader can say, and can be reached with the keyboard."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from partnerdesk.records import vocab
from partnerdesk.ui.organisations_page import NamedRecordDialog
from partnerdesk.ui.people.person_form import PersonForm
from partnerdesk.ui.people.seats import SeatDialog
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo

CONTROLS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QAbstractButton, QAbstractSpinBox)


def _inside_a_control(widget: QWidget) -> bool:
    """Qt's own inner parts of a control (a drop-down's popup list, a table's scroll buttons, a number box's text)
    are named by it."""
    parent = widget.parentWidget()
    while parent is not None:
        # A spin box's own text box is named by the spin box, as a drop-down's list is.
        if isinstance(parent, QComboBox | QAbstractItemView | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _problems(top: QWidget) -> list[str]:
    problems = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or _inside_a_control(widget):
            continue
        if isinstance(widget, QAbstractButton) and not widget.isVisibleTo(top):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        what = f"{type(widget).__name__} {widget.objectName() or name!r} in {type(top).__name__}"
        if not name.strip():
            problems.append(f"no accessible name: {what}")
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            problems.append(f"not reachable with Tab: {what}")
    return problems


def test_the_main_window_and_its_pages(window):
    assert _problems(window) == []


def test_the_person_form(qtbot, writer):
    form = PersonForm(writer)
    qtbot.addWidget(form)
    assert _problems(form) == []


def test_the_small_dialogs(qtbot):
    kinds = ChoiceCombo(vocab.ORGANISATION_KINDS, "Kind of organisation")
    seat = SeatDialog([("c1", "Mental Health Forum")])
    for dialog in (seat, NamedRecordDialog("Organisation", "&Kind", kinds, print)):
        qtbot.addWidget(dialog)
        assert _problems(dialog) == []


def test_the_meetings_forms(qtbot, writer):
    from partnerdesk.ui.meetings.meeting_form import MeetingForm
    from partnerdesk.ui.meetings.series_dialog import SeriesDialog
    from tests.builders import add_committee, add_invitations, add_meeting, add_person

    committee = add_committee(writer.store)
    meeting = add_meeting(writer.store, committee)
    add_invitations(writer.store, meeting, [add_person(writer.store)])
    for dialog in (MeetingForm(writer), MeetingForm(writer, meeting), SeriesDialog(writer, committee)):
        qtbot.addWidget(dialog)
        assert _problems(dialog) == []


def test_the_wellbeing_and_supervision_screens(qtbot, writer, window):
    from datetime import timedelta

    from partnerdesk.rules.dates import today_uk
    from partnerdesk.services.meetings.attendance import record_attendances
    from partnerdesk.ui.wellbeing.area import SupervisionArea, WellbeingArea
    from partnerdesk.ui.wellbeing.check_form import CheckForm
    from partnerdesk.ui.wellbeing.debrief_dialog import DebriefDialog
    from partnerdesk.ui.wellbeing.follow_up_dialog import FollowUpDoneDialog
    from partnerdesk.ui.wellbeing.history_dialog import HistoryDialog
    from partnerdesk.ui.wellbeing.meeting_chooser import MeetingChooser
    from partnerdesk.ui.wellbeing.record_dialogs import CourseDialog, PairDialog, TrainingDialog
    from partnerdesk.ui.wellbeing.session_form import SessionForm
    from tests.builders import add_check, add_invitations, add_meeting, add_person, add_session

    person = add_person(writer.store, roles=["peer_support_worker"])
    boss = add_person(writer.store, roles=["coordinator"])
    meeting = add_meeting(writer.store, None, today_uk() - timedelta(days=2))
    add_invitations(writer.store, meeting, [person])
    with writer.store.transaction() as session:
        record_attendances(session, meeting, {person: "attended"})
    check = add_check(writer.store, person, swemwbs=[3] * 7)
    session_id = add_session(writer.store, boss, [person], today_uk() - timedelta(days=3))
    revealed = CheckForm(writer, check)
    revealed.notes.reveal()
    dialogs = (CheckForm(writer), revealed, DebriefDialog(writer, meeting), HistoryDialog(writer, person),
               FollowUpDoneDialog(writer, check, "Someone"), MeetingChooser(writer), SessionForm(writer),
               SessionForm(writer, session_id), PairDialog(writer), TrainingDialog(writer),
               CourseDialog(writer))  # fmt: skip
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert _problems(dialog) == [], (type(dialog).__name__, _problems(dialog))
    for kind in (WellbeingArea, SupervisionArea):
        window.show_area(window.area(kind))
    assert _problems(window) == []


def test_the_expenses_forms(qtbot, writer):
    from datetime import date

    from partnerdesk.ui.expenses.budgets_page import HeadingDialog
    from partnerdesk.ui.expenses.claim_form import ClaimForm
    from partnerdesk.ui.expenses.line_dialog import LineDialog
    from partnerdesk.ui.expenses.page import ExpensesPage
    from tests.builders import add_claim, add_line, add_person

    claim = add_claim(writer.store, add_person(writer.store), date(2026, 10, 1))
    line = add_line(writer.store, claim, "mileage", date(2026, 10, 1), miles="12")
    form = ClaimForm(writer, claim)
    status = form.status_panel
    dialogs = (ExpensesPage(writer), ClaimForm(writer), form, LineDialog(writer, claim),
               LineDialog(writer, claim, line), status.approve_dialog(), status.paid_dialog(),
               HeadingDialog(writer, 2026))
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert _problems(dialog) == []


def test_the_programme_pairs_and_polls_tabs_and_their_dialogs(qtbot, writer):
    from partnerdesk.ui.programmes.activity_dialog import ActivityDialog
    from partnerdesk.ui.programmes.pair_dialogs import BackfillDialog, PairEndDialog, RematchDialog
    from partnerdesk.ui.programmes.pairs_tab import PairsTab
    from partnerdesk.ui.programmes.poll_dialog import PollAnswersDialog, QuestionDialog, ThemeDialog
    from partnerdesk.ui.programmes.polls_tab import PollsTab
    from tests.builders import add_programme_with_pairs

    built = add_programme_with_pairs(writer.store)
    programme, pair = built.programme_id, built.pairs[0]
    pairs, polls = PairsTab(writer), PollsTab(writer)
    for tab in (pairs, polls):
        tab.show_programme(programme)
    dialogs = (pairs, polls, ActivityDialog(writer, pair), PairEndDialog(writer, pair, 1, "ended_early"),
               RematchDialog(writer, pair), BackfillDialog(writer, programme), PollAnswersDialog(writer, programme),
               QuestionDialog(writer, programme), ThemeDialog(writer, programme))  # fmt: skip
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert _problems(dialog) == []

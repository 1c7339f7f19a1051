"""The Wellbeing area's page: wellbeing checks (filtered by person, dates or open follow-ups) and follow-ups
still to do, overdue ones in red. Lists never show concerns or notes: those open only inside a check."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_moment_uk, format_uk, today_uk
from partnerdesk.rules.reminders import days_until
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS, format_swemwbs_metric
from partnerdesk.services.wellbeing.listing import CheckSummary, list_checks
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import fill_table, read_only_table, selected_id
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.filter_bar import FilterBar
from partnerdesk.ui.widgets.person_picker import PersonPicker

CHECK_HEADINGS = (N_("When"), N_("Person"), N_("Context"), N_("Worker"), N_("How"), "SWEMWBS", N_("Follow-up"))
FOLLOW_UP_HEADINGS = (N_("Person"), N_("Check on"), N_("Follow-up by"), N_("Due"), N_("Where it stands"))


def follow_up_words(check: CheckSummary, today) -> str:
    """Where a check's follow-up stands, in words ("Overdue: was due 26/08/2025, 6 days ago")."""
    if not check.follow_up_needed:
        return _("None needed")
    due = check.follow_up_due_on
    return {
        "done": f"Done {format_uk(check.follow_up_done_on)}",
        "overdue": f"Overdue: was due {format_uk(due)}, {days_until(today, due)}",
        "due": "Due today",
        "not due": f"Due {format_uk(due)}",
    }.get(check.follow_up_status or "", _("Needed"))


def button(text: str, name: str, slot) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    widget.clicked.connect(slot)
    return widget


class WellbeingPage(QWidget):
    """Checks and follow-ups. The area opens forms when these signals fire."""

    new_check = Signal()
    open_check = Signal(str)
    run_debrief = Signal()
    show_history = Signal(str)  # person id
    mark_done = Signal(str, str)  # check id, person's name

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        title = QLabel(_("Wellbeing"))
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Wellbeing lists"))
        self.tabs.addTab(self._checks_tab(), _("&Checks"))
        self.tabs.addTab(self._follow_ups_tab(), _("Fo&llow-ups to do"))
        actions = QHBoxLayout()
        for widget in (
            button(_("&New check…"), _("Record a new wellbeing check"), self.new_check),
            button(_("Run a &debrief…"), _("Run a debrief after a meeting"), self.run_debrief),
            button(_("Wellbeing &history…"), _("Show the selected person's wellbeing history"), self._history),
        ):
            actions.addWidget(widget)  # fmt: skip
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        writer.watch(self, ("wellbeing_checks", "people", "meetings", "attendance", "settings"), self.refresh)
        self.refresh()

    def _checks_tab(self) -> QWidget:
        page = QWidget()
        filters = FilterBar(self.refresh)
        self.person = filters.labelled(_("Person"), PersonPicker(
            self.writer, _("Show checks of this person"), _("Everyone: type a name to choose")))
        self.date_from, self.date_to = filters.dates(
            _("Checks from this date"), _("Checks up to this date"), (_("From"), _("To"))
        )
        self.open_only = QCheckBox(_("Open follow-ups only"))
        self.open_only.setAccessibleName(_("Only checks with a follow-up still to do"))
        filters.tick(self.open_only)
        self.date_from.set_date(today_uk() - timedelta(days=365))
        self.filter_message = QLabel()
        self.filter_message.setObjectName("fieldMessage")
        self.checks = read_only_table(CHECK_HEADINGS, _("Wellbeing checks"), (145, 180, 170, 150, 50, 105))
        self.checks.doubleClicked.connect(lambda _i: self._open_selected())
        select_saved(self.writer, self.checks, ("wellbeing_checks",))
        show_when_empty(
            self.checks,
            NextStep(_("No wellbeing checks in these dates. Record a check after a meeting, or whenever you are "
                       "concerned about someone."), _("Record a check"), self.new_check.emit),
            NextStep(_("No checks match this person and these choices."), _("Show everyone's checks"),
                     self.clear_filters),
            lambda: self.person.person_id() is not None or self.open_only.isChecked(),
        )
        self.open_button = button(_("&Open check…"), _("Open the selected check"), self._open_selected)
        column = QVBoxLayout(page)
        column.addLayout(filters)
        column.addWidget(self.filter_message)
        column.addWidget(self.checks, 1)
        column.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignLeft)
        return page

    def _follow_ups_tab(self) -> QWidget:
        page = QWidget()
        self.follow_ups = read_only_table(FOLLOW_UP_HEADINGS, _("Follow-ups still to do"), (180, 130, 150, 100))
        self.follow_ups.doubleClicked.connect(lambda _i: self._mark_selected())
        show_when_empty(self.follow_ups, NextStep(_("No follow-ups to do: everyone who needed one has had it.")))
        self.done_button = button(_("&Mark done…"), _("Mark the selected follow-up done"), self._mark_selected)
        self.open_follow_up = button(_("Open the &check…"), _("Open the check the follow-up is for"),
                                     lambda: self._emit_open(self.follow_ups))  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addWidget(self.open_follow_up)
        row.addStretch(1)
        column = QVBoxLayout(page)
        note = QLabel(_("Every follow-up still to do, the most overdue first. Overdue ones are shown in red."))
        note.setObjectName("hint")
        column.addWidget(note)
        column.addWidget(self.follow_ups, 1)
        column.addLayout(row)
        return page

    def clear_filters(self) -> None:
        """Show every check in the dates again, whoever it is about."""
        self.person.set_person(None)
        self.open_only.setChecked(False)
        self.refresh()

    def refresh(self) -> None:
        """Re-read both lists."""
        today = today_uk()
        try:
            date_from, date_to = self.date_from.date_value(), self.date_to.date_value()
            self.filter_message.setText("")
            self.filter_message.hide()  # no empty gap above the list
        except ValueError as why:
            self.filter_message.setText(str(why))
            self.filter_message.show()
            return

        def read(session):
            shown = list_checks(session, person_id=self.person.person_id(), date_from=date_from, date_to=date_to,
                                open_follow_ups=self.open_only.isChecked(), today=today)
            return shown, list_checks(session, open_follow_ups=True, today=today, limit=1000)

        shown, open_ones = self.writer.read(read)
        self._names = {c.check_id: c.person_name for c in shown + open_ones}
        self._people = {c.check_id: c.person_id for c in shown + open_ones}
        fill_table(self.checks, [
            (c.check_id, (format_moment_uk(c.checked_at), c.person_name, CHECK_CONTEXTS.get(c.context, ""),
                          c.worker, str(c.quick_score or ""),
                          format_swemwbs_metric(c.swemwbs_metric) if c.swemwbs_metric is not None else "",
                          (_("Distress. ") if c.distress else "") + follow_up_words(c, today)),
             c.follow_up_status == "overdue")
            for c in shown
        ])  # fmt: skip
        open_ones.sort(key=lambda c: (c.follow_up_due_on or today, c.checked_at))
        fill_table(self.follow_ups, [
            (c.check_id, (c.person_name, format_moment_uk(c.checked_at), c.follow_up_by or "",
                          format_uk(c.follow_up_due_on), follow_up_words(c, today)),
             c.follow_up_status == "overdue")
            for c in open_ones
        ])  # fmt: skip

    def show_follow_ups(self) -> None:
        self.tabs.setCurrentIndex(1)

    def _emit_open(self, table) -> None:
        check_id = selected_id(table)
        if check_id:
            self.open_check.emit(check_id)

    def _open_selected(self) -> None:
        self._emit_open(self.checks)

    def _mark_selected(self) -> None:
        check_id = selected_id(self.follow_ups)
        if check_id:
            self.mark_done.emit(check_id, self._names.get(check_id, ""))

    def _history(self) -> None:
        """The history of the person picked in the filter, else of the selected check's person."""
        person_id = self.person.person_id() or self._people.get(selected_id(self.checks) or "")
        if person_id:
            self.show_history.emit(person_id)

"""The Supervision and training area's page: who is due or overdue for 1:1 supervision (overdue in red, and in
words), sessions (with the PDF record to sign), supervisor–supervisee pairs, training gaps and the courses."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.reminders import days_until
from partnerdesk.rules.supervision import SESSION_TYPES, SUPERVISION_TOPICS
from partnerdesk.services.people.people import get_person
from partnerdesk.services.wellbeing.supervision import delete_pair, get_pair, list_pairs, list_sessions
from partnerdesk.services.wellbeing.supervision_due import supervision_status_list
from partnerdesk.services.wellbeing.training import delete_course, list_courses, training_gaps
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import fill_table, read_only_table, selected_id
from partnerdesk.ui.wellbeing.wellbeing_page import button
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty

DUE_HEADINGS = (N_("Supervisee"), N_("Supervisor"), N_("Last 1:1"), N_("Next 1:1 due"), N_("Where it stands"))
SESSION_HEADINGS = (N_("Held on"), N_("Kind"), N_("Supervisor"), N_("Supervised"), N_("Next 1:1 due"), N_("Topics"))
PAIR_HEADINGS = (N_("Supervisee"), N_("Supervisor"), N_("From"), N_("Until"))
TRAINING_HEADINGS = (N_("Person"), N_("Course"), N_("Completed"), N_("Runs out"), N_("Where it stands"))
COURSE_HEADINGS = (N_("Course"), N_("Renew every"))
STATUS_WORDS = {"missing": N_("Missing: never done"), "expired": N_("Run out: overdue for renewal"),
                "expiring": N_("Runs out within 30 days"), "in date": N_("In date")}  # fmt: skip


def due_words(status: str, due_on, today) -> str:
    if status == "overdue":
        return _("Overdue: was due {due_on}, {days_until}").format(
            due_on=format_uk(due_on),
            days_until=days_until(today, due_on),
        )
    if status == "due":
        return _("Due {days_until}").format(days_until=days_until(today, due_on))
    return _("Not due yet")


def tab_with(table, *buttons) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(table, 1)
    row = QHBoxLayout()
    for widget in buttons:
        row.addWidget(widget)
    row.addStretch(1)
    column.addLayout(row)
    return page


class SupervisionPage(QWidget):
    """Everything about supervision and training. window gives file choosers and the status bar."""

    def __init__(self, writer: Writer, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.window = writer, window
        title = QLabel(_("Supervision and training"))
        title.setObjectName("pageTitle")
        self.due = read_only_table(DUE_HEADINGS, _("Who is due for supervision"), (190, 190, 100, 110))
        self.sessions = read_only_table(SESSION_HEADINGS, _("Supervision sessions"), (100, 70, 170, 230, 110))
        self.pairs = read_only_table(PAIR_HEADINGS, _("Supervisor and supervisee pairs"), (220, 220, 110))
        self.training = read_only_table(TRAINING_HEADINGS, _("Training missing, run out or running out"),
                                        (190, 260, 100, 100))  # fmt: skip
        self.courses = read_only_table(COURSE_HEADINGS, _("Training courses"), (360,))
        self.due.doubleClicked.connect(lambda _i: self._session_for_selected_pair(self.due))
        self.sessions.doubleClicked.connect(lambda _i: self._open_selected_session())
        self.pairs.doubleClicked.connect(lambda _i: self._edit_pair())
        self.training.doubleClicked.connect(lambda _i: self._record_selected_training())
        self.courses.doubleClicked.connect(lambda _i: self._edit_course())
        self._empty_states()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Supervision and training lists"))
        self.tabs.addTab(tab_with(
            self.due, button(_("&Record a session…"), _("Record a session for the selected person"),
                             lambda: self._session_for_selected_pair(self.due))), _("&Who is due"))  # fmt: skip
        self.tabs.addTab(tab_with(
            self.sessions, button(_("&New session…"), _("Record a new supervision session"), self.new_session),
            button(_("&Open session…"), _("Open the selected session"), self._open_selected_session),
            button(_("&Print supervision record (PDF)…"), _("Print the selected session's record as a PDF"),
                   lambda: self.print_record(selected_id(self.sessions)))),
            _("&Sessions"))  # fmt: skip
        self.tabs.addTab(tab_with(
            self.pairs,
            button(_("New &pair…"), _("Name a supervisor for someone"), lambda: self._edit_pair(new=True)),
            button(_("&Change pair…"), _("Change the selected pair, for example to end it"), self._edit_pair),
            button(_("&Delete pair"), _("Delete the selected pair to the Bin"), self._delete_pair)),
            _("P&airs"))  # fmt: skip
        self.tabs.addTab(tab_with(
            self.training, button(_("R&ecord training…"), _("Record training for the selected person"),
                                  self._record_selected_training)), _("&Training"))  # fmt: skip
        self.tabs.addTab(tab_with(
            self.courses, button(_("&Add course…"), _("Add a training course"), lambda: self._edit_course(new=True)),
            button(_("Chan&ge course…"), _("Change the selected course"), self._edit_course),
            button(_("Delete co&urse"), _("Delete the selected course to the Bin"), self._delete_course)),
            _("&Courses"))  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        shown = ("supervision_pairs", "supervision_sessions", "supervision_attendees", "supervision_actions",
                 "training_courses", "training_records", "people", "person_roles", "settings")
        writer.watch(self, shown, self.refresh)
        self.refresh()

    def _empty_states(self) -> None:
        new_pair = NextStep(_("Nobody has a supervisor yet. Name a supervisor for each peer support worker."),
                            _("Add pair"), lambda: self._edit_pair(new=True))
        show_when_empty(self.due, new_pair)
        show_when_empty(self.pairs, new_pair)
        show_when_empty(self.sessions, NextStep(_("No supervision sessions yet. Record one after each session."),
                                                _("Record a session"), self.new_session))
        show_when_empty(self.training, NextStep(_("No training is missing or running out.")))
        show_when_empty(self.courses, NextStep(_("No training courses yet. Add the courses people must take."),
                                               _("Add a course"), lambda: self._edit_course(new=True)))
        for table, kind in ((self.sessions, "supervision_sessions"), (self.pairs, "supervision_pairs"),
                            (self.courses, "training_courses")):
            select_saved(self.writer, table, (kind,))

    def refresh(self) -> None:
        today = today_uk()

        def read(session):
            return (supervision_status_list(session, today), list_sessions(session), list_pairs(session),
                    training_gaps(session, today), list_courses(session))

        due, sessions, pairs, gaps, courses = self.writer.read(read)
        self._pair_people = {p.pair_id: (p.supervisor_id, p.supervisee_id) for p in pairs}
        self._people = {g.person_id: g.person_name for g in gaps}
        fill_table(self.due, [(d.pair_id, (d.supervisee_name, d.supervisor_name, format_uk(d.last_session_on) or
                                           _("None yet"), format_uk(d.due_on), due_words(d.status, d.due_on, today)),
                               d.status == "overdue") for d in due])  # fmt: skip
        fill_table(self.sessions, [(s.session_id, (format_uk(s.held_on), SESSION_TYPES[s.kind], s.supervisor_name,
                                                   ", ".join(s.supervisee_names), format_uk(s.next_due_on),
                                                   "; ".join(SUPERVISION_TOPICS.get(t, t) for t in s.topics)), False)
                                    for s in sessions])  # fmt: skip
        fill_table(self.pairs, [(p.pair_id, (p.supervisee_name, p.supervisor_name, format_uk(p.starts_on),
                                             format_uk(p.ends_on) or _("Still running")), False) for p in pairs])
        fill_table(self.training, [(g.person_id, (g.person_name, g.course_name, format_uk(g.completed_on) or _("Never"),
                                                  format_uk(g.expires_on), STATUS_WORDS[g.status]),
                                    g.status in ("missing", "expired")) for g in gaps])  # fmt: skip
        self._courses = {c.course_id: c for c in courses}
        def renewal(months: int | None) -> str:
            if not months:
                return _("Never (done once)")
            return ngettext("{count} month", "{count} months", months).format(count=months)

        fill_table(self.courses, [(c.course_id, (c.name, renewal(c.renewal_months)), False) for c in courses])

    # --- sessions -----------------------------------------------------------------------------------------------
    def open_session(self, session_id: str | None, preset: dict | None = None) -> None:
        from partnerdesk.ui.wellbeing.session_form import SessionForm

        form = SessionForm(self.writer, session_id, preset, self.window)
        form.print_requested.connect(self.print_record)
        form.exec()

    def new_session(self) -> None:
        self.open_session(None)

    def session_for_pair(self, pair_id: str) -> None:
        """A new 1:1 session for a pair (from Today's "supervision due" line)."""
        pair = self.writer.read(lambda s: get_pair(s, pair_id))
        self.tabs.setCurrentIndex(0)
        self.open_session(None, {"supervisor_id": pair.supervisor_id, "supervisee_ids": [pair.supervisee_id]})

    def _session_for_selected_pair(self, table) -> None:
        pair_id = selected_id(table)
        if pair_id:
            self.session_for_pair(pair_id)

    def _open_selected_session(self) -> None:
        session_id = selected_id(self.sessions)
        if session_id:
            self.open_session(session_id)

    def print_record(self, session_id: str | None) -> bool:
        """Save a session's record as a PDF for both to sign; the notes only if the worker says so."""
        if not session_id:
            return False
        out = self.window.ask_save_path(
            _("Print supervision record"), "supervision-record.pdf", _("PDF document"), ".pdf"
        )
        if out is None:
            return False
        with_notes = QMessageBox.question(
            self.window, _("Print supervision record"),
            _("Print the confidential session notes on the record too? Choose No for a copy others may see."),
        ) == QMessageBox.StandardButton.Yes  # fmt: skip
        try:
            from partnerdesk.exports.supervision_pdf import write_supervision_record  # reportlab loads only now

            with self.writer.store.reader() as session:
                write_supervision_record(session, session_id, out, include_notes=with_notes)
        except (ImportError, OSError, ValueError) as exc:
            QMessageBox.warning(
                self.window,
                _("Print supervision record"),
                _("The record could not be written.\n\n{exc}").format(exc=exc),
            )
            return False
        self.window.statusBar().showMessage(_("Supervision record saved to {out}").format(out=out), 10000)
        return True

    # --- pairs, training and courses ----------------------------------------------------------------------------
    def _edit_pair(self, new: bool = False) -> None:
        from partnerdesk.ui.wellbeing.record_dialogs import PairDialog

        pair_id = None if new else selected_id(self.pairs)
        if new or pair_id:
            PairDialog(self.writer, pair_id, self.window).exec()

    def _delete_pair(self) -> None:
        pair_id = selected_id(self.pairs)
        if pair_id and QMessageBox.question(self.window, _("Delete pair"), _("Delete this pair to the Bin? To end a "
                                            "pair that has finished, change it and give an end date instead.")) == \
                QMessageBox.StandardButton.Yes:  # fmt: skip
            self.writer.run(self.window, lambda s: delete_pair(s, pair_id))

    def record_training(self, person_id: str | None = None, course_id: str | None = None) -> None:
        from partnerdesk.ui.wellbeing.record_dialogs import TrainingDialog

        self.tabs.setCurrentIndex(3)
        person = None
        if person_id:
            person = (person_id, self._people.get(person_id) or self.writer.read(
                lambda s: get_person(s, person_id).full_name))  # fmt: skip
        TrainingDialog(self.writer, person, course_id, self.window).exec()

    def _record_selected_training(self) -> None:
        row = self.training.currentRow()
        course = self.training.item(row, 1).text() if row >= 0 else None
        course_id = next((c.course_id for c in self._courses.values() if c.name == course), None)
        self.record_training(selected_id(self.training), course_id)

    def _delete_course(self) -> None:
        course = self._courses.get(selected_id(self.courses) or "")
        if course and QMessageBox.question(self.window, _("Delete course"), _(
            "Delete the course “{name}” to the Bin? Nobody will be expected to do it any more; the "
            "training people have done is kept."
        ).format(
            name=course.name,
        )) == QMessageBox.StandardButton.Yes:  # fmt: skip
            self.writer.run(self.window, lambda s: delete_course(s, course.course_id))

    def _edit_course(self, new: bool = False) -> None:
        from partnerdesk.ui.wellbeing.record_dialogs import CourseDialog

        course = None if new else self._courses.get(selected_id(self.courses) or "")
        if new or course:
            CourseDialog(self.writer, course, self.window).exec()

"""The Today page: what needs doing soon, with each line opening the person or meeting it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.meetings import LOOKAHEAD_DAYS, uk_times
from partnerdesk.rules.reminders import CONSENT_REVIEW_WINDOW_DAYS, TERM_ENDING_WINDOW_DAYS, days_until
from partnerdesk.services.meetings_today import TodayMeeting, today_meetings
from partnerdesk.services.today import consent_reviews_due, people_count, terms_ending
from partnerdesk.ui.ops import Writer

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _when(m: TodayMeeting) -> str:
    day, start, _end = uk_times(m.starts_at, m.ends_at)
    return f"{day:%a} {format_uk(day)} {start:%H:%M}"


def upcoming_line(m: TodayMeeting, today) -> str:
    """A meeting in the next fortnight and what is due for it, e.g. "… — Send papers by 10/06/2031 (overdue)"."""
    where = f" ({m.committee})" if m.committee else ""
    if not m.tasks:
        return f"{_when(m)} — {m.title}{where}: nothing outstanding"
    todo = []
    for task in m.tasks:
        text = task.label
        if task.due_on is not None:
            text += f" {'was due' if task.overdue(today) else 'by'} {format_uk(task.due_on)}"
        if task.detail:
            text += f" ({task.detail})"
        todo.append(text)
    return f"{_when(m)} — {m.title}{where}: " + "; ".join(todo)


def gap_line(m: TodayMeeting) -> str:
    """A past meeting and what it is still missing."""
    missing = "; ".join(task.label + (f" ({task.detail})" if task.detail else "") for task in m.tasks)
    return f"{_when(m)} — {m.title}: {missing}"


class TodayPage(QWidget):
    """Terms of office ending soon and consent reviews due."""

    open_person = Signal(str)
    open_meeting = Signal(str)
    new_person = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.empty = QLabel(
            "There is nobody in PartnerDesk yet. Add the first person, or try PartnerDesk with made-up people "
            "from the File menu (Open demo database)."
        )
        self.empty.setWordWrap(True)
        self.add_first = QPushButton("Add the first person")
        self.add_first.clicked.connect(self.new_person)
        self.terms_title = QLabel(f"Terms of office ending in the next {TERM_ENDING_WINDOW_DAYS} days")
        self.terms_title.setObjectName("sectionTitle")
        self.terms = self._list("Terms of office ending soon")
        self.consent_title = QLabel(f"Consent reviews due in the next {CONSENT_REVIEW_WINDOW_DAYS} days or overdue")
        self.consent_title.setObjectName("sectionTitle")
        self.consent = self._list("Consent reviews due")
        self.meetings_title = QLabel(f"Meetings in the next {LOOKAHEAD_DAYS} days, and what is due")
        self.meetings_title.setObjectName("sectionTitle")
        self.meetings = self._list("Meetings in the next 14 days")
        self.actions_title = QLabel("Actions from meetings that are overdue")
        self.actions_title.setObjectName("sectionTitle")
        self.actions = self._list("Overdue actions")
        self.gaps_title = QLabel("Past meetings still missing attendance, minutes or a debrief")
        self.gaps_title.setObjectName("sectionTitle")
        self.gaps = self._list("Past meetings missing something")
        self.meetings_title.setBuddy(self.meetings)
        self.actions_title.setBuddy(self.actions)
        self.gaps_title.setBuddy(self.gaps)
        self.terms_title.setBuddy(self.terms)
        self.consent_title.setBuddy(self.consent)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_first, alignment=Qt.AlignmentFlag.AlignLeft)
        for title, widget in ((self.meetings_title, self.meetings), (self.actions_title, self.actions),
                              (self.gaps_title, self.gaps)):
            layout.addWidget(title)
            layout.addWidget(widget, 1)
        layout.addWidget(self.terms_title)
        layout.addWidget(self.terms)
        layout.addWidget(self.consent_title)
        layout.addWidget(self.consent)
        writer.changed.connect(self.refresh)
        self.refresh()

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.itemActivated.connect(self._activated)
        widget.setWordWrap(True)  # long lines of tasks wrap instead of hiding behind a scroll bar
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return widget

    def _activated(self, item: QListWidgetItem) -> None:
        person_id, meeting_id = item.data(PERSON_ID_ROLE), item.data(MEETING_ID_ROLE)
        if person_id:
            self.open_person.emit(person_id)
        elif meeting_id:
            self.open_meeting.emit(meeting_id)

    @staticmethod
    def _fill(widget: QListWidget, lines: list[tuple[str, str | None]], nothing: str, role=PERSON_ID_ROLE) -> None:
        widget.clear()
        for text, record_id in lines or [(nothing, None)]:
            item = QListWidgetItem(text, widget)
            item.setData(role, record_id)
            item.setToolTip(text)

    def refresh(self) -> None:
        """Re-read the reminders from the database."""
        today = today_uk()
        self.heading.setText(f"Today, {today:%A} {today.day} {today:%B %Y}")

        def read(db):
            return terms_ending(db, today), consent_reviews_due(db, today), people_count(db), today_meetings(db, today)

        terms, reviews, people, meetings = self.writer.glance(read)
        self._fill(self.meetings, [(upcoming_line(m, today), m.meeting_id) for m in meetings.upcoming],
                   f"No meetings in the next {LOOKAHEAD_DAYS} days.", MEETING_ID_ROLE)
        self._fill(
            self.actions,
            [(f"{a.description} — {a.owner or 'nobody named'}, was due {format_uk(a.due_on)} "
              f"({days_until(today, a.due_on)}), from “{a.meeting_title}”", a.meeting_id)
             for a in meetings.overdue_actions],
            "No actions are overdue.", MEETING_ID_ROLE,
        )
        self._fill(self.gaps, [(gap_line(m), m.meeting_id) for m in meetings.past_gaps],
                   "Every recent meeting has its attendance, minutes and debrief.", MEETING_ID_ROLE)
        self.empty.setVisible(people == 0)
        self.add_first.setVisible(people == 0)
        self._fill(
            self.terms,
            [
                (f"{t.person_name} — {t.committee} ({t.organisation}): term ends {format_uk(t.term_end)}, "
                 f"{days_until(today, t.term_end)}", t.person_id)
                for t in terms
            ],
            "No terms of office end in the next 60 days.",
        )
        self._fill(
            self.consent,
            [
                (f"{r.person_name}: consent review {'was due' if r.review_on < today else 'due'} "
                 f"{format_uk(r.review_on)}, {days_until(today, r.review_on)}", r.person_id)
                for r in reviews
            ],
            "No consent reviews are due.",
        )

"""The Today page: what needs doing soon, with each line opening the person it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.reminders import CONSENT_REVIEW_WINDOW_DAYS, TERM_ENDING_WINDOW_DAYS, days_until
from partnerdesk.services.people_list import PeopleFilter, count_people
from partnerdesk.services.today import consent_reviews_due, terms_ending
from partnerdesk.ui.ops import Writer

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TodayPage(QWidget):
    """Terms of office ending soon and consent reviews due."""

    open_person = Signal(str)
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
        self.terms_title.setBuddy(self.terms)
        self.consent_title.setBuddy(self.consent)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_first, alignment=Qt.AlignmentFlag.AlignLeft)
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
        return widget

    def _activated(self, item: QListWidgetItem) -> None:
        person_id = item.data(PERSON_ID_ROLE)
        if person_id:
            self.open_person.emit(person_id)

    @staticmethod
    def _fill(widget: QListWidget, lines: list[tuple[str, str | None]], nothing: str) -> None:
        widget.clear()
        for text, person_id in lines or [(nothing, None)]:
            item = QListWidgetItem(text, widget)
            item.setData(PERSON_ID_ROLE, person_id)

    def refresh(self) -> None:
        """Re-read the reminders from the database."""
        today = today_uk()
        self.heading.setText(f"Today, {today:%A} {today.day} {today:%B %Y}")

        def read(session):
            everyone = count_people(session, PeopleFilter())
            return terms_ending(session, today), consent_reviews_due(session, today), everyone

        terms, reviews, people = self.writer.read(read)
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

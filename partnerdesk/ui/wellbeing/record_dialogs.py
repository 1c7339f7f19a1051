"""Small forms of the Supervision and training area: a supervisor–supervisee pair, a training completion, and the
list of training courses. Each saves in one go and shows what to fix by the field."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.people.people import get_person
from partnerdesk.services.wellbeing.supervision import create_pair, get_pair, update_pair
from partnerdesk.services.wellbeing.training import list_courses, record_training, save_course
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import SmallForm
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import text_box
from partnerdesk.ui.widgets.fitting import short_combo
from partnerdesk.ui.widgets.person_picker import PersonPicker


class PairDialog(SmallForm):
    """Name a supervisor for a supervisee, from a date (and, to end it, until a date)."""

    def __init__(self, writer: Writer, pair_id: str | None = None, parent: QWidget | None = None):
        super().__init__(writer, _("Supervision pair"), parent=parent)
        self.pair_id = pair_id
        self.supervisor = self.fields.row(
            self.tab, _("Su&pervisor"), "supervisor_id", PersonPicker(writer, _("Supervisor"))
        )
        self.supervisee = self.fields.row(self.tab, _("Supervis&ee"), "supervisee_id",
                                          PersonPicker(writer, _("Person supervised")))  # fmt: skip
        self.starts = self.fields.row(self.tab, _("&From"), "starts_on", UkDateEdit(_("Supervision from")))
        self.ends = self.fields.row(self.tab, _("&Until (optional)"), "ends_on", UkDateEdit(_("Supervision until")))
        self.starts.set_date(today_uk())
        self.opened_version: int | None = None  # of the pair being changed, as read
        self.load()
        self.supervisor.setFocus()

    def load(self) -> None:
        if self.pair_id is None:
            return
        pair_id = self.pair_id

        def read(session):
            pair = get_pair(session, pair_id)
            return pair, get_person(session, pair.supervisor_id).full_name, get_person(
                session, pair.supervisee_id).full_name  # fmt: skip

        pair, supervisor, supervisee = self.writer.read(read)
        self.opened_version = pair.version
        self.supervisor.set_person(pair.supervisor_id, supervisor)
        self.supervisee.set_person(pair.supervisee_id, supervisee)
        self.starts.set_date(pair.starts_on)
        self.ends.set_date(pair.ends_on)

    def values(self):
        data, problems = self.fields.values(("starts_on", "ends_on"))
        return {**data, "supervisor_id": self.supervisor.person_id(),
                "supervisee_id": self.supervisee.person_id()}, problems  # fmt: skip

    def work(self, session, data):
        if self.pair_id is None:
            return create_pair(session, data).id
        return update_pair(session, self.pair_id, data, self.opened_version).id


class TrainingDialog(SmallForm):
    """Record that a person completed a course on a day."""

    def __init__(self, writer: Writer, person: tuple[str, str] | None = None, course_id: str | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(writer, _("Record training"), _("&Record"), parent)
        self.person = self.fields.row(self.tab, _("&Person"), "person_id", PersonPicker(writer, _("Person trained")))
        self.course = short_combo()
        self.course.setAccessibleName(_("Course"))
        for course in writer.read(list_courses):
            self.course.addItem(course.name, course.course_id)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.fields.row(self.tab, _("&Course"), "course_id", self.course)
        self.completed = self.fields.row(self.tab, _("Completed &on"), "completed_on", UkDateEdit(_("Completed on")))
        self.completed.set_date(today_uk())
        if person is not None:
            self.person.set_person(*person)
            self.course.setFocus()
        else:
            self.person.setFocus()

    def values(self):
        data, problems = self.fields.values(("completed_on",))
        return {**data, "person_id": self.person.person_id(), "course_id": self.course.currentData()}, problems

    def work(self, session, data):
        return record_training(session, data).id


class CourseDialog(SmallForm):
    """Add a training course, or change one's name or renewal period."""

    def __init__(self, writer: Writer, course=None, parent: QWidget | None = None):
        super().__init__(writer, _("Training course"), parent=parent)
        self.course_id = course.course_id if course else None
        self.name = self.fields.row(self.tab, _("&Name"), "name", text_box(_("Course name")))
        self.months = QSpinBox()
        self.months.setAccessibleName(_("Renew every (months)"))
        self.months.setRange(0, 240)
        self.months.setSpecialValueText(_("Never (done once)"))
        self.fields.row(self.tab, _("&Renew every (months)"), "renewal_months", self.months)
        if course is not None:
            self.name.setText(course.name)
            self.months.setValue(course.renewal_months or 0)
        self.name.setFocus()

    def values(self):
        return {"name": self.name.text(), "renewal_months": self.months.value() or None}, {}

    def work(self, session, data):
        return save_course(session, self.course_id, data["name"], data["renewal_months"]).id

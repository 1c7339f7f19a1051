"""The impact poll's small forms: record one person's answers in a round (one 1 to 5 answer per question, typed
quickly from a paper form; anything else refused by its question and nothing saved), add a question, and note an
anonymised theme for the steering group."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.programmes import POLL_ROUNDS, likert_problem
from partnerdesk.services.programmes.polls import add_question, add_theme, questions_of, record_answers
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.reading import participants, side_names
from partnerdesk.ui.wellbeing.common import SmallForm
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import long_text_box, text_box
from partnerdesk.ui.widgets.fitting import short_combo


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class PollAnswersDialog(SmallForm):
    """One person's answers to the programme's poll in one round."""

    def __init__(self, writer: Writer, programme_id: str, parent: QWidget | None = None):
        super().__init__(writer, _("Record poll answers"), _("&Save answers"), parent, name=_("Poll answers"),
                         tab=_("&Answers"), width=640)  # fmt: skip
        self.programme_id = programme_id

        def read(session):
            questions = [(q.id, q.wording) for q in questions_of(session, programme_id)]
            return questions, participants(session, programme_id), side_names(session, programme_id)

        questions, people, sides = writer.read(read)
        self.tab.addRow(_words(_("Type each answer from 1 (lowest) to 5 (highest); leave a question blank if it was "
                                 "not answered. Results are only shown as averages over enough people, never one "
                                 "person's answers.")))  # fmt: skip
        person = short_combo(QComboBox(), 28)
        person.setAccessibleName(_("Who answered"))
        person.addItem(_("Choose who answered"), None)
        for who in people:
            person.addItem(_("{name} ({side})").format(name=who.name, side=sides[0] if who.side == "a" else sides[1]),
                           who.person_id)  # fmt: skip
        self.person: QComboBox = self.fields.row(self.tab, _("&Who answered"), "person_id", person)
        self.round = self.fields.row(self.tab, _("&Round"), "round", ChoiceCombo(POLL_ROUNDS, _("Round")))
        self.answered_on = self.fields.row(self.tab, _("&Date"), "answered_on", UkDateEdit(_("Date answered")))
        self.answered_on.set_date(today_uk())
        self.answers: dict[str, QLineEdit] = {}
        for question_id, wording in questions:
            box = QLineEdit()
            box.setAccessibleName(_("Answer from 1 to 5: {question}").format(question=wording))
            box.setPlaceholderText(_("1 to 5"))
            box.setMaxLength(3)
            box.setMinimumWidth(80)
            box.setMaximumWidth(120)
            self.answers[question_id] = self.fields.row(self.tab, wording, question_id, box)
            self.fields.captions[question_id].setWordWrap(True)
        if not questions:
            self.tab.addRow(_words(_("This programme's poll has no questions yet. Add them on the Polls tab first.")))
        self.person.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("person_id", "round", "answered_on"))
        if not data["person_id"]:
            problems["person_id"] = _("Please choose who answered.")
        if "answered_on" not in problems and data["answered_on"] is None:
            problems["answered_on"] = _("Please give the date the answers were given.")
        answers: dict[str, Any] = {}
        for question_id, box in self.answers.items():
            typed = box.text().strip()
            if not typed:
                continue
            answers[question_id] = int(typed) if typed.isdigit() else typed
            if why := likert_problem(answers[question_id]):  # the service says the same; here before any save
                problems[question_id] = why
        data["answers"] = answers
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return record_answers(session, self.programme_id, data["person_id"], data["round"], data["answered_on"],
                              data["answers"])  # fmt: skip


class QuestionDialog(SmallForm):
    """Add a question to the programme's poll, answered from 1 to 5."""

    def __init__(self, writer: Writer, programme_id: str, parent: QWidget | None = None):
        super().__init__(writer, _("Add a poll question"), _("&Add question"), parent, name=_("Poll question"),
                         tab=_("&Question"), width=560)  # fmt: skip
        self.programme_id = programme_id
        self.tab.addRow(_words(_("People answer each question from 1 (lowest) to 5 (highest), at the start, at "
                                 "intervals and at the end, so the change shows.")))  # fmt: skip
        self.wording = self.fields.row(self.tab, _("&Wording"), "wording", text_box(_("Question"), 300))
        self.wording.setPlaceholderText(_("for example: How confident do you feel speaking at board meetings?"))
        self.wording.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        return self.fields.values(("wording",))

    def work(self, session, data: dict[str, Any]) -> Any:
        return add_question(session, self.programme_id, data["wording"])


class ThemeDialog(SmallForm):
    """Note a theme for the steering group, in words that name nobody."""

    def __init__(self, writer: Writer, programme_id: str, parent: QWidget | None = None):
        super().__init__(writer, _("Add a steering group theme"), _("&Add theme"), parent, name=_("Theme"),
                         tab=_("&Theme"), width=560)  # fmt: skip
        self.programme_id = programme_id
        warning = _words(_("Themes go to the steering group. Do not name anyone, and leave out anything that could "
                           "tell who said it, such as a job title, an organisation or a health detail."))  # fmt: skip
        warning.setObjectName("formSummary")  # the form's warning style: this is the one thing to get right here
        warning.setAccessibleName(_("Do not name people in a theme"))
        self.tab.addRow(warning)
        self.noted_on = self.fields.row(self.tab, _("&Date"), "noted_on", UkDateEdit(_("Date noted")))
        self.noted_on.set_date(today_uk())
        self.theme = self.fields.row(self.tab, _("T&heme"), "theme", long_text_box(_("Theme"), 80))
        self.theme.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("noted_on", "theme"))
        if "noted_on" not in problems and data["noted_on"] is None:
            problems["noted_on"] = _("Please give the date the theme was noted.")
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return add_theme(session, self.programme_id, data["noted_on"], data["theme"])

"""The Polls tab of the Programmes page: the impact poll's questions and results in aggregate only (each item's
average at the start and now, as a chart with the same figures in a table beside it), recording answers, and the
steering group's log of anonymised themes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import format_uk
from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.programmes.polls import ItemResult, poll_results, themes_of
from partnerdesk.services.programmes.programmes import live_programme
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.poll_chart import PollChart, average_text, latest
from partnerdesk.ui.programmes.poll_dialog import PollAnswersDialog, QuestionDialog, ThemeDialog
from partnerdesk.ui.programmes.tab import ProgrammeTab
from partnerdesk.ui.wellbeing.common import fill_table, read_only_table
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.fitting import ButtonRow

WATCHED = ("programmes", "poll_questions", "poll_answers", "programme_themes")


def _result_cells(result: ItemResult) -> list[str]:
    _round, count, now = latest(result)
    change = ""
    if result.start_average is not None and now is not None:
        change = f"{now - result.start_average:+}"
    return [result.wording, average_text(result.start_count, result.start_average), average_text(count, now), change]


def _heading(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionHeading")
    return label


class PollsTab(ProgrammeTab):
    """The chosen programme's poll results and steering-group themes."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        poll = QWidget()
        column = QVBoxLayout(poll)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Poll summary"))
        self.poll_buttons = ButtonRow(_("More poll actions"))
        self.question_button = self._button(self.poll_buttons, _("Add a &question…"), _("Add a poll question"),
                                            self.add_question)  # fmt: skip
        self.answers_button = self._button(self.poll_buttons, _("Record ans&wers…"), _("Record poll answers"),
                                           self.record_answers)  # fmt: skip
        top = QWidget()
        row = QVBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(_heading(_("Impact poll: average answers, from 1 to 5")))
        row.addWidget(self.summary)
        column.addWidget(top)
        results = QSplitter(Qt.Orientation.Horizontal)
        self.chart = PollChart(_("Chart of average poll answers at the start and now"))
        self.table = read_only_table((_("Question"), _("Start"), _("Now"), _("Change")),
                                     _("Poll results: average answers"), (220, 70, 70, 70))  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the question takes what the figures leave
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        show_when_empty(self.table, NextStep(_("No questions yet."), _("Add a question"), self.add_question),
                        NextStep(_("Choose a programme to see its poll.")), lambda: self.programme_id is None)
        results.addWidget(self.chart)
        results.addWidget(self.table)
        results.setChildrenCollapsible(False)
        column.addWidget(results, 1)
        column.addWidget(self.poll_buttons)
        themes = QWidget()
        lower = QVBoxLayout(themes)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(_heading(_("Steering group themes (anonymised: no names)")))
        self.themes = read_only_table((_("Noted on"), _("Theme")), _("Steering group themes"), (100,))
        self.themes.setWordWrap(True)
        show_when_empty(self.themes, NextStep(_("No themes noted yet."), _("Add a theme"), self.add_theme),
                        NextStep(_("Choose a programme to see its themes.")), lambda: self.programme_id is None)
        lower.addWidget(self.themes, 1)
        self.theme_buttons = ButtonRow(_("More theme actions"))
        self.theme_button = self._button(self.theme_buttons, _("Add a &theme…"), _("Add a steering group theme"),
                                         self.add_theme)  # fmt: skip
        lower.addWidget(self.theme_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(poll)
        split.addWidget(themes)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        writer.watch(self, WATCHED, self.refresh)
        self.refresh()

    @staticmethod
    def _button(row: ButtonRow, text: str, name: str, action) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: action())
        row.add(button)
        return button

    def refresh(self) -> None:
        results: list[ItemResult] = []
        themes: list[tuple[str | None, list[str], bool]] = []
        if self.programme_id is not None:
            def read(session):
                live_programme(session, self.programme_id or "")
                found = poll_results(session, self.programme_id or "")
                noted = themes_of(session, self.programme_id or "")
                return found, [(t.id, [format_uk(t.noted_on), t.theme], False) for t in noted]

            try:
                results, themes = self.writer.read(read)
            except (NotFound, ValidationError):  # erased or binned meanwhile: shown as nothing chosen
                self.programme_id = None
        self.chart.set_results(results)
        fill_table(self.table, [(None, _result_cells(r), False) for r in results])
        fill_table(self.themes, themes)
        self.themes.resizeRowsToContents()
        self.summary.setText(self._summary(len(results)) if self.programme_id else "")
        chosen = self.programme_id is not None
        self.question_button.setEnabled(chosen)
        self.answers_button.setEnabled(chosen and bool(results))
        self.theme_button.setEnabled(chosen)

    @staticmethod
    def _summary(questions: int) -> str:
        if not questions:
            return _("No poll questions yet. Add the questions people answer from 1 to 5 at the start, at intervals "
                     "and at the end; the change shows here.")
        return ngettext(
            "{n} question. An average is shown only when enough people answered for nobody's answer to be told; "
            "the hollow dot is the start, the filled dot the latest answers (the end once there are end answers).",
            "{n} questions. An average is shown only when enough people answered for nobody's answer to be told; "
            "the hollow dot is the start, the filled dot the latest answers (the end once there are end answers).",
            questions,
        ).format(n=questions)

    # --- actions ------------------------------------------------------------------------------------------
    def add_question(self) -> None:
        """Add a question to the chosen programme's poll."""
        if self.programme_id is not None:
            QuestionDialog(self.writer, self.programme_id, self).exec()

    def record_answers(self) -> None:
        """Record one person's answers in a round."""
        if self.programme_id is not None:
            PollAnswersDialog(self.writer, self.programme_id, self).exec()

    def add_theme(self) -> None:
        """Note an anonymised theme for the steering group."""
        if self.programme_id is not None:
            ThemeDialog(self.writer, self.programme_id, self).exec()

"""The Matching tab: suggested pairs for everyone in the chosen programme not yet in a pair, each with its score and
the reasons in plain words. The organiser accepts one or all, swaps partners between two suggestions, or makes a
pair by hand; the pairs service checks each pair and asks first about one the applications rule out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.programmes import Applicant, match_score, pair_problem
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.programmes.names import people_names
from partnerdesk.services.programmes.pairs import accept_pair, applicant, paired_people, suggestions
from partnerdesk.services.programmes.programmes import applications_for, get_programme
from partnerdesk.ui.expenses.confirm import run_confirmed
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.tab import ProgrammeTab
from partnerdesk.ui.wellbeing.common import fill_table, read_only_table
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.fitting import ButtonRow, FlowLayout

HEADINGS = (N_("First side"), N_("Second side"), N_("Score"), N_("Why"))
Flag = QItemSelectionModel.SelectionFlag
WATCHED = ("programmes", "programme_applications", "programme_pairs", "people")


@dataclass
class Suggestion:
    """A suggested pair on show: the two applicants, their names, and the score with its reasons."""

    a: Applicant
    b: Applicant
    score: int
    reasons: tuple[str, ...]


class MatchingTab(ProgrammeTab):
    """Suggest, swap, accept, or pair by hand."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        self.suggested: list[Suggestion] = []
        self.names: dict[str, str] = {}
        self.sides = (_("First side"), _("Second side"))
        self.same_organisation_allowed = False
        intro = QLabel(_("Suggested pairs give the best total score for everyone not yet in a pair: shared communities "
                         "and areas, what each can learn from the other, and time in common. Nobody is paired with "
                         "someone their application rules out."))  # fmt: skip
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("fieldMessage")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.table = read_only_table(HEADINGS, _("Suggested pairs"), (170, 170, 60))
        # Two rows at once for a swap (Ctrl+click, or Shift and the arrow keys).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = show_when_empty(
            self.table,
            NextStep(_("No suggestions on show. Press Suggest pairs once both sides have applicants."),
                     _("Suggest pairs"), self.suggest),
            NextStep(_("Choose a programme to match its applicants.")), lambda: self.programme_id is None,
        )  # fmt: skip
        # The reasons are the point of a suggestion: the selected one's are shown whole, under the table.
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setAccessibleName(_("Why the selected pair is suggested"))
        self.table.itemSelectionChanged.connect(self._explain)
        self.starts_on = UkDateEdit(_("Pairs start on"))
        starts_label = QLabel(_("Pairs s&tart on"))
        starts_label.setBuddy(self.starts_on)
        self.suggest_button = self._button(_("&Suggest pairs"), _("Suggest the best pairs"), self.suggest)
        self.accept_button = self._button(_("Acce&pt pair"), _("Accept the selected suggested pairs"),
                                          self.accept_selected)  # fmt: skip
        self.accept_all_button = self._button(_("Accept a&ll"), _("Accept every suggested pair"), self.accept_all)
        self.swap_button = self._button(_("S&wap partners"), _("Swap the partners of the two selected suggestions"),
                                        self.swap_selected)  # fmt: skip
        self.by_hand_button = self._button(_("Pair &by hand…"), _("Make a pair of your own choosing"),
                                           self.pair_by_hand)  # fmt: skip
        when = FlowLayout()
        when.add(starts_label, self.starts_on)
        buttons = ButtonRow(_("More matching actions"))
        for button in (self.by_hand_button, self.swap_button, self.accept_all_button, self.accept_button,
                       self.suggest_button):  # fmt: skip
            buttons.add(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(when)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.why)
        layout.addWidget(buttons)
        writer.watch(self, WATCHED, self.refresh)

    @staticmethod
    def _button(text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _say(self, message: str | None) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    # --- reading -----------------------------------------------------------------------------------------------
    def show_programme(self, programme_id: str | None) -> None:
        """A different programme drops the suggestions on show; the same one keeps them."""
        if programme_id != self.programme_id:
            self.suggested = []
            self._say(None)
            self.starts_on.set_date(None)
        super().show_programme(programme_id)

    def refresh(self) -> None:
        """Keep the suggestions whose two people are still free to pair (after a pair is accepted, for example)."""
        programme_id = self.programme_id
        if programme_id is None:
            self.suggested = []
            self._show()
            return

        def read(session):
            programme = get_programme(session, programme_id)
            taken = paired_people(session, programme_id)
            free = {a.person_id for a in applications_for(session, programme_id)} - taken
            return (programme.side_a_name, programme.side_b_name), programme.same_organisation_allowed, \
                programme.starts_on, free  # fmt: skip

        self.sides, self.same_organisation_allowed, starts_on, free = self.writer.read(read)
        if not self.starts_on.text().strip():
            self.starts_on.set_date(max(starts_on or today_uk(), today_uk()))
        self.suggested = [s for s in self.suggested if s.a.person_id in free and s.b.person_id in free]
        self._show()

    def _show(self) -> None:
        self.table.setHorizontalHeaderLabels([self.sides[0], self.sides[1], _("Score"), _("Why")])
        rows = [(str(number), [self.names.get(s.a.person_id, ""), self.names.get(s.b.person_id, ""), str(s.score),
                               " ".join(s.reasons)], False) for number, s in enumerate(self.suggested)]  # fmt: skip
        fill_table(self.table, rows)
        self.empty.update_state()  # a programme chosen (or none) changes what an empty list says
        self._explain()

    def _explain(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.why.setText("")
            return
        chosen = self.suggested[rows[0]]
        self.why.setText(_("{first} and {second} (score {score}): {reasons}").format(
            first=self.names.get(chosen.a.person_id, ""), second=self.names.get(chosen.b.person_id, ""),
            score=chosen.score, reasons=" ".join(chosen.reasons) or _("nothing in common was found.")))  # fmt: skip

    def suggest(self) -> int:
        """Work out the best pairs for everyone not yet in a pair and show them; returns how many."""
        programme_id = self.programme_id
        if programme_id is None:
            return 0

        def read(session):
            found = suggestions(session, programme_id)
            applicants = {a.person_id: applicant(a) for a in applications_for(session, programme_id)}
            people = {s.side_a_person_id for s in found} | {s.side_b_person_id for s in found}
            names = people_names(session, people)
            return found, applicants, names

        found, applicants, names = self.writer.read(read)
        self.names.update(names)
        self.suggested = [Suggestion(applicants[s.side_a_person_id], applicants[s.side_b_person_id], s.match.score,
                                     s.match.reasons) for s in found]  # fmt: skip
        self.refresh()
        if not self.suggested:
            self._say(_("No pairs can be suggested: each side needs at least one applicant who is not yet in a pair, "
                        "and their applications must not rule each other out."))  # fmt: skip
        else:
            self._say(None)
            self.writer.tell(ngettext("{n} pair suggested", "{n} pairs suggested", len(self.suggested)).format(
                n=len(self.suggested)))  # fmt: skip
        return len(self.suggested)

    # --- changing the suggestions --------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def swap_selected(self) -> bool:
        """Swap the partners of the two selected suggestions; the scores and reasons are worked out again."""
        rows = self.selected_rows()
        if len(rows) != 2:
            self._say(_("Select two suggested pairs to swap their partners (hold Ctrl and click the second)."))
            return False
        first, second = (self.suggested[row] for row in rows)
        self.suggested[rows[0]] = self._scored(first.a, second.b)
        self.suggested[rows[1]] = self._scored(second.a, first.b)
        self._say(None)
        self._show()
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:  # the two swapped stay selected, so the organiser sees what changed
            selection.select(self.table.model().index(row, 0), Flag.Select | Flag.Rows)
        return True

    def _scored(self, a: Applicant, b: Applicant) -> Suggestion:
        match = match_score(a, b, self.sides)
        problem = pair_problem(a, b, self.same_organisation_allowed)
        return Suggestion(a, b, match.score, ((problem,) if problem else ()) + match.reasons)

    # --- accepting ----------------------------------------------------------------------------------------------
    def accept_selected(self) -> int:
        """Accept the selected suggestions as pairs; returns how many were accepted."""
        rows = self.selected_rows()
        if not rows:
            self._say(_("Select a suggested pair first, or press Accept all."))
            return 0
        return self._accept([self.suggested[row] for row in rows])

    def accept_all(self) -> int:
        """Accept every suggestion on show as a pair; returns how many were accepted."""
        return self._accept(list(self.suggested))

    def _start_date(self) -> date | None:
        try:
            starts = self.starts_on.date_value()
        except ValueError as why:
            self._say(str(why))
            return None
        if starts is None:
            self._say(_("Please type the day the pairs start, for example 01/09/2026."))
        return starts

    def _accept(self, chosen: list[Suggestion]) -> int:
        programme_id, starts = self.programme_id, self._start_date()
        if programme_id is None or not chosen or starts is None:
            return 0

        def work(session, confirmed: bool) -> int:
            for s in chosen:
                accept_pair(session, programme_id, s.a.person_id, s.b.person_id, starts, confirmed=confirmed)
            return len(chosen)

        try:
            done = run_confirmed(self.writer, self, _("Accept these pairs?"), work)
        except ValidationError as why:
            self._say(" ".join(why.messages.values()))
            return 0
        if done:
            self._say(None)
            self.writer.tell(ngettext("Accepted {n} pair", "Accepted {n} pairs", done).format(n=done))
        return done or 0

    def pair_by_hand(self) -> str | None:
        """Choose two applicants and pair them, whatever the suggestions say; returns the new pair's id."""
        if self.programme_id is None:
            return None
        from partnerdesk.ui.programmes.hand_pair_dialog import HandPairDialog

        dialog = HandPairDialog(self.writer, self.programme_id, self.starts_on.text(), self)
        dialog.exec()
        return dialog.saved_id

"""What an organiser does to one pair besides logging time: end it (early, or completed) with a date and a reason,
re-match the partner who stays after an early end (best suggestions first, each with its reasons), and pay the
backfill due to the side released from work, as a draft claim in Expenses."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import BENEFITS_NOTE
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.programmes.activities import backfill_for, create_backfill_claim
from partnerdesk.services.programmes.pairs import (
    SuggestedPair,
    get_pair,
    paired_people,
    rematch,
    rematch_suggestions,
    set_pair_status,
)
from partnerdesk.services.programmes.programmes import live_programme
from partnerdesk.services.programmes.report import programme_report
from partnerdesk.ui.expenses.confirm import run_confirmed
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.reading import names_of
from partnerdesk.ui.wellbeing.common import SmallForm, fill_table, read_only_table, selected_id
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import text_box
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo


class PairEndDialog(SmallForm):
    """End a pair early, or mark it completed: the day and, in a few words, why (kept with the pair's history)."""

    def __init__(self, writer: Writer, pair_id: str, version: int, status: str, parent: QWidget | None = None):
        early = status == "ended_early"
        super().__init__(writer, _("End the pair early") if early else _("Mark the pair completed"),
                         _("End the &pair") if early else _("&Mark completed"), parent, name=_("Ending the pair"),
                         tab=_("&Ending"), width=520)  # fmt: skip
        self.pair_id, self.version, self.status = pair_id, version, status
        words = QLabel(_("The pair stays in the programme's history with its logged time. After an early end you "
                         "can re-match the partner who stays.") if early else
                       _("The pair stays in the programme's history with its logged time."))  # fmt: skip
        words.setWordWrap(True)
        self.tab.addRow(words)
        self.on = self.fields.row(self.tab, _("&Date"), "ends_on", UkDateEdit(_("Date the pair ended")))
        self.on.set_date(today_uk())
        reason = _("Why it ended early (no names or health details)") if early else _("Note (optional)")
        self.reason = self.fields.row(self.tab, _("&Reason"), "reason", text_box(reason, 300))
        self.reason.setPlaceholderText(_("for example: a partner changed job") if early else "")
        self.on.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("ends_on", "reason"))
        if not problems and data["ends_on"] is None:
            problems["ends_on"] = _("Please give the day the pair ended.")
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return set_pair_status(session, self.pair_id, self.status, data["ends_on"], data["reason"], self.version)


class RematchDialog(SmallForm):
    """Pair the partner who stays from an ended pair with someone new; the new pair names the ended one."""

    def __init__(self, writer: Writer, pair_id: str, parent: QWidget | None = None):
        super().__init__(writer, _("Re-match after an early end"), _("&Pair them"), parent,
                         name=_("Re-matching"), tab=_("&New partner"), width=760)  # fmt: skip
        self.pair_id = pair_id

        def read(session):
            pair = get_pair(session, pair_id)
            people = [pair.side_a_person_id, pair.side_b_person_id]
            taken = paired_people(session, pair.programme_id)
            return people, taken, names_of(session, set(people))

        people, taken, names = writer.read(read)
        words = QLabel(_("Choose who stays in the programme, then their new partner. Suggestions are best first; "
                         "the ended pair is kept in the history."))  # fmt: skip
        words.setWordWrap(True)
        self.tab.addRow(words)
        staying = short_combo(QComboBox())
        staying.setAccessibleName(_("Who stays"))
        for person_id in people:
            if person_id not in taken:  # already in a new pair: nothing left to re-match for them
                staying.addItem(names[person_id], person_id)
        self.staying: QComboBox = self.fields.row(self.tab, _("&Who stays"), "person_id", staying)
        self.table = read_only_table((_("New partner"), _("Score"), _("Why")), _("Suggested new partners"),
                                     (200, 60))  # fmt: skip
        self.table.setMinimumHeight(160)
        self.fields.row(self.tab, _("&Suggestions"), "partner", self.table)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setAccessibleName(_("Why this partner is suggested"))
        self.tab.addRow("", self.why)
        self.table.itemSelectionChanged.connect(self._explain)
        self.nobody = QLabel()
        self.nobody.setWordWrap(True)
        self.tab.addRow(self.nobody)
        self.starts_on = self.fields.row(self.tab, _("S&tarts on"), "starts_on", UkDateEdit(_("New pair starts on")))
        self.starts_on.set_date(today_uk())
        self.suggested: list[SuggestedPair] = []
        staying.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.staying.setFocus()

    def _suggest(self) -> None:
        """Read the suggestions for whoever is chosen to stay."""
        person_id = self.staying.currentData()
        rows: list[tuple[str | None, list[str], bool]] = []
        self.suggested = []
        if person_id:
            def read(session):
                found = rematch_suggestions(session, self.pair_id, person_id)
                others = {s.side_b_person_id if s.side_a_person_id == person_id else s.side_a_person_id
                          for s in found}  # fmt: skip
                return found, names_of(session, others)

            try:
                self.suggested, names = self.writer.read(read)
            except ValidationError as exc:
                self.nobody.setText(" ".join(exc.messages.values()))
                self.suggested, names = [], {}
            for suggestion in self.suggested:
                other = self._partner(suggestion)
                rows.append((other, [names[other], str(suggestion.match.score), " ".join(suggestion.match.reasons)],
                             False))  # fmt: skip
        fill_table(self.table, rows)
        self._explain()
        if person_id and not rows and not self.nobody.text():
            self.nobody.setText(_("Nobody on the other side is free to partner them. Record a new application to "
                                  "the programme first, then come back here."))  # fmt: skip
        elif not person_id:
            self.nobody.setText(_("Both partners are already in new pairs: there is nobody left to re-match."))
        elif rows:
            self.nobody.setText("")
        self.nobody.setVisible(bool(self.nobody.text()))

    def _explain(self) -> None:
        """Say in full why the chosen partner is suggested (the table's cell is cut short)."""
        chosen = selected_id(self.table)
        found = next((s for s in self.suggested if self._partner(s) == chosen), None)
        self.why.setText(" ".join(found.match.reasons) if found else "")
        self.why.setVisible(found is not None)

    def _partner(self, suggestion: SuggestedPair) -> str:
        staying = self.staying.currentData()
        return suggestion.side_b_person_id if suggestion.side_a_person_id == staying else suggestion.side_a_person_id

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("person_id", "starts_on"))
        data["partner"] = selected_id(self.table)
        if not data["person_id"]:
            problems["person_id"] = _("There is nobody left to re-match from this pair.")
        elif not data["partner"]:
            problems["partner"] = _("Please choose the new partner from the suggestions.")
        if "starts_on" not in problems and data["starts_on"] is None:
            problems["starts_on"] = _("Please give the day the new pair starts.")
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return rematch(session, self.pair_id, data["person_id"], data["partner"], data["starts_on"])


class BackfillDialog(QDialog):
    """The backfill due to each person on the paid side, from their logged time at the programme's rates and cap,
    with what live claims already pay; Create claim makes a draft claim in Expenses for what is due."""

    def __init__(self, writer: Writer, programme_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.programme_id = writer, programme_id
        self.setWindowTitle(_("Backfill due"))
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.table = read_only_table((_("Person"), _("Half days logged"), _("On claims already"), _("Due now")),
                                     _("Backfill due by person"), (220, 130, 140))  # fmt: skip
        buttons = QDialogButtonBox()
        self.create = buttons.addButton(_("&Create claim"), QDialogButtonBox.ButtonRole.ActionRole)
        self.create.setAccessibleName(_("Create a claim for the chosen person's backfill"))
        self.create.clicked.connect(self.create_claim)
        self.table.itemSelectionChanged.connect(self._offer)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.words)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.due: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.refresh()
        fit_to_screen(self, buttons)
        self.resize(max(self.width(), 760), max(self.height(), 380))

    def refresh(self) -> None:
        """Read what is due again (after a claim is made, its half days count as paid)."""

        def read(session):
            programme = live_programme(session, self.programme_id)
            report = programme_report(session, programme)
            payable = {line.person_id: backfill_for(session, programme.id, line.person_id).half_days_payable
                       for line in report.backfill}  # fmt: skip
            side = None
            if programme.backfill_side:
                side = programme.side_a_name if programme.backfill_side == "a" else programme.side_b_name
            return side, report.backfill, payable, names_of(session, set(payable))

        side, lines, payable, self.names = self.writer.read(read)
        if side is None:
            self.words.setText(_("This programme pays no backfill. To pay it, choose the side that is paid in the "
                                 "programme's details."))  # fmt: skip
        else:
            self.words.setText(_("Backfill for each {side} from the time they logged, at the programme's rates and "
                                 "up to its limit. Choose a person and Create claim: a draft claim is made in "
                                 "Expenses, to check and send for approval there.").format(side=side))  # fmt: skip
        self.due = {line.person_id: line.due_pence for line in lines}
        rows: list[tuple[str | None, list[str], bool]] = [
            (line.person_id, [self.names[line.person_id], str(line.half_days_earned),
                              format_pounds(line.claimed_pence),
                              _("{amount} ({count})").format(amount=format_pounds(line.due_pence), count=ngettext(
                                  "{n} half day", "{n} half days", payable[line.person_id]).format(
                                  n=payable[line.person_id])) if line.due_pence else _("Nothing due")], False)
            for line in sorted(lines, key=lambda line: self.names[line.person_id].casefold())
        ]  # fmt: skip
        fill_table(self.table, rows)
        self.table.resizeColumnsToContents()
        self._offer()

    def _offer(self) -> None:
        """Create claim only for someone with backfill due."""
        self.create.setEnabled(bool(self.due.get(selected_id(self.table) or "")))

    def create_claim(self) -> str | None:
        """Make a draft claim for the chosen person's backfill and say where it is; returns the claim's id."""
        person_id = selected_id(self.table)
        if person_id is None:
            return None
        if not self.due.get(person_id):
            QMessageBox.information(self, _("Nothing due"), _("No backfill is due to this person now: every half "
                                                               "day they logged is on a claim already, or the limit "
                                                               "is reached."))  # fmt: skip
            return None
        amount = format_pounds(self.due[person_id])
        try:
            claim_id = run_confirmed(self.writer, self, _("Create the backfill claim?"),
                                     lambda session, ok: create_backfill_claim(session, self.programme_id, person_id,
                                                                               today_uk(), confirmed=ok),
                                     _(BENEFITS_NOTE))  # fmt: skip
        except ValidationError as exc:
            QMessageBox.information(self, _("No claim made"), " ".join(exc.messages.values()))
            return None
        if claim_id is not None:
            self.writer.tell(_("Made a draft backfill claim of {amount} for {name}. It is in Expenses, with the "
                               "other claims: check it there and send it for approval.").format(
                amount=amount, name=self.names[person_id]))  # fmt: skip
            self.refresh()
        return claim_id

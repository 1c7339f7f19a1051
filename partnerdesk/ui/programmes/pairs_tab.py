"""The Pairs tab of the Programmes page: every pair of the chosen programme (history included) with each side's
hours against their commitment, the required activities done, and "Falling behind" in words (red too, never colour
alone); and what an organiser does to a pair: log time, pause or resume, end early or complete, re-match the partner
who stays, and pay backfill through Expenses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.programmes import ACTIVITY_KINDS, PAIR_STATUSES, Progress, format_hours
from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.programmes.activities import activities_of, programme_progress
from partnerdesk.services.programmes.pairs import set_pair_status
from partnerdesk.services.programmes.programmes import live_programme
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.activity_dialog import ActivityDialog
from partnerdesk.ui.programmes.pair_dialogs import BackfillDialog, PairEndDialog, RematchDialog
from partnerdesk.ui.programmes.reading import names_of
from partnerdesk.ui.programmes.tab import ProgrammeTab
from partnerdesk.ui.wellbeing.common import fill_table, read_only_table, selected_id
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.fitting import ButtonRow

WATCHED = ("programmes", "programme_pairs", "pair_activities", "programme_applications", "people", "claims")
FINISHED = ("ended_early", "completed")
HOURS = 3  # the first of the two hours columns
WIDEST = 280  # pixels: no column pushes the progress out of view


@dataclass(frozen=True)
class PairRow:
    """One pair as the table shows it, with what the buttons need (its status and version)."""

    pair_id: str
    status: str
    version: int
    cells: list[str]
    behind: bool


def _hours(progress: Progress) -> str:
    return _("{logged} of {expected}").format(logged=format_hours(progress.logged_minutes),
                                              expected=format_hours(progress.expected_minutes))  # fmt: skip


def _activities(required: list[dict], missing: dict[str, int], logged: int) -> str:
    """Each required activity as done of required ("Leadership meeting: 1 of 3"); with none required, how many
    activities were logged."""
    if not required:
        return ngettext("{n} logged", "{n} logged", logged).format(n=logged)
    return "; ".join(_("{kind}: {done} of {required}").format(
        kind=_(ACTIVITY_KINDS.get(item["kind"], item["kind"])), done=int(item["count"]) - missing.get(item["kind"], 0),
        required=item["count"]) for item in required)  # fmt: skip


def _how_it_goes(status: str, sides: list[tuple[str, Progress]]) -> tuple[str, bool]:
    """The progress column's words and whether the pair is falling behind (finished pairs are not)."""
    if status in FINISHED:
        return _("Finished"), False
    late = [_("{side} {logged} of {due} due").format(side=side, logged=format_hours(p.logged_minutes),
                                                      due=format_hours(p.due_by_now_minutes))
            for side, p in sides if p.behind]  # fmt: skip
    if late:
        return _("Falling behind: {why}").format(why="; ".join(late)), True
    return _("On track"), False


def read_pairs(session, programme_id: str) -> tuple[tuple[str, str], list[PairRow]]:
    """The programme's side names and its pairs as rows, oldest first."""
    programme = live_programme(session, programme_id)
    progress = programme_progress(session, programme_id, today_uk())
    pairs = [p.pair for p in progress]
    logged = Counter(a.pair_id for a in activities_of(session, [p.id for p in pairs]))
    names = names_of(session, {person for p in pairs for person in (p.side_a_person_id, p.side_b_person_id)})
    replaced = {p.replaces_id for p in pairs if p.replaces_id}
    rows = []
    for done in progress:
        pair = done.pair
        status = _(PAIR_STATUSES.get(pair.status, pair.status))
        if pair.id in replaced:
            status = _("{status}, re-matched").format(status=status)
        elif pair.replaces_id:
            status = _("{status}, new partner").format(status=status)
        how, behind = _how_it_goes(pair.status, [(programme.side_a_name, done.side_a),
                                                 (programme.side_b_name, done.side_b)])  # fmt: skip
        cells = [names[pair.side_a_person_id], names[pair.side_b_person_id], how, _hours(done.side_a),
                 _hours(done.side_b), status, format_uk(pair.starts_on), format_uk(pair.ends_on),
                 _activities(programme.required_activities, done.side_a.activities_missing,
                             logged[pair.id])]  # fmt: skip
        rows.append(PairRow(pair.id, pair.status, pair.version, cells, behind))
    return (programme.side_a_name, programme.side_b_name), rows


class PairsTab(ProgrammeTab):
    """The chosen programme's pairs and what can be done to the selected one."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        self.rows: dict[str, PairRow] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Pairs summary"))
        # The progress comes straight after the names: on a small screen it is the column that must show.
        self.table = read_only_table(["", "", _("Progress"), "", "", _("Status"), _("Starts"), _("Ends"),
                                      _("Activities required")], _("Pairs"))  # fmt: skip
        self.table.itemSelectionChanged.connect(self._offer)
        self.table.doubleClicked.connect(lambda _index: self.log_time())
        show_when_empty(self.table, NextStep(_("No pairs yet. Accept suggested pairs on the Matching tab.")),
                        NextStep(_("Choose a programme to see its pairs.")),
                        lambda: self.programme_id is None)  # fmt: skip
        self.buttons = ButtonRow(_("More pair actions"))
        self.rematch_button = self._button(_("Re-ma&tch…"), _("Re-match the partner who stays"), self.rematch)
        self.backfill_button = self._button(_("&Backfill…"), _("Backfill due and claims"), self.backfill)
        self.complete_button = self._button(_("&Complete…"), _("Mark the pair completed"), self.complete)
        self.end_button = self._button(_("&End early…"), _("End the pair early"), self.end_early)
        self.pause_button = self._button(_("&Pause"), _("Pause or resume the pair"), self.pause_or_resume)
        self.log_button = self._button(_("&Log time…"), _("Log time or an activity for the pair"), self.log_time)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        writer.watch(self, WATCHED, self.refresh)
        self.refresh()

    def _button(self, text: str, name: str, action) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: action())
        self.buttons.add(button)
        return button

    def refresh(self) -> None:
        keep = selected_id(self.table)
        sides: tuple[str, str] = ("", "")
        rows: list[PairRow] = []
        if self.programme_id is not None:
            try:
                sides, rows = self.writer.read(lambda session: read_pairs(session, self.programme_id or ""))
            except (NotFound, ValidationError):  # erased or binned meanwhile: shown as nothing chosen
                self.programme_id = None
        self.rows = {row.pair_id: row for row in rows}
        for column, side in ((0, sides[0]), (1, sides[1])):
            self.table.horizontalHeaderItem(column).setText(side or _("Partner"))
        for column, side in ((HOURS, sides[0]), (HOURS + 1, sides[1])):
            self.table.horizontalHeaderItem(column).setText(_("{side} hours").format(side=side) if side else
                                                            _("Hours"))  # fmt: skip
        fill_table(self.table, [(row.pair_id, row.cells, row.behind) for row in rows])
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount() - 1):  # long names and reasons are cut, whole in the tooltip
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WIDEST))
        for number, row in enumerate(rows):
            if row.pair_id == keep:
                self.table.selectRow(number)
        self.summary.setText(self._summary(rows))
        self._offer()

    @staticmethod
    def _summary(rows: list[PairRow]) -> str:
        if not rows:
            return ""
        going = sum(row.status not in FINISHED for row in rows)
        behind = sum(row.behind for row in rows)
        text = ngettext("{n} pair going, ", "{n} pairs going, ", going).format(n=going)
        text += ngettext("{n} finished. ", "{n} finished. ", len(rows) - going).format(n=len(rows) - going)
        text += ngettext("{n} is falling behind (in red).", "{n} are falling behind (in red).", behind).format(
            n=behind) if behind else _("None is falling behind.")  # fmt: skip
        return text

    def selected(self) -> PairRow | None:
        """The pair chosen in the table."""
        pair_id = selected_id(self.table)
        return self.rows.get(pair_id) if pair_id else None

    def _offer(self) -> None:
        """Offer only what can be done to the chosen pair."""
        row = self.selected()
        going = row is not None and row.status not in FINISHED
        self.log_button.setEnabled(row is not None)
        self.pause_button.setEnabled(going)
        self.pause_button.setText(_("Res&ume") if row is not None and row.status == "paused" else _("&Pause"))
        self.end_button.setEnabled(going)
        self.complete_button.setEnabled(going)
        self.rematch_button.setEnabled(row is not None and row.status == "ended_early")
        self.backfill_button.setEnabled(self.programme_id is not None)

    # --- actions ------------------------------------------------------------------------------------------
    def log_time(self) -> None:
        """Log time or an activity for the chosen pair."""
        if (row := self.selected()) is not None:
            ActivityDialog(self.writer, row.pair_id, self).exec()

    def pause_or_resume(self) -> None:
        """Pause an active pair, or let a paused one go on."""
        row = self.selected()
        if row is None or row.status in FINISHED:
            return
        status = "active" if row.status == "paused" else "paused"
        done = self.writer.run_row(self, lambda session: set_pair_status(session, row.pair_id, status, today_uk(),
                                                                         version=row.version), self.refresh)
        if done is not None:
            self.writer.tell(_("The pair is paused.") if status == "paused" else _("The pair is going again."))

    def end_early(self) -> None:
        """End the chosen pair early, with the day and why."""
        self._end("ended_early")

    def complete(self) -> None:
        """Mark the chosen pair completed."""
        self._end("completed")

    def _end(self, status: str) -> None:
        row = self.selected()
        if row is not None and row.status not in FINISHED:
            PairEndDialog(self.writer, row.pair_id, row.version, status, self).exec()

    def rematch(self) -> None:
        """Find a new partner for whoever stays from a pair that ended early."""
        row = self.selected()
        if row is not None and row.status == "ended_early":
            RematchDialog(self.writer, row.pair_id, self).exec()

    def backfill(self) -> None:
        """Show the backfill due on this programme, and make claims for it."""
        if self.programme_id is not None:
            BackfillDialog(self.writer, self.programme_id, self).exec()

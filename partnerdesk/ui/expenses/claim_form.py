"""The claim form: who is claiming, when, for which meeting, budget heading and programme; then (once saved) its
lines and receipts, and its status with the steps it can take and its history.

The details are saved with Save (Ctrl+S) and kept as a draft while typing; lines, receipts and status steps are saved
one at a time as they are made. A claim that is approved, paid, rejected or void can't have its details changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import DELETABLE, EDITABLE, claim_reference, financial_year_label, financial_year_of
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.common.access import may_change
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.expenses.budgets import headings_for_year
from partnerdesk.services.expenses.claims import claim_data, create_claim, delete_claim, get_claim, update_claim
from partnerdesk.services.programmes.programmes import get_programme, list_programmes
from partnerdesk.ui.expenses.area import CLAIM_FORM
from partnerdesk.ui.expenses.lines_panel import LinesPanel
from partnerdesk.ui.expenses.status_panel import StatusPanel
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, show_value, typed_value, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.form_dialog import FormDialog
from partnerdesk.ui.widgets.meeting_picker import MeetingPicker
from partnerdesk.ui.widgets.person_picker import PersonPicker

TYPED_FIELDS = ("claim_date", "meeting_id", "budget_heading_id", "programme_id", "notes")
#: The programme choice that keeps the name typed on a claim made before programmes were records (not linked).
TYPED_PROGRAMME = "typed"
LINES_TAB, STATUS_TAB = 1, 2
_RECEIPTS_ACCEPTED = ("draft", "submitted", "approved")


class ClaimForm(FormDialog):
    """One claim. `saved` carries the claim's id after each save; `print_requested` asks for its PDF form."""

    unsaved_question = N_("You have changes to this claim that are not saved. Save them now?")

    saved = Signal(str)
    print_requested = Signal(str)

    def __init__(self, writer: Writer, claim_id: str | None = None, preset: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.claim_id = claim_id
        self.dirty = False
        self._loading = True
        self.lines: LinesPanel | None = None
        self.status_panel: StatusPanel | None = None
        self.setWindowTitle(_("New claim"))

        self.summary = problems_summary()
        self.header = QLabel(_("A new claim: fill in the details and save, then add its lines."))
        self.header.setObjectName("sectionTitle")
        self.header.setAccessibleName(_("This claim in short"))
        self.fields = FieldTabs(_("Claim"))
        details = self.fields.tab(_("&Details"))
        self.claimant = self.fields.row(
            details, _("&Claimant"), "person_id", PersonPicker(writer, _("Person claiming"))
        )
        self.fields.row(details, _("Cla&im date"), "claim_date", UkDateEdit(_("Date of the claim")))
        self.meeting = self.fields.row(details, _("&Meeting"), "meeting_id",
                                       MeetingPicker(writer, _("Meeting the claim is for (optional)")))
        heading = short_combo()
        heading.setAccessibleName(_("Budget heading"))
        self.fields.row(details, _("&Budget heading"), "budget_heading_id", heading)
        programme = short_combo()
        programme.setAccessibleName(_("Programme (optional)"))
        programme.setToolTip(_("The mentoring or buddying programme the claim is for: backfill is limited per "
                               "programme"))  # fmt: skip
        self.fields.row(details, _("&Programme"), "programme_id", programme)
        self._typed_programme: str | None = None  # the name typed on an older claim, shown until changed
        self._fill_programmes(None)
        self.fields.row(details, _("&Notes"), "notes", long_text_box(_("Notes"), 90))
        for title in (_("&Lines and receipts"), _("S&tatus and history")):
            note = QLabel(_("Save the claim's details first, then add its lines and receipts here."))
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.fields.addTab(note, title)
            self.fields.setTabEnabled(self.fields.count() - 1, False)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save the claim's details (Ctrl+S)"))
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button = buttons.addButton(_("P&rint claim form (PDF)…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setAccessibleName(_("Print claim form (PDF)"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.claim_id))
        self.print_button.setEnabled(False)
        self.delete_button = buttons.addButton(_("D&elete to Bin"), QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button.setToolTip(_("Move this claim to the Bin: drafts, submitted, rejected and void claims only"))
        self.delete_button.clicked.connect(self.delete_to_bin)
        self.delete_button.setEnabled(False)
        self.wire_buttons(buttons)
        self.status = QLabel()
        self.status.setAccessibleName(_("Save status"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(980, 680))  # scrolls on a short screen; its buttons stay in view

        date_box = self.fields.widgets["claim_date"]
        date_box.editingFinished.connect(self._date_changed)
        if claim_id is not None:
            self._load()
        else:
            date_box.set_date(today_uk())
            self._date_changed()
        for key, value in (preset or {}).items():
            if key == "version":  # a draft restored after a crash is checked against the version it was opened at
                self.opened_version = value if value is not None else self.opened_version
            elif key == "person_id":
                self.claimant.set_person(value, (preset or {}).get("person_name", ""))
            elif key in TYPED_FIELDS:
                show_value(self.fields.widgets[key], value)
                if key == "claim_date":
                    self._date_changed()
        self.keep_drafts(CLAIM_FORM)
        for key in TYPED_FIELDS:
            watch(self.fields.widgets[key], self._changed)
        self.claimant.picked.connect(self._changed)
        self._loading = False
        self.dirty = preset is not None
        self.claimant.setFocus()

    # --- choices ----------------------------------------------------------------------------------------
    def _date_changed(self) -> None:
        """The budget headings of the claim's financial year, keeping the one chosen."""
        try:
            day = self.fields.widgets["claim_date"].date_value() or today_uk()
        except ValueError:
            day = today_uk()
        year = financial_year_of(day)
        headings = self.writer.read(lambda s: [(h.id, h.name) for h in headings_for_year(s, year)])
        self._refill("budget_heading_id", _("No budget heading ({financial_year_label})").format(
            financial_year_label=financial_year_label(year),
        ), headings)

    def _fill_programmes(self, linked: str | None) -> None:
        """The programmes to choose from (none, or one not in the Bin), plus the one the claim is linked to even if
        it is in the Bin now, and the name typed on a claim made before programmes were records."""
        def read(session):
            shown = [(p.id, p.name) for p in list_programmes(session)]
            if linked not in (None, TYPED_PROGRAMME) and linked not in {pid for pid, _name in shown}:
                try:
                    gone = get_programme(session, linked)
                except NotFound:  # erased since: the claim's list row still shows the name it kept
                    return shown
                shown.append((gone.id, _("{name} (in the Bin)").format(name=gone.name)))
            return shown

        choices = self.writer.read(read)
        if self._typed_programme:
            choices.append((TYPED_PROGRAMME, _("{name} (typed on this claim; not linked to a programme)").format(
                name=self._typed_programme)))  # fmt: skip
        self._refill("programme_id", _("No programme"), choices)

    def _refill(self, key: str, blank: str, choices: list[tuple[str, str]]) -> None:
        combo = self.fields.widgets[key]
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(blank, None)
        for value, text in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)

    # --- loading ----------------------------------------------------------------------------------------
    def _load(self) -> None:
        def read(session):
            claim = get_claim(session, self.claim_id)
            self.view_only = not may_change("claims", claim.created_by)
            return claim_data(claim), claim.person.full_name, claim.status, claim.version

        data, name, status, self.opened_version = self.writer.read(read)
        self.opened_values = data
        self.claimant.set_person(data["person_id"], name)
        show_value(self.fields.widgets["claim_date"], data["claim_date"])
        self._date_changed()
        if data["programme_id"] is None and data["programme"]:
            self._typed_programme = data["programme"]
            data = {**data, "programme_id": TYPED_PROGRAMME}
        self._fill_programmes(data["programme_id"])
        for key in TYPED_FIELDS:
            if key != "claim_date":
                show_value(self.fields.widgets[key], data[key])
        self._saved_state(name, status)

    def _saved_state(self, name: str, status: str) -> None:
        """Title, tabs and what can still change, for a claim in the database."""
        self.setWindowTitle(_("Claim {claim_reference} — {name}").format(
            claim_reference=claim_reference(self.claim_id),
            name=name,
        ))
        if self.lines is None:
            self.lines = LinesPanel(self.writer, self.claim_id)
            self.status_panel = StatusPanel(self.writer, self.claim_id)
            self.lines.changed.connect(self.status_panel.reload)
            self.lines.changed.connect(self._show_header)
            self.status_panel.changed.connect(self._status_changed)
            for panel in (self.lines, self.status_panel):
                panel.changed.connect(self._after_own_step)
            for index, (widget, title) in enumerate(((self.lines, _("&Lines and receipts")),
                                                     (self.status_panel, _("S&tatus and history")))):
                old = self.fields.widget(LINES_TAB + index)
                self.fields.removeTab(LINES_TAB + index)
                old.deleteLater()
                self.fields.insertTab(LINES_TAB + index, widget, title)
        self.print_button.setEnabled(True)
        self._apply_status(status)
        self._show_header()

    def _apply_status(self, status: str) -> None:
        editable = status in EDITABLE
        for _key, widget in self.fields.widgets.items():
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable)
        # Approved and paid claims are money promised or spent: they are made void, never binned.
        self.delete_button.setEnabled(status in DELETABLE)
        self.lines.set_status(editable, status in _RECEIPTS_ACCEPTED)
        self.status.setText("" if editable else _("This claim can't be changed now: see Status and history."))

    def _after_own_step(self) -> None:
        """A line or status step from this form saves the claim too: when that was the only save since the form
        last saved (one version on), the details are checked against it from now on, not reported as a clash."""
        version = self.writer.read(lambda s: get_claim(s, self.claim_id).version)
        if self.opened_version is not None and version == self.opened_version + 1:
            self.opened_version = version

    def _status_changed(self) -> None:
        self.lines.reload()
        self._apply_status(self.status_panel.status)
        self._show_header()

    def _show_header(self) -> None:
        """Reference, status, total and any missing receipt, in one line above every tab."""
        def read(session):
            claim = get_claim(session, self.claim_id)
            return claim.status, claim.total_pence, claim.receipts_missing

        status, total, missing = self.writer.read(read)
        words = [claim_reference(self.claim_id), vocab.label(vocab.CLAIM_STATUSES, status),
                 _("total {total}").format(total=format_pounds(total))]
        if missing:
            words.append(ngettext("{n} receipt missing", "{n} receipts missing", missing).format(n=missing))
        self.header.setText(" · ".join(words))

    def _changed(self) -> None:
        if not self._loading:
            self.dirty = True
            self.draft_later()

    def draft_contents(self) -> tuple[str | None, str, dict[str, Any]]:
        payload: dict[str, Any] = {"person_id": self.claimant.person_id(),
                                   "person_name": self.claimant.person_name()}
        for key in TYPED_FIELDS:
            widget = self.fields.widgets[key]
            # The date as typed, even half-typed: a draft keeps what is on the screen.
            payload[key] = widget.text() if key == "claim_date" else typed_value(widget)
        payload["version"] = self.opened_version
        return self.claim_id, _("Claim: {person_name}").format(
            person_name=payload['person_name'] if payload['person_id'] else _('new claim'),
        ), payload

    # --- saving -----------------------------------------------------------------------------------------
    def show_problems(self, messages: dict[str, str]) -> None:
        say_problems(self.summary, messages, self.fields.show_messages(messages))

    def save(self) -> bool:
        """Check and save the claim's details; the form stays open. True when saved."""
        data, problems = self.fields.values(TYPED_FIELDS)
        data["person_id"] = self.claimant.person_id()
        # A claim keeps the name typed before programmes were records until another choice is made.
        data["programme"] = self._typed_programme if data["programme_id"] == TYPED_PROGRAMME else None
        if data["programme_id"] == TYPED_PROGRAMME:
            data["programme_id"] = None
        if problems:
            self.show_problems(problems)
            return False

        def work(session):
            self.discard_draft(session, self.claim_id)
            claim = self.track(create_claim(session, data) if self.claim_id is None
                               else update_claim(session, self.claim_id, data, version=self.opened_version))
            return claim.id, claim.person.full_name, claim.status

        saved = self.write(work, data)
        if saved is None:
            return False
        new = self.claim_id is None
        self.claim_id, name, status = saved
        self.show_problems({})
        self.dirty = False
        self._saved_state(name, status)
        self.status.setText(
            _("Saved. Now add the lines and receipts on the Lines and receipts tab.") if new else _("Saved.")
        )
        if new:
            self.fields.setCurrentIndex(LINES_TAB)
        self.saved.emit(self.claim_id)
        return True

    def delete_to_bin(self) -> None:
        """Move the claim to the Bin after asking, and close the form."""
        if self.claim_id is None:
            return
        question = (_(
            "Move claim {claim_reference} to the Bin? Its miles stop counting towards the 10,000-mile "
            "rate change. You can restore it from the Bin."
        ).format(
            claim_reference=claim_reference(self.claim_id),
        ))
        if QMessageBox.question(self, _("Delete to Bin"), question) != QMessageBox.StandardButton.Yes:
            return
        claim_id = self.claim_id

        def work(session):
            self.discard_draft(session, claim_id)
            delete_claim(session, claim_id)
            return True

        if self.write(work):
            self.dirty = False
            self.saved.emit(claim_id)
            super().reject()

    def shown_value(self, key: str, value: Any) -> str:
        """The programme by its name in the conflict dialog, not its id."""
        if key == "programme_id":
            combo = self.fields.widgets[key]
            index = combo.findData(value)
            return combo.itemText(index) if index >= 0 else _("A programme no longer recorded")
        return super().shown_value(key, value)

    def draft_record_id(self) -> str | None:
        return self.claim_id

"""Where a claim is in its journey and the steps it can take next: submit, approve, reject, re-open, mark paid,
make void; and its history (who, when, why). Each step is saved at once, and warnings are confirmed first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_moment_uk, format_uk, today_uk
from partnerdesk.rules.expenses import TRANSITIONS
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.expenses import status as steps
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.ui.expenses.confirm import run_confirmed
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage, add_field_row
from partnerdesk.ui.widgets.person_picker import PersonPicker

#: step button key → (words, accessible name, the status it leads to)
STEPS = {
    "submit": (N_("S&ubmit for approval"), N_("Send this claim for approval"), "submitted"),
    "approve": (N_("Appro&ve…"), N_("Record who approved this claim"), "approved"),
    "reject": (N_("Re&ject…"), N_("Turn this claim down, saying why"), "rejected"),
    "reopen": (N_("Re-&open as draft"), N_("Put this claim back to draft to correct it"), "draft"),
    "paid": (N_("Mark pa&id…"), N_("Record that this claim was paid"), "paid"),
    "void": (N_("Cancel the cla&im…"), N_("Cancel this claim, saying why: it is kept, marked void, for the accounts"),
             "void"),
}

#: The permission each step needs beyond changing claims (rules.roles): finance approves and pays.
STEP_PERMISSIONS = {"approve": roles.EXPENSES_APPROVE, "reject": roles.EXPENSES_APPROVE,
                    "void": roles.EXPENSES_APPROVE, "paid": roles.EXPENSES_PAY}


class StepDialog(QDialog):
    """A small form for one step (approve, mark paid): saving runs the step and stays open on a problem."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.form = QFormLayout()
        self.messages: dict[str, FieldMessage] = {}
        self.general = FieldMessage(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(title.rstrip("…"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.step = None  # set by the owner: called with (session, confirmed)

    def add(self, label: str, key: str, widget: QWidget) -> QWidget:
        self.messages[key] = add_field_row(self.form, label, widget)[0]
        return widget

    def show_problems(self, messages: dict[str, str]) -> None:
        for key, label in self.messages.items():
            label.show_message(messages.get(key))
        self.general.show_message(" ".join(text for key, text in messages.items() if key not in self.messages))

    def save(self) -> None:
        try:
            done = self.step()
        except ValidationError as exc:
            self.show_problems(exc.messages)
            return
        except ValueError as exc:  # a date that could not be read
            self.show_problems({"paid_on": str(exc)})
            return
        if done is not None:
            self.accept()


class StatusPanel(QWidget):
    """The claim's status, its next steps and its history. `changed` fires after a step is saved."""

    changed = Signal()

    def __init__(self, writer: Writer, claim_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.claim_id = claim_id
        self.claimant = ""
        self.status = "draft"
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionTitle")
        self.summary.setAccessibleName(_("Where this claim is"))
        self.message = FieldMessage(_("the claim's status"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, (text, name, _to) in STEPS.items():
            button = QPushButton(_(text))
            button.setAccessibleName(_(name))
            button.setToolTip(_(name))
            button.clicked.connect(getattr(self, f"do_{key}"))
            self.buttons[key] = button
            forbid(button, STEP_PERMISSIONS.get(key, roles.EXPENSES_CHANGE))
            row.addWidget(button)
        row.addStretch()
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels((_("When"), _("Change"), _("Who"), _("Why")))
        self.history.setAccessibleName(_("History of this claim"))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        for column, width in enumerate((140, 360, 110)):
            self.history.setColumnWidth(column, width)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.history.horizontalHeader().setStretchLastSection(True)
        history_title = QLabel(_("&History"))
        history_title.setBuddy(self.history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 1)
        self.reload()

    def reload(self) -> None:
        def read(session):
            claim = get_claim(session, self.claim_id)
            history = [(h.changed_at, h.from_status, h.to_status, h.changed_by, h.reason) for h in claim.history]
            approver = claim.approved_by.full_name if claim.approved_by else ""
            return (claim.status, claim.person.full_name, approver, claim.approved_at, claim.paid_on,
                    claim.payment_method, claim.payment_reference, history)

        status, self.claimant, approver, approved_at, paid_on, method, reference, history = self.writer.read(read)
        self.status = status
        words = [_("Status: {label}.").format(label=vocab.label(vocab.CLAIM_STATUSES, status))]
        if approver:
            words.append(_("Approved by {approver} on {approved_at}.").format(
                approver=approver,
                approved_at=format_moment_uk(approved_at),
            ))
        if paid_on:
            paid = {"paid_on": format_uk(paid_on), "method": vocab.label(vocab.PAYMENT_METHODS, method).lower()}
            words.append(_("Paid on {paid_on} by {method}, reference {reference}.").format(reference=reference, **paid)
                         if reference else _("Paid on {paid_on} by {method}.").format(**paid))  # fmt: skip
        if status == "paid":
            words.append(_("A paid claim can't be changed; cancel it (Cancel the claim) if it was wrong."))
        self.summary.setText(" ".join(words))
        allowed = TRANSITIONS.get(status, frozenset())
        for key, (_text, _name, to) in STEPS.items():
            self.buttons[key].setVisible(to in allowed)
        self.history.setRowCount(len(history))
        for row, (at, before, after, who, why) in enumerate(history):
            change = vocab.label(vocab.CLAIM_STATUSES, after) if before is None else \
                f"{vocab.label(vocab.CLAIM_STATUSES, before)} → {vocab.label(vocab.CLAIM_STATUSES, after)}"
            for column, text in enumerate((format_moment_uk(at), change, who, why or "")):
                self.history.setItem(row, column, QTableWidgetItem(text))

    def _done(self, result) -> None:
        if result is not None:
            self.message.show_message(None)
            self.reload()
            self.changed.emit()

    def _step(self, title: str, work) -> None:
        try:
            self._done(run_confirmed(self.writer, self, title, work))
        except ValidationError as exc:
            self.message.show_message(" ".join(exc.messages.values()))

    def do_submit(self) -> None:
        self._step(_("Submit for approval"), lambda s, ok: steps.submit_claim(s, self.claim_id, confirmed=ok).id)

    def do_reopen(self) -> None:
        self._step(_("Re-open as draft"), lambda s, _ok: steps.reopen_claim(s, self.claim_id).id)

    def _with_reason(self, title: str, question: str, step) -> None:
        """Ask why (a reason is kept with the claim), asking again with the message until it is right."""
        prompt = question
        while True:
            reason, ok = QInputDialog.getText(self, title, prompt)
            if not ok:
                return
            try:
                self._done(self.writer.run(self, lambda s, r=reason: step(s, self.claim_id, r).id))
                return
            except ValidationError as exc:
                prompt = " ".join(exc.messages.values()) + "\n\n" + question

    def do_reject(self) -> None:
        self._with_reason(_("Reject claim"), _("Why is {claimant}'s claim turned down? They will be told this.").format(
            claimant=self.claimant,
        ),
                          steps.reject_claim)

    def do_void(self) -> None:
        self._with_reason(
            _("Cancel the claim"),
            _("Why is this claim void? This is kept with the claim for the accounts."),
            steps.void_claim,
        )

    def approve_dialog(self) -> StepDialog:
        dialog = StepDialog(_("Approve claim…"), self)
        dialog.approver = dialog.add(
            _("&Approved by"), "approved_by_id", PersonPicker(self.writer, _("Who approved it"))
        )
        dialog.step = lambda: run_confirmed(self.writer, dialog, _("Approve claim"), lambda s, ok: steps.approve_claim(
            s, self.claim_id, dialog.approver.person_id(), confirmed=ok).id)
        dialog.accepted.connect(lambda: self._done(True))
        return dialog

    def paid_dialog(self) -> StepDialog:
        dialog = StepDialog(_("Mark paid…"), self)
        dialog.paid_on = dialog.add(_("Paid &on"), "paid_on", UkDateEdit(_("The date it was paid")))
        dialog.paid_on.set_date(today_uk())
        dialog.method = dialog.add(_("&How"), "payment_method", ChoiceCombo(vocab.PAYMENT_METHODS, _("How it was paid"),
                                                                       blank=_("Pick how it was paid")))
        dialog.reference = dialog.add(_("&Reference"), "payment_reference", QLineEdit())
        dialog.reference.setAccessibleName(_("Bank or cheque reference"))
        dialog.reference.setMaxLength(100)

        def step():
            paid_on = dialog.paid_on.date_value()
            return self.writer.run(dialog, lambda s: steps.mark_paid(
                s, self.claim_id, paid_on, dialog.method.code(), dialog.reference.text()).id)

        dialog.step = step
        dialog.accepted.connect(lambda: self._done(True))
        return dialog

    def do_approve(self) -> None:
        self.approve_dialog().exec()

    def do_paid(self) -> None:
        self.paid_dialog().exec()

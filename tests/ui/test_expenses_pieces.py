"""The expenses GUI piece by piece: the money box, the payment-preference warning, the Today lines, the list's
filters, budgets and their chart, and the expenses settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from partnerdesk.rules.payments import BENEFITS_NOTE
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.status import approve_claim, submit_claim
from partnerdesk.ui.expenses.area import ExpensesArea
from partnerdesk.ui.widgets.money_edit import MoneyEdit
from tests.builders import add_claim, add_heading, add_line, add_person, add_programme, count_rows
from tests.ui.expense_steps import add_line as fill_line
from tests.ui.expense_steps import shown, type_into  # noqa: F401
from tests.ui.steps import choose_in, open_today_line, today_line, today_lines

Button = QMessageBox.StandardButton


def test_the_money_box_reads_pence_and_refuses_what_is_not_money(qtbot):
    box = MoneyEdit("Amount")
    qtbot.addWidget(box)
    type_into(qtbot, box, "12.5")
    assert box.pence() == 1250 and box.text() == "£12.50"  # shown back the standard way
    type_into(qtbot, box, "£1,050")
    assert box.pence() == 105000
    for bad, said in (("12.345", "more than 2 decimal places"), ("abc", "is not an amount of money"),
                      ("", "Please type an amount")):
        type_into(qtbot, box, bad)
        assert box.text() == bad  # left as typed, so the person can see what to fix
        assert said in box.problem()
        with pytest.raises(ValueError):
            box.pence()  # never a silent £0.00


def _open_claim(window, shown, claim_id):  # noqa: F811
    window.open_record("claim", claim_id)
    return shown[-1]


def test_paying_someone_who_asked_for_expenses_only_needs_confirming(qtbot, window, store, shown, dialogs):  # noqa: F811
    person = add_person(store, full_name="Gwen Morris", payment_preference="expenses_only")
    form = _open_claim(window, shown, add_claim(store, person, date(2026, 10, 1)))
    line = fill_line(qtbot, form, shown, "involvement_payment", unit="half_day", count=1)
    line.save_button.click()  # the safe answer is No: nothing is added
    assert "Gwen Morris asked for expenses only" in dialogs.asked[-1]
    assert BENEFITS_NOTE in dialogs.asked[-1]
    assert line.isVisible() and form.lines.table.rowCount() == 0
    dialogs.answers.append(Button.Yes)
    line.save_button.click()
    assert not line.isVisible() and form.lines.totals.text() == "Total £175.00 (1 line)"


def test_a_bad_amount_is_a_message_by_the_field_and_nothing_is_saved(qtbot, window, store, shown):  # noqa: F811
    form = _open_claim(window, shown, add_claim(store, add_person(store), date(2026, 10, 1)))
    for typed in ("12.345", "abc"):
        line = fill_line(qtbot, form, shown, "parking", amount=typed)
        line.save_button.click()
        assert line.isVisible() and line.messages["amount"].isVisibleTo(line)
        line.reject()
    assert count_rows(store, "claim_lines") == 0


def _approved_long_ago(store, claim_id, approver, days):
    from partnerdesk.records.expenses import Claim

    with store.transaction() as session:
        submit_claim(session, claim_id, confirmed=True)
        approve_claim(session, claim_id, approver, confirmed=True)
        session.get(Claim, claim_id).approved_at = datetime.now(UTC) - timedelta(days=days)


def test_today_shows_claims_waiting_unpaid_and_full_headings_and_opens_them(window, store, shown):  # noqa: F811
    ann, ben = add_person(store, full_name="Ann Ash"), add_person(store, full_name="Ben Birch")
    today = date.today()
    heading = add_heading(store, "Printing budget", today.year if today.month >= 4 else today.year - 1, "10")
    waiting = add_claim(store, ann, today)
    add_line(store, waiting, "parking", today, amount="9.50")
    with store.transaction() as session:
        submit_claim(session, waiting, confirmed=True)
    unpaid = add_claim(store, ben, today, budget_heading_id=heading)
    add_line(store, unpaid, "printing", today, amount="9.60")
    _approved_long_ago(store, unpaid, ann, 20)
    window.today.refresh()

    waiting_line = today_lines(window.today, "claims_waiting")[0]
    assert waiting_line.startswith("Ann Ash — £9.50 claimed on") and "(1 receipt missing)" in waiting_line
    unpaid_line = today_lines(window.today, "claims_unpaid")[0]
    assert unpaid_line.startswith("Overdue: Ben Birch — £9.60")
    assert "approved 20 days ago and still not paid" in unpaid_line
    full = today_lines(window.today, "budgets_near_limit")[0]
    assert full.startswith("Printing budget") and "96% used" in full and "warning level" in full
    assert today_line(window.today, "claims_unpaid").foreground(0).color().name() == "#b00020"  # 20 days late

    open_today_line(window.today, "claims_waiting")
    assert shown[-1].claim_id == waiting and shown[-1].windowTitle().endswith("Ann Ash")
    open_today_line(window.today, "budgets_near_limit")
    page = window.area(ExpensesArea).page
    assert window.current_page() is page and page.tabs.currentWidget() is page.budgets
    assert page.budgets.table.item(page.budgets.table.currentRow(), 0).text() == "Printing budget"


def test_the_list_filters_counts_and_totals_and_opens_on_enter(qtbot, window, store, shown):  # noqa: F811
    ann, ben = add_person(store, full_name="Ann Ash"), add_person(store, full_name="Ben Birch")
    for person, amount in ((ann, "4.50"), (ann, "10"), (ben, "2.25")):
        add_line(store, add_claim(store, person, date(2026, 10, 1)), "parking", date(2026, 10, 1), amount=amount)
    area = window.area(ExpensesArea)
    window.show_area(area)
    claims = area.page.claims
    assert claims.count.text() == "3 claims, £16.75 in all"
    claims.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # a click on the Total heading
    assert [claims.model.row_text(r)[4] for r in range(3)] == ["£10.00", "£4.50", "£2.25"]
    choose_in(qtbot, claims.person, "Ann Ash")
    assert claims.count.text() == "2 claims, £14.50 in all"
    claims.status.set_code("paid")
    assert claims.count.text() == "0 claims, £0.00 in all"
    claims.status.set_code(None)
    type_into(qtbot, claims.date_from, "not a date")
    assert claims.date_problem.isVisibleTo(claims)
    type_into(qtbot, claims.date_from, "01/10/2026")
    claims.table.setFocus()
    claims.table.setCurrentIndex(claims.model.index(0, 0))
    qtbot.keyClick(claims.table, Qt.Key.Key_Return)
    assert shown and shown[-1].windowTitle().endswith("Ann Ash")


def test_budgets_add_a_heading_and_chart_spend_with_a_table_of_the_same_figures(qtbot, window, store, shown):  # noqa: F811
    area = window.area(ExpensesArea)
    window.show_area(area)
    area.page.show_budgets()
    budgets = area.page.budgets
    budgets.add_button.click()
    dialog = shown[-1]
    type_into(qtbot, dialog.name, "Engagement events")
    type_into(qtbot, dialog.allocation, "abc")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.isVisible() and "is not an amount of money" in dialog.messages["allocation"].text()
    type_into(qtbot, dialog.allocation, "1,200")
    save.click()
    assert not dialog.isVisible()
    assert [budgets.table.item(0, c).text() for c in range(6)] == ["Engagement events", "£1,200.00", "£0.00",
                                                                   "£0.00", "£1,200.00", "0%"]
    assert [bar.label for bar in budgets.chart.bars] == ["Engagement events"]
    assert budgets.chart.accessibleName() and "£0.00 of £1,200.00" in budgets.chart.accessibleDescription()
    budgets.chart.grab()  # it paints without trouble
    budgets.table.selectRow(0)
    budgets.edit_button.click()
    change = shown[-1]
    assert change.allocation.text() == "£1,200.00"
    type_into(qtbot, change.allocation, "1500")
    change.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert budgets.table.item(0, 1).text() == "£1,500.00"


def test_expenses_settings_warn_above_hmrc_and_save(qtbot, window, store, shown, writer):  # noqa: F811
    area = window.area(ExpensesArea)
    window.show_area(area)
    area.page.settings_button.click()  # a shortcut to the Money section of the Settings window
    window_ = shown[-1]
    assert window_.current_section().code == "money"
    dialog = window_.section("money")
    assert not dialog.warning.isVisibleTo(dialog)
    dialog.mileage["car_first_pence"].setValue(50)
    assert "above HMRC's approved mileage rates" in dialog.warning.text() and dialog.warning.isVisibleTo(dialog)
    type_into(qtbot, dialog.half_day_rate, "abc")
    assert not window_.save()
    assert "is not an amount of money" in dialog.messages["payment_rates"].text()
    type_into(qtbot, dialog.half_day_rate, "180")
    type_into(qtbot, dialog.cap, "")
    dialog.receipts.box("taxi").setChecked(False)
    assert window_.save() and "Settings saved" in window_.status.text()
    values = writer.read(lambda s: {k: get_setting(s, k) for k in ("mileage_rates", "payment_rates",
                                                                    "backfill_cap_half_days", "receipt_categories")})
    assert values["mileage_rates"][-1]["car_first_pence"] == 50
    assert values["payment_rates"]["half_day_pence"] == 18000
    assert values["backfill_cap_half_days"] is None and "taxi" not in values["receipt_categories"]


def test_reject_with_a_reason_reopen_and_void(qtbot, window, store, shown, dialogs, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QInputDialog

    person = add_person(store, full_name="Huw Jenkins")
    claim = add_claim(store, person, date(2026, 10, 1))
    add_line(store, claim, "parking", date(2026, 10, 1))  # needs a receipt, and has none
    form = _open_claim(window, shown, claim)
    status = form.status_panel
    status.buttons["submit"].click()  # the safe answer is No
    assert "1 line needs a receipt and has none attached." in dialogs.asked[-1] and status.status == "draft"
    dialogs.answers.append(Button.Yes)
    status.buttons["submit"].click()
    assert status.status == "submitted"

    typed = ["", "No receipt for the parking"]  # an empty reason is asked for again, with the message
    prompts = []

    def ask(_parent, _title, prompt, *_args, **_kwargs):
        prompts.append(prompt)
        return (typed.pop(0), True) if typed else ("", False)

    monkeypatch.setattr(QInputDialog, "getText", ask)
    status.buttons["reject"].click()
    assert prompts[1].startswith("Please say why the claim is rejected.")
    assert status.status == "rejected" and status.history.item(2, 3).text() == "No receipt for the parking"
    assert not form.lines.buttons["add"].isEnabled()
    status.buttons["reopen"].click()
    assert status.status == "draft" and form.lines.buttons["add"].isEnabled()
    typed.append("Sent in twice")
    status.buttons["void"].click()
    assert status.status == "void" and not form.save_button.isEnabled()
    assert [b for b in status.buttons.values() if b.isVisibleTo(form)] == []  # nothing more can happen to it


def test_a_draft_claim_goes_to_the_bin_from_its_form_but_an_approved_one_can_only_be_made_void(
        qtbot, window, store, shown, dialogs):  # noqa: F811
    from partnerdesk.services.bin.items import binned

    owain, approver = add_person(store, full_name="Owain Price"), add_person(store, full_name="Nia Rowlands")
    draft = add_claim(store, owain, date(2026, 10, 1))
    form = _open_claim(window, shown, draft)
    form.delete_button.click()  # the safe answer is No: nothing happens
    assert "to the Bin? Its miles stop counting" in dialogs.asked[-1] and form.isVisible()
    dialogs.answers.append(Button.Yes)
    form.delete_button.click()
    assert not form.isVisible()
    with store.reader() as session:
        assert [row.detail for row in binned(session, "claims")] == ["Owain Price"]

    approved = add_claim(store, owain, date(2026, 10, 2))
    add_line(store, approved, "printing", date(2026, 10, 2))
    _approved_long_ago(store, approved, approver, 1)
    form = _open_claim(window, shown, approved)
    assert not form.delete_button.isEnabled() and form.status_panel.buttons["void"].isEnabled()


def test_a_claim_typed_but_not_saved_is_offered_back(qtbot, window, store, shown, dialogs):  # noqa: F811
    add_person(store, full_name="Sian Lloyd")
    mentoring = add_programme(store, "Peer mentoring")
    window.area(ExpensesArea).new_claim()
    form = shown[-1]
    choose_in(qtbot, form.claimant, "Sian")
    programme = form.fields.widgets["programme_id"]
    programme.setCurrentIndex(programme.findText("Peer mentoring"))
    form.save_draft()
    form.hide()  # as if the computer had crashed
    dialogs.clicks.append("Restore it")
    window.offer_drafts()
    again = shown[-1]
    assert again is not form and again.claimant.person_id() == form.claimant.person_id() is not None
    chosen = again.fields.widgets["programme_id"]
    assert (chosen.currentData(), chosen.currentText()) == (mentoring, "Peer mentoring") and again.dirty

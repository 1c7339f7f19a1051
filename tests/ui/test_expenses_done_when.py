"""Issue 4's Done-when, driven through the real widgets: a paper claim with two receipts, mileage across the
10,000-mile threshold and a day of backfill, taken from entry to paid; then its PDF form and the xlsx read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partnerdesk.ui.expenses.area import ExpensesArea
from tests.builders import add_claim, add_heading, add_line, add_person, add_programme
from tests.readback import pdf_text, sheet_rows
from tests.ui.expense_steps import add_line as fill_line
from tests.ui.expense_steps import chosen_files, select_line, shown, type_into, write_receipts  # noqa: F401
from tests.ui.steps import choose_in

CLAIM_DAY = date(2026, 11, 2)


@pytest.fixture
def people(store):
    """Rhian claims (happy to be paid), with 9,990 car miles already claimed this tax year; Dafydd approves."""
    rhian = add_person(store, full_name="Rhian Evans", payment_preference="paid")
    dafydd = add_person(store, full_name="Dafydd Price")
    earlier = add_claim(store, rhian, date(2026, 6, 1))
    for month in range(5):  # 5 journeys of 1,998 miles: 9,990 miles from April
        add_line(store, earlier, "mileage", date(2026, 5 + month, 1), miles="1998", vehicle="car_or_van")
    add_heading(store, "Representatives' expenses", 2026, "5,000")
    add_programme(store, "Buddying scheme")
    return rhian, dafydd


def test_a_paper_claim_from_entry_to_paid(qtbot, window, menu, people, shown, chosen_files, dialogs,  # noqa: F811
                                          tmp_path):
    area = window.area(ExpensesArea)
    window.show_area(area)
    area.page.claims.buttons["new"].click()
    form = shown[-1]

    # The details, as on the paper form.
    choose_in(qtbot, form.claimant, "Rhian")
    assert form.claimant.person_name() == "Rhian Evans"
    type_into(qtbot, form.fields.widgets["claim_date"], "02/11/2026")
    heading = form.fields.widgets["budget_heading_id"]
    heading.setCurrentIndex(heading.findText("Representatives' expenses"))
    programme = form.fields.widgets["programme_id"]
    programme.setCurrentIndex(programme.findText("Buddying scheme"))
    form.save_button.click()
    assert form.claim_id is not None and form.windowTitle().endswith("Rhian Evans")

    # Mileage across the threshold: 10 miles at 45p and 5 at 25p. The split is explained as it is typed.
    line = fill_line(qtbot, form, shown, "mileage", miles="15", description="Home to the health board and back")
    assert "This line pays £5.75." in line.preview.text()
    assert "10 miles at 45p, 5 miles at 25p" in line.preview.text()
    assert "from 9,990 to 10,005, past the threshold" in line.preview.text()
    line.save_button.click()
    assert not line.isVisible()

    # A day of backfill at the organisation's rate, with the limit and the benefits note shown.
    line = fill_line(qtbot, form, shown, "backfill", unit="day", count=1)
    assert "6 half days" in line.note.text() and "welfare benefits" in line.note.text()
    assert "£350.00" in line.preview.text()
    line.save_button.click()

    # Parking and a taxi, typed in pounds; each needs a receipt, and the claim says so until they are attached.
    fill_line(qtbot, form, shown, "parking", amount="£4.50", description="Hospital car park").save_button.click()
    fill_line(qtbot, form, shown, "taxi", amount="12", description="Station to venue").save_button.click()
    assert form.lines.totals.text() == "Total £372.25 (4 lines)"
    assert form.lines.missing.isVisibleTo(form) and "parking on 02/11/2026" in form.lines.missing.text()
    assert form.header.text().endswith("Draft · total £372.25 · 2 receipts missing")

    # The two receipts: a photo for the parking, a PDF for the taxi; a text file is refused in words.
    png, pdf = write_receipts(tmp_path)
    bad = tmp_path / "notes.txt"
    bad.write_text("not a receipt")
    select_line(form, "Parking")
    chosen_files.extend([str(bad), str(png)])
    form.lines.buttons["attach"].click()
    assert "must be a photo" in form.lines.message.text() and form.lines.message.isVisibleTo(form)
    form.lines.buttons["attach"].click()
    select_line(form, "Taxi")
    chosen_files.append(str(pdf))
    form.lines.buttons["attach"].click()
    assert form.lines.receipt_list.item(0).text().startswith("taxi-receipt.pdf")
    assert not form.lines.missing.isVisibleTo(form)

    # A receipt can be saved back out to a file, byte for byte.
    dialogs.save_as.append(str(tmp_path / "copy.pdf"))
    form.lines.buttons["save_receipt"].click()
    assert (tmp_path / "copy.pdf").read_bytes() == pdf.read_bytes()

    # Submit, then approve: Rhian can't approve her own claim; Dafydd can.
    status = form.status_panel
    status.buttons["submit"].click()
    assert status.status == "submitted"
    status.buttons["approve"].click()
    approve = shown[-1]
    choose_in(qtbot, approve.approver, "Rhian")
    approve.ok_button.click()
    assert approve.isVisible()
    assert approve.messages["approved_by_id"].text() == "Nobody can approve their own claim. Please pick someone else."
    choose_in(qtbot, approve.approver, "Dafydd")
    approve.ok_button.click()
    assert not approve.isVisible() and status.status == "approved"
    assert "Approved by Dafydd Price" in status.summary.text()

    # Mark paid: the date (today), how and the reference. Then nothing about it can change.
    status.buttons["paid"].click()
    paid = shown[-1]
    paid.method.set_code("bank_transfer")
    type_into(qtbot, paid.reference, "BACS 4471")
    paid.ok_button.click()
    assert status.status == "paid" and "reference BACS 4471" in status.summary.text()
    assert not form.save_button.isEnabled() and not form.lines.buttons["add"].isEnabled()
    assert form.header.text().endswith("Paid · total £372.25")
    assert not form.lines.buttons["attach"].isEnabled() and not status.buttons["approve"].isVisibleTo(form)
    history = [status.history.item(r, 1).text() for r in range(status.history.rowCount())]
    assert history == ["Draft", "Draft → Waiting for approval", "Waiting for approval → Approved, not paid yet",
                       "Approved, not paid yet → Paid"]

    # The claim form as a PDF, from the form's own button.
    dialogs.save_as.append(str(tmp_path / "claim"))
    form.print_button.click()
    text = pdf_text(tmp_path / "claim.pdf")
    assert "Rhian Evans" in text and "£372.25" in text and "10 miles at 45p, 5 miles at 25p" in text

    # The spreadsheet from the File menu: the claim, its lines and the totals.
    dialogs.save_as.append(str(tmp_path / "expenses.xlsx"))
    menu("Export expenses…")
    _sheet, claims = sheet_rows(tmp_path / "expenses.xlsx", "Claims")
    paid_row = next(dict(zip(claims[0], row, strict=True)) for row in claims[1:] if row[3] == "Paid")
    assert paid_row["Person"] == "Rhian Evans" and paid_row["Total"] == Decimal("372.25")
    assert paid_row["Payment reference"] == "BACS 4471"
    _sheet, lines = sheet_rows(tmp_path / "expenses.xlsx", "Lines")
    ours = [dict(zip(lines[0], row, strict=True)) for row in lines[1:] if row[2] == "Paid"]
    assert sorted(row["Amount"] for row in ours) == [Decimal("4.50"), Decimal("5.75"), Decimal("12.00"),
                                                     Decimal("350.00")]
    assert sum(row["Amount"] for row in ours) == paid_row["Total"]

"""The Expenses area: the claims list and budgets, the claim form, the expenses settings, and the PDF and xlsx."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules import roles
from partnerdesk.ui.area import Area
from partnerdesk.ui.permissions import forbid

#: The claim form's name for its drafts (services.drafts); kept here so restoring needs no form import.
CLAIM_FORM = "claim"


class ExpensesArea(Area):
    title = N_("Expenses")
    record_kinds = ("claim", "budget_heading")
    draft_forms = (CLAIM_FORM,)

    def build_page(self) -> QWidget:
        from partnerdesk.ui.expenses.page import ExpensesPage

        page = ExpensesPage(self.writer)
        page.claims.open_claim.connect(self.open_claim)
        page.claims.new_claim.connect(self.new_claim)
        page.settings_button.clicked.connect(self.open_settings)
        page.export_button.clicked.connect(self.export_expenses)
        return page

    def add_menu_entries(self, file_menu: QMenu) -> None:
        self.window.add_action(file_menu, _("New e&xpense claim…"), self.new_claim)
        forbid(self.window.add_action(file_menu, _("Export expenses…"), self.export_expenses), roles.EXPORT_NAMED)

    def open_claim(self, claim_id: str | None, preset: dict | None = None) -> None:
        """Open the claim form (a new claim when claim_id is None)."""
        from partnerdesk.ui.expenses.claim_form import ClaimForm

        form = ClaimForm(self.writer, claim_id, preset, self.window)
        form.print_requested.connect(self.print_claim_form)
        form.exec()

    def new_claim(self) -> None:
        self.open_claim(None)

    def open_record(self, kind: str, record_id: str) -> None:
        if kind == "claim":
            self.open_claim(record_id)
        else:  # a budget heading: show the budgets, with it picked
            self.window.show_area(self)
            self.page.show_budgets(record_id)

    def restore_draft(self, form: str, record_id: str | None, payload: dict) -> None:
        self.open_claim(record_id, payload)

    def open_settings(self) -> None:
        """The page's Settings button: a shortcut to the Money section of the Settings window."""
        self.window.open_settings("money")

    def export_expenses(self) -> None:
        """Ask where to save, then write the expenses spreadsheet (the list's dates) in the background."""
        out = self.window.ask_save_path(_("Export expenses"), f"expenses-{datetime.now():%Y-%m-%d}.xlsx",
                                        _("Excel spreadsheet"), ".xlsx")
        if out is None:
            return
        flt = self.page.claims.model.filter
        from partnerdesk.ui.background import run_with_progress

        def work(_progress):
            from partnerdesk.exports.expenses import export_expenses  # openpyxl loads only when exporting

            with self.writer.store.reader() as session:
                return export_expenses(session, out, date_from=flt.date_from, date_to=flt.date_to)

        done, claims = run_with_progress(self.window, _("Export expenses"), _("Writing the spreadsheet…"), work)
        if done:
            self.window.statusBar().showMessage(
                _("Exported {claims:,} claims to {out}").format(claims=claims, out=out), 10000
            )

    def print_claim_form(self, claim_id: str | None) -> None:
        """Save a claim's form as a PDF, to print, sign and file."""
        if claim_id is None:
            return
        out = self.window.ask_save_path(_("Print claim form"), "claim-form.pdf", _("PDF document"), ".pdf")
        if out is None:
            return
        try:
            from partnerdesk.exports.claim_pdf import write_claim_form  # reportlab loads only now

            with self.writer.store.reader() as session:
                write_claim_form(session, claim_id, out)
        except Exception as exc:  # ExportError or a missing library: said in words, never a crash
            QMessageBox.warning(
                self.window, _("Print claim form"), _("The claim form could not be written.\n\n{exc}").format(exc=exc)
            )
            return
        self.window.statusBar().showMessage(_("Claim form saved to {out}").format(out=out), 10000)

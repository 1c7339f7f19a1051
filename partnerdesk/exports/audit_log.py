"""The audit log as a spreadsheet, for a data protection officer: the entries a coordinator chose in the viewer,
with each kind of entry in plain words. The export itself is recorded in the log ("audit_exported")."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import record_separately
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, Kind, xlsx_file
from partnerdesk.i18n import _
from partnerdesk.services.common.audit import AuditFilter, describe_details, describe_kind, list_entries


def export_audit_log(session: Session, path: Path, chosen: AuditFilter) -> int:
    """Write the chosen entries (newest first) to an xlsx file at path; returns how many were written."""
    rows = [[entry["seq"], entry["at"], entry["account_name"], describe_kind(entry["kind"]), entry["object_kind"],
             entry["object_id"], describe_details(entry["details"]), entry["hash"]]
            for entry in list_entries(session, chosen, limit=None)]  # fmt: skip
    columns = [Column(_("Entry"), kind=Kind.NUMBER), Column(_("When"), kind=Kind.DATETIME),
               Column(_("Who")), Column(_("What happened")), Column(_("Kind of record")), Column(_("Record id")),
               Column(_("Details")), Column(_("Check code (SHA-256)"))]  # fmt: skip
    with xlsx_file(path) as workbook:
        sheet = fitted_sheet(workbook, _("Audit log"), columns, rows[:200])
        for row in rows:
            sheet.append(row)
        sheet.finish()
    record_separately(session, "audit_exported", rows=len(rows), file_type="xlsx")
    return len(rows)

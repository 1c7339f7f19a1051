"""Receipts: photos, scans and PDFs attached to claim lines and kept inside the database.

Inside the database so backups, encryption and later synchronisation cover them with everything else. The file's
type is judged from its first bytes (rules.expenses.receipt_type), never from its name, and its size is limited by
the setting receipt_limit_mb. First bytes alone let through a web page behind a PNG header, or a PDF that runs
JavaScript when a manager opens it, so every receipt is also decoded (receipt_check) before it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.expenses import Receipt
from partnerdesk.rules.expenses import receipt_problem, receipt_type
from partnerdesk.rules.text_checks import file_name_problem
from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.claim_totals import refresh_claims
from partnerdesk.services.expenses.claims import editable_claim, get_claim
from partnerdesk.services.expenses.lines import get_line
from partnerdesk.services.expenses.receipt_check import decoding_problem

#: Receipts can still arrive once a claim is approved (the paper one came by post); not once it is paid or void.
_RECEIPTS_ACCEPTED = frozenset({"draft", "submitted", "approved"})


@dataclass(frozen=True)
class ReceiptInfo:
    """A receipt without its bytes, for lists."""

    receipt_id: str
    line_id: str
    filename: str
    content_type: str
    size_bytes: int
    added_at: datetime


def receipt_limit_bytes(session: Session) -> int:
    """The largest receipt the organisation accepts, in bytes."""
    return get_setting(session, "receipt_limit_mb") * 1_048_576


def add_receipt(session: Session, line_id: str, filename: str, data: bytes) -> Receipt:
    """Attach a receipt to a line. Raises ValidationError (key "file", nothing saved) when the file is empty, too
    large, not an image or PDF that opens, a PDF with active content, or has hidden characters in its name; or
    (key "") when the claim is paid, void or in the Bin."""
    line = get_line(session, line_id)
    claim = get_claim(session, line.claim_id)
    if claim.deleted_at is not None or claim.status not in _RECEIPTS_ACCEPTED:
        raise ValidationError({"": _("Receipts can't be added to a claim that is paid, void, rejected or in the Bin.")})
    name = PurePath(filename or "receipt").name[:255] or "receipt"  # just the name: never a path from another PC
    why = (
        file_name_problem(name)
        or receipt_problem(bytes(data), receipt_limit_bytes(session))
        or decoding_problem(bytes(data), receipt_type(data))
    )
    if why:
        raise ValidationError({"file": why})
    receipt = Receipt(
        line_id=line.id, filename=name, content_type=receipt_type(data), size_bytes=len(data), data=bytes(data)
    )
    session.add(receipt)
    refresh_claims(session, [claim.id])
    return receipt


def remove_receipt(session: Session, receipt_id: str) -> None:
    """Take a receipt off a line of a draft or submitted claim, for good."""
    receipt = session.get(Receipt, receipt_id) if receipt_id else None
    if receipt is None:
        raise NotFound(_("That receipt could not be found."))
    claim_id = receipt.line.claim_id
    editable_claim(session, claim_id)
    session.delete(receipt)
    refresh_claims(session, [claim_id])


def receipt_file(session: Session, receipt_id: str) -> tuple[str, str, bytes]:
    """A receipt's file name, content type and bytes, for showing, saving or printing it."""
    receipt = session.get(Receipt, receipt_id) if receipt_id else None
    if receipt is None:
        raise NotFound(_("That receipt could not be found."))
    return receipt.filename, receipt.content_type, receipt.data


def receipts_for_claim(session: Session, claim_id: str) -> list[ReceiptInfo]:
    """Every receipt on a claim's lines (without the files themselves), by line then when added."""
    r, ln = tables.receipts, tables.claim_lines
    stmt = (
        select(r.c.id, r.c.line_id, r.c.filename, r.c.content_type, r.c.size_bytes, r.c.created_at)
        .select_from(r.join(ln, ln.c.id == r.c.line_id))
        .where(ln.c.claim_id == claim_id, r.c.deleted_at.is_(None))
        .order_by(ln.c.day, ln.c.position, r.c.created_at)
    )
    return [ReceiptInfo(*row) for row in session.execute(stmt)]

"""The full data export: every record of every kind, so an organisation can always leave PartnerDesk with its data.

Built from the table catalogue (records.tables), not from a list kept here, so a new kind of record appears in the
export with no change. Every column is written except a receipt's file bytes (the receipt's name, type and size
are kept), and records in the Bin are included with the date they were deleted: they are still the organisation's
data. Half-finished form drafts are left out: they are one worker's unsaved typing, not records.

Two shapes:
- xlsx: one sheet per kind of record, typed cells (dates as dates, times of change in UK time, money as pounds).
- zip of CSV files: one file per kind of record, UTF-8 with a byte order mark so Excel opens accents correctly,
  comma separated, every value quoted where needed (csv module, Excel dialect), dates as 2026-11-23, times of change
  as ISO 8601 in UK time with their offset (2026-11-23T14:30:00+00:00), money in pounds (12.34), yes/no as
  TRUE/FALSE, lists as JSON. Every typed text goes through the formula-injection guard in both shapes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, LargeBinary, Table, Time, func, select
from sqlalchemy import Column as TableColumn
from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.guard import safe_text
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportCancelled, Kind, destination, pounds, replacing, xlsx_file
from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import UTCDateTime, metadata
from partnerdesk.rules import roles
from partnerdesk.rules.dates import UK
from partnerdesk.services.common.access import require

#: Kinds of record that are not the organisation's data: a worker's unsaved form typing.
LEFT_OUT = frozenset({tables.form_drafts.name})
#: Rows read from the database at a time.
CHUNK = 1000
#: A spreadsheet sheet's name can be at most this long.
LONGEST_SHEET_TITLE = 31

Progress = Callable[[int, int], Any]


@dataclass(frozen=True)
class Field:
    """One exported column of a table: the database column, its heading and how its values are written."""

    column: TableColumn
    heading: str
    kind: Kind


def exported_tables() -> list[Table]:
    """Every kind of record the full export holds, parents before children (so a re-import can follow the order)."""
    return [table for table in metadata.sorted_tables if table.name not in LEFT_OUT]


def _is_money(column: TableColumn) -> bool:
    return isinstance(column.type, Integer) and column.name.endswith("_pence")


def _kind(column: TableColumn) -> Kind:
    kind_of = column.type
    if _is_money(column):
        return Kind.MONEY_PENCE
    if isinstance(kind_of, UTCDateTime):
        return Kind.DATETIME
    if isinstance(kind_of, Date):
        return Kind.DATE
    if isinstance(kind_of, Time):
        return Kind.TIME
    if isinstance(kind_of, Integer | Boolean):
        return Kind.NUMBER
    return Kind.TEXT


def fields(table: Table) -> list[Field]:
    """The columns exported for a table: all but file bytes; money headings say they are in pounds."""
    found = []
    for column in table.columns:
        if isinstance(column.type, LargeBinary):
            continue  # a receipt's file: not something a spreadsheet can hold
        heading = column.name.removesuffix("_pence") + "_pounds" if _is_money(column) else column.name
        found.append(Field(column, heading, _kind(column)))
    return found


def sheet_title(table: Table) -> str:
    """The sheet (or CSV file) name for a table: its name in the database, which a re-import can match."""
    return table.name[:LONGEST_SHEET_TITLE]


def _rows(session: Session, table: Table, chosen: Sequence[Field]) -> Iterator[Sequence[Any]]:
    # Ordered by the key, so two exports of the same data are the same file.
    stmt = select(*(field.column for field in chosen)).order_by(*table.primary_key.columns)
    result = session.execute(stmt.execution_options(yield_per=CHUNK))
    try:
        for chunk in result.partitions():
            yield from chunk
    finally:
        result.close()


def _count(session: Session, table: Table) -> int:
    return session.execute(select(func.count()).select_from(table)).scalar_one()


def _xlsx_value(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field.column.type, JSON):
        return json.dumps(value, ensure_ascii=False)
    return value


def _csv_value(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if field.kind is Kind.MONEY_PENCE:
        return format(pounds(value), "f")
    if isinstance(value, datetime):
        return value.astimezone(UK).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(field.column.type, JSON):
        return json.dumps(value, ensure_ascii=False)
    return safe_text(str(value))


class _Tally:
    """Progress across every table: progress(done, total) after each chunk; False from it cancels."""

    def __init__(self, session: Session, chosen: Sequence[Table], progress: Progress | None) -> None:
        self.progress = progress
        self.total = sum(_count(session, table) for table in chosen) if progress else 0
        self.done = 0

    def step(self, rows: int = 0) -> None:
        self.done += rows
        if self.progress is not None and self.progress(self.done, max(self.total, self.done)) is False:
            raise ExportCancelled


def export_all_xlsx(session: Session, path: Path, *, progress: Progress | None = None) -> dict[str, int]:
    """Write every kind of record to an xlsx file, one sheet each; returns rows written per table name.

    progress, if given, is called as progress(done, total); returning False stops the export (ExportCancelled)
    and no file is written.
    """
    chosen = exported_tables()
    tally = _Tally(session, chosen, progress)
    written: dict[str, int] = {}
    with xlsx_file(path) as workbook:
        tally.step()
        for table in chosen:
            chosen_fields = fields(table)
            columns = [Column(field.heading, kind=field.kind) for field in chosen_fields]
            sheet = None
            batch: list[list[Any]] = []
            for row in _rows(session, table, chosen_fields):
                batch.append([_xlsx_value(field, value) for field, value in zip(chosen_fields, row, strict=True)])
                if len(batch) >= CHUNK:
                    sheet = sheet or fitted_sheet(workbook, sheet_title(table), columns, batch)
                    for values in batch:
                        sheet.append(values)
                    tally.step(len(batch))
                    batch = []
            sheet = sheet or fitted_sheet(workbook, sheet_title(table), columns, batch)
            for values in batch:
                sheet.append(values)
            tally.step(len(batch))
            written[table.name] = sheet.finish()
    return written


def export_all_zip(session: Session, path: Path, *, progress: Progress | None = None) -> dict[str, int]:
    """Write every kind of record as CSV files (UTF-8 with BOM) in one zip file; returns rows per table name."""
    path = destination(path)
    chosen = exported_tables()
    tally = _Tally(session, chosen, progress)
    written: dict[str, int] = {}
    in_use = _("If it is open in another program, close it and try again.")
    with replacing(path, in_use) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        tally.step()
        for table in chosen:
            chosen_fields = fields(table)
            with archive.open(f"{sheet_title(table)}.csv", "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
                out = csv.writer(text)
                out.writerow([field.heading for field in chosen_fields])
                count = 0
                for row in _rows(session, table, chosen_fields):
                    out.writerow([_csv_value(field, value) for field, value in zip(chosen_fields, row, strict=True)])
                    count += 1
                    if count % CHUNK == 0:
                        tally.step(CHUNK)
                tally.step(count % CHUNK)
                text.flush()
                text.detach()
            written[table.name] = count
    return written


@audited("everything", rows=lambda written: sum(written.values()))
def export_all(session: Session, path: Path, *, progress: Progress | None = None) -> dict[str, int]:
    """The full export to path: a zip of CSV files when path ends in .zip, otherwise an xlsx workbook."""
    require(roles.EXPORT_NAMED, roles.WELLBEING_READ, roles.SUPERVISION_READ)
    if Path(path).suffix.lower() == ".zip":
        return export_all_zip(session, path, progress=progress)
    return export_all_xlsx(session, path, progress=progress)

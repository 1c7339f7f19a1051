"""Shared helpers for writing xlsx exports: column kinds, UK formats, streaming rows and safe saving.

Every export (people now; meetings, expenses and returns later) uses these so that all spreadsheets look the same:
a bold heading row that stays in view, a filter on every column, sensible widths, real dates in UK format,
money as pounds and pence, and every typed value passed through the formula-injection guard.

Workbooks are openpyxl "write-only" workbooks, which stream rows to disk instead of holding every cell in memory.
openpyxl writes the workbook, styles and everything around the rows; SheetWriter writes the rows themselves (each
cell's XML from exports/xlsx_cells.py), well over twice as fast as openpyxl's cell-by-cell way, so 100,000 people
take about 20 seconds, not most of a minute.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_sheet_writer
from openpyxl.xml.functions import fromstring

from partnerdesk.exports.guard import safe_text
from partnerdesk.exports.xlsx_cells import (
    as_pence,
    as_uk_moment,
    date_cell,
    day_fraction,
    figure_cell,
    number_cell,
    serial,
    text_cell,
    value_cell,
)
from partnerdesk.i18n import N_, _
from partnerdesk.services.common.errors import Cancelled
from partnerdesk.store.leftovers import partial_path, remove_partial, sweep_partials

# Spreadsheet number formats: codes the spreadsheet reads, the same in every language (not words to translate).
UK_DATE_FORMAT = "DD/MM/YYYY"
UK_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
TIME_FORMAT = "HH:MM"
#: Text longer than this in a figures column wraps within the cell (a note beside the figures, not a figure).
WRAP_AFTER = 24
#: The height of one line of text in a row, in points (a spreadsheet's default row height).
LINE_HEIGHT = 15
MONEY_FORMAT = "£#,##0.00"
PERCENT_FORMAT = "0%"


class ExportError(Exception):
    """An export could not be saved; the message is written for the person at the keyboard."""


def destination(path) -> Path:
    """The file to write, as a Path; ExportError in plain words when its folder does not exist."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(_("The folder {parent} does not exist.").format(parent=path.parent))
    return path


class ExportCancelled(Cancelled):
    """The person stopped the export part way through; no file was written."""


class Kind(StrEnum):
    """What a column holds, which decides how its cells are written and formatted."""

    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    NUMBER = "number"
    MONEY_PENCE = "money-pence"
    TIME = "time"  # a time of day (datetime.time), a real time cell
    FIGURE = "figure"  # a number (whole or Decimal) or a date written as such, or words such as "*" as text
    PERCENT_FIGURE = "percent-figure"  # a fraction (Decimal, 0.8) shown as 80%, or words such as "*" as text
    MONEY_FIGURE = "money-figure"  # whole pence shown as pounds, or words such as "*" as text


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading, its width in characters and what it holds."""

    heading: str
    width: float = 15
    kind: Kind = Kind.TEXT


def pounds(pence: int) -> Decimal:
    """Whole pence as an exact amount in pounds (1234 → 12.34), never going through floating point."""
    return Decimal(pence) / 100


class SheetWriter:
    """Writes one sheet of an export, a row at a time.

    Create it before writing any rows: the column widths and the frozen heading row go at the top of the sheet,
    which is written out straight away, so they cannot be changed afterwards; prepare(sheet, columns), if given, is
    called just before, for anything else that must be set there. Call finish() once every row is
    written; it puts the filter over the rows actually written.
    """

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        prepare: Callable[[Any, Sequence[Column]], None] | None = None,
    ) -> None:
        if not getattr(workbook, "write_only", False):
            raise ValueError("SheetWriter needs a write-only workbook: Workbook(write_only=True)")
        self.columns = tuple(columns)
        self.sheet = workbook.create_sheet(title=title)
        self.rows_written = 0
        self._letters = [get_column_letter(number) for number in range(1, len(self.columns) + 1)]

        # Widths and the frozen heading row live at the top of the sheet's XML, which is written as soon as rows
        # start; set any later and they are silently lost.
        for letter, column in zip(self._letters, self.columns, strict=True):
            self.sheet.column_dimensions[letter].width = column.width
        self.sheet.freeze_panes = "A2"
        if prepare is not None:  # the page setup (sheet_layout.set_up_printing), whose "fit to page" goes up here too
            prepare(self.sheet, self.columns)

        # Headings wrap onto more lines rather than widening a column of short values or being clipped.
        bold = self._style_id(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top"))
        self._styles = {
            Kind.DATE: self._style_id(number_format=UK_DATE_FORMAT),
            Kind.DATETIME: self._style_id(number_format=UK_DATETIME_FORMAT),
            Kind.MONEY_PENCE: self._style_id(number_format=MONEY_FORMAT),
            Kind.TIME: self._style_id(number_format=TIME_FORMAT),
            Kind.PERCENT_FIGURE: self._style_id(number_format=PERCENT_FORMAT),
        }
        self._wrap = self._style_id(alignment=Alignment(wrap_text=True, vertical="top"))
        self._top = self._style_id(alignment=Alignment(vertical="top"))
        self._cell_makers = [self._cell_maker(column.kind) for column in self.columns]
        self._rows = _start_rows(self.sheet)
        headings = zip(self._letters, self.columns, strict=True)
        lines = max(_wrapped_lines(_(column.heading), column.width) for column in self.columns)
        cells = "".join(text_cell(f"{letter}1", _(column.heading), bold) for letter, column in headings)
        self._send_row(1, cells, lines)

    def _style_id(self, **style: Any) -> int:
        # Registering the style through a cell puts it in the workbook's style table, so it is saved with the file.
        cell = WriteOnlyCell(self.sheet)
        for name, value in style.items():
            setattr(cell, name, value)
        return cell.style_id

    def _cell_maker(self, kind: Kind):
        if kind is Kind.TEXT:
            # At the top of its row, beside a wrapped note of several lines, not down at the foot (the default).
            return lambda ref, value: text_cell(ref, safe_text(str(value)), self._top)
        if kind is Kind.NUMBER:
            return number_cell
        if kind is Kind.FIGURE:
            day_style = self._styles[Kind.DATE]

            def figure(ref: str, value: Any) -> str:
                if isinstance(value, date):
                    return date_cell(ref, value, day_style)
                if isinstance(value, str) and len(value) > WRAP_AFTER:
                    return text_cell(ref, safe_text(value), self._wrap)
                return figure_cell(ref, value)

            return figure
        if kind in (Kind.PERCENT_FIGURE, Kind.MONEY_FIGURE):
            # Hidden figures ("*") and "none" are words in a column of numbers: they go in as text.
            number = self._styles[Kind.PERCENT_FIGURE if kind is Kind.PERCENT_FIGURE else Kind.MONEY_PENCE]

            def typed(ref: str, value: Any) -> str:
                if isinstance(value, str):
                    return text_cell(ref, safe_text(value))
                shown = value if kind is Kind.PERCENT_FIGURE else pounds(as_pence(value))
                return value_cell(ref, format(Decimal(shown), "f"), number)

            return typed
        style = self._styles[kind]
        if kind is Kind.TIME:
            return lambda ref, value: value_cell(ref, repr(day_fraction(value)), style)
        if kind is Kind.DATE:
            return lambda ref, value: date_cell(ref, value, style)
        if kind is Kind.DATETIME:
            return lambda ref, value: value_cell(ref, serial(as_uk_moment(value)), style)
        return lambda ref, value: value_cell(ref, format(pounds(as_pence(value)), "f"), style)

    def _send_row(self, number: int, cells: str, lines: int = 1) -> None:
        # Building a row's XML as text and parsing it in one call is far quicker than openpyxl building every cell
        # itself: 100,000 people with 24 columns took 48 seconds the openpyxl way and 19 this way on a test machine.
        # A row with wrapped text says how tall it is: spreadsheets do not always grow a streamed row to fit.
        height = f' ht="{LINE_HEIGHT * lines:g}" customHeight="1"' if lines > 1 else ""
        self._rows.send(fromstring(f'<row r="{number}"{height}>{cells}</row>'))

    def append(self, values: Sequence[Any]) -> None:
        """Write one row; values are in column order, None (or an empty string) for an empty cell."""
        if len(values) != len(self.columns):
            raise ValueError(f"Expected {len(self.columns)} values, got {len(values)}")
        number = self.rows_written + 2
        cells = "".join(
            make(f"{letter}{number}", value)
            for make, letter, value in zip(self._cell_makers, self._letters, values, strict=True)
            if value is not None and value != ""
        )
        lines = max(
            (_wrapped_lines(value, column.width) for column, value in zip(self.columns, values, strict=True)
             if column.kind is Kind.FIGURE and isinstance(value, str) and len(value) > WRAP_AFTER),
            default=1,
        )  # fmt: skip
        self._send_row(number, cells, lines)
        self.rows_written += 1

    def finish(self) -> int:
        """Put a filter on the heading row covering every row written; returns how many rows were written."""
        # The filter is written at the end of the sheet's XML (openpyxl's write_tail), so unlike the widths and
        # frozen pane it can be set after the rows, when we know exactly how many there are.
        self.sheet.auto_filter.ref = f"A1:{self._letters[-1]}{self.rows_written + 1}"
        return self.rows_written


def _wrapped_lines(text: str, width: float) -> int:
    """About how many lines text takes when wrapped at word boundaries in a column width characters wide."""
    room, lines, used = max(1, int(width) - 1), 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _start_rows(sheet) -> Generator[None, Any, None]:
    """Take over writing the sheet's rows from openpyxl, which still writes everything around them.

    This mirrors WriteOnlyWorksheet._write_rows in openpyxl 3.1 (pinned in pyproject.toml), but is sent whole
    rows rather than values. When the workbook is saved, openpyxl closes this generator, which ends the rows,
    and then writes the filter and the rest of the sheet as usual.
    """
    if not all(hasattr(sheet, name) for name in ("_get_writer", "_rows")) or sheet._rows is not None:
        raise RuntimeError("This version of openpyxl writes sheets differently; check partnerdesk/exports/xlsx.py")
    sheet._get_writer()  # writes the sheet's top: widths, frozen pane

    def rows() -> Generator[None, Any, None]:
        xf = sheet._writer.xf.send(True)
        with xf.element("sheetData"):
            try:
                while True:
                    xf.write((yield))
            except GeneratorExit:
                pass
        sheet._writer.xf.send(None)

    generator = rows()
    next(generator)
    sheet._rows = generator
    return generator


def _discard(workbook: Workbook) -> None:
    """Throw away the sheets of a workbook that will never be saved, removing the files openpyxl streams them to."""
    # openpyxl only deletes these temporary files when Python exits; in a long-running app a cancelled export of
    # 100,000 people would otherwise leave tens of megabytes behind until it closes. This reaches into openpyxl's
    # private workings, so it is best effort: if they change, the files are still removed at exit.
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            rows = getattr(sheet, "_rows", None)
            if rows is not None:
                rows.close()
            writer = getattr(sheet, "_writer", None)
            if writer is not None:
                writer.close()
                writer.cleanup()


@contextmanager
def replacing(path: Path, in_use: str = N_("If it is open in another program, close it.")) -> Iterator[Path]:
    """A hidden partial file beside path (store.leftovers: owner-only, recognisable, swept after a crash) for the
    with-block to write a whole file to, which then takes path's name. A half-written file never carries the name,
    and a file already at path is only ever replaced by a complete one: if the block raises, the partial file goes
    and path is left as it was. A file in use elsewhere is ExportError in plain words (in_use says what to do)."""
    # Same folder, so the rename is a single step on the same disk; a random part so two exports never collide.
    sweep_partials(path.parent)  # and what an export killed part way (in the window or not) left here
    try:
        temporary = partial_path(path)
    except PermissionError as exc:
        raise ExportError(_("{name} could not be saved: PartnerDesk may not write in {parent}.").format(
            name=path.name,
            parent=path.parent,
        )) from exc
    try:
        yield temporary
        os.replace(temporary, path)
    except PermissionError as exc:
        raise ExportError(_("{name} could not be saved. {in_use}").format(name=path.name, in_use=in_use)) from exc
    finally:
        remove_partial(temporary)  # gone already after a successful rename


#: The export folder of the workbook being written in this thread: openpyxl streams each sheet to a temporary file
#: before zipping, and those files hold the personal data, so they go beside the export, not in the system's temp
#: folder (where a crash would leave them for anyone to find).
_sheet_folder: ContextVar[Path | None] = ContextVar("partnerdesk_sheet_folder", default=None)
_openpyxl_temporary_file = openpyxl_sheet_writer.create_temporary_file


def _sheet_file(suffix: str = "") -> str:
    folder = _sheet_folder.get()
    if folder is None:  # a workbook written outside xlsx_file: openpyxl's own way
        return _openpyxl_temporary_file(suffix)
    name = str(partial_path(folder / "sheet.xml"))
    openpyxl_sheet_writer.ALL_TEMP_FILES.append(name)  # openpyxl removes these when it is done, or at exit
    return name


openpyxl_sheet_writer.create_temporary_file = _sheet_file


@contextmanager
def xlsx_file(path: Path) -> Iterator[Workbook]:
    """A write-only workbook that is saved to path when the with-block ends without an error.

    The workbook is saved to a temporary file in the same folder and renamed at the end, so a half-written file
    never carries the target's name, and an existing file at path is only ever replaced by a complete one. If the
    block raises (including ExportCancelled), nothing is saved and any file already at path is left as it was.
    """
    path = destination(path)
    workbook = Workbook(write_only=True)
    folder = _sheet_folder.set(path.parent)
    try:
        try:
            yield workbook
            with replacing(path, _("If it is open in Excel or another program, close it and try again.")) as temporary:
                workbook.save(temporary)
        except BaseException as exc:
            _discard(workbook)
            if not isinstance(exc, ExportError | Cancelled) and _nearly_full(path.parent):
                # lxml reports a full disk as a bare SerialisationError, without the operating system's reason.
                raise ExportError(
                    _("{name} could not be saved: {NO_SPACE}").format(name=path.name, NO_SPACE=NO_SPACE)
                ) from exc
            raise
    finally:
        _sheet_folder.reset(folder)


NO_SPACE = N_("there is not enough free space on the disk. Nothing was saved. Free some space, then try again.")


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False

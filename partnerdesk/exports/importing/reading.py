"""Reading the rows of a spreadsheet someone already keeps: xlsx or ods (python-calamine) or csv (any of the
encodings and separators Excel and LibreOffice save), with plain-English refusals for files that cannot be read.

Nothing here knows about people, meetings or claims: it turns a file into a grid of cell values. Finding the heading
row and matching headings to fields is the caller's business (services.common.importing and each area's importer).

Why python-calamine and not openpyxl: calamine (Rust) read a 10,000-row contacts sheet in about 0.1 s where
openpyxl's read-only mode took 1-5 s, which was most of an import's time; and it reads LibreOffice's .ods too.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerdesk.i18n import _

#: Files bigger than this are refused rather than read (a contacts list of 50,000 rows is about 10 MB).
LARGEST_FILE = 50 * 1024 * 1024
#: Rows after which PartnerDesk stops and says the sheet is too big for one import.
MOST_ROWS = 50_000
#: Cells read per row at most (a sheet "used" to column XFD is mostly empty).
MOST_COLUMNS = 200
#: How far down the heading row is looked for.
HEADING_SEARCH_ROWS = 20

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls files, and every password-protected workbook
_ZIP_SIGNATURE = b"PK\x03\x04"


class UnreadableFile(Exception):
    """The file cannot be imported; the message says why in plain words and what to do."""


@dataclass
class Grid:
    """One sheet of a file as plain cell values, row numbers as the spreadsheet shows them (first row is 1)."""

    sheet: str
    sheets: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def sheet_names(path: Path) -> list[str]:
    """The sheets a file holds (a csv file has one, named after the file)."""
    path = Path(path)
    if _kind(path) == "csv":
        return [path.stem]
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Every non-empty row of one sheet (the first unless sheet names another); UnreadableFile when it cannot be."""
    path = Path(path)
    if _kind(path) == "csv":
        return Grid(path.stem, [path.stem], _limited(_csv_rows(path)))
    workbook = _open_workbook(path)
    try:
        names = list(workbook.sheet_names)
        chosen = sheet or names[0]
        if chosen not in names:
            raise UnreadableFile(_("That sheet is not in the workbook. Please pick one of its sheets."))
        worksheet = workbook.get_sheet_by_name(chosen)
        first_row, _first_column = worksheet.start or (0, 0)
        # Refuse a million rows before turning any of them into Python values.
        if first_row + worksheet.height > MOST_ROWS + HEADING_SEARCH_ROWS:
            raise _too_many()
        # Rows are numbered as the spreadsheet shows them, even when the sheet's first rows are empty.
        values = [[]] * first_row + [row[:MOST_COLUMNS] for row in worksheet.to_python(skip_empty_area=True)]
        return Grid(chosen, names, _limited(iter(values)))
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 -- a damaged workbook fails in many ways inside the reader
        raise UnreadableFile(
            _(
                "PartnerDesk could not read this workbook: it may be damaged. Open it in Excel or LibreOffice, save a "
                "copy as .xlsx or .csv, then try again."
            )
        ) from exc
    finally:
        workbook.close()


def _too_many() -> UnreadableFile:
    return UnreadableFile(
        _(
            "This sheet has more than {count:,} rows, too many to import at once. "
            "Split it into smaller files, then import each one."
        ).format(count=MOST_ROWS)
    )


def _limited(rows: Iterator[list[Any]]) -> list[tuple[int, list[Any]]]:
    kept = []
    for number, values in enumerate(rows, start=1):
        if number > MOST_ROWS + HEADING_SEARCH_ROWS:
            raise _too_many()
        cleaned = [_cell(value) for value in values]
        while cleaned and cleaned[-1] is None:
            cleaned.pop()
        if cleaned:
            kept.append((number, cleaned))
    if not kept:
        raise UnreadableFile(_("This sheet is empty. Please pick the sheet that holds the people, or another file."))
    return kept


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        # Spreadsheets hold every number as a float: a count, a year or an Excel day number is a whole number.
        return int(value)
    return value


def _kind(path: Path) -> str:
    if not path.is_file():
        raise UnreadableFile(
            _("There is no file called {name} there. Please check the name and folder.").format(name=path.name)
        )
    if path.stat().st_size > LARGEST_FILE:
        raise UnreadableFile(
            _(
                "This file is bigger than {size} MB, too big to import at once. "
                "Split it into smaller files, then import each one."
            ).format(size=LARGEST_FILE // (1024 * 1024))
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    suffix = path.suffix.lower()
    if start.startswith(_OLE_SIGNATURE):
        raise _locked()
    if start.startswith(_ZIP_SIGNATURE) and suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if start.startswith(_ZIP_SIGNATURE) and suffix == ".ods":
        if _ods_encrypted(path):
            raise _locked()
        return "ods"
    if suffix in (".csv", ".txt", ".tsv") and b"\x00" not in start:
        return "csv"
    raise UnreadableFile(
        _(
            "This is not a spreadsheet PartnerDesk can read. Please choose an .xlsx, .ods or .csv file "
            "(in Excel or LibreOffice: Save as, then pick one of those)."
        )
    )


def _locked() -> UnreadableFile:
    return UnreadableFile(
        _(
            "This workbook is protected with a password, or is an old .xls file. Open it in Excel or LibreOffice, "
            "remove the password, save it as .xlsx, then try again."
        )
    )


def _ods_encrypted(path: Path) -> bool:
    # A password-protected .ods is still a zip, but its manifest says how each part was encrypted.
    try:
        with zipfile.ZipFile(path) as archive:
            return b"encryption-data" in archive.read("META-INF/manifest.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False  # damaged: the reader says so


def _open_workbook(path: Path) -> Any:
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        # A formula cell gives the value it last showed, never the formula's text.
        return CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise _locked() from exc
    except Exception as exc:  # noqa: BLE001 -- calamine reports a broken zip or XML with several error types
        raise UnreadableFile(
            _(
                "This file is damaged or is not really a workbook. Open it in Excel or LibreOffice, save a copy "
                "as .xlsx, then try again."
            )
        ) from exc


def decode(raw: bytes) -> str:
    """Text from a csv file's bytes: UTF-8 (with or without the mark Excel adds), otherwise Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    text = decode(path.read_bytes())
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)

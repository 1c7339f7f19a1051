"""`partnerdesk export monitoring`: the commissioners' return from the command line, read back with openpyxl and
with LibreOffice (a real spreadsheet program), figures checked against the test's own data."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk.services.meetings.attendance import record_attendances
from tests.builders import add_check, add_claim, add_committee, add_invitations, add_line, add_meeting, add_person


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], capture_output=True, text=True, timeout=180,
                          env=os.environ.copy())  # fmt: skip


@pytest.fixture
def quarter_db(store):
    """2026-Q1 (April to June 2026): 8 people with a check each, 6 of them at a committee meeting (5 attended),
    a claim of two parking lines and one of six printing lines; plus a check in July, the next quarter's."""
    people = [add_person(store, full_name=f"Quarter Person {n}") for n in range(8)]
    for number, person in enumerate(people):
        add_check(store, person, at=datetime(2026, 5, 4 + number, 10, tzinfo=UTC))
    add_check(store, add_person(store, full_name="Next Quarter"), at=datetime(2026, 7, 2, 10, tzinfo=UTC))
    meeting = add_meeting(store, add_committee(store), date(2026, 6, 3), notice_sent_on=date(2026, 5, 1))
    add_invitations(store, meeting, people[:6])
    with store.transaction() as session:
        marks = {person: "attended" for person in people[:5]} | {people[5]: "apologies"}
        record_attendances(session, meeting, marks, today=date(2026, 7, 1))
    claim = add_claim(store, people[0], date(2026, 6, 4))
    add_line(store, claim, "parking", date(2026, 6, 4), amount="4.50")
    add_line(store, claim, "parking", date(2026, 6, 4), amount="8.00")
    printing = add_claim(store, people[1], date(2026, 6, 5))
    for _ in range(6):
        add_line(store, printing, "printing", date(2026, 6, 5), amount="2.00")
    path = store.path
    store.close()
    return Path(path)


def _summary(path: Path) -> dict[str, tuple]:
    sheet = load_workbook(path)["Summary"]
    return {row[1].value: tuple(cell for cell in row) for row in sheet.iter_rows(min_row=2) if row[1].value}


def _about(path: Path) -> dict[str, str]:
    """The lines at the top of the Summary saying what the file covers."""
    sheet = load_workbook(path)["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=5, values_only=True)}


def test_a_quarter_from_the_command_line_holds_the_quarters_figures(quarter_db, tmp_path):
    out = tmp_path / "return.xlsx"
    result = run("--db", str(quarter_db), "export", "monitoring", "--quarter", "2026-Q1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "01/04/2026 to 30/06/2026" in result.stdout and str(out) in result.stdout
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Equality", "Meetings", "Expenses", "Definitions"]
    assert not any(cell.data_type == "f" for sheet in book for row in sheet.iter_rows() for cell in row)
    figures = _summary(out)
    assert figures["People engaged"][2].value == 8  # the July check is the next quarter's
    assert figures["Wellbeing checks done"][2].value == 8
    assert figures["Meetings supported"][2].value == 1
    attendance = figures["Attendance"]
    # 5 of 6 would say 1 did not come: the 1 is hidden, and the 5 with it, or 6 − 5 would give it away.
    assert (attendance[2].value, attendance[3].value, attendance[4].value) == ("*", 6, "*")
    notice = figures["Notice sent on time"]
    assert (notice[2].value, notice[3].value, float(notice[4].value)) == (1, 1, 1.0)
    assert notice[4].number_format == "0%"
    parking = figures["Parking"]
    assert parking[2].value == "*" and parking[5].value == "*"  # one claim: whose it is would show
    # Printing is hidden too, or the total less printing would give parking away; the total itself is shown.
    assert figures["Printing"][5].value == "*"
    money = figures["All expenses and payments"]
    assert (money[2].value, money[5].value, money[5].number_format) == (8, 24.5, "£#,##0.00")
    assert _about(out)["Names included"] == "No: this file names nobody"
    everything = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
    assert "Quarter Person" not in everything


def test_dates_or_a_quarter_are_needed_and_bad_ones_get_a_plain_message(quarter_db, tmp_path):
    out = str(tmp_path / "r.xlsx")
    base = ("--db", str(quarter_db), "export", "monitoring", "--out", out)
    cases = [
        ((), "Please say which period"),
        (("--quarter", "2026-Q5"), "for example 2026-Q3"),
        (("--quarter", "2026-Q1", "--from", "01/04/2026"), "either --quarter or --from and --to"),
        (("--from", "30/06/2026", "--to", "01/04/2026"), "swap"),
        (("--from", "31/02/2026", "--to", "01/04/2026"), "not a real date"),
    ]
    for extra, message in cases:
        result = run(*base, *extra)
        assert result.returncode == 1 and message in result.stderr, (extra, result.stderr)
        assert "Traceback" not in result.stderr
    assert not Path(out).exists()
    wrong = run("--db", str(quarter_db), "export", "meetings", "--quarter", "2026-Q1", "--out", out)
    assert wrong.returncode == 1 and "--quarter is for the monitoring return" in wrong.stderr


def test_names_only_with_named_and_the_choice_is_recorded_in_file_and_log(quarter_db, tmp_path, monkeypatch):
    out = tmp_path / "named.xlsx"
    result = run("--db", str(quarter_db), "export", "monitoring", "--from", "01/04/2026", "--to", "30/06/2026",
                 "--out", str(out), "--named")  # fmt: skip
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    names = sorted(row[0] for row in book["Named people"].iter_rows(min_row=2, values_only=True))
    assert names == [f"Quarter Person {n}" for n in range(8)]
    assert _about(out)["Names included"].startswith("Yes")
    logs = list(Path(os.environ["PARTNERDESK_HOME"]).rglob("*.log"))
    text = "".join(path.read_text(encoding="utf-8") for path in logs)
    assert "named appendix confirmed (8 people)" in text
    assert "Quarter Person" not in text


def _libreoffice_csv(path: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice shows it, converted to UTF-8 CSV (one file per sheet)."""
    out = tmp_path / "csv"
    out.mkdir()
    profile = tmp_path / "lo-home"
    profile.mkdir()
    subprocess.run(
        [shutil.which("soffice"), "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,"
         "true,true,false,false,-1", "--outdir", str(out), str(path)],
        env={**os.environ, "HOME": str(profile)}, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    sheets = {}
    for file in out.glob("*.csv"):
        with file.open(encoding="utf-8", newline="") as handle:
            sheets[file.stem.split("-", 1)[1]] = list(csv.reader(handle))
    return sheets


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_sheet_with_numbers_percentages_and_money_formatted(quarter_db, tmp_path):
    out = tmp_path / "return.xlsx"
    result = run("--db", str(quarter_db), "export", "monitoring", "--quarter", "2026-Q1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheets = _libreoffice_csv(out, tmp_path)
    assert set(sheets) == {"Summary", "Equality", "Meetings", "Expenses", "Definitions"}
    summary = {row[1]: row for row in sheets["Summary"] if len(row) > 1}
    assert summary["People engaged"][2] == "8"
    assert summary["Notice sent on time"][2:5] == ["1", "1", "100%"]
    assert summary["Attendance"][2:5] == ["*", "6", "*"]
    assert summary["All expenses and payments"][5] == "£24.50"
    equality = [row for row in sheets["Equality"] if row and row[1] == "All people engaged"]
    assert equality and all(row[2] == "8" for row in equality)
    meeting = sheets["Meetings"][1]
    assert meeting[0] == "03/06/2026" and meeting[1] == "10:00"

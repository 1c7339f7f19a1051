"""The full data export (export all): every kind of record, read back with openpyxl, csv and LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from partnerdesk.cli import main
from partnerdesk.exports.full import export_all, exported_tables, sheet_title
from partnerdesk.exports.xlsx import ExportCancelled
from partnerdesk.records import tables
from partnerdesk.services.expenses.receipts import add_receipt
from partnerdesk.services.people.people import delete_person
from partnerdesk.store.leftovers import partials_in
from tests.builders import add_claim, add_committee, add_line, add_meeting, add_membership, add_person, tiny_pdf

MARKER = "Zoë Łukasz-Müller 🌱 marker-7f3a"
EVIL = '=HYPERLINK("http://evil.example","click")'
RECEIPT = tiny_pdf("Bus ticket")


@pytest.fixture
def filled(store):
    """Some of every common kind of record: a marked name, a formula, someone in the Bin, a claim with a receipt."""
    marked = add_person(store, full_name=MARKER, notes=EVIL, access_needs=["large_print"])
    gone = add_person(store, full_name="Binned Person")
    with store.transaction() as session:
        delete_person(session, gone)
    committee = add_committee(store)
    add_membership(store, marked, committee, date(2026, 1, 1))
    add_meeting(store, committee)
    claim = add_claim(store, marked)
    line = add_line(store, claim, amount="12.34")
    with store.transaction() as session:
        add_receipt(session, line, "ticket.pdf", RECEIPT)
    return store, {"marked": marked, "gone": gone}


def _counts(store) -> dict[str, int]:
    with store.reader() as session:
        return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one() for t in exported_tables()}


def test_every_kind_of_record_has_a_sheet_with_every_row(filled, tmp_path):
    store, ids = filled
    out = tmp_path / "everything.xlsx"
    expected = _counts(store)  # before: the export then adds its own entry to the audit log
    with store.reader() as session:
        written = export_all(session, out)

    workbook = load_workbook(out, read_only=True)
    assert _counts(store)["audit_log"] == expected["audit_log"] + 1
    assert sorted(workbook.sheetnames) == sorted(sheet_title(t) for t in exported_tables())
    assert "form_drafts" not in workbook.sheetnames
    for table in exported_tables():
        rows = list(workbook[sheet_title(table)].iter_rows(values_only=True))
        assert len(rows) - 1 == expected[table.name] == written[table.name], table.name
    assert expected["people"] == 2 and expected["receipts"] == 1  # the Bin is included; the data really is there

    people = list(workbook["people"].iter_rows(values_only=True))
    headings = people[0]
    by_id = {row[headings.index("id")]: dict(zip(headings, row, strict=True)) for row in people[1:]}
    assert by_id[ids["marked"]]["full_name"] == MARKER
    assert by_id[ids["marked"]]["notes"] == "'" + EVIL  # shown as typed, never run as a formula
    assert by_id[ids["marked"]]["access_needs"] == '["large_print"]'
    assert by_id[ids["marked"]]["deleted_at"] is None
    assert by_id[ids["gone"]]["deleted_at"] is not None  # in the Bin, with the moment it went there
    assert by_id[ids["gone"]]["created_at"].year >= 2026  # a real date-and-time cell

    lines = list(workbook["claim_lines"].iter_rows(values_only=True))
    assert "amount_pounds" in lines[0] and "amount_pence" not in lines[0]
    assert lines[1][lines[0].index("amount_pounds")] == pytest.approx(12.34)
    receipts = list(workbook["receipts"].iter_rows(values_only=True))
    assert "data" not in receipts[0]
    assert receipts[1][receipts[0].index("filename")] == "ticket.pdf"
    assert receipts[1][receipts[0].index("size_bytes")] == len(RECEIPT)


def test_the_zip_holds_one_utf8_csv_per_kind_of_record(filled, tmp_path):
    store, ids = filled
    out = tmp_path / "everything.zip"
    expected = _counts(store)  # before: the export then adds its own entry to the audit log
    assert main(["--db", str(tmp_path / "test.sqlite3"), "export", "all", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(f"{sheet_title(t)}.csv" for t in exported_tables())
        raw = archive.read("people.csv")
        assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads the accents as UTF-8
        for table in exported_tables():
            text = archive.read(f"{sheet_title(table)}.csv").decode("utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            assert len(rows) == expected[table.name], table.name
        people = {row["id"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))}
        receipts = list(csv.DictReader(io.StringIO(archive.read("receipts.csv").decode("utf-8-sig"), newline="")))
        lines = list(csv.DictReader(io.StringIO(archive.read("claim_lines.csv").decode("utf-8-sig"), newline="")))
    assert people[ids["marked"]]["full_name"] == MARKER
    assert people[ids["marked"]]["notes"] == "'" + EVIL
    assert people[ids["gone"]]["deleted_at"] != ""
    assert "data" not in receipts[0] and receipts[0]["size_bytes"] == str(len(RECEIPT))
    assert lines[0]["amount_pounds"] == "12.34"
    assert not partials_in(tmp_path)


def test_the_command_says_what_it_wrote_and_refuses_other_file_types(filled, tmp_path, capsys):
    db = str(tmp_path / "test.sqlite3")
    assert main(["--db", db, "export", "all", "--out", str(tmp_path / "all.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "records" in said and "kinds of record" in said and MARKER not in said
    assert main(["--db", db, "export", "all", "--out", str(tmp_path / "all.csv")]) == 1
    assert ".zip" in capsys.readouterr().err
    assert not (tmp_path / "all.csv").exists()


def test_a_cancelled_export_leaves_no_file_and_no_partial(filled, tmp_path):
    store, _ = filled
    out = tmp_path / "everything.xlsx"
    with store.reader() as session, pytest.raises(ExportCancelled):
        export_all(session, out, progress=lambda done, total: done == 0)
    assert not out.exists()
    assert not partials_in(tmp_path)


def test_a_new_table_would_appear_without_any_change_here():
    # Built from the catalogue: every table but form drafts, whatever is added later.
    names = {t.name for t in exported_tables()}
    assert names == {t.name for t in tables.metadata.sorted_tables} - {"form_drafts"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_full_export(filled, tmp_path):
    store, ids = filled
    path = tmp_path / "everything.xlsx"
    expected = _counts(store)  # before: the export then adds its own entry to the audit log
    with store.reader() as session:
        export_all(session, path)
    out = tmp_path / "csv"
    out.mkdir()
    profile = tmp_path / "lo-home"
    profile.mkdir()
    # Sheet -1: every sheet to its own CSV file (LibreOffice 7.2 and later), named after the sheet.
    subprocess.run(
        [shutil.which("soffice"), "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(out), str(path)],
        env={**os.environ, "HOME": str(profile)}, check=True, timeout=180, capture_output=True,
    )  # fmt: skip
    made = {p.name for p in out.iterdir()}
    for table in exported_tables():
        name = f"everything-{sheet_title(table)}.csv"
        assert name in made, name
        rows = list(csv.reader((out / name).read_text(encoding="utf-8").splitlines()))
        assert len(rows) - 1 == expected[table.name], table.name
    people = list(csv.reader((out / "everything-people.csv").read_text(encoding="utf-8").splitlines()))
    names = [row[people[0].index("full_name")] for row in people[1:]]
    notes = [row[people[0].index("notes")] for row in people[1:]]
    assert MARKER in names
    # Had it been read as a formula, the CSV would hold its result ("click"): the guard's apostrophe kept it text.
    assert "'" + EVIL in notes

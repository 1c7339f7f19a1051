"""The monitoring return gives the same figures, cell for cell, as it did before it was made fast (issue 14's
speed work): a seeded demo organisation's return is compared with the values recorded from the return as it was.

When a change to the demo data (not to the return) moves the figures, record them again with
`PARTNERDESK_RECORD_RETURN=1 pytest tests/integration/test_monitoring_unchanged.py` and say why in the commit.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook

from partnerdesk.demo.build import fill_demo
from partnerdesk.exports.monitoring import export_monitoring
from partnerdesk.rules.quarters import quarter_of
from partnerdesk.services.reports.monitoring import return_period
from tests.builders import new_store

TODAY = date(2026, 11, 23)
RECORDED = Path(__file__).with_name("monitoring_return_recorded.json")
SHEETS = ("Summary", "Equality", "Meetings", "Expenses")


def _plain(value):
    """A cell's value as JSON keeps it: dates and times as ISO text, numbers as they are."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _cells(path: Path) -> dict[str, list[list]]:
    book = load_workbook(path, read_only=True)
    try:
        return {title: [[_plain(v) for v in row] for row in book[title].iter_rows(values_only=True)]
                for title in SHEETS}  # fmt: skip
    finally:
        book.close()


def test_a_years_return_for_a_demo_organisation_is_unchanged_cell_for_cell(tmp_path):
    store = new_store(tmp_path)
    try:
        fill_demo(store, people=300, seed=3, today=TODAY)
        last = quarter_of(TODAY).previous()
        first = last.previous().previous().previous()
        out = tmp_path / "return.xlsx"
        with store.reader() as session:
            period = return_period(session, first.first_day, last.last_day, today=TODAY)
            export_monitoring(session, out, period)
    finally:
        store.close()
    cells = _cells(out)
    if os.environ.get("PARTNERDESK_RECORD_RETURN") == "1":
        RECORDED.write_text(json.dumps(cells, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    for title in SHEETS:
        # Row by row, so a difference names the sheet and row (figures only: the return names nobody).
        assert len(cells[title]) == len(recorded[title]), title
        for number, (now, before) in enumerate(zip(cells[title], recorded[title], strict=True), start=1):
            assert now == before, f"{title} row {number}"

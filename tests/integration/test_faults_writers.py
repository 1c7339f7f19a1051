"""Two PartnerDesks writing to one database while a third reads: no save may fail (issue 17, part 1).

About 8 seconds in CI; set PARTNERDESK_FAULT_SECONDS for a longer run (the issue measured 60 s).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from partnerdesk.store import open_store
from tests.builders import integrity

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("PARTNERDESK_FAULT_SECONDS", "8"))


def start(role: str, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.fault_workers", role, str(db), str(SECONDS)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_two_writers_and_a_reader_lose_no_save(tmp_path):
    db = tmp_path / "shared.sqlite3"
    open_store(db).close()
    workers = [start("writer", db), start("writer", db), start("reader", db)]
    outputs = [worker.communicate(timeout=SECONDS + 120) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-2000:]
    lines = [line.partition(" ")[::2] for out, _err in outputs for line in out.splitlines()]
    tally = Counter(word for word, _rest in lines)
    saved = {rest for word, rest in lines if word == "saved"}
    print(f"{SECONDS:.0f} s: {tally['saved']} people saved (and as many drafts), {tally['read']} reads, "
          f"{tally['failed']} failed")  # fmt: skip
    assert tally["failed"] == 0, Counter(rest for word, rest in lines if word == "failed")
    assert tally["saved"] > 20 and tally["read"] > 20  # both writers and the reader really ran
    with sqlite3.connect(db) as con:
        present = {row[0] for row in con.execute("SELECT id FROM people")}
    con.close()
    assert saved <= present
    assert integrity(db) == "ok"

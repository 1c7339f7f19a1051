"""kill -9 at random moments during writes, demo, backup, export and upgrade (issue 17, parts 1 and 6).

After every kill: the database passes SQLite's integrity check, every save that was acknowledged is there, a
finished file is either absent or whole, and once PartnerDesk starts again no partial file is left anywhere (nor
anything in the system temp folder). 50 kills in CI (10 of each kind); PARTNERDESK_KILLS=1000 for the long run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk.store import open_store
from partnerdesk.store.leftovers import partials_in
from partnerdesk.store.revisions import HEAD_REVISION
from tests.builders import database_at_revision, integrity, revision_in_file

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("writes", "demo", "backup", "export", "upgrade")
KILLS_EACH = max(1, int(os.environ.get("PARTNERDESK_KILLS", "50")) // len(KINDS))
OLD_REVISION = "0006_claims_search"


def _env(tmp_path: Path) -> dict[str, str]:
    temp = tmp_path / "system-temp"
    temp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(temp), "PARTNERDESK_HOME": str(tmp_path / "home")}


def _kill_later(args: list[str], env: dict, low: float, high: float, rng: random.Random) -> tuple[bool, str]:
    """Start a process, kill -9 it after a random wait (counted from its `ready` line if it prints one, else from
    its start); returns whether it was killed before finishing and what it printed."""
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = ""
    if args[2] == "tests.integration.fault_workers":
        printed = process.stdout.readline()  # waits until the writer has opened the database
    try:
        process.wait(timeout=rng.uniform(low, high))
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    out, _err = process.communicate(timeout=60)
    return process.returncode == -signal.SIGKILL, printed + out


def _how_long(args: list[str], env: dict) -> float:
    """How long a command takes when left alone (the kills are spread over that time)."""
    started = time.monotonic()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def _runs_until(kills_so_far) -> Iterator[int]:
    """Run numbers until KILLS_EACH runs were really killed part way (a run may finish before its kill time);
    at most three times as many runs, so the test stays bounded."""
    for run_number in range(3 * KILLS_EACH):
        if kills_so_far() >= KILLS_EACH:
            return
        yield run_number


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "partnerdesk", *args]


def _nothing_left(tmp_path: Path, *folders: Path) -> None:
    for folder in folders:
        assert partials_in(folder) == [], f"partial files left in {folder}"
    assert list((tmp_path / "system-temp").iterdir()) == [], "files left in the system temp folder"


def _people(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {row[0] for row in con.execute("SELECT id FROM people")}
    finally:
        con.close()


@pytest.fixture
def rng(request):
    seed = int(os.environ.get("PARTNERDESK_KILL_SEED", "17"))
    return random.Random(f"{seed}-{request.node.name}")


def test_killed_writers_lose_no_acknowledged_save(tmp_path, rng):
    db, env = tmp_path / "home" / "partnerdesk.sqlite3", _env(tmp_path)
    db.parent.mkdir()
    open_store(db).close()
    acknowledged: set[str] = set()
    kills = 0
    for _ in _runs_until(lambda: kills):  # noqa: B023 -- reads the count as it grows
        killed, out = _kill_later(
            [sys.executable, "-m", "tests.integration.fault_workers", "writer", str(db), "30"], env, 0.05, 1.0, rng
        )
        kills += killed
        assert "failed" not in out
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("saved ")}
        assert integrity(db) == "ok"
        assert acknowledged <= _people(db)
    print(f"writes: {kills} kills, {len(acknowledged)} acknowledged saves all present")
    assert kills == KILLS_EACH and len(acknowledged) > KILLS_EACH
    _nothing_left(tmp_path, db.parent)


def test_a_killed_demo_adds_all_of_its_people_or_none(tmp_path, rng):
    db, env = tmp_path / "home" / "partnerdesk.sqlite3", _env(tmp_path)
    db.parent.mkdir()
    open_store(db).close()
    took = _how_long(_cli("--db", str(db), "demo", "--people", "400", "--seed", "1000"), env)
    kills = 0
    for seed in _runs_until(lambda: kills):  # noqa: B023 -- reads the count as it grows
        before = len(_people(db))
        killed, _out = _kill_later(_cli("--db", str(db), "demo", "--people", "400", "--seed", str(seed)),
                                   env, 0.4 * took, 1.05 * took, rng)  # fmt: skip
        kills += killed
        assert integrity(db) == "ok"
        assert len(_people(db)) - before in ((0, 400) if killed else (400,))
    print(f"demo: {kills} kills in {seed + 1} runs")
    assert kills == KILLS_EACH
    _nothing_left(tmp_path, db.parent)


def test_a_killed_backup_leaves_a_whole_copy_or_none_and_no_partial_after_the_next_start(tmp_path, rng):
    db, env = tmp_path / "home" / "partnerdesk.sqlite3", _env(tmp_path)
    db.parent.mkdir()
    result = subprocess.run(_cli("--db", str(db), "demo", "--people", "3000"), env=env, capture_output=True)
    assert result.returncode == 0
    backups = db.parent / "backups"
    took = _how_long(_cli("--db", str(db), "backup", "--to", str(backups / "partnerdesk-first.sqlite3")), env)
    kills = left = 0
    for n in _runs_until(lambda: kills):  # noqa: B023 -- reads the count as it grows
        copy = backups / f"partnerdesk-copy{n}.sqlite3"
        killed, _out = _kill_later(_cli("--db", str(db), "backup", "--to", str(copy)), env, 0.5 * took, took, rng)
        kills += killed
        left += len(partials_in(backups))
        assert not copy.exists() or integrity(copy) == "ok"
        assert integrity(db) == "ok"
        # no -wal or -shm beside it (the logs folder is PartnerDesk's own, when the data folder is the database's)
        assert sorted(p.name for p in db.parent.iterdir() if p.name != "logs") == ["backups", "partnerdesk.sqlite3"]
    open_store(db).close()  # the next start sweeps what the killed backups left
    print(f"backup: {kills} kills in {n + 1} runs; {left} partial copies seen before the sweep")
    assert kills == KILLS_EACH
    _nothing_left(tmp_path, db.parent, backups)


def test_a_killed_export_leaves_a_whole_file_or_none_and_nothing_in_the_system_temp_folder(tmp_path, rng):
    db, env = tmp_path / "home" / "partnerdesk.sqlite3", _env(tmp_path)
    db.parent.mkdir()
    result = subprocess.run(_cli("--db", str(db), "demo", "--people", "1000"), env=env, capture_output=True)
    assert result.returncode == 0
    out = tmp_path / "exports"
    out.mkdir()
    took = _how_long(_cli("--db", str(db), "export", "people", "--out", str(out / "first.xlsx")), env)
    kills = left = 0
    for n in _runs_until(lambda: kills):  # noqa: B023 -- reads the count as it grows
        target = out / f"people{n}.xlsx"
        killed, _out = _kill_later(_cli("--db", str(db), "export", "people", "--out", str(target)),
                                   env, 0.5 * took, took, rng)  # fmt: skip
        kills += killed
        left += len(partials_in(out))
        if target.exists():
            assert len(list(load_workbook(target, read_only=True).active.values)) == 1001
        assert list((tmp_path / "system-temp").iterdir()) == []  # sheets are never streamed there
    again = subprocess.run(_cli("--db", str(db), "export", "people", "--out", str(out / "last.xlsx")), env=env)
    assert again.returncode == 0  # the next export into the folder sweeps what the killed ones left
    print(f"export: {kills} kills in {n + 1} runs; {left} partial files seen before the sweep")
    assert kills == KILLS_EACH
    _nothing_left(tmp_path, out, db.parent)


def test_a_killed_upgrade_leaves_the_old_or_the_new_schema_never_half(tmp_path, rng):
    env = _env(tmp_path)
    old = tmp_path / "old.sqlite3"
    person_id = database_at_revision(old, OLD_REVISION)
    (tmp_path / "calibrate").mkdir()
    shutil.copyfile(old, tmp_path / "calibrate" / "p.sqlite3")
    took = _how_long(_cli("--db", str(tmp_path / "calibrate" / "p.sqlite3"), "export", "people", "--out",
                          str(tmp_path / "calibrate" / "p.xlsx")), env)  # fmt: skip
    kills = 0
    for n in _runs_until(lambda: kills):  # noqa: B023 -- reads the count as it grows
        folder = tmp_path / f"upgrade{n}"
        folder.mkdir()
        db = folder / "partnerdesk.sqlite3"
        shutil.copyfile(old, db)
        killed, _out = _kill_later(_cli("--db", str(db), "export", "people", "--out", str(folder / "p.xlsx")),
                                   env, 0.3 * took, took, rng)  # fmt: skip
        kills += killed
        assert integrity(db) == "ok"
        assert revision_in_file(db) in (OLD_REVISION, HEAD_REVISION)
        assert person_id in _people(db)
        open_store(db).close()  # the next start finishes the upgrade and sweeps a half-made backup
        assert revision_in_file(db) == HEAD_REVISION
        _nothing_left(tmp_path, folder, folder / "backups")
        for copy in (folder / "backups").glob("*.sqlite3"):
            assert integrity(copy) == "ok"
    print(f"upgrade: {kills} kills in {n + 1} runs")
    assert kills == KILLS_EACH

"""The `partnerdesk` command as a worker (or a script) runs it: real processes, real files, exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk import __version__
from partnerdesk.launch import NO_SCREEN


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m partnerdesk ARGS` with this test's PartnerDesk folder."""
    return subprocess.run(
        [sys.executable, "-m", "partnerdesk", *args],
        capture_output=True, text=True, timeout=120, env=env or os.environ.copy(), cwd=cwd,
    )


def people_in(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM people WHERE deleted_at IS NULL").fetchone()[0]


@pytest.fixture
def demo_db(tmp_path) -> Path:
    db = tmp_path / "demo.sqlite3"
    result = run("--db", str(db), "demo", "--people", "300", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 300 people")
    return db


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"PartnerDesk {__version__}")


def test_demo_then_check_backup_and_export(demo_db, tmp_path):
    assert people_in(demo_db) == 300

    check = run("--db", str(demo_db), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Healthy." in check.stdout

    copy = tmp_path / "copy.sqlite3"
    backup = run("--db", str(demo_db), "backup", "--to", str(copy))
    assert backup.returncode == 0, backup.stderr
    assert run("--db", str(copy), "check").returncode == 0
    assert people_in(copy) == 300

    out = tmp_path / "people.xlsx"
    export = run("--db", str(demo_db), "export", "people", "--out", str(out))
    assert export.returncode == 0, export.stderr
    assert export.stdout.strip() == f"Wrote 300 people to {out}"
    rows = list(load_workbook(out, read_only=True).active.values)
    assert len(rows) == 301 and rows[0][0] == "Name"  # a heading and one row per person


def test_backup_without_a_destination_goes_to_the_backups_folder(demo_db):
    result = run("--db", str(demo_db), "backup")
    assert result.returncode == 0, result.stderr
    copies = list((demo_db.parent / "home").rglob("*.sqlite3"))
    assert len(copies) == 1 and str(copies[0]) in result.stdout


def test_the_same_demo_seed_twice_is_refused_and_changes_nothing(demo_db):
    result = run("--db", str(demo_db), "demo", "--people", "300", "--seed", "7")
    assert result.returncode == 1
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert people_in(demo_db) == 300


@pytest.mark.parametrize(
    "args",
    [("check",), ("backup", "--to", "x.sqlite3"), ("export", "people", "--out", "x.xlsx"), ("demo", "--people", "5")],
    ids=["check", "backup", "export", "demo"],
)
def test_a_file_that_is_not_a_partnerdesk_database_is_refused_untouched(tmp_path, args):
    foreign = tmp_path / "accounts.sqlite3"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE ledger (amount INTEGER)")
        con.execute("INSERT INTO ledger VALUES (1050)")
    before = foreign.read_bytes()
    result = run("--db", str(foreign), *args, cwd=tmp_path)
    assert result.returncode == 1
    assert "not a PartnerDesk database" in result.stderr and "Traceback" not in result.stderr
    assert foreign.read_bytes() == before
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.sqlite3").exists()


def test_a_database_from_a_newer_partnerdesk_is_refused(demo_db):
    with sqlite3.connect(demo_db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = demo_db.read_bytes()
    result = run("--db", str(demo_db), "export", "people", "--out", str(demo_db.parent / "p.xlsx"))
    assert result.returncode == 1
    assert "newer version of PartnerDesk" in result.stderr
    assert demo_db.read_bytes() == before


def test_usage_errors_exit_with_2(tmp_path):
    assert run("export", "spaceships", "--out", "x.xlsx").returncode == 2
    assert run("frobnicate").returncode == 2


def test_plain_messages_for_mistakes_a_person_can_fix(demo_db, tmp_path):
    wrong_name = run("--db", str(demo_db), "export", "people", "--out", str(tmp_path / "people.csv"))
    assert (wrong_name.returncode, wrong_name.stderr.strip()) == (1, "Please give a file name ending in .xlsx.")
    no_folder = run("--db", str(demo_db), "export", "people", "--out", str(tmp_path / "nowhere" / "p.xlsx"))
    assert no_folder.returncode == 1 and "does not exist" in no_folder.stderr
    too_many = run("--db", str(demo_db), "demo", "--people", "0")
    assert too_many.returncode == 1 and "between 1 and" in too_many.stderr
    missing = run("--db", str(tmp_path / "missing.sqlite3"), "check")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_with_no_screen_the_window_command_says_so_plainly(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run("--db", str(tmp_path / "p.sqlite3"), env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == NO_SCREEN
    assert not (tmp_path / "p.sqlite3").exists()  # nothing was created either

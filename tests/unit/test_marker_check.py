"""The suite-wide check that no test output carries the confidential marker can fail (tests/marker_check.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.marker_check import MARKER, marked_files

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = f'''
import logging
import sys

MARKER = "{MARKER}"


def test_prints_it():
    print("notes:", MARKER)


def test_writes_it_to_stderr():
    print(MARKER, file=sys.stderr)


def test_logs_it():
    logging.getLogger("partnerdesk.sample").warning("saved %s", MARKER)


def test_says_only_ids():
    print("saved check 7f3a")
'''


def test_a_test_whose_output_carries_the_marker_fails(tmp_path):
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.marker_check",
         "--rootdir", str(tmp_path), str(tmp_path / "test_sample.py")],
        capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )
    assert result.stdout.rstrip().splitlines()[-1].startswith("3 failed, 1 passed in"), result.returncode
    failed = {line.split()[1].rsplit("::", 1)[-1] for line in result.stdout.splitlines() if line.startswith("FAILED ")}
    assert failed == {"test_prints_it", "test_writes_it_to_stderr", "test_logs_it"}
    assert "Captured stdout call" in result.stdout and "Captured log call" in result.stdout
    assert "Log and print ids, never a record's values" in result.stdout


def test_a_log_file_holding_the_marker_is_found(tmp_path):
    clean, leaky = tmp_path / "partnerdesk.log", tmp_path / "partnerdesk.log.1"
    clean.write_text("write failed in partnerdesk.services.wellbeing.checks.create_check\n", encoding="utf-8")
    leaky.write_text(f"INSERT ... ('{MARKER} talked about home')\n", encoding="utf-8")
    assert marked_files([clean, leaky, tmp_path / "missing.log"]) == [leaky]

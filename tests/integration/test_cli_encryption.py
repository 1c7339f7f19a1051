"""The command line with encrypted databases: demo makes one, PARTNERDESK_PASSWORD or a prompt opens it, a wrong
password changes nothing, `encrypt` protects a plain database losing nothing, and backups stay encrypted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from partnerdesk import access, actor
from partnerdesk.cli_access import PLAIN_FOR_TESTS_ENV
from partnerdesk.store.engine import SQLITE_HEADER

PASSWORD = "kettle orange bicycle"


@pytest.fixture(autouse=True)
def _encrypted_as_for_real(monkeypatch):
    monkeypatch.delenv(PLAIN_FOR_TESTS_ENV, raising=False)
    yield
    actor.sign_out()


def run(*args: str, password: str | None = PASSWORD, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env.pop("PARTNERDESK_PASSWORD", None)
    if password is not None:
        env["PARTNERDESK_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], capture_output=True, text=True,
                          timeout=300, env=env, input=stdin)  # fmt: skip


def people_in(db: Path, password: str = PASSWORD) -> int:
    signed = access.sign_in(db, None, password, read_only=True)
    try:
        with signed.store.reader() as session:
            return session.execute(text("SELECT count(*) FROM people WHERE deleted_at IS NULL")).scalar_one()
    finally:
        signed.store.close()


def test_demo_with_the_variable_makes_an_encrypted_database_the_commands_open(tmp_path):
    db = tmp_path / "demo.sqlite3"
    made = run("--db", str(db), "demo", "--people", "40", "--seed", "3")
    assert made.returncode == 0, made.stderr
    assert "Recovery key (shown this once)" in made.stdout and "Its password is" not in made.stdout
    assert db.read_bytes()[:16] != SQLITE_HEADER
    assert people_in(db) == 40
    check = run("--db", str(db), "check")
    assert check.returncode == 0 and "Healthy." in check.stdout
    out = tmp_path / "people.xlsx"
    assert run("--db", str(db), "export", "people", "--out", str(out)).returncode == 0 and out.exists()
    copy = tmp_path / "copy.sqlite3"
    assert run("--db", str(db), "backup", "--to", str(copy)).returncode == 0
    assert copy.read_bytes()[:16] != SQLITE_HEADER and b"@example" not in copy.read_bytes()
    assert people_in(copy) == 40  # the copy opens with the same password


def test_a_wrong_password_exits_1_in_plain_words_changing_nothing(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("--db", str(db), "demo", "--people", "5").returncode == 0
    before = db.read_bytes()
    for command in (("check",), ("export", "people", "--out", str(tmp_path / "p.xlsx")), ("demo", "--people", "5")):
        result = run("--db", str(db), *command, password="not the password")
        assert result.returncode == 1
        assert "password is not right" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before and not (tmp_path / "p.xlsx").exists()


def test_demo_without_the_variable_prints_the_password_it_chose(tmp_path):
    db = tmp_path / "demo.sqlite3"
    made = run("--db", str(db), "demo", "--people", "5", password=None)
    assert made.returncode == 0, made.stderr
    chosen = re.search(r"Its password is: (\S+)", made.stdout)
    assert chosen is not None
    assert people_in(db, chosen.group(1)) == 5


def test_without_the_variable_the_password_is_asked_for(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("--db", str(db), "demo", "--people", "5").returncode == 0
    asked = run("--db", str(db), "check", password=None, stdin=PASSWORD + "\n")
    assert asked.returncode == 0, asked.stderr
    nowhere = run("--db", str(db), "check", password=None, stdin="")
    assert nowhere.returncode == 1 and "PARTNERDESK_PASSWORD" in nowhere.stderr


def test_encrypt_protects_a_plain_database_losing_nothing(tmp_path, monkeypatch):
    db = tmp_path / "plain.sqlite3"
    monkeypatch.setenv(PLAIN_FOR_TESTS_ENV, "1")
    assert run("--db", str(db), "demo", "--people", "60", "--seed", "4").returncode == 0
    monkeypatch.delenv(PLAIN_FOR_TESTS_ENV)
    assert db.read_bytes()[:16] == SQLITE_HEADER
    result = run("--db", str(db), "encrypt")
    assert result.returncode == 0, result.stderr
    assert "now protected by a password" in result.stdout and "Recovery key" in result.stdout
    assert db.read_bytes()[:16] != SQLITE_HEADER
    assert people_in(db) == 60
    assert not [p.name for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes()[:16] == SQLITE_HEADER]
    again = run("--db", str(db), "encrypt")
    assert again.returncode == 0 and "already protected" in again.stdout


def test_the_help_lists_the_encrypt_command():
    assert "encrypt" in run("--help").stdout

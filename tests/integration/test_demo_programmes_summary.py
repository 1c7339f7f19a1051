"""`partnerdesk demo` says what it made for mentoring and buddying: the programmes by name and how many
applications, pairs (one ended early and re-matched), hours, backfill claims and poll answers, naming nobody."""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal

from partnerdesk.cli import main


def _one(db, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchone()[0]


def test_the_demo_names_its_programmes_and_counts_what_they_hold(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db), "demo", "--people", "60", "--seed", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Added 60 people")
    [line] = [line for line in lines if line.startswith("Mentoring and buddying:")]
    with sqlite3.connect(db) as con:
        names = sorted(name for (name,) in con.execute("SELECT name FROM programmes"))
        people = [name for (name,) in con.execute("SELECT full_name FROM people")]
    assert len(names) == 2 and all(name in line for name in names)
    assert "2 programmes (" in line
    assert f"{_one(db, 'SELECT count(*) FROM programme_applications')} applications" in line
    pairs = _one(db, "SELECT count(*) FROM programme_pairs")
    assert f"{pairs} pairs (1 ended early and re-matched)" in line
    assert _one(db, "SELECT count(*) FROM programme_pairs WHERE status = 'ended_early'") == 1
    minutes = _one(db, "SELECT sum(minutes) FROM pair_activities")
    activities = _one(db, "SELECT count(*) FROM pair_activities")
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.1")).normalize()
    assert f"{hours:,f} hours logged in {activities} activities" in line
    claims = _one(db, "SELECT count(*) FROM claims WHERE programme_id IS NOT NULL")
    assert claims > 0 and re.search(rf"\b{claims} backfill claims?\b", line)
    assert line.endswith(f" and {_one(db, 'SELECT count(*) FROM poll_answers')} poll answers.")
    assert not any(name in line for name in people)


def test_too_few_people_for_programmes_says_so(tmp_path, capsys):
    db = tmp_path / "small.sqlite3"
    assert main(["--db", str(db), "demo", "--people", "10", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "No mentoring or buddying programmes: the demo makes them from 48 people or more." in out
    assert _one(db, "SELECT count(*) FROM programmes") == 0

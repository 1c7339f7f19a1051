"""Bad files × every command: a plain message, the right exit code, no traceback, and the file left as it was.

Tests run as root in CI, where file permissions do not stop anyone, so a read-only file or folder is made with
`chattr +i` (immutable: not even root may change it) and a full disk is a small tmpfs mounted for the test. Where
those are not possible (not root, or a filesystem without the immutable flag) those cases are skipped, saying why.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from partnerdesk.store.connections import reading_uri
from partnerdesk.store.leftovers import partials_in
from tests.integration.test_cli import run

COMMANDS = {
    "check": ("check",),
    "backup": ("backup", "--to", "{out}/copy.sqlite3"),
    "export": ("export", "people", "--out", "{out}/people.xlsx"),
    "demo": ("demo", "--people", "5", "--seed", "99"),
}
#: Words that must never reach the person: a traceback, SQLAlchemy's statement dump, or a record's values.
NEVER_SHOWN = ("Traceback", "[SQL", "[parameters", "sqlalchemy", "Demo Person Secret")


@pytest.fixture(scope="module")
def sound_db(tmp_path_factory) -> Path:
    """A small PartnerDesk database made by the real command, shared read-only by the cases (each copies it)."""
    folder = tmp_path_factory.mktemp("sound")
    db = folder / "sound.sqlite3"
    result = run("--db", str(db), "demo", "--people", "40", "--seed", "3")
    assert result.returncode == 0, result.stderr
    return db


def digest(path: Path) -> str:
    """A fingerprint of a file, or of a folder's names and contents."""
    if path.is_dir():
        return hashlib.sha256(repr(sorted((p.name, digest(p)) for p in path.iterdir())).encode()).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sound(db: Path) -> bool:
    """SQLite's integrity check, read-only (the folder may be read-only or the disk full)."""
    con = sqlite3.connect(reading_uri(db), uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def _sqlite_page(db: Path, table: str) -> tuple[int, int]:
    """The page size and the root page of a table (where every read of it starts)."""
    con = sqlite3.connect(db)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()
    return size, root


def _make(kind: str, sound: Path, db: Path) -> None:
    if kind in ("damaged page", "truncated", "newer schema", "rollback journal", "read-only file",
                "read-only folder", "full disk"):  # fmt: skip
        shutil.copyfile(sound, db)
    if kind == "truncated":
        with db.open("r+b") as handle:
            handle.truncate(db.stat().st_size // 2)
    elif kind == "damaged page":
        size, root = _sqlite_page(db, "people")
        with db.open("r+b") as handle:
            handle.seek((root - 1) * size + 8)  # keep the page's first bytes, garble the rest
            handle.write(b"\xa5" * (size - 8))
    elif kind == "zero bytes":
        db.touch()
    elif kind == "folder":
        db.mkdir()
    elif kind == "text":
        db.write_text("Name,Notes\nAled,private\n", encoding="utf-8")
    elif kind == "foreign sqlite":
        with sqlite3.connect(db) as con:  # the case: tables named like ours, but not ours
            con.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
            con.execute("CREATE TABLE alembic_version (version_num TEXT)")
            con.execute("INSERT INTO alembic_version VALUES ('0001_people')")
        con.close()
    elif kind == "newer schema":
        with sqlite3.connect(db) as con:
            con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.close()
    elif kind == "rollback journal":
        with sqlite3.connect(db) as con:
            con.execute("PRAGMA journal_mode = DELETE")
        con.close()


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def immutable(request):
    """Makes paths immutable with chattr +i, and always makes them ordinary again afterwards."""
    made: list[Path] = []

    def freeze(path: Path) -> None:
        if not _chattr("+i", path):
            pytest.skip("chattr +i is not possible here (needs root and a filesystem with the immutable flag)")
        made.append(path)

    yield freeze
    for path in reversed(made):
        _chattr("-i", path)


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs, mounted for the test (root only)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a full disk needs root to mount a small tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here ({done.stderr.strip()!r})")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> None:
    """Use up the rest of the space on the disk holding folder."""
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    for step in (4096, 512, 1):  # the last crumbs too, so even a small write fails
        try:
            with (folder / "filler").open("ab") as handle:
                while True:
                    handle.write(b"\0" * step)
                    handle.flush()
        except OSError:
            pass


KINDS = ["truncated", "damaged page", "zero bytes", "folder", "text", "foreign sqlite", "newer schema",
         "rollback journal", "read-only file", "read-only folder", "full disk"]  # fmt: skip

# (exit code, words the message must hold), per kind and command; the database must be byte-for-byte unchanged
# unless the command is allowed to write to it (the last field).
EXPECTED = {
    "truncated": {c: (1, "damaged" if c == "check" else "") for c in COMMANDS},
    "damaged page": {"check": (1, "Damaged tables: people"), "backup": (1, "damaged"), "export": (1, "damaged"),
                     "demo": (1, "damaged")},  # fmt: skip
    "zero bytes": {"check": (1, "Schema: empty"), "backup": (0, "Backed up"), "export": (1, "no PartnerDesk records"),
                   "demo": (0, "Added 5 people")},  # fmt: skip
    "folder": {c: (1, "is a folder") for c in COMMANDS},
    "text": {c: (1, "not a PartnerDesk database") for c in COMMANDS},
    "foreign sqlite": {c: (1, "left untouched" if c == "check" else "") for c in COMMANDS},
    # A copy of a newer database is still a faithful copy (the backup only reads it), so it is allowed.
    "newer schema": {c: (0, "Backed up") if c == "backup" else (1, "newer") for c in COMMANDS},
    "rollback journal": {"check": (0, "Healthy."), "backup": (0, "Backed up"), "export": (0, "Wrote 40 people"),
                         "demo": (0, "Added 5 people")},  # fmt: skip
    "read-only file": {"check": (0, "Healthy."), "backup": (0, "Backed up"), "export": (0, "Wrote 40 people"),
                       "demo": (1, "can show this database but not change it")},  # fmt: skip
    "read-only folder": {"check": (0, "Healthy."), "backup": (0, "Backed up"), "export": (0, "Wrote 40 people"),
                         "demo": (1, "can show this database but not change it")},  # fmt: skip
    "full disk": {"check": (0, "Healthy."), "backup": (1, "not enough free space"),
                  "export": (1, "not enough free space"), "demo": (1, "not enough free space")},  # fmt: skip
}
# A sound database in rollback-journal mode is written to like any other: by demo, and by export's line in the audit
# log (issue 15: every export is audited), which turns it to write-ahead logging as every PartnerDesk write does.
MAY_CHANGE = {("zero bytes", "demo"), ("rollback journal", "demo"), ("rollback journal", "export")}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_gets_a_plain_message_and_is_left_as_it_was(
    tmp_path, sound_db, immutable, request, kind, command
):
    work = tmp_path / "work"
    work.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    if kind == "full disk":
        work = request.getfixturevalue("small_disk")
        out = work
    db = work / "people.sqlite3"
    _make(kind, sound_db, db)
    if kind == "read-only file":
        immutable(db)
    if kind == "read-only folder":
        immutable(work)
    if kind == "full disk":
        _fill(work)
    before = digest(db)
    listing = sorted(p.name for p in work.iterdir())

    args = [part.format(out=out) for part in COMMANDS[command]]
    result = run("--db", str(db), *args, cwd=tmp_path)

    code, words = EXPECTED[kind][command]
    shown = result.stdout + result.stderr
    assert result.returncode == code, shown
    assert words in shown
    for never in NEVER_SHOWN:
        assert never not in shown
    if code == 1:
        assert result.stderr.strip() or not result.stdout.endswith("Healthy.\n"), shown  # said why, in words
    if (kind, command) not in MAY_CHANGE:
        assert digest(db) == before, f"{kind}: {command} changed the database"
        if kind != "full disk":
            assert sorted(p.name for p in work.iterdir()) == listing, "files were left beside the database"
    if kind == "full disk":
        (work / "filler").unlink()  # a failed write can leave its -wal behind; reading it needs room to recover
    if db.is_file() and kind in ("full disk", "read-only file", "read-only folder", "rollback journal"):
        assert sound(db)
    assert partials_in(out) == [] and partials_in(work) == []
    if command in ("backup", "export") and code == 1:
        assert list(out.glob("copy.sqlite3")) == [] and list(out.glob("people.xlsx")) == []


def test_check_leaves_a_rollback_journal_database_in_its_journal_mode(tmp_path, sound_db):
    """The issue's case: check used to switch such a file to WAL (header bytes 18-19) and bump its change counter."""
    db = tmp_path / "old-style.sqlite3"
    _make("rollback journal", sound_db, db)
    header = db.read_bytes()[:100]
    assert header[18:20] == b"\x01\x01"
    result = run("--db", str(db), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert db.read_bytes()[:100] == header

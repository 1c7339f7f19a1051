"""What the benchmarks share: a demo database of a given size, peak memory, and percentiles (not a test)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "partnerdesk-bench"


def child_env() -> dict[str, str]:
    """Environment for a child process that must find this checkout's partnerdesk package.

    Python may keep compiled bytecode (as an installed PartnerDesk has, pip compiling it at install), even where this
    shell says not to: otherwise every run would compile the modules changed since their bytecode was last written,
    a cost no user pays."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def demo_database(people: int, seed: int = 1) -> Path:
    """A database filled by `partnerdesk demo` with this many people, made once and kept for later runs.

    Made in a separate process so the memory it takes is not counted against what is being measured.
    """
    CACHE.mkdir(exist_ok=True)
    db = CACHE / f"demo-{people}-{seed}.sqlite3"
    if not db.exists():
        part = db.with_suffix(".part")
        for leftover in CACHE.glob(part.name + "*"):
            leftover.unlink()
        command = [sys.executable, "-m", "partnerdesk", "--db", str(part), "demo", "--people", str(people),
                   "--seed", str(seed)]
        # Plain, as the benchmarks were measured before encryption; bench_signin and bench_people_list --encrypted
        # make their encrypted copies of it themselves.
        plain = {**child_env(), "PARTNERDESK_UNENCRYPTED_NEW_DATABASES_FOR_TESTS": "1"}
        subprocess.run(command, check=True, env=plain, cwd=ROOT, stdout=subprocess.DEVNULL)
        # An encrypted copy of an earlier database (bench_signin.encrypted_copy) would compare different data.
        for stale in CACHE.glob(db.stem + "-encrypted.sqlite3*"):
            stale.unlink()
        part.rename(db)
    return db


def peak_memory_mb() -> float | None:
    """The most memory this process has held at once, in MB (None where the resource module is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # macOS bytes, Linux kilobytes


def percentile(values: list[float], pct: float) -> float:
    """The value below which pct per cent of values fall (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]

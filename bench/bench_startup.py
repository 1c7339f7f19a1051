"""Cold start: PartnerDesk to a populated Today page, against a minimal program on the same stack (not a test).

    python bench/bench_startup.py               # a 10,000-person demo database, 7 runs of each

Both are timed as whole processes, from starting Python to exiting once the first screen has been painted,
offscreen, alternating so that disk caches and machine load treat them alike:
  minimal      python, import PySide6's widgets and SQLAlchemy, open the same database, run one query, show an
               empty table
  PartnerDesk  `python -m partnerdesk --db DB` (the real start: settings, style, opening and checking the database,
               the main window with Today, People and the Bin filled), quitting when the window has been painted
Target from issue 2: PartnerDesk within 1.3x the minimal program.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, child_env, demo_database  # noqa: E402

MINIMAL = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
import sqlalchemy
app = QApplication(sys.argv[:1])
engine = sqlalchemy.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as con:
    con.execute(sqlalchemy.text("SELECT count(*) FROM people")).scalar_one()
table = QTableWidget()
table.show()
QTimer.singleShot(0, app.quit)  # after the first paint
app.exec()
"""

# Runs the real `partnerdesk --db DB` start, with one addition: quit as soon as the event loop has painted the
# window. The timer is set when Qt's event loop starts, i.e. after the window is built, shown and Today filled.
PARTNERDESK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_exec = QApplication.exec
def exec_then_quit(*args):
    QTimer.singleShot(0, QApplication.instance().quit)
    return _exec()
QApplication.exec = exec_then_quit
from partnerdesk.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def timed(code: str, db: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = demo_database(args.people)
    env = {**child_env(), "QT_QPA_PLATFORM": "offscreen", "PARTNERDESK_HOME": str(db.parent / "home")}
    timed(PARTNERDESK, db, env)  # once first: settings folder made, files in the disk cache for both
    minimal, ours = [], []
    for _ in range(args.runs):
        minimal.append(timed(MINIMAL, db, env))
        ours.append(timed(PARTNERDESK, db, env))
    base, app = statistics.median(minimal), statistics.median(ours)
    print(f"database:      {args.people:,} demo people; {args.runs} runs each, medians")
    print(f"minimal:       {base * 1000:.0f} ms  (all: {', '.join(f'{t * 1000:.0f}' for t in minimal)})")
    print(f"PartnerDesk:   {app * 1000:.0f} ms  (all: {', '.join(f'{t * 1000:.0f}' for t in ours)})")
    print(f"ratio:         {app / base:.2f}x   (target 1.3x)")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()

"""Cold start: PartnerDesk to a populated Today page, against a minimal program on the same stack (not a test).

    python bench/bench_startup.py               # a 10,000-person demo database, 7 runs of each

Both are timed as whole processes, from starting Python to exiting once the first screen has been painted,
offscreen, alternating so that disk caches and machine load treat them alike:
  minimal      python, import PySide6's widgets and SQLAlchemy, open the same database, run one query, show an
               empty table
  PartnerDesk  `python -m partnerdesk --db DB` (the real start: settings, style, opening and checking the database,
               the main window with Today, People and the Bin filled), quitting when the window has been painted
  minimal, SQLAlchemy first
               the same minimal program importing SQLAlchemy before PySide6. PySide6 reads the source of every
               module imported after it, so this order is quicker; PartnerDesk uses it, and the ratio against this
               stricter baseline is printed too
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

MINIMAL_BODY = """
app = QApplication(sys.argv[:1])
engine = sqlalchemy.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as con:
    con.execute(sqlalchemy.text("SELECT count(*) FROM people")).scalar_one()
table = QTableWidget()
table.show()
QTimer.singleShot(0, app.quit)  # after the first paint
app.exec()
"""
QT_IMPORTS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
"""
MINIMAL = QT_IMPORTS + "import sqlalchemy\n" + MINIMAL_BODY
MINIMAL_SQLALCHEMY_FIRST = "import sqlalchemy\n" + QT_IMPORTS + MINIMAL_BODY

# Runs the real `partnerdesk --db DB` start, with one addition: quit as soon as the event loop has painted the
# window. The timer is set when Qt's event loop starts, i.e. after the window is built, shown and Today filled.
# QApplication.exec is patched the moment PySide6's widgets are loaded by PartnerDesk itself, so that what the app
# imports before Qt (see partnerdesk/launch.py) is still imported before Qt here.
PARTNERDESK = """
import importlib.abc, importlib.util, sys

def quit_once_painted(widgets):
    _exec = widgets.QApplication.exec
    def exec_then_quit(*args):
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, widgets.QApplication.instance().quit)
        return _exec()
    widgets.QApplication.exec = exec_then_quit

class PatchWidgets(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            quit_once_painted(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, PatchWidgets())
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
    programs = {"minimal": MINIMAL, "minimal, SQLAlchemy first": MINIMAL_SQLALCHEMY_FIRST, "PartnerDesk": PARTNERDESK}
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, code in programs.items():
            times[name].append(timed(code, db, env))
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"database:      {args.people:,} demo people; {args.runs} runs each, medians")
    for name, runs in times.items():
        print(f"{name + ':':27}{medians[name] * 1000:.0f} ms  (all: {', '.join(f'{t * 1000:.0f}' for t in runs)})")
    app = medians["PartnerDesk"]
    print(f"ratio:                     {app / medians['minimal']:.2f}x   (target 1.3x)")
    print(f"ratio, SQLAlchemy first:   {app / medians['minimal, SQLAlchemy first']:.2f}x")
    # The quickest run of each is the least disturbed by whatever else the machine was doing.
    quickest = {name: min(runs) for name, runs in times.items()}
    print(f"quickest runs:             {', '.join(f'{name} {t * 1000:.0f} ms' for name, t in quickest.items())}")
    print(f"ratios of the quickest:    {quickest['PartnerDesk'] / quickest['minimal']:.2f}x, SQLAlchemy first "
          f"{quickest['PartnerDesk'] / quickest['minimal, SQLAlchemy first']:.2f}x")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()

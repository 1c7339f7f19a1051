"""Sign-in to a populated Today page, against today's unencrypted start, in the same run (not a test).

    python bench/bench_signin.py               # a 10,000-person demo database, 7 runs of each

Both are whole processes, from starting Python to exiting once the first screen has been painted, offscreen,
alternating so that disk caches and machine load treat them alike:
  plain        `python -m partnerdesk --db PLAIN` (bench_startup's PartnerDesk run): no password
  encrypted    the same data protected with a password (`partnerdesk encrypt`), and the sign-in dialog answered
               the moment it opens, so the run includes the one Argon2id derivation, unwrapping the key, and
               every page reading through SQLCipher
Target from issue 15: encrypted within 1.3x of plain.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_startup import PARTNERDESK, timed  # noqa: E402
from bench.common import ROOT, child_env, demo_database  # noqa: E402

PASSWORD = "bench kettle orange bicycle"
# Answers the sign-in dialog as it opens: the password typed, Sign in pressed.
ANSWER = '''
class AnswerSignIn(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "partnerdesk.ui.signin.dialogs":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            def answer(dialog):
                dialog.password.setText(__import__("os").environ["BENCH_PASSWORD"])
                dialog.submit()
                return dialog.result()
            module.SignInDialog.exec = answer
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, AnswerSignIn())
'''
ENCRYPTED = PARTNERDESK.replace("from partnerdesk.cli import main", ANSWER + "from partnerdesk.cli import main")


def encrypted_copy(plain: Path, env: dict) -> Path:
    """The demo database protected with PASSWORD, made once beside it."""
    copy = plain.with_name(plain.stem + "-encrypted.sqlite3")
    if not copy.exists():
        shutil.copyfile(plain, copy)
        subprocess.run([sys.executable, "-m", "partnerdesk", "--db", str(copy), "encrypt"], check=True,
                       env={**env, "PARTNERDESK_PASSWORD": PASSWORD}, cwd=ROOT, stdout=subprocess.DEVNULL)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    plain = demo_database(args.people)
    env = {**child_env(), "QT_QPA_PLATFORM": "offscreen", "PARTNERDESK_HOME": str(plain.parent / "home")}
    encrypted = encrypted_copy(plain, env)
    runs: dict[str, list[float]] = {"plain": [], "encrypted, signing in": []}

    def encrypted_run() -> float:
        return timed(ENCRYPTED, encrypted, {**env, "BENCH_PASSWORD": PASSWORD})

    timed(PARTNERDESK, plain, env)  # once each first: files in the disk cache for both
    encrypted_run()
    for _ in range(args.runs):
        runs["plain"].append(timed(PARTNERDESK, plain, env))
        runs["encrypted, signing in"].append(encrypted_run())
    medians = {name: statistics.median(times) for name, times in runs.items()}
    print(f"database:      {args.people:,} demo people; {args.runs} runs each, medians")
    for name, times in runs.items():
        print(f"{name + ':':24}{medians[name] * 1000:.0f} ms  (all: {', '.join(f'{t * 1000:.0f}' for t in times)})")
    print(f"ratio:                  {medians['encrypted, signing in'] / medians['plain']:.2f}x   (target 1.3x)")
    print(f"ratio of the quickest:  {min(runs['encrypted, signing in']) / min(runs['plain']):.2f}x")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()

"""A pytest plugin that fails any test whose output carries a confidential marker phrase (issue 17's "done when").

The test builders (tests/builders.py) write MARKER into confidential fields: wellbeing notes, supervision notes,
distress details, drafts. Nothing PartnerDesk prints, logs or shows in a message box may ever contain it: this
plugin fails a test whose captured stdout, stderr or log records hold it, and the autouse fixture in
tests/conftest.py does the same for PartnerDesk's own log file. A test that reads its output itself
(capsys.readouterr()) takes it out of pytest's hands, so such tests assert no MARKER themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: Written into every confidential field the test builders fill in. Distinctive, so it is never there by chance.
MARKER = "CONFIDENTIAL-MARKER"


def leaked_into(sections: list[tuple[str, str]]) -> list[str]:
    """The names of the captured sections ("Captured stdout call"…) that contain the marker."""
    return [name for name, content in sections if MARKER in content]


def marked_files(paths: list[Path]) -> list[Path]:
    """The files among paths (log files) that contain the marker."""
    found = []
    for path in paths:
        try:
            if MARKER in path.read_text(encoding="utf-8", errors="replace"):
                found.append(path)
        except OSError:
            continue
    return found


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn a passing phase into a failure when its captured output holds the marker."""
    outcome = yield
    report = outcome.get_result()
    if report.failed or report.skipped:
        return
    # Sections build up over setup, call and teardown: look at this phase's own, so a leak fails once.
    leaks = leaked_into([(name, text) for name, text in report.sections if name.endswith(f" {report.when}")])
    if leaks:
        report.outcome = "failed"
        # Only where it leaked: repeating the output here would print the marker's neighbours again.
        report.longrepr = (
            f"A confidential marker phrase ({MARKER}) reached the test's output: {', '.join(leaks)}. "
            "Log and print ids, never a record's values."
        )

"""The layer rule from DESIGN.md, proven: nothing outside partnerdesk/ui imports Qt.

So the command line, the exports and the services work on a machine with no screen and no Qt libraries.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import partnerdesk

PACKAGE = Path(partnerdesk.__file__).resolve().parent
PROJECT = PACKAGE.parent
QT_PACKAGES = ("PySide6", "shiboken6")

# Runs in a fresh interpreter: any attempt to import Qt fails, then every given module is imported.
HARNESS = """
import importlib, sys

BLOCKED = {blocked!r}

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} imported outside partnerdesk/ui")
        return None

sys.meta_path.insert(0, NoQt())
for module in {modules!r}:
    importlib.import_module(module)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
assert not leaked, leaked
print("imported", len({modules!r}), "modules")
"""


def core_modules() -> list[str]:
    """Every importable module under partnerdesk/ except partnerdesk/ui/**, found from the files themselves.

    A folder counts only when it (and every folder above it) is a package, so Alembic's migration scripts, which
    Alembic loads by file, are left to the text check below. __main__ runs the program, so it is not imported.
    """
    modules = []
    for file in sorted(PACKAGE.rglob("*.py")):
        relative = file.relative_to(PROJECT)
        parts = relative.with_suffix("").parts
        if parts[1:2] == ("ui",) or parts[-1] == "__main__":
            continue
        folders = [PROJECT.joinpath(*parts[:i]) for i in range(1, len(parts))]
        if not all((folder / "__init__.py").is_file() for folder in folders):
            continue
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def run_without_qt(modules: list[str]) -> subprocess.CompletedProcess:
    code = HARNESS.format(blocked=QT_PACKAGES, modules=modules)
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_discovery_finds_the_core_and_nothing_from_the_ui():
    modules = core_modules()
    for expected in (
        "partnerdesk",
        "partnerdesk.paths",
        "partnerdesk.store.engine",
        "partnerdesk.store.migrate",
        "partnerdesk.records.people",
        "partnerdesk.rules.dates",
        "partnerdesk.services.people.listing",
    ):
        assert expected in modules
    assert not [m for m in modules if m == "partnerdesk.ui" or m.startswith("partnerdesk.ui.")]
    assert not [m for m in modules if "migrations" in m or m.endswith("__main__")]


def test_every_module_outside_the_ui_imports_without_qt():
    modules = core_modules()
    result = run_without_qt(modules)
    assert result.returncode == 0, result.stderr
    assert f"imported {len(modules)} modules" in result.stdout


def test_the_qt_blocker_really_blocks():
    """Proves the check above can fail: importing Qt under the blocker is an error."""
    for module in ("PySide6", "PySide6.QtCore", "shiboken6"):
        result = run_without_qt(["partnerdesk.rules.dates", module])
        assert result.returncode != 0
        assert "imported outside partnerdesk/ui" in result.stderr


_QT_IMPORT = re.compile(
    r"^\s*(?:from|import)\s+(?:PySide6|shiboken6)\b"
    r"|(?:import_module|__import__)\(\s*[\"'](?:PySide6|shiboken6)",
    re.MULTILINE,
)


def test_the_qt_import_pattern_recognises_every_form():
    for line in (
        "from PySide6.QtCore import Qt",
        "import PySide6",
        "    from PySide6 import QtWidgets  # inside a function",
        "import shiboken6",
        'importlib.import_module("PySide6.QtGui")',
        "__import__('PySide6')",
    ):
        assert _QT_IMPORT.search(line), line
    for line in ("# PySide6 is only used in partnerdesk/ui", "import PySide6_helpers", "x = 'PySide6'"):
        assert not _QT_IMPORT.search(line), line


def test_no_file_outside_the_ui_has_a_qt_import_line():
    offenders = []
    for file in sorted(PACKAGE.rglob("*.py")):
        if file.relative_to(PACKAGE).parts[0] == "ui":
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if _QT_IMPORT.search(line):
                offenders.append(f"{file.relative_to(PROJECT)}:{number}: {line.strip()}")
    assert offenders == []

"""What the build ships: every folder of code, the shipped files from resources/, and both commands."""

from __future__ import annotations

import tomllib
from pathlib import Path

import partnerdesk
from partnerdesk import resources_access

PROJECT = Path(partnerdesk.__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def code_folders() -> set[str]:
    """Every folder under partnerdesk/ that holds Python files, as a dotted package name."""
    found = set()
    for file in (PROJECT / "partnerdesk").rglob("*.py"):
        found.add(".".join(file.parent.relative_to(PROJECT).parts))
    return found


def test_every_folder_of_code_is_built_into_the_package():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    missing = sorted(code_folders() - listed)
    assert missing == [], "add these to [tool.setuptools] packages in pyproject.toml"


def test_the_shipped_files_come_from_the_top_level_resources_folder():
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["partnerdesk.resources"] == "resources"
    assert "partnerdesk.resources" in setuptools["packages"]
    assert not (PROJECT / "partnerdesk" / "resources").exists()
    for name in ("partnerdesk.qss", "partnerdesk.desktop", "org.partnerdesk.PartnerDesk.metainfo.xml"):
        assert (PROJECT / "resources" / name).is_file(), name


def test_shipped_files_are_found_from_a_checkout():
    assert Path(str(resources_access.resources_root())) == PROJECT / "resources"
    assert "QWidget" in resources_access.read_text("partnerdesk.qss")
    assert resources_access.resource("fonts", "DejaVuSans.ttf").is_file()


def test_a_console_command_and_a_window_command():
    """`partnerdesk` must be a console program, or `partnerdesk check` prints nothing on Windows."""
    assert PYPROJECT["project"]["scripts"]["partnerdesk"] == "partnerdesk.cli:main"
    assert PYPROJECT["project"]["gui-scripts"]["partnerdesk-window"] == "partnerdesk.cli:main"
    desktop = (PROJECT / "resources" / "partnerdesk.desktop").read_text(encoding="utf-8")
    assert "Exec=partnerdesk-window" in desktop.splitlines()

"""Where PartnerDesk keeps its files, decided when the program starts (never at import time)."""

from __future__ import annotations

import os
from pathlib import Path

from partnerdesk.private_files import private_folder

APP_NAME = "PartnerDesk"
#: Set this to a folder to keep every file PartnerDesk writes there (tests, portable installs on a USB stick).
HOME_ENV = "PARTNERDESK_HOME"


def data_dir() -> Path:
    """The folder for the database, its backups and exports, created if missing and for this account only."""
    override = os.environ.get(HOME_ENV)
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir(APP_NAME, appauthor=False))
    return private_folder(folder)


def default_database() -> Path:
    """The SQLite file used when no --db is given."""
    return data_dir() / "partnerdesk.sqlite3"


def backups_dir() -> Path:
    """Automatic backups taken before a database is upgraded."""
    return private_folder(data_dir() / "backups")


def demo_database() -> Path:
    """A separate database for trying PartnerDesk with made-up people, so demo data never mixes with real data."""
    return data_dir() / "demo.sqlite3"


def logs_dir() -> Path:
    """PartnerDesk's log files (what went wrong and where, never anyone's details), created if missing."""
    folder = data_dir() / "logs"
    return private_folder(folder)

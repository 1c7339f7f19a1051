"""Schema upgrades with Alembic: a backup first, then one transaction per migration step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from partnerdesk.i18n import _
from partnerdesk.store.backup import automatic_backup_path, backup_sqlite
from partnerdesk.store.engine import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Alembic's configuration, built in code so no alembic.ini has to ship with the app."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def script_heads() -> list[str]:
    """The newest revision(s) among the migration scripts."""
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def script_revisions() -> list[str]:
    """Every revision among the migration scripts, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def upgrade_database(
    engine: Engine, path: Path | None, revision: str | None, target: str = "head", key: bytes | None = None
) -> None:
    """Bring the schema up to target, copying an existing SQLite file first so nothing can be lost (encrypted
    with key, for an encrypted database)."""
    if path is not None and revision is not None:
        try:
            backup_sqlite(path, automatic_backup_path(path, f"before-upgrade-from-{revision}"), key=key)
        except (OSError, sqlite3.Error) as exc:
            from partnerdesk.store.messages import plain_message

            raise StoreError(
                _(
                    "PartnerDesk needs to upgrade this database and first makes a backup copy, but the copy "
                    "could not be made, so the database has been left as it was. {plain_message}"
                ).format(
                    plain_message=plain_message(exc, path),
                )
            ) from exc
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)

"""The installed commands: `partnerdesk` is a console program that prints (so `partnerdesk check` answers on
Windows too) and logs to the data folder; `partnerdesk-window` is its window-only twin."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.builders import add_person, new_store

SCRIPTS = Path(sysconfig.get_path("scripts"))


def command(name: str) -> Path:
    return SCRIPTS / (f"{name}.exe" if sys.platform == "win32" else name)


def test_both_commands_are_installed():
    assert command("partnerdesk").is_file()
    assert command("partnerdesk-window").is_file()


def test_the_console_command_prints_its_answer_and_logs_to_the_data_folder(tmp_path):
    store = new_store(tmp_path)
    add_person(store)
    store.close()
    result = subprocess.run(
        [str(command("partnerdesk")), "--db", str(store.path), "check"],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert "Healthy." in result.stdout
    log = Path(os.environ["PARTNERDESK_HOME"]) / "logs" / "partnerdesk.log"
    assert "PartnerDesk" in log.read_text(encoding="utf-8")

import os

import pytest

from tests.marker_check import MARKER, marked_files
from tests.marker_check import pytest_runtest_makereport as pytest_runtest_makereport  # noqa: F401 -- a hook

# GUI tests never need a real screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Databases the commands make stay plain for the tests written before encryption (they read them with sqlite3), for
# the whole run: session-wide fixtures make databases before any test's own settings apply. The encryption tests
# take it away (tests/integration/test_cli_encryption.py).
os.environ["PARTNERDESK_UNENCRYPTED_NEW_DATABASES_FOR_TESTS"] = "1"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own PartnerDesk folder and a known user name, so nothing touches real data; afterwards
    PartnerDesk's log files there must not hold the confidential marker (tests/marker_check.py)."""
    home = tmp_path / "home"
    monkeypatch.setenv("PARTNERDESK_HOME", str(home))
    monkeypatch.setenv("PARTNERDESK_USER", "tester")
    yield
    from partnerdesk import actor

    actor.sign_out()  # a test that signed someone in (set-up, sign-in) must not leave its role on the tests after it
    leaked = marked_files(sorted((home / "logs").glob("*.log*")))
    if leaked:
        pytest.fail(f"PartnerDesk's log file {leaked[0].name} holds the confidential marker ({MARKER}): "
                    "log ids, never a record's values.", pytrace=False)


@pytest.fixture
def store(tmp_path):
    from tests.builders import new_store

    s = new_store(tmp_path)
    yield s
    s.close()

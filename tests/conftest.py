import os

import pytest

# GUI tests never need a real screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own PartnerDesk folder and a known user name, so nothing touches real data."""
    monkeypatch.setenv("PARTNERDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PARTNERDESK_USER", "tester")


@pytest.fixture
def store(tmp_path):
    from tests.builders import new_store

    s = new_store(tmp_path)
    yield s
    s.close()

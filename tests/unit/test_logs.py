"""The log file: where it is, that it rotates, and that an uncaught error is written down without its message
(a database error's message quotes the values it was saving)."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from sqlalchemy.exc import IntegrityError

from partnerdesk import logs, paths
from tests.builders import database_error_quoting

MARKER = "Zebedee-Marker-Quist"


@pytest.fixture
def logged(monkeypatch):
    """Logging set up in this test's data folder, with the hooks and reporter put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = logs.setup_logging()
    yield path
    logs.set_crash_reporter(None)
    logs.stop_logging()


def raise_it(error: BaseException) -> None:
    raise error


def test_set_up_writes_the_log_in_the_data_folders_logs(logged):
    logging.getLogger("partnerdesk.test").info("person %s opened", "id-123")
    assert logged == paths.data_dir() / "logs" / "partnerdesk.log"
    assert logged.parent.name == "logs"
    text = logged.read_text(encoding="utf-8")
    assert "started" in text
    assert "person id-123 opened" in text


def test_set_up_twice_keeps_one_file_handler(logged):
    assert logs.setup_logging() == logged
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(logged)]
    assert len(handlers) == 1


def test_the_log_rotates_and_keeps_a_few_old_files(logged):
    logs.stop_logging()
    path = logs.setup_logging(max_bytes=2_000, backup_count=2)
    for number in range(200):
        logging.getLogger("partnerdesk.test").info("line %d of a long session", number)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["partnerdesk.log", "partnerdesk.log.1", "partnerdesk.log.2"]
    assert path.stat().st_size <= 2_000
    assert "line 199 " in path.read_text(encoding="utf-8")


def test_the_database_error_used_below_really_quotes_the_marker():
    """Proves the tests below can fail: without care, the marker would be written."""
    assert MARKER in str(database_error_quoting(MARKER))


def test_an_uncaught_error_is_logged_without_its_message(logged, capsys):
    logs.install_excepthooks()
    error = database_error_quoting(MARKER)
    try:
        raise_it(error)
    except IntegrityError:
        sys.excepthook(*sys.exc_info())
    text = logged.read_text(encoding="utf-8")
    assert "uncaught error" in text
    assert "sqlalchemy.exc.IntegrityError" in text
    assert "SQLITE_CONSTRAINT_UNIQUE" in text
    assert "in raise_it" in text  # where it happened
    assert MARKER not in text
    err = capsys.readouterr().err
    assert "log file" in err
    assert MARKER not in err


def test_an_uncaught_error_on_another_thread_is_logged_without_its_message(logged):
    logs.install_excepthooks()
    shown: list[str] = []
    logs.set_crash_reporter(shown.append)
    worker = threading.Thread(target=raise_it, args=(database_error_quoting(MARKER),), name="exporter")
    worker.start()
    worker.join()
    text = logged.read_text(encoding="utf-8")
    assert "uncaught error in thread exporter" in text
    assert "IntegrityError" in text
    assert MARKER not in text
    assert len(shown) == 1
    assert "IntegrityError" in shown[0] and "in raise_it" in shown[0]
    assert MARKER not in shown[0]


def test_a_logged_exception_never_carries_its_message_even_if_another_handler_formatted_it_first(logged):
    class Plain(logging.Handler):  # a handler with the standard formatter caches the full traceback on the record
        def emit(self, record):
            self.format(record)

    plain = Plain()
    logging.getLogger().addHandler(plain)
    try:
        try:
            raise_it(database_error_quoting(MARKER))
        except IntegrityError:
            logging.getLogger("partnerdesk.ui.ops").exception("write failed for claim %s", "id-9")
    finally:
        logging.getLogger().removeHandler(plain)
    text = logged.read_text(encoding="utf-8")
    assert "write failed for claim id-9" in text
    assert "IntegrityError" in text
    assert MARKER not in text


def test_a_chained_error_is_described_with_its_cause():
    try:
        try:
            raise_it(database_error_quoting(MARKER))
        except IntegrityError as exc:
            raise RuntimeError(f"could not save {MARKER}") from exc
    except RuntimeError:
        details = logs.crash_details(sys.exc_info())
    assert "IntegrityError" in details and "RuntimeError" in details
    assert details.index("IntegrityError") < details.index("RuntimeError")
    assert MARKER not in details

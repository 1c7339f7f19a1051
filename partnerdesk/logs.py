"""The log file, and what happens to an error nobody caught: it is written down safely, then shown.

One rotating file, logs/partnerdesk.log in the data folder, set up once when PartnerDesk starts. Nothing written
here may carry a record's values. Log lines name ids, never names or notes; and an exception's *message* is never
written, because some messages quote the data (SQLAlchemy puts a statement's bound parameters into its errors).
Instead an error is described by its type, SQLite's error code where there is one, and the place in the code it
happened (file, line, function and that line of code). The same description is what "Copy details" copies.

No Qt here: the window registers how to show an error (set_crash_reporter), the command line prints a plain line.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from partnerdesk import __version__, paths
from partnerdesk.i18n import N_, _
from partnerdesk.private_files import create_private_file, tighten_tree

LOG_FILE = "partnerdesk.log"
MAX_BYTES = 1_000_000
#: How many older files are kept beside the current one (partnerdesk.log.1 … .5).
BACKUP_COUNT = 5
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
CLI_CRASH = N_(
    "Something went wrong and PartnerDesk stopped. What happened is written (without anyone's details) in the "
    "log file {log}; if it happens again, send that file to whoever helps you with PartnerDesk."
)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
#: Shown to the person after an uncaught error has been logged; given the details "Copy details" copies.
CrashReporter = Callable[[str], None]

_handler: logging.handlers.RotatingFileHandler | None = None
_reporter: CrashReporter | None = None


def describe_exception(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """An error described without its message: its type, SQLite's error code, and where in the code it happened.

    Chained errors (raised while handling another, or `raise … from …`) are described first, as Python does.
    """
    lines: list[str] = []
    seen: set[int] = set()

    def describe(kind: type[BaseException], error: BaseException | None, trace: TracebackType | None) -> None:
        if error is not None:
            seen.add(id(error))
            cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
            if cause is not None and id(cause) not in seen:
                describe(type(cause), cause, cause.__traceback__)
                lines.append("which led to:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(trace):
            lines.append(f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(_error_line(kind, error))

    describe(exc_type, exc, tb)
    return "\n".join(lines)


def _error_line(kind: type[BaseException], error: BaseException | None) -> str:
    """The error's full type name and, for database errors, the driver's error type and SQLite's error code."""
    line = f"{kind.__module__}.{kind.__qualname__} (message left out: it may quote someone's details)"
    original = getattr(error, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(original, BaseException):
        line += f"; driver error {type(original).__module__}.{type(original).__qualname__}"
        code = getattr(original, "sqlite_errorname", None)
        if code:
            line += f" {code}"
    return line


def _short_path(filename: str) -> str:
    """A source file named from its package folder (partnerdesk/ui/ops.py), not from the person's home folder,
    whose name is often their own."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "partnerdesk", "tests"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index:])
    return Path(filename).name


class SafeFormatter(logging.Formatter):
    """Formats log lines with errors described by describe_exception, never by their messages."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may already have cached the plain traceback (with the message) on the record.
        exc_info, exc_text = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None
        try:
            text = super().format(record)
        finally:
            record.exc_info, record.exc_text = exc_info, exc_text
        if exc_info and exc_info[0] is not None:
            text += "\n" + describe_exception(*exc_info)
        return text


class _QuietDatabaseEngine(logging.Filter):
    """Keeps SQLAlchemy's statement echo out of the file: at INFO and DEBUG it logs every bound parameter."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("sqlalchemy.engine") and record.levelno < logging.WARNING)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose every new file (the first, and each one started after rotating) is owner-only."""

    def _open(self):
        create_private_file(Path(self.baseFilename))
        return super()._open()


def _system() -> str:
    # Not platform.platform(): on Linux it runs `uname -p` in a subprocess, 20 ms of every start-up.
    return f"Python {platform.python_version()} on {platform.system()} {platform.release()}"


def log_file() -> Path:
    """The current log file (older ones beside it end in .1, .2 …)."""
    return paths.logs_dir() / LOG_FILE


def setup_logging(max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> Path:
    """Write PartnerDesk's log lines to the rotating log file in the data folder; returns the file.

    Calling it again changes nothing, unless the data folder has moved (PARTNERDESK_HOME changed) since.
    """
    global _handler
    target = log_file()
    if _handler is not None and Path(_handler.baseFilename) == target:
        return target
    stop_logging()
    root = logging.getLogger()
    tighten_tree(target.parent)  # log files an earlier version left readable to everyone
    handler = PrivateRotatingFileHandler(
        target, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
    )
    handler.setFormatter(SafeFormatter(LINE_FORMAT))
    handler.addFilter(_QuietDatabaseEngine())
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _handler = handler
    logging.getLogger(__name__).info("PartnerDesk %s started (%s)", __version__, _system())
    return target


def stop_logging() -> None:
    """Close the log file (so it can be moved or deleted, which Windows refuses while it is open)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def set_crash_reporter(reporter: CrashReporter | None) -> None:
    """Who shows an uncaught error to the person (the window's crash dialog); None for the command line's message.

    The reporter may be called from any thread: it must pass the details to its own thread before showing them.
    """
    global _reporter
    _reporter = reporter


def crash_details(exc_info: ExcInfo, where: str = "") -> str:
    """What "Copy details" copies: the version, the computer's system, the time and the error described safely."""
    header = [
        f"PartnerDesk {__version__} ({_system()})",
        f"At {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC{f' ({where})' if where else ''}",
        f"Log file: {LOG_FILE} in PartnerDesk's logs folder",
    ]
    return "\n".join([*header, "", describe_exception(*exc_info)])


def report_error(exc_info: ExcInfo, where: str = "") -> None:
    """Log an error nobody caught, then show it: the window's dialog, or one plain line on the command line."""
    logging.getLogger(__name__).error("uncaught error%s", f" in {where}" if where else "", exc_info=exc_info)
    details = crash_details(exc_info, where)
    if _reporter is not None:
        _reporter(details)
    elif sys.stderr is not None:  # None under pythonw (the window command on Windows), which has no console
        print(_(CLI_CRASH).format(log=log_file()), file=sys.stderr)


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal is not a crash
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_error((exc_type, exc, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:  # a thread that ended itself on purpose, as Python's own hook ignores it
        return
    where = f"thread {args.thread.name}" if args.thread is not None else "a thread"
    # Python fills exc_value whenever the hook is called for an exception; None only for a hand-made call.
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    report_error((args.exc_type, exc, args.exc_traceback), where)


def install_excepthooks() -> None:
    """Send every uncaught error, on the main thread (sys.excepthook) or another (threading.excepthook), to
    report_error instead of printing its message, which may quote someone's details."""
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook

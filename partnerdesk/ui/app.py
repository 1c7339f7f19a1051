"""Creating the application, opening the database and showing the main window."""

from __future__ import annotations

import contextlib
import gc
import re
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QObject, QSettings, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk import logs, paths
from partnerdesk.i18n import ENGLISH, PSEUDO, _, language
from partnerdesk.private_files import private_folder, tighten_tree
from partnerdesk.records.types import current_user
from partnerdesk.resources_access import read_text
from partnerdesk.store import Store, StoreError, sharing
from partnerdesk.store.connections import database_url, sqlite_path
from partnerdesk.store.viewing import open_for_window
from partnerdesk.ui.crash_dialog import install_crash_reporter
from partnerdesk.ui.ops import Writer

DEMO_PEOPLE = 500
#: View → Text size: each choice and how many times the normal size it makes every text.
TEXT_SIZES = {"normal": 1.0, "large": 1.25, "larger": 1.5}
TEXT_SIZE_KEY = "view/text_size"
#: The smallest normal text (points): the size every page was fitted to a 1280×720 laptop at. A larger system text
#: size (set for low vision) is followed; a smaller one is not, or the app would get harder to read than it was.
SMALLEST_TEXT_PT = 10.5
_SIZE = re.compile(r"@size\(([\d.]+)\)")


#: How long after the window appears the Bin is swept of items kept longer than the organisation's setting.
SWEEP_AFTER_MS = 1500

def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with PartnerDesk's names, settings location and style (reused if one exists)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_NAME)
    # Window sizes and the last export folder live in an .ini beside the data, so a portable install carries them.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings_folder = private_folder(paths.data_dir() / "settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_folder))
    # Qt writes the .ini itself (the umask set at start keeps it owner-only); tighten what an older version left,
    # and again as the program ends, after Qt's last write.
    tighten_tree(settings_folder)
    app.aboutToQuit.connect(lambda: (QSettings().sync(), tighten_tree(settings_folder)))
    # On the application before any widget exists: each widget is then styled once as it is made. Put on later,
    # the sheet restyles every widget already made (measured: 120 ms for the first window, against 20 ms).
    style_application(app)
    _translate_qt(app)
    return app


def _translate_qt(app: QApplication) -> None:
    """Qt's own words (in its file and colour dialogs, and its standard buttons) in the language PartnerDesk uses."""
    code = language()
    if code in (ENGLISH, PSEUDO) or app.property("partnerdesk_qt_translated") == code:
        return
    translator = QTranslator(app)
    if translator.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app.setProperty("partnerdesk_qt_translated", code)


def text_size() -> str:
    """The text size chosen in View → Text size ("normal", "large" or "larger"), remembered between runs."""
    chosen = QSettings().value(TEXT_SIZE_KEY, "normal")
    return chosen if chosen in TEXT_SIZES else "normal"


def set_text_size(app: QApplication, choice: str) -> None:
    """Remember a text size and apply it to every window at once."""
    QSettings().setValue(TEXT_SIZE_KEY, choice)
    style_application(app)


def text_points(app: QApplication) -> float:
    """The normal text size in points: the system's (as it was when PartnerDesk started) times the chosen size."""
    system = app.property("partnerdesk_system_pt")
    if system is None:  # asked once: app.font() is PartnerDesk's own from here on
        system = app.font().pointSizeF()
        app.setProperty("partnerdesk_system_pt", system)
    return max(float(system), SMALLEST_TEXT_PT) * TEXT_SIZES[text_size()]


def style_application(app: QApplication) -> None:
    """PartnerDesk's look, for every window and dialog, its text sizes relative to text_points()."""
    points = text_points(app)
    font = app.font()
    # Setting either again re-polishes every live widget, so only what changed is set (a second window, tests).
    if font.pointSizeF() != points:
        font.setPointSizeF(points)
        app.setFont(font)  # for what the style sheet does not reach (item views' own measuring, tool tips)
    sheet = _SIZE.sub(lambda found: f"{points * float(found.group(1)):.1f}pt", read_text("partnerdesk.qss"))
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def fill_demo_if_empty(window, store: Store) -> None:
    """Give a brand-new demo database its made-up people, with a progress dialog."""
    from partnerdesk.services.people.listing import PeopleFilter, count_people
    from partnerdesk.ui.background import run_with_progress

    with store.reader() as session:
        if count_people(session, PeopleFilter()) or count_people(session, PeopleFilter(in_bin=True)):
            return

    def work(_progress):
        from partnerdesk.demo.build import fill_demo

        return fill_demo(store, people=DEMO_PEOPLE)

    run_with_progress(window, _("Demo data"), _("Adding made-up people to the demo database…"), work)


def _collect_garbage_again() -> None:
    gc.freeze()  # what start-up made stays: later collections need not look at it again
    gc.enable()


def warm_up(store: Store) -> None:
    """Load the record classes and the ORM once the first screen is up, so the first click elsewhere is quick."""
    from sqlalchemy.orm import configure_mappers

    from partnerdesk.records import load_all

    load_all()
    configure_mappers()  # links the records to each other: 0.1 s that the first list would otherwise wait for
    store.session_factory  # noqa: B018 -- made now rather than on the first click


class DatabaseLock:
    """This window's lock file beside the database: taken on opening, kept fresh, removed on closing."""

    def __init__(self, path: Path | None):
        self.path = path
        self.other: sharing.Holder | None = None
        self.timer: QTimer | None = None
        if path is None:
            return
        self.other = sharing.take_lock(path, current_user())
        self.timer = QTimer(interval=int(sharing.REFRESH_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(lambda: sharing.refresh_lock(path))
        self.timer.start()

    def stop(self) -> None:
        """Stop refreshing and remove the lock if it is ours."""
        if self.timer is not None:
            self.timer.stop()
        if self.path is not None:
            sharing.release_lock(self.path)


def claim_database(store: Store, parent=None) -> DatabaseLock:
    """Take the database's lock; when another PartnerDesk has it open, say so in plain words and carry on.

    A database only being shown gets no lock: nothing beside it is written, and it changes nothing."""
    lock = DatabaseLock(None if store.read_only else store.path)
    if lock.other is not None:
        QMessageBox.warning(parent, _("Already open elsewhere"), sharing.already_open_message(lock.other))
    return lock


def _cannot_open(exc: BaseException, target: str | Path) -> None:
    """Damaged, read-only, full or not ours: the same plain words and advice the command line gives, never a crash."""
    from partnerdesk.store.messages import plain_message

    QMessageBox.critical(None, _("PartnerDesk could not open the database"),
                         plain_message(exc, sqlite_path(database_url(target))))


class _Stopped(Exception):
    """The program is ending: the health check is not started."""


class _HealthCheck(QObject):
    """SQLite's quick check of the whole file, on its own thread once the window is up: a damaged page that the
    first screen did not happen to read must not leave the worker looking at a blank page with no word why."""

    damaged = Signal(str)

    def __init__(self, window: QWidget, store: Store):
        super().__init__(window)
        self.window, self.store, self.path = window, store, store.path
        self.damaged.connect(self._tell)  # queued to the window's thread: the signal is emitted from the check's

    def start(self) -> None:
        self.connection, self.stopping = None, False
        self.worker = threading.Thread(target=self._run, name="health-check", daemon=True)
        _RUNNING_CHECKS.append(self)
        self.worker.start()

    def _run(self) -> None:
        from partnerdesk.store.messages import damaged_message, passes_quick_check

        def keep(connection) -> None:
            self.connection = connection
            if self.stopping:  # stop() came before there was a statement to interrupt: do not start one
                connection.close()
                raise _Stopped

        try:
            sound = passes_quick_check(self.path, self.store.key, opened=keep)
        except _Stopped:
            return
        if not sound and not self.stopping:
            self.damaged.emit(damaged_message(self.path))

    def stop(self) -> None:
        """Interrupt the check and wait for it: a check still decrypting pages while the program's crypto library
        is torn down at exit crashed PartnerDesk on quitting (an encrypted database)."""
        self.stopping = True  # an interrupted check is not a damaged file
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.interrupt()
        self.worker.join(timeout=5)

    def _tell(self, message: str) -> None:
        from partnerdesk.store.viewing import damaged_reason

        # Changing a damaged file can lose more of it: from here on it is only shown (and can be exported).
        reason = damaged_reason(self.path)
        self.store.stop_writing(reason)
        set_read_only = getattr(self.window, "set_read_only", None)
        if set_read_only is not None:
            set_read_only(reason)
        QMessageBox.warning(self.window, _("This database is damaged"), message)


#: Health checks started by this program, stopped as it ends.
_RUNNING_CHECKS: list[_HealthCheck] = []


def stop_health_checks() -> None:
    """Stop every background health check (called as the program ends)."""
    while _RUNNING_CHECKS:
        _RUNNING_CHECKS.pop().stop()


def watch_health(window: QWidget, store: Store) -> None:
    """Check the database file for damage in the background; if it is damaged, tell the worker in plain words and
    show it read-only from then on."""
    if store.path is not None:
        _HealthCheck(window, store).start()


def start_window(target: str | Path, demo: bool = False, key: bytes | None = None):
    """Open the database at target (an encrypted one with key, from signing in) and show the window over it
    (read-only, with a banner saying why, when it must not be changed). Returns (window, store, lock), or None
    after saying in plain words why it cannot be shown."""
    try:
        store = open_for_window(target, key)  # read-only, saying why, on a share or cloud folder or a read-only file
    except (StoreError, SQLAlchemyError, OSError) as exc:
        _cannot_open(exc, target)
        return None
    lock = claim_database(store)
    from partnerdesk.ui.main_window import MainWindow

    writer = Writer(store)
    try:
        window = MainWindow(writer, demo=demo)
    except SQLAlchemyError as exc:  # a damaged page is found by the first screen's first read of it
        lock.stop()
        store.close()
        _cannot_open(exc, target)
        return None
    if store.read_only:
        window.set_read_only(store.read_only_reason)
    window.show()
    if demo and not store.read_only:
        fill_demo_if_empty(window, store)
        writer.tell_everyone()
    if not store.read_only:  # a draft offered back could not be kept or thrown away
        window.offer_drafts()
        # A moment after the window is up, and imported only then: the Bin's services load SQLAlchemy's ORM (about
        # 0.3 s), which the first screen is built not to need (bench/bench_startup.py).
        QTimer.singleShot(SWEEP_AFTER_MS, lambda: _sweep_the_bin(writer))
    watch_health(window, store)
    return window, store, lock


def replace_window(old):
    """A new window over old's database for whoever is signed in now (the lock screen's Switch person), fitted to
    their role, in old's place. Old, the forms open from it and its lock screen go; what was being typed in them
    was kept as its worker's drafts when it locked, and the new person is offered their own."""
    from partnerdesk.ui.main_window import MainWindow

    store = old.writer.store
    old.locker.stand_down()
    window = MainWindow(Writer(store), demo=old.demo)  # a writer of its own: nothing still tells the old pages
    if store.read_only:
        window.set_read_only(store.read_only_reason)
    window.setGeometry(old.geometry())
    for check in old.findChildren(_HealthCheck):  # still running: it tells the window on show
        check.setParent(window)
        check.window = window
    window.show()
    old.hide()
    old.deleteLater()
    if not store.read_only:
        window.offer_drafts()
    return window


def run_app(target: str | Path, demo: bool = False) -> int:
    """Show PartnerDesk on the database at target until the window closes; returns the exit code."""
    app = make_application()
    logs.setup_logging()  # already done by the command line; here for anyone starting the window another way
    install_crash_reporter(app)
    from partnerdesk.ui.signin.gate import sign_in_first

    signed_in, key = sign_in_first(target)  # a new database is set up, an encrypted one signed in to
    if not signed_in:
        return 0
    started = start_window(target, demo, key)
    if started is None:
        return 1
    _window, store, lock = started
    QTimer.singleShot(0, _collect_garbage_again)  # paused while the window was made (cli.main)
    QTimer.singleShot(300, lambda: warm_up(store))
    try:
        return app.exec()
    finally:
        stop_health_checks()
        lock.stop()
        store.close()


def _sweep_the_bin(writer: Writer) -> None:
    from partnerdesk.ui.bin_page import sweep_old_items

    sweep_old_items(writer)

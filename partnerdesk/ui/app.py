"""Creating the application, opening the database and showing the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from partnerdesk import paths
from partnerdesk.resources_access import read_text
from partnerdesk.store import Store, StoreError, open_store
from partnerdesk.ui.ops import Writer

DEMO_PEOPLE = 500


def make_application(argv: list[str] | None = None, styled: bool = True) -> QApplication:
    """The QApplication with PartnerDesk's names, settings location and style (reused if one exists).

    styled=False leaves the style sheet to style_application(), for start-up (see run_app)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_NAME)
    # Window sizes and the last export folder live in an .ini beside the data, so a portable install carries them.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.data_dir() / "settings"))
    if styled:
        style_application(app)
    return app


def style_application(app: QApplication) -> None:
    """PartnerDesk's look, for every window and dialog."""
    app.setStyleSheet(read_text("partnerdesk.qss"))


def fill_demo_if_empty(window, store: Store) -> None:
    """Give a brand-new demo database its made-up people, with a progress dialog."""
    from partnerdesk.services.people_list import PeopleFilter, count_people
    from partnerdesk.ui.background import run_with_progress

    with store.reader() as session:
        if count_people(session, PeopleFilter()) or count_people(session, PeopleFilter(in_bin=True)):
            return

    def work(_progress):
        from partnerdesk.services.demo import fill_demo

        return fill_demo(store, people=DEMO_PEOPLE)

    run_with_progress(window, "Demo data", "Adding made-up people to the demo database…", work)


def _style_everything(app: QApplication, window) -> None:
    style_application(app)
    for part in (window.nav, window.today):
        part.setStyleSheet("")  # the application's sheet covers them now


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


def run_app(target: str | Path, demo: bool = False) -> int:
    """Show PartnerDesk on the database at target until the window closes; returns the exit code."""
    # A style sheet makes Qt restyle every widget as it is made (about 40 ms for the first window). So the window
    # first appears with the sheet on its list of areas and its Today page only, which is all that shows, and
    # the sheet goes on the whole application straight after, which changes nothing that can be seen.
    app = make_application(styled=False)
    try:
        store = open_store(target)
    except StoreError as exc:
        QMessageBox.critical(None, "PartnerDesk could not open the database", str(exc))
        return 1
    from partnerdesk.ui.main_window import MainWindow

    writer = Writer(store)
    window = MainWindow(writer, demo=demo)
    sheet = read_text("partnerdesk.qss")
    for part in (window.nav, window.today):
        part.setStyleSheet(sheet)
    window.show()
    if demo:
        fill_demo_if_empty(window, store)
        writer.changed.emit()
    window.offer_drafts()
    QTimer.singleShot(0, _collect_garbage_again)  # paused while the window was made (cli.main)
    QTimer.singleShot(0, lambda: _style_everything(app, window))
    QTimer.singleShot(300, lambda: warm_up(store))
    try:
        return app.exec()
    finally:
        store.close()

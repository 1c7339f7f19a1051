"""Locking PartnerDesk's window when nobody is using it, or on Ctrl+L (issue 15): see lock.controller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from partnerdesk.services.common.settings import get_setting
from partnerdesk.ui.lock.controller import Locker

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

SETTING = "lock_after_minutes"
WATCH_AFTER_MS = 1000


def install_lock(window: MainWindow) -> Locker:
    """Give window its lock, idle minutes from the organisation's settings, following them when they change.

    Who may unlock is set on the Locker afterwards (verify and switch_person) once accounts exist; until then the
    lock screen offers Continue."""

    def minutes() -> int:
        return int(window.writer.glance(lambda db: get_setting(db, SETTING)))

    locker = Locker(window, minutes())
    # A second after the window opens, well after its first screen is drawn (a zero timer would still run before
    # the first paint): watching for input and listening to the desktop's screen lock need not cost start-up time.
    QTimer.singleShot(WATCH_AFTER_MS, locker, locker.watch_input)
    QTimer.singleShot(WATCH_AFTER_MS, locker, locker.watch_system_lock)
    window.writer.changed.connect(lambda tables: (tables is None or "settings" in tables)
                                  and locker.set_minutes(minutes()))  # fmt: skip
    return locker

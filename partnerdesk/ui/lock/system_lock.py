"""When the computer's own screen is locked (Windows+L, the desktop's lock, `loginctl lock-session`), PartnerDesk
locks too, at once rather than only once its idle time has passed: someone who unlocks the computer, or switches to
their own desktop on it, must still sign in to PartnerDesk to read anything.

Linux desktops say so on D-Bus: the session's screen saver service (freedesktop, GNOME, Cinnamon, MATE) sends
ActiveChanged(true), and systemd-logind sends Lock for the login session. Windows sends the window a session-change
message once it has asked for them. A Mac says nothing unasked, so PartnerDesk looks at its login session every
couple of seconds (lock.mac_screen). Where none of these exists (a desktop with no screen saver service, a computer
with no D-Bus), nothing is watched and the idle time still locks PartnerDesk.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

#: Screen saver services that send ActiveChanged(bool) on the session bus when the screen is locked or blanked.
SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver", "org.cinnamon.ScreenSaver",
                 "org.mate.ScreenSaver")  # fmt: skip
LOGIN_SESSION = "org.freedesktop.login1.Session"
#: Windows' session-change message, and its "this session was locked" reason (winuser.h, wtsapi32.h).
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
#: How often a Mac's screen lock is looked at: soon enough that nobody sits down at an unlocked PartnerDesk.
MAC_EVERY_MS = 2000
#: A look at a Mac's screen lock this much later than due (seconds) means PartnerDesk was not running in between:
#: the Mac slept, or macOS paused it (App Nap) while the screen was locked, so the lock itself went unseen.
MAC_MISSED_S = 15


def wall_clock() -> float:
    """Seconds since 1970 (a test replaces it to move time on)."""
    return time.time()


def login_session_path(session_id: str) -> str:
    """systemd-logind's D-Bus object for a login session: its id with every character that is not a letter or a
    digit, and a leading digit, written as _ and two hex digits (systemd's bus path escaping)."""
    escaped = "".join(
        f"_{ord(char):02x}" if not (char.isascii() and char.isalnum()) or (index == 0 and char.isdigit()) else char
        for index, char in enumerate(session_id)
    )
    return f"/org/freedesktop/login1/session/{escaped or '_'}"


def is_session_lock(message: int, reason: int) -> bool:
    """Whether a Windows message says this session has just been locked."""
    return message == WM_WTSSESSION_CHANGE and reason == WTS_SESSION_LOCK


class SystemLockWatcher(QObject):
    """Emits locked when the computer's screen is locked. `watching` lists what it listens to (for the log and tests).

    The buses are PartnerDesk's session and system buses unless given (a test gives a private bus of its own);
    mac_screen says whether a Mac's screen is locked (lock.mac_screen's, unless a test gives its own).
    """

    locked = Signal()

    def __init__(self, parent: QObject, session_bus=None, system_bus=None, session_id: str | None = None,
                 mac_screen: Callable[[], bool] | None = None):  # fmt: skip
        super().__init__(parent)
        self.watching: list[str] = []
        self.windows_filter: QAbstractNativeEventFilter | None = None
        if sys.platform.startswith("linux") or session_bus is not None:
            self._watch_dbus(session_bus, system_bus, os.environ.get("XDG_SESSION_ID", "") if session_id is None
                             else session_id)  # fmt: skip
        if mac_screen is None and sys.platform == "darwin":
            from partnerdesk.ui.lock.mac_screen import screen_lock_reader

            mac_screen = screen_lock_reader()
        if mac_screen is not None:
            self._watch_mac(mac_screen)
        log.info("watching the computer's screen lock through %d services", len(self.watching))

    def _watch_dbus(self, session_bus, system_bus, session_id: str) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt built without D-Bus: the idle time still locks
            return
        session_bus = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system_bus = system_bus if system_bus is not None else QDBusConnection.systemBus()
        if session_bus.isConnected():
            for service in SCREEN_SAVERS:
                if session_bus.connect("", "", service, "ActiveChanged", self, SLOT("_screen_saver(bool)")):
                    self.watching.append(service)
        if session_id and system_bus.isConnected():
            # This login session's object only: another account's session locking is not this person leaving.
            path = login_session_path(session_id)
            if system_bus.connect("", path, LOGIN_SESSION, "Lock", self, SLOT("_session_locked()")):
                self.watching.append(LOGIN_SESSION)

    def _watch_mac(self, screen_is_locked: Callable[[], bool]) -> None:
        self.mac_screen, self.mac_was_locked = screen_is_locked, screen_is_locked()
        self.mac_looked_at = wall_clock()
        self.mac_timer = QTimer(self, interval=MAC_EVERY_MS)
        self.mac_timer.timeout.connect(self._look_at_mac_screen)
        self.mac_timer.start()
        self.watching.append("CGSessionScreenIsLocked")

    def _look_at_mac_screen(self) -> None:
        now, looked_at = self.mac_screen(), wall_clock()
        # The wall clock, not a monotonic one: a Mac's monotonic clock stops while it sleeps.
        missed = looked_at - self.mac_looked_at > MAC_MISSED_S + MAC_EVERY_MS / 1000
        if (now and not self.mac_was_locked) or missed:  # once as it locks, not every look while it stays locked
            self.locked.emit()
        self.mac_was_locked, self.mac_looked_at = now, looked_at

    @Slot(bool)
    def _screen_saver(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot()
    def _session_locked(self) -> None:
        self.locked.emit()


def watch_system_lock(window: QWidget, parent: QObject, **buses) -> SystemLockWatcher:
    """A watcher (owned by parent) whose locked signal fires when the computer's screen is locked, window being
    the one Windows tells about it (buses: as for SystemLockWatcher)."""
    watcher = SystemLockWatcher(parent, **buses)
    if watch_windows_session(window):
        watcher.windows_filter = _WindowsLockFilter(watcher)  # kept alive by the watcher
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(watcher.windows_filter)
            watcher.watching.append("WTSSessionNotification")
    return watcher


class _WindowsLockFilter(QAbstractNativeEventFilter):
    """Passes Windows' "session locked" message on to the watcher (every other message goes on untouched)."""

    def __init__(self, watcher: SystemLockWatcher):
        super().__init__()
        self.watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802 -- Qt's name
        if event_type == b"windows_generic_MSG" and is_session_lock(*windows_message(message)):
            self.watcher.locked.emit()
        return False, 0


def watch_windows_session(window: QWidget) -> bool:
    """Ask Windows to send PartnerDesk this account's session changes (locked, unlocked) through window; True when
    it agreed."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        # NOTIFY_FOR_THIS_SESSION (0): only this account's own session, not other people's on the same PC.
        return bool(ctypes.windll.wtsapi32.WTSRegisterSessionNotification(int(window.winId()), 0))
    except (AttributeError, OSError):
        return False


def windows_message(message) -> tuple[int, int]:
    """(message, wParam) of the native Windows MSG that Qt's nativeEvent hands over as an address."""
    from ctypes import wintypes

    msg = wintypes.MSG.from_address(int(message))
    return int(msg.message), int(msg.wParam)

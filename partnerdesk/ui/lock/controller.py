"""Auto-lock: after the idle minutes set in Settings (0: never), and on Ctrl+L, PartnerDesk covers every window it
has open so nothing of anyone's records can be read, keeps what was being typed, and shows the lock screen.

Idle means no key, click, wheel or mouse movement reached PartnerDesk: while another program is in front nothing
reaches it, so it locks once the idle time has passed then too. Locking the computer's screen locks it at once
(lock.system_lock), where the desktop says so. Locking hides
the contents of the main window and of every form and dialog open from it (their titles, which can name someone,
are replaced) without closing them, saves each form's draft first, and on unlock shows everything again as it was,
with the keyboard where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.ui.lock.screen import LockScreen, SwitchPerson, Verify

if TYPE_CHECKING:
    from partnerdesk.ui.lock.system_lock import SystemLockWatcher

#: What counts as someone using PartnerDesk.
_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})  # fmt: skip
MINUTE_MS = 60_000


class _Cover(QWidget):
    """A plain panel over a window whose contents are hidden while locked."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # a plain QWidget paints no style otherwise
        self.setStyleSheet("#lockCover { background: #24324a; } #lockCover QLabel { color: white; }")
        words = QLabel(_("PartnerDesk is locked."))
        words.setAccessibleName(_("PartnerDesk is locked."))
        column = QVBoxLayout(self)
        column.addStretch()
        column.addWidget(words, 0, Qt.AlignmentFlag.AlignCenter)
        column.addStretch()
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False


class _Hidden:
    """One window's state before locking: its title, the children that were showing, and where the keyboard was."""

    def __init__(self, window: QWidget):
        self.window = window
        self.title = window.windowTitle()
        self.focus = window.focusWidget()
        # Direct children only (hiding a panel hides what is in it), and never a dialog opened from this window:
        # hiding a dialog would end it, and what was typed in it with it. It is hidden as a window of its own.
        self.shown = [child for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                      if child.isVisible() and not child.isWindow()]
        for child in self.shown:
            child.hide()
        self.cover = _Cover(window)
        self.cover.show()
        window.setWindowTitle(_("PartnerDesk (locked)"))

    def restore(self) -> None:
        self.window.removeEventFilter(self.cover)
        self.cover.hide()
        self.cover.deleteLater()
        for child in self.shown:
            child.show()
        self.window.setWindowTitle(self.title)
        if self.focus is not None:
            self.focus.setFocus()


class Locker(QObject):
    """Locks a main window and the forms open from it; see the module's notes."""

    def __init__(self, window: QMainWindow, minutes: int = 5, verify: Verify | None = None,
                 switch_person: SwitchPerson | None = None):  # fmt: skip
        super().__init__(window)
        self.window = window
        self.verify, self.switch_person = verify, switch_person
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self.hidden: list[_Hidden] = []
        self.minutes = 0
        self.system_lock: SystemLockWatcher | None = None
        self.watching_input = False
        self.set_minutes(minutes)

    @property
    def locked(self) -> bool:
        """Whether the lock screen is up."""
        return self.screen is not None

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes from now on (0: never by itself; Ctrl+L still locks)."""
        self.timer.stop()
        self.minutes = minutes
        if minutes > 0:
            self.timer.setInterval(minutes * MINUTE_MS)
            if not self.locked:
                self.timer.start()

    def watch_input(self) -> None:
        """Start the idle time again whenever a key, click, wheel or mouse movement reaches PartnerDesk.

        Started a moment after the window opens (lock.install_lock), not with it: a filter on the whole application
        is handed every object that gets an event, and PySide6 builds each new kind of object's Python class (all
        its enums) the first time, which cost the first screen about 30 ms (bench/bench_startup.py)."""
        app = QApplication.instance()
        if app is not None and not self.watching_input:
            app.installEventFilter(self)
            self.watching_input = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()  # someone is using PartnerDesk: the idle time starts again
        return False

    def windows(self) -> list[QWidget]:
        """The main window and every window open from it (forms, dialogs, the help), the main window first."""
        found: list[QWidget] = [self.window]
        for top in QApplication.topLevelWidgets():
            if top is self.window or not top.isVisible() or top is self.screen:
                continue
            parent = top.parentWidget()
            while parent is not None and parent is not self.window:
                parent = parent.parentWidget()
            if parent is self.window:
                found.append(top)
        return found

    def lock(self) -> None:
        """Cover everything now: save drafts, hide every window's contents and show the lock screen."""
        if self.locked:
            return
        self.timer.stop()
        windows = self.windows()
        for window in windows:
            save_draft = getattr(window, "save_draft", None)
            if getattr(window, "draft_form", "") and getattr(window, "dirty", False) and callable(save_draft):
                save_draft()  # a crash or a forgotten laptop while locked loses nothing typed
        self.hidden = [_Hidden(window) for window in windows]
        self.screen = LockScreen(self.window, self.verify, self.switch_person)
        self.screen.unlocked.connect(self.unlock)
        self.screen.setGeometry(self.window.geometry())
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()

    def watch_system_lock(self, **buses) -> None:
        """Lock as soon as the computer's own screen is locked, not only after the idle time (lock.system_lock;
        buses: which D-Bus connections to listen on, or how a Mac's lock is read, for a test)."""
        from partnerdesk.ui.lock.system_lock import watch_system_lock

        self._stop_watching()
        self.system_lock = watch_system_lock(self.window, self, **buses)
        self.system_lock.locked.connect(self.lock)

    def stand_down(self) -> None:
        """Stop for good, leaving the windows as they are (someone else has signed in and this window is being
        replaced by one for them): no lock screen, no idle timer, no watching for input."""
        self.timer.stop()
        self.minutes = 0
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.watching_input = False
        self._stop_watching()
        if self.screen is not None:
            screen, self.screen = self.screen, None
            screen.hide()
            screen.deleteLater()
        self.hidden = []

    def _stop_watching(self) -> None:
        """No longer lock when the computer's screen is locked (a new watcher replaces it, or the lock stands down)."""
        if self.system_lock is None:
            return
        watcher, self.system_lock = self.system_lock, None
        watcher.locked.disconnect(self.lock)
        app = QApplication.instance()
        if app is not None and watcher.windows_filter is not None:
            app.removeNativeEventFilter(watcher.windows_filter)
        watcher.deleteLater()

    def unlock(self) -> None:
        """Show everything again as it was (called by the lock screen once the person is known)."""
        if self.screen is None:
            return
        screen, self.screen = self.screen, None
        screen.hide()
        screen.deleteLater()
        for hidden in reversed(self.hidden):  # the main window last, so the form on top gets the keyboard back
            hidden.restore()
        self.hidden = []
        if self.minutes > 0:
            self.timer.start()

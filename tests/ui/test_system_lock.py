"""Locking the computer's screen locks PartnerDesk at once (issue 15), told by the desktop over D-Bus: the screen
saver's ActiveChanged(true), or systemd-logind's Lock for this login session. The signals are sent as a desktop
would send them, on a private D-Bus daemon of the test's own."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from partnerdesk.ui.lock.system_lock import is_session_lock, login_session_path
from tests.ui.test_lock import NAME, lock_screen, readable_texts

SESSION = "c7"  # this login session's id, as XDG_SESSION_ID gives it


@pytest.fixture
def bus() -> Iterator[tuple[QDBusConnection, QDBusConnection]]:
    """(PartnerDesk's connection, the desktop's connection) to a D-Bus daemon started for this test."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    try:
        address = daemon.stdout.readline().strip()
        ours = QDBusConnection.connectToBus(address, f"partnerdesk-{daemon.pid}")
        desktop = QDBusConnection.connectToBus(address, f"desktop-{daemon.pid}")
        assert ours.isConnected() and desktop.isConnected()
        yield ours, desktop
        QDBusConnection.disconnectFromBus(f"partnerdesk-{daemon.pid}")
        QDBusConnection.disconnectFromBus(f"desktop-{daemon.pid}")
    finally:
        daemon.terminate()
        daemon.wait(5)


def send(connection: QDBusConnection, path: str, interface: str, name: str, *arguments) -> None:
    message = QDBusMessage.createSignal(path, interface, name)
    if arguments:
        message.setArguments(list(arguments))
    assert connection.send(message)


@pytest.fixture
def watched(qtbot, window, bus, store):
    from tests.builders import add_person

    add_person(store, full_name=NAME)
    window.show_page(window.people)
    ours, desktop = bus
    qtbot.waitUntil(lambda: window.locker.system_lock is not None)  # the window's own, once it was drawn
    window.locker.watch_system_lock(session_bus=ours, system_bus=ours, session_id=SESSION)
    assert any(NAME in text for text in readable_texts())
    return desktop


def test_the_desktops_screen_lock_locks_partnerdesk_at_once(qtbot, window, watched):
    send(watched, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", False)
    qtbot.wait(200)
    assert not window.locker.locked  # the screen saver ending is not a reason to lock

    send(watched, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)

    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)
    assert lock_screen() is not None
    assert not [text for text in readable_texts() if NAME in text]


def test_locking_this_login_session_locks_partnerdesk_and_another_persons_does_not(qtbot, window, watched):
    send(watched, login_session_path("c8"), "org.freedesktop.login1.Session", "Lock")  # someone else's session
    qtbot.wait(200)
    assert not window.locker.locked

    send(watched, login_session_path(SESSION), "org.freedesktop.login1.Session", "Lock")  # `loginctl lock-session`

    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)
    assert lock_screen() is not None


def test_a_window_replaced_by_switch_person_stops_listening(qtbot, window, watched):
    window.locker.stand_down()

    send(watched, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True)

    qtbot.wait(300)
    assert not window.locker.locked


def test_session_paths_and_windows_messages_are_read_as_systemd_and_windows_write_them():
    assert login_session_path("2") == "/org/freedesktop/login1/session/_32"  # a leading digit is escaped
    assert login_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert login_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"
    assert is_session_lock(0x02B1, 0x7)  # WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK
    assert not is_session_lock(0x02B1, 0x8)  # WTS_SESSION_UNLOCK
    assert not is_session_lock(0x0100, 0x7)  # a key press


def test_a_macs_screen_lock_locks_partnerdesk_once_as_it_locks(qtbot, window, store, monkeypatch):
    """macOS tells nobody: PartnerDesk looks at the login session every couple of seconds (lock.mac_screen reads it
    on a Mac; here the test says what a Mac would)."""
    from partnerdesk.ui.lock import system_lock
    from tests.builders import add_person

    monkeypatch.setattr(system_lock, "MAC_EVERY_MS", 50)
    add_person(store, full_name=NAME)
    window.show_page(window.people)
    mac = {"locked": False}
    qtbot.waitUntil(lambda: window.locker.system_lock is not None)
    window.locker.watch_system_lock(mac_screen=lambda: mac["locked"])
    qtbot.wait(300)
    assert not window.locker.locked

    mac["locked"] = True  # Ctrl+Cmd+Q, or the lid closed
    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)
    assert lock_screen() is not None and not any(NAME in text for text in readable_texts())

    window.locker.unlock()  # signed in again while the Mac's screen is still reported locked
    qtbot.wait(300)
    assert not window.locker.locked  # not locked again at every look

    mac["locked"] = False
    qtbot.wait(300)
    mac["locked"] = True
    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)


def test_a_mac_that_slept_or_paused_partnerdesk_while_locked_is_locked_on_its_return(qtbot, window, monkeypatch):
    """macOS may pause a program whose windows are hidden (App Nap) or the whole Mac sleeps: PartnerDesk then
    never sees the screen locked, only a look that comes far too late, and that is enough to lock it."""
    from partnerdesk.ui.lock import system_lock

    monkeypatch.setattr(system_lock, "MAC_EVERY_MS", 50)
    now = [1_000_000.0]
    monkeypatch.setattr(system_lock, "wall_clock", lambda: now[0])
    qtbot.waitUntil(lambda: window.locker.system_lock is not None)
    window.locker.watch_system_lock(mac_screen=lambda: False)  # the screen is unlocked at every look
    now[0] += 5  # a busy moment: late, but not asleep
    qtbot.wait(300)
    assert not window.locker.locked
    now[0] += 40 * 60  # the lid was shut over lunch
    qtbot.waitUntil(lambda: window.locker.locked, timeout=3000)

"""Reading a Mac's screen lock from its login session (lock.mac_screen), against stand-ins for the two frameworks
that answer as CoreGraphics and CoreFoundation do: a dictionary for the session, holding CGSSessionScreenIsLocked
only while the screen is locked, as a boolean or (on some versions) the number 1."""

from __future__ import annotations

import sys

import pytest

from partnerdesk.ui.lock.mac_screen import CORE_FOUNDATION, CORE_GRAPHICS, LOCKED_KEY, screen_lock_reader

BOOLEAN, NUMBER = 21, 22  # type ids
KEY = 7  # the handle the key string is made as


class Function:
    def __init__(self, call):
        self.call, self.restype, self.argtypes = call, None, None

    def __call__(self, *args):
        return self.call(*args)


class Library:
    def __init__(self, **functions):
        self.functions = {name: Function(call) for name, call in functions.items()}

    def __getattr__(self, name):
        return self.functions[name]


class Mac:
    """The window server's answers: session is None (no session) or {key: (type id, value)}."""

    def __init__(self, session):
        self.session, self.released = session, []

    def load(self, path: str):
        if path == CORE_GRAPHICS:
            return Library(CGSessionCopyCurrentDictionary=lambda: 100 if self.session is not None else None)
        assert path == CORE_FOUNDATION
        values = {200: self.session.get(KEY) if self.session else None}

        def get(dictionary, key):
            assert (dictionary, key) == (100, KEY)
            return 200 if values[200] is not None else None

        def number(value, kind, pointer):
            pointer.contents.value = values[value][1]
            return True

        return Library(
            CFStringCreateWithCString=lambda _allocator, text, _encoding: KEY if text == LOCKED_KEY else 0,
            CFDictionaryGetValue=get,
            CFGetTypeID=lambda value: values[value][0],
            CFBooleanGetTypeID=lambda: BOOLEAN,
            CFBooleanGetValue=lambda value: bool(values[value][1]),
            CFNumberGetValue=number,
            CFRelease=self.released.append,
        )


@pytest.mark.parametrize(("session", "locked"), [
    ({KEY: (BOOLEAN, True)}, True),
    ({KEY: (BOOLEAN, False)}, False),
    ({KEY: (NUMBER, 1)}, True),
    ({KEY: (NUMBER, 0)}, False),
    ({}, False),  # the entry is only there while locked
    (None, False),  # no window-server session at all (signed in over ssh)
])  # fmt: skip
def test_the_screen_is_locked_only_when_the_session_says_so(session, locked):
    mac = Mac(session)
    screen_is_locked = screen_lock_reader(mac.load)
    assert screen_is_locked is not None
    assert screen_is_locked() is locked
    assert mac.released == ([100] if session is not None else [])  # the copied session is let go every time


def test_a_computer_without_the_frameworks_has_nothing_to_read():
    def missing(path: str):
        raise OSError(f"{path}: no such file")

    assert screen_lock_reader(missing) is None
    if sys.platform.startswith("linux"):
        assert screen_lock_reader() is None  # this computer, really: Linux has no CoreGraphics

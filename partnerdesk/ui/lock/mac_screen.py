"""Whether a Mac's screen is locked, read from the login session's own description (CoreGraphics'
CGSessionCopyCurrentDictionary, whose CGSSessionScreenIsLocked entry is there and true while the screen is locked).

Read through ctypes from the frameworks every Mac has, so PartnerDesk needs no extra package for it; macOS sends no
message PartnerDesk could wait for without one, so lock.system_lock asks every couple of seconds instead.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
LOCKED_KEY = b"CGSSessionScreenIsLocked"
_UTF8 = 0x08000100  # kCFStringEncodingUTF8
_INT = 9  # kCFNumberIntType


def screen_lock_reader(load: Callable[[str], ctypes.CDLL] = ctypes.CDLL) -> Callable[[], bool] | None:
    """A function saying whether the screen is locked now, or None where the frameworks are missing (every
    computer but a Mac). load opens a library by path (a test passes its own)."""
    try:
        graphics, foundation = load(CORE_GRAPHICS), load(CORE_FOUNDATION)
    except OSError:
        return None
    graphics.CGSessionCopyCurrentDictionary.restype = ctypes.c_void_p
    graphics.CGSessionCopyCurrentDictionary.argtypes = []
    foundation.CFStringCreateWithCString.restype = ctypes.c_void_p
    foundation.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    foundation.CFDictionaryGetValue.restype = ctypes.c_void_p
    foundation.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    foundation.CFGetTypeID.restype = ctypes.c_ulong
    foundation.CFGetTypeID.argtypes = [ctypes.c_void_p]
    foundation.CFBooleanGetTypeID.restype = ctypes.c_ulong
    foundation.CFBooleanGetTypeID.argtypes = []
    foundation.CFBooleanGetValue.restype = ctypes.c_bool
    foundation.CFBooleanGetValue.argtypes = [ctypes.c_void_p]
    foundation.CFNumberGetValue.restype = ctypes.c_bool
    foundation.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    foundation.CFRelease.restype = None
    foundation.CFRelease.argtypes = [ctypes.c_void_p]
    key = foundation.CFStringCreateWithCString(None, LOCKED_KEY, _UTF8)  # kept for the life of the program
    boolean_type = foundation.CFBooleanGetTypeID()

    def screen_is_locked() -> bool:
        session = graphics.CGSessionCopyCurrentDictionary()
        if not session:  # no window-server session (e.g. over ssh): nothing to say it is locked
            return False
        try:
            value = foundation.CFDictionaryGetValue(session, key)
            if not value:
                return False
            if foundation.CFGetTypeID(value) == boolean_type:
                return bool(foundation.CFBooleanGetValue(value))
            number = ctypes.c_int(0)  # some macOS versions hold it as the number 1
            return bool(foundation.CFNumberGetValue(value, _INT, ctypes.pointer(number))) and number.value != 0
        finally:
            foundation.CFRelease(session)

    return screen_is_locked

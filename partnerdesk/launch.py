"""Starting the window, with plain-English messages when this computer cannot show one.

Kept outside partnerdesk/ui so the command line can explain a missing screen without importing Qt first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from partnerdesk.i18n import N_, _

NO_SCREEN = (
    N_("PartnerDesk needs a screen to open its window, and this computer has none available right now. "
    "You can still use it without a window: run `partnerdesk --help` to see the commands "
    "(for example `partnerdesk demo`, `partnerdesk check` and `partnerdesk export people --out people.xlsx`).")
)
MISSING_LIBRARIES = (
    N_("PartnerDesk's window could not start because some of the system libraries it needs are missing "
    "({detail}). Run the set-up command from the README again, which installs them.")
)


def screen_available() -> bool:
    """Whether Qt has somewhere to draw: always on Windows and macOS; on Linux an X11 or Wayland display."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):  # e.g. offscreen, chosen on purpose
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch_gui(target: str | Path, demo: bool = False) -> int:
    """Open the main window on the database at target; returns the exit code."""
    if not screen_available():
        print(_(NO_SCREEN), file=sys.stderr)
        return 1
    import partnerdesk.first_screen  # noqa: F401 -- before Qt, on purpose (see that module)
    try:
        from partnerdesk.ui.app import run_app
    except ImportError as exc:
        print(_(MISSING_LIBRARIES).format(detail=exc), file=sys.stderr)
        return 1
    return run_app(target, demo=demo)

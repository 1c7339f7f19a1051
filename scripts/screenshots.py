"""Save pictures of every page (and the larger dialogs) of PartnerDesk at a laptop's size, to look at by eye.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py 1280 720 [OUT_FOLDER]
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.25 .venv/bin/python scripts/screenshots.py 1093 614

The size is in logical pixels: at 125% scaling a 1366×768 screen leaves 1093×614, which QT_SCALE_FACTOR=1.25 then
draws at 1366×768 real pixels. Demo data only (made-up people), in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def screen_of(width: int, height: int, folder: Path) -> None:
    """Give Qt's offscreen platform a screen of this logical size (its own is 800×800 real pixels, which would keep
    every dialog smaller than a laptop shows it)."""
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return  # a real screen, or one set up already
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "logicalDpi": 96,
                                               "width": round(width * scale), "height": round(height * scale)}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(width: int, height: int, out: Path) -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["PARTNERDESK_HOME"] = home
        screen_of(width, height, Path(home))
        from PySide6.QtCore import QSize
        from PySide6.QtWidgets import QTabWidget

        from partnerdesk.demo.build import fill_demo
        from partnerdesk.store import open_store
        from partnerdesk.ui.app import make_application
        from partnerdesk.ui.main_window import MainWindow
        from partnerdesk.ui.ops import Writer

        app = make_application()
        store = open_store(Path(home) / "demo.sqlite3")
        fill_demo(store, people=200)
        writer = Writer(store)
        window = MainWindow(writer, demo=True)
        window.show()
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        tag = f"{width}x{height}" + (f"@{scale}" if scale != "1" else "")
        out.mkdir(parents=True, exist_ok=True)
        for row, area in enumerate(window.areas):
            window.nav.setCurrentRow(row)
            window.resize(QSize(width, height))
            app.processEvents()
            window.grab().save(str(out / f"{tag}-{row}-{area.title.lower()}.png"))
            for tabs in area.page.findChildren(QTabWidget):
                for index in range(1, tabs.count()):
                    tabs.setCurrentIndex(index)
                    app.processEvents()
                    window.grab().save(str(out / f"{tag}-{row}-{area.title.lower()}-tab{index}.png"))
                tabs.setCurrentIndex(0)
        window.lock_now()  # the lock screen over the window, as a colleague walking past would see it
        app.processEvents()
        window.grab().save(str(out / f"{tag}-locked-window.png"))
        window.locker.screen.grab().save(str(out / f"{tag}-dialog-lock-screen.png"))
        window.locker.unlock()
        for name, dialog in _dialogs(writer):
            dialog.show()
            dialog.resize(dialog.size().boundedTo(QSize(width, height)))
            app.processEvents()
            dialog.grab().save(str(out / f"{tag}-dialog-{name}.png"))
            dialog.hide()
        window.close()
        store.close()


def _dialogs(writer):
    import sqlite3

    from partnerdesk.ui.expenses.claim_form import ClaimForm
    from partnerdesk.ui.meetings.meeting_form import MeetingForm
    from partnerdesk.ui.meetings.series_dialog import SeriesDialog
    from partnerdesk.ui.people.person_form import PersonForm
    from partnerdesk.ui.signin.switch import SwitchPersonDialog

    with sqlite3.connect(writer.store.path) as db:
        meeting = db.execute("select meeting_id from attendance group by meeting_id order by count(*) desc").fetchone()
        claim = db.execute("select claim_id from claim_lines group by claim_id order by count(*) desc").fetchone()
    meeting_form = MeetingForm(writer, meeting[0])
    meeting_form.fields.setCurrentIndex(2)  # the attendance tab
    return [("person", PersonForm(writer)), ("meeting", meeting_form), ("series", SeriesDialog(writer)),
            ("claim", ClaimForm(writer, claim[0])), ("switch-person", SwitchPersonDialog(writer.store))]  # fmt: skip


if __name__ == "__main__":
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(__file__).resolve().parent.parent / "screenshots" / "tmp"
    main(int(sys.argv[1]), int(sys.argv[2]), folder)

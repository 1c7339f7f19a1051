"""The window at 1366×768 with 125% scaling, drawn for real in its own process (Qt's scale factor can only be set
before Qt starts, so the GUI tests, which share one process, check the 1093×614 logical size instead)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_drawn_at_125_percent_fills_a_1366_by_768_screen(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.25", PARTNERDESK_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "1093", "614", str(tmp_path / "shots")],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    from PySide6.QtGui import QImage

    pages = sorted((tmp_path / "shots").glob("*-[0-9]-*.png"))
    assert len(pages) >= 8
    for page in pages:
        image = QImage(str(page))
        # Not one pixel wider or taller: a page asking for more would have made the window grow past the screen.
        assert (image.width(), image.height()) == (1366, 768), page.name

"""What the first screen needs from outside partnerdesk/ui is imported before Qt (see partnerdesk/first_screen.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.builders import add_person

# Run in a fresh interpreter: this test process has imported everything already.
FIRST_SCREEN = textwrap.dedent("""
    import sys
    import partnerdesk.first_screen
    before = set(sys.modules)
    from partnerdesk.store import open_store
    from partnerdesk.ui.app import make_application
    from partnerdesk.ui.ops import Writer
    app = make_application()
    from partnerdesk.ui.main_window import MainWindow
    window = MainWindow(Writer(open_store(sys.argv[1])))
    window.show()
    app.processEvents()
    print("\\n".join(sorted(set(sys.modules) - before)))
""")


def test_the_first_screen_imports_no_core_module_after_qt(store):
    add_person(store)
    store.close()
    result = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(store.path)], capture_output=True, text=True,
                            check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    late = [name for name in result.stdout.split() if name.startswith(("partnerdesk.", "sqlalchemy"))
            and not name.startswith("partnerdesk.ui")]
    assert late == [], "import these in partnerdesk/first_screen.py, so they load before Qt"

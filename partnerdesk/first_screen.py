"""Everything the first screen (the Today page and the offer of unsaved forms) needs from outside partnerdesk/ui.

launch.launch_gui imports this module before Qt, on purpose: once PySide6 is loaded it reads the source text of
every module imported after it (looking for its `__feature__` switches), which made SQLAlchemy and these modules
about 70 ms slower to import. tests/ui/test_start_order.py proves nothing else from outside the ui is still to load
when the window first shows. None of it imports SQLAlchemy's ORM, which loads once the window is up
(ui.app.warm_up): they read records.tables on a plain connection (tests/unit/test_first_screen.py).
"""

from __future__ import annotations

import sqlalchemy.dialects.sqlite  # the engine would otherwise load its dialect on first connect, after Qt

from partnerdesk import access, logs, paths, resources_access, store
from partnerdesk.services.common import drafts, settings, snoozes
from partnerdesk.services.expenses import today as expenses_today
from partnerdesk.services.meetings import today as meetings_today
from partnerdesk.services.people import today as people_today
from partnerdesk.services.wellbeing import today as wellbeing_today
from partnerdesk.store import changes, messages, viewing  # messages: the health check's, as the window opens

__all__ = [
    "access", "changes", "drafts", "expenses_today", "logs", "meetings_today", "messages", "paths", "people_today",
    "resources_access", "settings", "snoozes", "sqlalchemy", "store", "viewing", "wellbeing_today",
]  # fmt: skip

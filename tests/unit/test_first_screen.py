"""The first screen reads the real tables without SQLAlchemy's ORM, and the facade that loads it before Qt is whole."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date

from partnerdesk.services.common.drafts import save_draft
from tests.builders import add_committee, add_meeting, add_membership, add_person

# In a fresh interpreter, as at start-up: load what launch.py loads before Qt, open the store and read everything the
# Today page shows and the drafts, then list what got imported. Prints counts only, never what the rows hold.
READ_FIRST_SCREEN = """
import sys
from datetime import date
from partnerdesk import first_screen as fs
store = fs.store.open_store(sys.argv[1])
today = date(2031, 6, 10)
with store.glance() as db:
    found = {
        "has_people": fs.people_today.has_people(db),
        "terms_ending": len(fs.people_today.terms_ending(db, today)),
        "consent_reviews": len(fs.people_today.consent_reviews_due(db, today)),
        "meetings": len(fs.meetings_today.today_meetings(db, today).upcoming),
        "drafts": len(fs.drafts.list_drafts(db)),
        "wellbeing": len(fs.wellbeing_today.wellbeing_today(db, today).follow_ups),
        "expenses": len(fs.expenses_today.today_expenses(db, today).waiting_for_approval),
    }
loaded = sorted(m for m in sys.modules if m.startswith(("sqlalchemy.orm", "partnerdesk.records")))
print(repr((found, loaded)))
"""


def test_the_today_page_and_drafts_read_the_tables_without_importing_the_orm(store):
    person = add_person(store)
    add_membership(store, person, add_committee(store), date(2031, 1, 1), date(2031, 7, 1))
    add_meeting(store, day=date(2031, 6, 17))
    with store.transaction() as session:
        save_draft(session, "person", None, "New person", {"full_name": "Someone"})
    path = str(store.path)
    store.close()

    done = subprocess.run([sys.executable, "-c", READ_FIRST_SCREEN, path], capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    found, loaded = ast.literal_eval(done.stdout)

    assert found == {"has_people": True, "terms_ending": 1, "consent_reviews": 0, "meetings": 1, "drafts": 1,
                     "wellbeing": 0, "expenses": 0}  # fmt: skip
    # The tables and their plain building blocks only: no ORM, no record classes.
    assert loaded == ["partnerdesk.records", "partnerdesk.records.base", "partnerdesk.records.tables",
                      "partnerdesk.records.types", "partnerdesk.records.vocab"]  # fmt: skip


def test_the_check_above_sees_the_orm_when_it_is_loaded(store):
    """Proves the check can fail: a first screen that imported a record class would be caught."""
    path = str(store.path)
    store.close()
    leaky = READ_FIRST_SCREEN.replace("import sys\n", "import sys\nimport partnerdesk.records.people\n", 1)
    done = subprocess.run([sys.executable, "-c", leaky, path], capture_output=True, text=True, timeout=120,
                          check=True)  # fmt: skip
    _, loaded = ast.literal_eval(done.stdout)
    assert "sqlalchemy.orm" in loaded and "partnerdesk.records.people" in loaded

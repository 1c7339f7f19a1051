"""The outlines the first screen reads through must agree with the records, and must not pull in the ORM."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from partnerdesk.records import Base, load_all, outlines
from partnerdesk.store import open_store

load_all()


@pytest.mark.parametrize("outline", outlines.ALL, ids=lambda t: t.name)
def test_every_outlined_column_is_a_real_column_of_the_same_type(outline):
    real = Base.metadata.tables[outline.name]
    for column in outline.columns:
        assert column.name in real.c, f"{outline.name}.{column.name} is not in the records"
        assert type(column.type) is type(real.c[column.name].type), f"{outline.name}.{column.name} has another type"


def test_the_today_page_and_drafts_read_without_importing_the_orm(tmp_path):
    open_store(tmp_path / "pd.sqlite3").close()  # made and migrated here: an everyday start finds it up to date
    # In a fresh interpreter, as at start-up: open the store, read everything the Today page shows and the drafts.
    code = f"""
import sys
from datetime import date
from partnerdesk.store import open_store
from partnerdesk.services.common import drafts
from partnerdesk.services.people import today
from partnerdesk.services.meetings import today as meetings_today
from partnerdesk.services.wellbeing import today as wellbeing_today
from partnerdesk.services.expenses import today as expenses_today
store = open_store({str(tmp_path / 'pd.sqlite3')!r})
with store.glance() as db:
    today.terms_ending(db, date.today()); today.consent_reviews_due(db, date.today()); today.has_people(db)
    meetings_today.today_meetings(db, date.today()); drafts.list_drafts(db)
    wellbeing_today.wellbeing_today(db, date.today())
    expenses_today.today_expenses(db, date.today())
loaded = sorted(m for m in sys.modules if m.startswith("sqlalchemy.orm") or m.startswith("partnerdesk.records."))
print(loaded)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    plain = {"partnerdesk.records.outlines", "partnerdesk.records.types", "partnerdesk.records.vocab"}
    assert set(ast.literal_eval(done.stdout)) <= plain  # no ORM, no record classes

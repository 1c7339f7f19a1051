"""Demo wellbeing checks, supervision and training: realistic, reproducible, and acceptable to the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partnerdesk.demo.build import fill_demo
from partnerdesk.records.supervision import SupervisionSession, TrainingRecord
from partnerdesk.records.wellbeing import WellbeingCheck
from partnerdesk.services.wellbeing.checks import check_data, clean_check
from partnerdesk.services.wellbeing.supervision import clean_session, session_data
from partnerdesk.services.wellbeing.today import wellbeing_today
from partnerdesk.services.wellbeing.training import clean_record
from tests.builders import count_rows

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(store):
    summary = fill_demo(store, people=800, seed=5, today=TODAY)
    return store, summary


def test_the_summary_counts_what_was_added(demo):
    store, summary = demo
    assert summary.checks == count_rows(store, "wellbeing_checks") > 100
    assert summary.supervision_sessions == count_rows(store, "supervision_sessions") > 50
    assert summary.training_records == count_rows(store, "training_records") > 50


def test_today_has_a_bit_of_everything_to_do(demo):
    store, _ = demo
    with store.reader() as session:
        today = wellbeing_today(session, TODAY)
    assert any(item.follow_up_status == "overdue" for item in today.follow_ups)
    assert any(item.status == "overdue" for item in today.supervision)
    assert today.training and today.missing_debriefs


def test_demo_records_pass_the_same_checks_as_the_forms(demo):
    store, _ = demo
    with store.reader() as session:
        checks = session.scalars(select(WellbeingCheck.id).order_by(WellbeingCheck.id).limit(60)).all()
        for check_id in checks:
            data = check_data(session, check_id)
            data["follow_up_action"] = data["concerns"] = data["confidential_notes"] = None
            clean_check(session, data)
        sessions = session.scalars(select(SupervisionSession.id).order_by(SupervisionSession.id).limit(40)).all()
        for session_id in sessions:
            clean_session(session, session_data(session, session_id), session_id)
        for record in session.scalars(select(TrainingRecord).limit(40)):
            clean_record(session, {"person_id": record.person_id, "course_id": record.course_id,
                                   "completed_on": record.completed_on})  # fmt: skip


def test_the_same_seed_gives_the_same_wellbeing_data(store, tmp_path):
    from tests.builders import new_store

    fill_demo(store, people=300, seed=9, today=TODAY)
    other = new_store(tmp_path, "other.sqlite3")
    try:
        fill_demo(other, people=300, seed=9, today=TODAY)

        def rows(s):
            with s.reader() as session:
                return session.execute(
                    select(WellbeingCheck.id, WellbeingCheck.checked_at).order_by(WellbeingCheck.id)
                ).all()

        assert rows(store) == rows(other)
    finally:
        other.close()

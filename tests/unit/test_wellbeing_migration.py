"""Migration 0005: the default courses are put in, and undoing it keeps people and meetings."""

from __future__ import annotations

from alembic import command

from partnerdesk.rules.supervision import DEFAULT_COURSES
from partnerdesk.services.wellbeing.training import list_courses
from partnerdesk.store.migrate import alembic_config
from tests.builders import add_check, add_meeting, add_person, count_rows


def test_a_new_database_has_the_default_courses(store):
    with store.reader() as session:
        courses = {course.name: course.renewal_months for course in list_courses(session)}
    assert courses == {course.name: course.renewal_months for course in DEFAULT_COURSES.values()}


def test_undoing_0005_keeps_people_and_meetings_and_redoing_it_seeds_the_courses_again(store):
    person = add_person(store)
    add_meeting(store)
    add_check(store, person)
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_meetings")
    assert (count_rows(store, "people"), count_rows(store, "meetings")) == (1, 1)
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert count_rows(store, "training_courses") == len(DEFAULT_COURSES)
    assert count_rows(store, "wellbeing_checks") == 0

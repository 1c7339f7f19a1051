"""Equality monitoring answers on a person: the questions, saving them, and databases from before they existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from partnerdesk.rules.equality import ETHNIC_GROUPS, FIELDS, PREFER_NOT, QUESTIONS
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.people.people import get_person, person_data, update_person
from partnerdesk.store import open_store
from partnerdesk.store.revisions import HEAD_REVISION
from tests.builders import add_person, database_at_revision, new_store

ANSWERS = {
    "age_band": "35_44", "sex": PREFER_NOT, "gender_identity": "same", "ethnic_group": "white_gypsy_traveller",
    "long_term_condition": "yes", "condition_impact": "a_little", "sexual_orientation": PREFER_NOT,
    "religion": "none", "carer": "yes",
}  # fmt: skip


def test_every_question_offers_prefer_not_to_say():
    assert [q.field for q in QUESTIONS] == list(ANSWERS)
    for question in QUESTIONS:
        assert question.choices[PREFER_NOT] == "Prefer not to say"


def test_ethnic_groups_are_the_19_of_the_2021_census_and_prefer_not_to_say():
    assert len(ETHNIC_GROUPS) == 20
    headings = {label.split(":")[0] for code, label in ETHNIC_GROUPS.items() if code != PREFER_NOT}
    assert len(headings) == 5  # Asian, Black, Mixed, White, Other
    assert sum(label.startswith("White:") for label in ETHNIC_GROUPS.values()) == 5


def test_every_label_is_in_the_translation_catalogue():
    catalogue = (Path(__file__).parents[2] / "resources" / "translations" / "partnerdesk.pot").read_text("utf-8")
    for question in QUESTIONS:
        for label in (question.heading, *question.choices.values()):
            assert f'msgid "{label}"' in catalogue


def test_answers_are_saved_and_read_back_after_reopening(tmp_path):
    store = new_store(tmp_path)
    person_id = add_person(store)
    with store.transaction() as session:
        person = get_person(session, person_id)
        update_person(session, person_id, {**person_data(person), **ANSWERS}, person.version)
    store.close()
    store = open_store(tmp_path / "test.sqlite3")
    try:
        with store.reader() as session:
            saved = person_data(get_person(session, person_id))
        assert {field: saved[field] for field in FIELDS} == ANSWERS
    finally:
        store.close()


def test_every_answer_may_be_left_unasked(tmp_path):
    store = new_store(tmp_path)
    try:
        person_id = add_person(store)
        with store.reader() as session:
            saved = person_data(get_person(session, person_id))
        assert all(saved[field] is None for field in FIELDS)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [({"ethnic_group": "martian"}, "ethnic_group", "Please pick one of the choices"),
     ({"condition_impact": "a_lot"}, "condition_impact", "Only say how much"),
     ({"long_term_condition": "no", "condition_impact": "a_lot"}, "condition_impact", "Only say how much")],
)  # fmt: skip
def test_wrong_answers_are_refused_with_a_plain_message(tmp_path, answers, field, message):
    store = new_store(tmp_path)
    try:
        person_id = add_person(store)
        with pytest.raises(ValidationError) as raised, store.transaction() as session:
            person = get_person(session, person_id)
            update_person(session, person_id, {**person_data(person), **answers}, person.version)
        assert raised.value.messages[field].startswith(message)
    finally:
        store.close()


def test_a_database_from_before_equality_monitoring_keeps_its_people_with_nothing_answered(tmp_path):
    path = tmp_path / "older.sqlite3"
    person_id = database_at_revision(path, "0008_versions")
    store = open_store(path)
    try:
        with store.transaction() as session:
            person = get_person(session, person_id)
            assert person.full_name == "Ffion Older"
            assert all(getattr(person, field) is None for field in FIELDS)
            update_person(session, person_id, {**person_data(person), "religion": "sikh"}, person.version)
        with store.reader() as session:
            assert get_person(session, person_id).religion == "sikh"
        with store.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
    finally:
        store.close()


def test_answers_never_appear_in_the_people_export_that_names_people(tmp_path):
    from openpyxl import load_workbook

    from partnerdesk.exports.people import export_people

    store = new_store(tmp_path)
    try:
        person_id = add_person(store)
        with store.transaction() as session:
            person = get_person(session, person_id)
            update_person(session, person_id, {**person_data(person), **ANSWERS}, person.version)
        with store.reader() as session:
            export_people(session, tmp_path / "people.xlsx")
    finally:
        store.close()
    cells = {str(value) for sheet in load_workbook(tmp_path / "people.xlsx").worksheets
             for row in sheet.iter_rows(values_only=True) for value in row if value is not None}  # fmt: skip
    assert len(cells) > 5  # the person is there
    assert not cells & {"white_gypsy_traveller", "White: Gypsy or Irish Traveller", "35_44", "35 to 44", "a_little"}

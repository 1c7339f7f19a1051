"""The person form's Equality monitoring tab: answers chosen from the keyboard are saved and shown again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from partnerdesk.services.people.people import get_person
from partnerdesk.ui.people.person_form import PersonForm
from tests.builders import add_person


def _form(qtbot, writer, person_id):
    form = PersonForm(writer, person_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _choose(combo, label: str) -> None:
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(label))


def test_answers_are_saved_and_come_back_when_the_person_is_opened_again(qtbot, writer):
    person_id = add_person(writer.store, full_name="Equal Answers")
    form = _form(qtbot, writer, person_id)
    fields = form.fields.widgets
    tab = form.fields.tab_of["ethnic_group"]
    assert form.fields.tabText(tab).replace("&", "") == "Equality"
    assert fields["condition_impact"].isEnabled() is False  # only asked after a yes
    _choose(fields["ethnic_group"], "White: Roma")
    _choose(fields["religion"], "Prefer not to say")
    _choose(fields["long_term_condition"], "Yes")
    assert fields["condition_impact"].isEnabled()
    _choose(fields["condition_impact"], "Yes, a little")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with writer.store.reader() as session:
        saved = get_person(session, person_id)
        answers = (saved.ethnic_group, saved.religion, saved.long_term_condition, saved.condition_impact, saved.sex)
    assert answers == ("white_roma", "prefer_not_to_say", "yes", "a_little", None)

    again = _form(qtbot, writer, person_id)
    assert again.fields.widgets["ethnic_group"].currentText() == "White: Roma"
    assert again.fields.widgets["sex"].currentText() == "Not asked yet"
    _choose(again.fields.widgets["long_term_condition"], "No")  # no condition: how much it limits is cleared
    assert again.fields.widgets["condition_impact"].currentText() == "Not asked yet"


def test_every_question_has_an_accessible_name(qtbot, writer):
    form = _form(qtbot, writer, add_person(writer.store))
    for key in ("age_band", "sex", "gender_identity", "ethnic_group", "long_term_condition", "condition_impact",
                "sexual_orientation", "religion", "carer"):  # fmt: skip
        combo = form.fields.widgets[key]
        assert combo.accessibleName() and combo.focusPolicy() & Qt.FocusPolicy.TabFocus

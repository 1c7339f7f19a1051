"""The claim form's programme: chosen from the programmes (or none), saved as a link that survives closing and
reopening, and a name typed on an older claim still shown and kept until another choice is made."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.programmes.binning import delete_programme
from partnerdesk.ui.expenses.claim_form import ClaimForm
from tests.builders import add_claim, add_person, add_programme
from tests.ui.steps import choose_in


def _open(qtbot, form: ClaimForm) -> ClaimForm:
    qtbot.addWidget(form)
    form.show()
    return form


def _choose(qtbot, form: ClaimForm, text: str) -> None:
    """Choose a programme as a person does with the keyboard: into the drop-down, Home, then Down until it shows."""
    combo = form.fields.widgets["programme_id"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not among the programmes")


def _saved(writer, claim_id: str) -> tuple[str | None, str | None]:
    with writer.store.reader() as session:
        claim = get_claim(session, claim_id)
        return claim.programme_id, claim.programme


def test_a_programme_chosen_on_a_claim_is_still_chosen_when_it_is_opened_again(qtbot, writer):
    add_person(writer.store, full_name="Sian Lloyd")
    add_programme(writer.store, "Board buddying 2026", starts_on=date(2026, 1, 5))
    mentoring = add_programme(writer.store, "Reciprocal mentoring 2026", kind="reciprocal_mentoring",
                              starts_on=date(2026, 6, 1))  # fmt: skip
    form = _open(qtbot, ClaimForm(writer))
    combo = form.fields.widgets["programme_id"]
    assert combo.accessibleName() == "Programme (optional)" and combo.currentText() == "No programme"
    assert [combo.itemText(n) for n in range(combo.count())] == [  # the newest first
        "No programme", "Reciprocal mentoring 2026", "Board buddying 2026"]  # fmt: skip
    choose_in(qtbot, form.claimant, "Sian")
    _choose(qtbot, form, "Reciprocal mentoring 2026")
    assert form.save()
    claim_id = form.claim_id
    form.close()
    assert _saved(writer, claim_id) == (mentoring, "Reciprocal mentoring 2026")

    again = _open(qtbot, ClaimForm(writer, claim_id))
    assert again.fields.widgets["programme_id"].currentText() == "Reciprocal mentoring 2026"
    _choose(qtbot, again, "No programme")
    assert again.save()
    assert _saved(writer, claim_id) == (None, None)


def test_a_programme_typed_on_an_older_claim_is_shown_and_kept(qtbot, writer):
    person = add_person(writer.store, full_name="Owain Price")
    add_programme(writer.store, "Board buddying 2026")
    older = add_claim(writer.store, person, date(2026, 5, 1), programme="Peer mentors (old scheme)")
    form = _open(qtbot, ClaimForm(writer, older))
    combo = form.fields.widgets["programme_id"]
    assert combo.currentText() == "Peer mentors (old scheme) (typed on this claim; not linked to a programme)"
    form.fields.widgets["notes"].setPlainText("Bus fares")
    assert form.save()
    assert _saved(writer, older) == (None, "Peer mentors (old scheme)")  # kept as typed, still not linked
    _choose(qtbot, form, "Board buddying 2026")
    assert form.save()
    linked, name = _saved(writer, older)
    assert linked is not None and name == "Board buddying 2026"


def test_a_claim_linked_to_a_programme_in_the_bin_still_shows_it(qtbot, writer):
    person = add_person(writer.store, full_name="Nia Jones")
    gone = add_programme(writer.store, "Cohort 0")
    claim_id = add_claim(writer.store, person, date(2026, 5, 1), programme_id=gone)
    with writer.store.transaction() as session:
        delete_programme(session, gone)
    form = _open(qtbot, ClaimForm(writer, claim_id))
    assert form.fields.widgets["programme_id"].currentText() == "Cohort 0 (in the Bin)"
    form.fields.widgets["notes"].setPlainText("Lunch")
    assert form.save()  # its other details can still change, and the link stays
    assert _saved(writer, claim_id) == (gone, "Cohort 0")

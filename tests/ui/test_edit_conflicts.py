"""Two windows editing one person: the second save shows what changed instead of losing the first (issue 17.5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.services.people.people import get_person
from partnerdesk.services.wellbeing.checks import get_check
from partnerdesk.services.wellbeing.supervision import get_session
from partnerdesk.store.sharing import Holder, lock_path, this_machine
from partnerdesk.ui.app import claim_database, run_app
from partnerdesk.ui.expenses.claim_form import ClaimForm
from partnerdesk.ui.meetings.meeting_form import MeetingForm
from partnerdesk.ui.organisations_page import NamedRecordDialog, OrganisationsPage
from partnerdesk.ui.people.person_form import PersonForm
from partnerdesk.ui.wellbeing.check_form import CheckForm
from partnerdesk.ui.wellbeing.session_form import SessionForm
from partnerdesk.ui.widgets.conflict_dialog import MINE, THEIRS, ChangedField, ConflictDialog
from tests.builders import add_check, add_claim, add_committee, add_meeting, add_person, add_programme, add_session
from tests.ui.steps import type_into

SHOTS = Path(os.environ.get("PARTNERDESK_SHOTS", "/tmp/partnerdesk-shots"))


def _form(qtbot, writer, person_id):
    form = PersonForm(writer, person_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _type_notes(form, text: str) -> None:
    form.fields.widgets["notes"].setPlainText(text)  # textChanged marks the form changed


class Answer:
    """Stands in for the worker in the conflict dialog: remembers what it showed, then presses a button."""

    def __init__(self, press: str, pick: dict[str, str] | None = None):
        self.press, self.pick, self.shown = press, pick or {}, []

    def __call__(self, dialog: ConflictDialog) -> int:
        self.shown.append({key: group.buttons()[0].accessibleName() for key, group in dialog._groups.items()})
        self.starting = dialog.choices()
        for key, which in self.pick.items():
            dialog.choose(key, which)
        if self.press == "cancel":
            dialog.reject()
        else:
            {"mine": dialog.keep_mine, "theirs": dialog.take_theirs, "choices": dialog.save_choices}[self.press].click()
        return dialog.result()


def _answer(monkeypatch, answer: Answer) -> None:
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: answer(dialog))


@pytest.fixture
def two_forms(qtbot, writer):
    person_id = add_person(writer.store, full_name="Two Windows", phone="029 2000 0000", town="Cardiff")
    return person_id, _form(qtbot, writer, person_id), _form(qtbot, writer, person_id)


def _saved(writer, person_id):
    with writer.store.reader() as session:
        person = get_person(session, person_id)
        return person.phone, person.town, person.notes, person.version


def _first_saves(first) -> None:
    type_into(first.fields.widgets["phone"], "029 2000 0099")
    _type_notes(first, "Newer notes from the first window")
    assert first.save()


def test_saving_the_older_form_shows_the_conflict_and_taking_theirs_keeps_the_newer_save(two_forms, writer,
                                                                                          monkeypatch):
    person_id, first, second = two_forms
    _first_saves(first)
    type_into(second.fields.widgets["town"], "Swansea")
    answer = Answer("theirs")
    _answer(monkeypatch, answer)
    assert second.save()
    # Phone and notes: only the other window changed them, so they start as Theirs; town starts as Mine.
    assert answer.starting == {"phone": THEIRS, "notes": THEIRS, "town": MINE}
    assert "Keep mine for Phone" in answer.shown[0]["phone"]
    assert _saved(writer, person_id) == ("029 2000 0099", "Cardiff", "Newer notes from the first window", 3)


def test_keeping_mine_saves_the_form_over_the_newer_version(two_forms, writer, monkeypatch):
    person_id, first, second = two_forms
    _first_saves(first)
    _type_notes(second, "My notes")
    _answer(monkeypatch, Answer("mine"))
    assert second.save()
    assert _saved(writer, person_id) == ("029 2000 0000", "Cardiff", "My notes", 3)


def test_merging_field_by_field_keeps_both_edits(two_forms, writer, monkeypatch):
    person_id, first, second = two_forms
    _first_saves(first)
    type_into(second.fields.widgets["town"], "Swansea")
    _type_notes(second, "My notes")
    answer = Answer("choices", {"notes": MINE})  # phone starts as theirs, town as mine
    _answer(monkeypatch, answer)
    assert second.save()
    assert _saved(writer, person_id) == ("029 2000 0099", "Swansea", "My notes", 3)
    assert second.fields.widgets["phone"].text() == "029 2000 0099"  # the form shows what was saved


def test_cancelling_saves_nothing_and_keeps_the_form_as_typed(two_forms, writer, monkeypatch):
    person_id, first, second = two_forms
    _first_saves(first)
    type_into(second.fields.widgets["town"], "Swansea")
    _answer(monkeypatch, Answer("cancel"))
    assert not second.save()
    assert second.isVisible() and second.fields.widgets["town"].text() == "Swansea"
    assert _saved(writer, person_id) == ("029 2000 0099", "Cardiff", "Newer notes from the first window", 2)
    _answer(monkeypatch, Answer("choices"))  # saving again asks again
    assert second.save()
    assert _saved(writer, person_id) == ("029 2000 0099", "Swansea", "Newer notes from the first window", 3)


def test_a_restored_draft_is_checked_against_the_version_it_was_opened_at(two_forms, qtbot, writer, monkeypatch):
    person_id, first, second = two_forms
    payload = second.raw_values()
    assert payload["version"] == 1
    _first_saves(first)
    payload["fields"]["town"] = "Bangor"
    restored = PersonForm(writer, person_id, payload)
    qtbot.addWidget(restored)
    answer = Answer("choices")
    _answer(monkeypatch, answer)
    assert restored.save()
    assert answer.shown, "the draft's save must be checked against the newer save"


def test_the_conflict_dialog_renders(qtbot):
    long_note = "A long confidential-looking note. " * 30
    dialog = ConflictDialog(
        [
            ChangedField("phone", "Phone", "029 2000 0000", "029 2000 0099", THEIRS),
            ChangedField("town", "Town", "Swansea", "(empty)", MINE),
            ChangedField("notes", "Notes", "My notes", long_note, THEIRS),
        ],
        "Ceri",
        "12:31 on 03/12/2026",
    )
    qtbot.addWidget(dialog)
    dialog.resize(820, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "conflict_dialog.png"))
    assert dialog.choices() == {"phone": THEIRS, "town": MINE, "notes": THEIRS}


# --------------------------------------------------------------------------------- meetings
def _meeting_form(qtbot, writer, meeting_id):
    form = MeetingForm(writer, meeting_id)
    qtbot.addWidget(form)
    form.show()
    return form


def test_two_meeting_forms_show_the_conflict_and_a_form_left_open_saves_again_cleanly(qtbot, writer, monkeypatch):
    meeting_id = add_meeting(writer.store, None, venue="Room 1")
    first, second = _meeting_form(qtbot, writer, meeting_id), _meeting_form(qtbot, writer, meeting_id)
    type_into(first.fields.widgets["venue"], "Room 2")
    assert first.save()
    type_into(first.fields.widgets["venue"], "Room 3")  # the meeting form stays open: its own saves never clash
    assert first.save()
    type_into(second.fields.widgets["title"], "Renamed")
    answer = Answer("choices")
    _answer(monkeypatch, answer)
    assert second.save()
    assert answer.starting == {"venue": THEIRS, "title": MINE}
    with writer.store.reader() as session:
        meeting = get_meeting(session, meeting_id)
        assert (meeting.venue, meeting.title, meeting.version) == ("Room 3", "Renamed", 4)


# --------------------------------------------------------------------------------- the other forms
def _open(qtbot, form):
    qtbot.addWidget(form)
    form.show()
    return form


def test_two_wellbeing_check_forms_show_the_conflict_without_the_notes_neither_opened(qtbot, writer, monkeypatch):
    person_id = add_person(writer.store, full_name="Checked Person")
    check_id = add_check(writer.store, person_id, confidential_notes="Private worry")
    first, second = _open(qtbot, CheckForm(writer, check_id)), _open(qtbot, CheckForm(writer, check_id))
    type_into(first.fields.widgets["worker_name"], "First Worker")
    assert first.save()
    score = second.fields.widgets["quick_score"]
    score.setCurrentIndex(score.findData(2))
    answer = Answer("choices")
    _answer(monkeypatch, answer)
    assert second.save()
    assert answer.starting == {"worker_name": THEIRS, "quick_score": MINE}  # no confidential field in the dialog
    with writer.store.reader() as session:
        check = get_check(session, check_id)
        assert (check.worker_name, check.quick_score, check.confidential_notes) == ("First Worker", 2,
                                                                                   "Private worry")


def test_two_supervision_session_forms_show_the_conflict(qtbot, writer, monkeypatch):
    supervisor, supervisee = add_person(writer.store, full_name="Sue Pervisor"), add_person(writer.store)
    session_id = add_session(writer.store, supervisor, [supervisee], date(2026, 3, 2))
    first, second = _open(qtbot, SessionForm(writer, session_id)), _open(qtbot, SessionForm(writer, session_id))
    type_into(first.fields.widgets["topics_other"], "Boundaries")
    assert first.save()
    type_into(second.fields.widgets["topics_other"], "Caseload review")
    answer = Answer("choices")
    _answer(monkeypatch, answer)
    assert second.save()
    assert answer.starting == {"topics_other": MINE}  # both changed it: the worker's own value starts chosen
    with writer.store.reader() as session:
        assert get_session(session, session_id).topics_other == "Caseload review"


def test_two_claim_forms_show_the_conflict(qtbot, writer, monkeypatch):
    claim_id = add_claim(writer.store, add_person(writer.store))
    buddying, _mentoring = add_programme(writer.store, "Buddying"), add_programme(writer.store, "Mentoring")
    first, second = _open(qtbot, ClaimForm(writer, claim_id)), _open(qtbot, ClaimForm(writer, claim_id))
    for form, name in ((first, "Buddying"), (second, "Mentoring")):
        combo = form.fields.widgets["programme_id"]
        combo.setCurrentIndex(combo.findText(name))
    assert first.save()
    seen: dict[str, str] = {}

    def take_theirs(dialog: ConflictDialog) -> int:
        seen.update({label.accessibleName(): label.text() for label in dialog.findChildren(QLabel)
                     if label.accessibleName().endswith((": yours", ": saved"))})  # fmt: skip
        dialog.take_theirs.click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", take_theirs)
    assert second.save()
    # The programme by its name, in one row: not its id, and not its name again as a second field.
    assert seen == {"Programme: yours": "Mentoring", "Programme: saved": "Buddying"}
    with writer.store.reader() as session:
        claim = get_claim(session, claim_id)
        assert (claim.programme_id, claim.programme) == (buddying, "Buddying")


# --------------------------------------------------------------------------------- opening the database
def test_a_database_open_in_another_partnerdesk_gives_a_warning_and_carries_on(qtbot, writer, dialogs, tmp_path):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        held = Holder(this_machine(), "colleague", other.pid, "2026-12-03T10:00:00+00:00")
        lock_path(writer.store.path).write_text(json.dumps(held.__dict__))
        lock = claim_database(writer.store)
        assert len(dialogs.told) == 1 and "already open in another PartnerDesk (colleague on the computer" in \
            dialogs.told[0]
        lock.stop()
        assert lock_path(writer.store.path).exists()  # their lock is left for them
    finally:
        other.kill()
        other.wait()
    lock = claim_database(writer.store)  # the other PartnerDesk has gone: its lock was stale, and is replaced
    assert len(dialogs.told) == 1
    assert json.loads(lock_path(writer.store.path).read_text())["user"] == "tester"
    lock.stop()
    assert not lock_path(writer.store.path).exists()


def test_a_database_in_a_cloud_folder_is_not_opened(tmp_path, dialogs, qapp):
    assert run_app(tmp_path / "OneDrive" / "pd.sqlite3") == 1
    assert "cloud service" in dialogs.told[0] and "keep the database on this computer" in dialogs.told[0]
    assert not (tmp_path / "OneDrive" / "pd.sqlite3").exists()


def test_two_organisation_dialogs_show_the_conflict(qtbot, writer, monkeypatch):
    committee_id = add_committee(writer.store, "Board", "City Health Board")
    with writer.store.reader() as session:
        org_id = next(c.organisation_id for c in list_committees(session) if c.id == committee_id)
    page = OrganisationsPage(writer)
    qtbot.addWidget(page)
    opened: list[NamedRecordDialog] = []
    monkeypatch.setattr(NamedRecordDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    page._organisation_dialog(org_id)
    page._organisation_dialog(org_id)
    page._committee_dialog(committee_id)
    page._committee_dialog(committee_id)
    first, second, third, fourth = opened
    first.notes.setText("Newer notes")
    first.accept()
    second.name.setText("City Health Board (renamed)")
    answer = Answer("choices")
    _answer(monkeypatch, answer)
    second.accept()
    assert answer.starting == {"name": MINE, "notes": THEIRS}
    third.name.setText("Board of the future")
    third.accept()
    fourth.notes.setText("Fourth's notes")
    _answer(monkeypatch, Answer("theirs"))
    fourth.accept()
    with writer.store.reader() as session:
        (committee,) = list_committees(session)
        assert (committee.name, committee.notes) == ("Board of the future", None)
        organisation = committee.organisation
        assert (organisation.name, organisation.notes) == ("City Health Board (renamed)", "Newer notes")

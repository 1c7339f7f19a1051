"""Pair two applicants by hand: the organiser's own choice over the suggestions (an override). The pairs service
still refuses a pair on one side or someone already paired, and asks first about a pair the applications rule out."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from partnerdesk.i18n import _
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.programmes.names import people_names
from partnerdesk.services.programmes.pairs import accept_pair, paired_people
from partnerdesk.services.programmes.programmes import applications_for, get_programme
from partnerdesk.ui.expenses.confirm import run_confirmed
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import SmallForm
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import say_problems
from partnerdesk.ui.widgets.fitting import short_combo


def _combo(name: str, people: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    short_combo(combo)
    combo.setAccessibleName(name)
    combo.addItem(_("Choose someone"), None)
    for person_id, full_name in people:
        combo.addItem(full_name, person_id)
    return combo


class HandPairDialog(SmallForm):
    """Choose one applicant not yet in a pair from each side, and the day they start. saved_id: the new pair."""

    def __init__(self, writer: Writer, programme_id: str, starts_on: str = "", parent: QWidget | None = None):
        super().__init__(writer, _("Pair by hand"), _("&Make the pair"), parent, width=560)
        self.programme_id = programme_id
        self.saved_id: str | None = None

        def read(session):
            programme = get_programme(session, programme_id)
            taken = paired_people(session, programme_id)
            free = {"a": [], "b": []}
            applications = [a for a in applications_for(session, programme_id) if a.person_id not in taken]
            names = people_names(session, (a.person_id for a in applications))
            for application in applications:
                free[application.side].append((application.person_id, names.get(application.person_id, "")))
            return (programme.side_a_name, programme.side_b_name), free

        sides, free = writer.read(read)
        for people in free.values():
            people.sort(key=lambda row: row[1].casefold())
        self.first = self.fields.row(self.tab, _("&First: {side}").format(side=sides[0]), "side_a_person_id",
                                     _combo(sides[0], free["a"]))  # fmt: skip
        self.second = self.fields.row(self.tab, _("S&econd: {side}").format(side=sides[1]), "side_b_person_id",
                                      _combo(sides[1], free["b"]))  # fmt: skip
        self.starts = self.fields.row(self.tab, _("S&tarts on"), "starts_on", UkDateEdit(_("The pair starts on")))
        self.starts.setText(starts_on)
        self.first.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("starts_on",))
        data.update(side_a_person_id=self.first.currentData(), side_b_person_id=self.second.currentData())
        for key in ("side_a_person_id", "side_b_person_id"):
            if data[key] is None:
                problems[key] = _("Please choose who is on this side of the pair.")
        if data.get("starts_on") is None and "starts_on" not in problems:
            problems["starts_on"] = _("Please type the day the pair starts, for example 01/09/2026.")
        return data, problems

    def save(self) -> bool:
        """Make the pair (asking first if the applications rule it out) and close; True when made."""
        data, problems = self.values()

        def work(session, confirmed: bool) -> str:
            return accept_pair(session, self.programme_id, data["side_a_person_id"], data["side_b_person_id"],
                               data["starts_on"], confirmed=confirmed).id  # fmt: skip

        try:
            if problems:
                raise ValidationError(problems)
            self.saved_id = run_confirmed(self.writer, self, _("Make this pair?"), work)
        except ValidationError as exc:
            say_problems(self.summary, exc.messages, self.fields.show_messages(exc.messages))
            return False
        if self.saved_id is None:
            return False
        self.accept()
        return True

"""Add the people picked in the People list to one committee, for one term of office, in one go."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.people.committee_members import add_people_to_committee, describe_added
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.seats import SeatDialog


class AddToCommitteeDialog(SeatDialog):
    """The committee seat dialog, for several people: it says how many were picked and saves them all at once.
    After saving, `done_text` says what was done."""

    def __init__(self, writer: Writer, person_ids: list[str], parent: QWidget | None = None):
        committees = writer.read(lambda s: [(c.id, f"{c.name} — {c.organisation.name}") for c in list_committees(s)])
        super().__init__(committees, None, parent)
        self.writer, self.person_ids = writer, list(person_ids)
        self.done_text = ""
        self.setWindowTitle(_("Add to committee"))
        n = len(self.person_ids)
        self.intro = QLabel(ngettext(
            "Give the {n} person you picked a seat on a committee. Anyone who already has a seat there for this "
            "term is left as they are.",
            "Give the {n} people you picked a seat on a committee. Anyone who already has a seat there for this "
            "term is left as they are.", n).format(n=n))
        self.intro.setWordWrap(True)
        self.layout().insertWidget(0, self.intro)
        self.start.set_date(today_uk())
        ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Add them"))
        self.resize(480, self.sizeHint().height())

    def done(self, result: int) -> None:
        """Once the seat dialog has checked the term (its accept), give everyone picked their seat in one
        transaction; a problem found on saving is shown and the dialog stays open."""
        seat = self.result_seat
        if result == self.DialogCode.Accepted and seat is not None:
            try:
                added = self.writer.run(self, lambda s: add_people_to_committee(
                    s, self.person_ids, seat.committee_id, seat.term_start, seat.term_end, seat.is_backup))
            except ValidationError as exc:
                self.start_message.show_message(" ".join(exc.messages.values()))
                self.result_seat = None
                return
            if added is None:
                return
            self.done_text = describe_added(added, seat.committee_name)
        super().done(result)

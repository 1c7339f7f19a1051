"""The one way to choose a person anywhere in PartnerDesk (claims, wellbeing checks, supervision, training, a
meeting's attendance): type part of a name, email, phone or postcode and pick from the people who match.

Searches the People list (services.people.listing), so a database of thousands of people is never listed in full.
Keys and the rule that nothing is chosen silently: see search_picker.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.i18n import _, ngettext
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.people.listing import PeopleFilter, count_people, people_page
from partnerdesk.services.people.people import get_person
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.search_picker import Found, Match, SearchPicker

SHOWN = 30  # matches listed; more than this and the worker is asked to type more
SHORTEST = 2  # letters typed before searching: one letter matches most of a big list


def _line(name: str, postcode: str | None, email: str | None) -> str:
    # Two people can share a name: their postcode (or email) tells them apart.
    return _("{name} ({where})").format(name=name, where=postcode or email or _("no contact details"))


class PersonPicker(SearchPicker):
    """person_id() is the person chosen (None: nobody); `picked` fires when that changes."""

    def __init__(self, writer: Writer, name: str, placeholder: str | None = None, parent: QWidget | None = None):
        """name: who is being chosen, as a screen reader says it ("Claimant"); placeholder: the box's grey words
        while empty (say what an empty choice means where it means something, as "Anyone" in a filter)."""
        super().__init__(writer, name, placeholder or _("Type part of a name"), parent)

    def search(self, text: str) -> Found | None:
        if len(text.strip()) < SHORTEST:
            return None
        flt = PeopleFilter(search=text)

        def read(session):
            rows = people_page(session, flt, 0, SHOWN)
            return (len(rows) if len(rows) < SHOWN else count_people(session, flt)), rows

        count, rows = self.writer.read(read)
        return Found(count, [Match(row.id, _line(row.full_name, row.postcode, row.email), row.full_name)
                             for row in rows])

    def describe(self, record_id: str) -> Match | None:
        def read(session):
            try:
                person = get_person(session, record_id)
            except NotFound:  # deleted since: shown as nobody chosen
                return None
            return Match(person.id, _line(person.full_name, person.postcode, person.email), person.full_name)

        return self.writer.read(read)

    def too_short(self) -> str:
        return _("Type at least two letters of the name") if self.box.text().strip() else ""

    def count_words(self, found: Found) -> str:
        if found.count == 0:
            return _("Nobody matches: check the spelling, or type less of the name")
        if found.count == 1:
            return _("1 person matches — press Enter to choose them")
        words = ngettext("{n} person matches — pick one", "{n} people match — pick one", found.count).format(
            n=found.count)
        if found.count > len(found.matches):
            words += " " + _("(the first {shown} are listed: type more of the name)").format(shown=len(found.matches))
        return words

    # --- the names callers use ------------------------------------------------------------------------------
    def person_id(self) -> str | None:
        """The person chosen, or None."""
        return self.value()

    def person_name(self) -> str:
        """The chosen person's name ("" when nobody is chosen)."""
        return self.chosen_name()

    def set_person(self, person_id: str | None, name: str = "") -> None:
        """Show a person already chosen (a saved record's); without a name it is looked up."""
        self.set_value(person_id, name)

"""Made-up people for the demo database: names from the cultures of a UK city, contact details, roles, needs,
consent, organisations with their committees, and seats on them (see services.demo for how they are stored).

Nothing here is about a real person: names are combined at random, streets are invented, phone numbers come from
Ofcom's drama ranges and email addresses use the example domains that are reserved for documentation.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import product
from typing import Any

from partnerdesk.demo import names as names
from partnerdesk.demo.common import DEMO_USER, QuickRandom, Weighted, ascii_name, working_moment
from partnerdesk.demo.equality import EqualityMaker
from partnerdesk.records import vocab as v

#: Rows sent to the database at a time: big enough to be quick, small enough to keep memory low.
CHUNK = 5000
#: Roles whose holders sit on committees.
REP_ROLES = frozenset({"service_user_rep", "carer_rep", "backup_rep"})


_CULTURES = Weighted(list(names.CULTURES.values()), [c.weight for c in names.CULTURES.values()])
_ALL_CULTURES = list(names.CULTURES.values())
_PLACES = Weighted(names.PLACES, names.PLACE_WEIGHTS)
_PHONES = Weighted([f for f, _ in names.PHONE_FORMATS], [w for _, w in names.PHONE_FORMATS])
_STATUSES = Weighted(["interested", "active", "paused", "left"], [24, 52, 11, 13])
_ROLES = Weighted(
    list(v.ROLES),
    # Same order as vocab.ROLES: representatives and peer supporters are most of the people a worker knows.
    [34, 16, 8, 16, 6, 2, 4, 5, 4],
)
_PAYMENTS = Weighted(["paid", "expenses_only", "no_payments", None], [45, 20, 12, 23])
_CONSENT_HOW = Weighted(list(v.CONSENT_METHODS), [30, 30, 25, 15])
_NEEDS = Weighted(list(v.ACCESS_NEEDS), [5, 5, 2, 3, 1, 3, 5, 3, 3])

# Ways to reach someone and send papers, limited to the details we hold; worked out once for each combination
# of (email, phone, mobile, address) rather than for every person.
_CONTACT_WAYS = {
    (e, p, m, a): Weighted(["email", "phone", "text", "post", "in_person"], [50 * e, 20 * p, 15 * m, 10 * a, 5])
    for e, p, m, a in product((False, True), repeat=4)
}
_PAPER_WAYS = {
    (e, a): Weighted(["email", "post", "large_print", "easy_read", "other", None], [60 * e, 15 * a, 6, 7, 3, 15])
    for e, a in product((False, True), repeat=2)
}
_ROLE_ORDER = {code: i for i, code in enumerate(v.ROLES)}
_NEED_ORDER = {code: i for i, code in enumerate(v.ACCESS_NEEDS)}

class PeopleMaker:
    """Makes rows one after another from a single random stream, so the result depends only on seed and today."""

    def __init__(self, seed: int, today: date):
        self.rng = QuickRandom(seed)
        self.equality = EqualityMaker(seed)
        self.today = today
        self.emails: set[str] = set()
        self.email_numbers: dict[str, int] = {}

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def shared(self, created_day: date, updated_day: date | None = None) -> dict[str, Any]:
        """The columns every record has."""
        created = working_moment(created_day, self.rng)
        updated = working_moment(updated_day, self.rng) if updated_day and updated_day > created_day else created
        moments = {"created_at": created, "updated_at": updated, "deleted_at": None}
        return {"id": self.uid(), **moments, "created_by": DEMO_USER, "updated_by": DEMO_USER, "version": 1}

    # --- organisations and committees ---

    def organisations(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        orgs, committees = [], []
        for name, kind, committee_names in names.ORGANISATIONS:
            org = {**self.shared(self.days_ago(1200, 2000)), "name": name, "kind": kind, "notes": None}
            orgs.append(org)
            for committee_name in committee_names:
                row = self.shared(self.days_ago(700, 1200))
                row.update(organisation_id=org["id"], name=committee_name, notes=None)
                committees.append(row)
        return orgs, committees

    # --- people ---

    def name(self) -> tuple[str, str, str | None, str | None]:
        """Full name, gender of the given name, preferred name, and the culture's other language."""
        rng = self.rng
        culture = _CULTURES(rng)
        r = rng.random()
        gender = "neutral" if r < 0.06 else "female" if r < 0.54 else "male"
        pool = names.NEUTRAL if gender == "neutral" else culture.female if gender == "female" else culture.male
        given = rng.choice(pool)
        # Some people have a surname from another background, as families and marriages mix.
        surname_culture = culture if rng.random() < 0.9 else rng.choice(_ALL_CULTURES)
        surname = self.surname(surname_culture, gender)
        if rng.random() < 0.03:
            surname = f"{surname}-{self.surname(rng.choice(_ALL_CULTURES), gender)}"
        parts = [given]
        if gender != "neutral" and rng.random() < 0.08:
            middle = rng.choice(pool)
            if middle != given:
                parts.append(middle)
        parts.append(surname)
        nicknames = names.NICKNAMES.get(given)
        preferred = rng.choice(nicknames) if nicknames and rng.random() < 0.5 else None
        return " ".join(parts), gender, preferred, culture.other_language

    def surname(self, culture: names.Culture, gender: str) -> str:
        surname = self.rng.choice(culture.surnames)
        if "/" in surname:
            male, female = surname.split("/")
            feminine = gender == "female" or (gender == "neutral" and self.rng.random() < 0.5)
            surname = female if feminine else male
        return surname

    def email(self, full_name: str) -> str:
        rng = self.rng
        words = full_name.split(" ")
        first, last = ascii_name(words[0]), ascii_name(words[-1])
        style = rng.choice(names.EMAIL_STYLES)
        local = style.format(first=first, last=last, initial=first[0], number=rng.randint(10, 99))
        domain = rng.choice(names.EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        # Two people rarely share an address, so add a number as real people do when their name is taken.
        # Each address remembers the last number it gave out, so a common name doesn't re-check 1, 2, 3, ...
        n = self.email_numbers.get(email, 1)
        candidate = email
        while candidate in self.emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.email_numbers[email] = n
        self.emails.add(candidate)
        return candidate

    def address(self) -> dict[str, str]:
        rng = self.rng
        town, district, neighbourhoods = _PLACES(rng)
        if rng.random() < 0.2:
            street = f"{rng.choice(names.WELSH_STREET_STARTS)} {rng.choice(names.WELSH_STREET_STEMS)}"
        else:
            street = f"{rng.choice(names.STREET_STEMS)} {rng.choice(names.STREET_ENDINGS)}"
        number = rng.randint(1, 180)
        line2: str | None
        if rng.random() < 0.15:
            line1, line2 = f"Flat {rng.randint(1, 40)}, {rng.choice(names.BUILDINGS)}", f"{number} {street}"
        else:
            line1 = f"{number} {street}"
            line2 = rng.choice(neighbourhoods) if neighbourhoods and rng.random() < 0.5 else None
        letters = names.POSTCODE_LETTERS
        postcode = f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        return {"address_line1": line1, "address_line2": line2, "town": town, "postcode": postcode}

    def roles(self) -> list[str]:
        chosen = [_ROLES(self.rng)]
        if self.rng.random() < 0.3:
            second = _ROLES(self.rng)
            if second not in chosen:
                chosen.append(second)
        return sorted(chosen, key=_ROLE_ORDER.__getitem__)

    def contact_choices(self, row: dict[str, Any]) -> None:
        """How to reach the person, how to send papers, and any access needs."""
        rng = self.rng
        email, phone, address = bool(row["email"]), bool(row["phone"]), bool(row["address_line1"])
        mobile = phone and "7700" in row["phone"]
        ways = _CONTACT_WAYS[email, phone, mobile, address]
        row["preferred_contact"] = ways(rng) if rng.random() < 0.95 else None
        papers = _PAPER_WAYS[email, address](rng)
        row["papers_format"] = papers
        row["papers_format_details"] = rng.choice(names.PAPERS_OTHER) if papers == "other" else None
        needs: set[str] = set()
        if rng.random() < 0.22:
            needs.update(_NEEDS(rng) for _ in range(rng.choice((1, 1, 2))))
        if papers in ("large_print", "easy_read") and rng.random() < 0.5:
            needs.add(papers)
        row["access_needs"] = sorted(needs, key=_NEED_ORDER.__getitem__)
        row["access_needs_details"] = rng.choice(names.ACCESS_OTHER) if "other" in needs else None

    def consent(self, row: dict[str, Any]) -> date | None:
        """Consent details, spread so that some reviews are overdue or due soon; returns the date given."""
        rng, today = self.rng, self.today
        row.update(consent_given_on=None, consent_how=None, consent_for=None, consent_review_on=None)
        if rng.random() < 0.12:
            return None
        r = rng.random()
        if r < 0.08:
            review = today - timedelta(days=rng.randint(1, 120))
        elif r < 0.15:
            review = today + timedelta(days=rng.randint(0, 30))
        else:
            review = today + timedelta(days=rng.randint(31, 730))
        # Consent is usually reviewed one or two years after it is given, and is never given in the future.
        given = min(review - timedelta(days=rng.randint(365, 730)), self.days_ago(7, 60))
        purposes = [names.CONSENT_PURPOSES[0], *rng.sample(names.CONSENT_PURPOSES[1:], rng.randint(0, 2))]
        row.update(
            consent_given_on=given,
            consent_how=_CONSENT_HOW(rng),
            consent_for="; ".join(purposes),
            consent_review_on=review if rng.random() < 0.92 else None,
        )
        return given

    def person(self) -> tuple[dict[str, Any], list[str]]:
        """One person's row and their role codes."""
        rng = self.rng
        full_name, gender, preferred, other_language = self.name()
        row: dict[str, Any] = {"full_name": full_name, "preferred_name": preferred}
        row["pronouns"] = (
            rng.choice(names.PRONOUNS[gender]) if rng.random() < (0.6 if gender == "neutral" else 0.3) else None
        )
        row["status"] = _STATUSES(rng)
        row["email"] = self.email(full_name) if rng.random() < 0.85 else None
        row["phone"] = _PHONES(rng).format(rng.randint(0, 999)) if rng.random() < 0.8 else None
        if rng.random() < 0.7:
            row.update(self.address())
        else:
            row.update(address_line1=None, address_line2=None, town=None, postcode=None)
        self.contact_choices(row)
        welsh_chance = 0.3 if other_language == "Welsh" else 0.03
        r = rng.random()
        if r < welsh_chance:
            row["language"], row["language_other"] = "welsh", None
        elif other_language and other_language != "Welsh" and r < welsh_chance + 0.12:
            row["language"], row["language_other"] = "other", other_language
        else:
            row["language"], row["language_other"] = "english", None
        row["payment_preference"] = _PAYMENTS(rng)
        row["import_batch"] = None  # made here, not brought in from a spreadsheet
        row["consent_withdrawn_on"] = None  # everyone made up is still happy to be contacted
        given = self.consent(row)
        if rng.random() < 0.6:
            picked = rng.sample(names.INTERESTS, rng.randint(1, 3))
            text = ", ".join(picked)
            row["interests"] = text[0].upper() + text[1:]
        else:
            row["interests"] = None
        row["notes"] = rng.choice(names.NOTES) if rng.random() < 0.08 else None
        row.update(self.equality.answers(gender))
        created_day = given - timedelta(days=rng.randint(0, 14)) if given else self.days_ago(1, 1500)
        updated_day = created_day + timedelta(days=rng.randint(0, max((self.today - created_day).days - 1, 0)))
        row.update(self.shared(created_day, updated_day))
        return row, self.roles()

    # --- seats on committees ---

    def seats(self, person_id: str, status: str, roles: list[str], committee_ids: list[str]) -> list[dict[str, Any]]:
        """Terms of office for one representative; some end within the next 60 days, some are over."""
        rng, today = self.rng, self.today
        chance = {"active": 0.7, "paused": 0.4, "left": 0.5}.get(status, 0.0)
        if rng.random() >= chance:
            return []
        rows = []
        for committee_id in rng.sample(committee_ids, min(rng.choice((1, 1, 1, 2, 2, 3)), len(committee_ids))):
            length = timedelta(days=rng.choice((365, 730, 1095)))
            if status == "left":
                end: date | None = today - timedelta(days=rng.randint(1, 700))
            else:
                r = rng.random()
                if r < 0.15:
                    end = today + timedelta(days=rng.randint(0, 60))
                elif r < 0.25:
                    end = None  # no fixed end, as some local groups have
                else:
                    end = today + timedelta(days=rng.randint(61, 1000))
            start = (end or today + timedelta(days=rng.randint(0, 700))) - length
            if start >= today:
                start = self.days_ago(14, 300)
            row = self.shared(min(start, today - timedelta(days=1)) - timedelta(days=rng.randint(0, 30)))
            backup = "backup_rep" in roles or rng.random() < 0.1
            row.update(person_id=person_id, committee_id=committee_id, term_start=start, term_end=end, is_backup=backup)
            rows.append(row)
        return rows


def people_batches(maker: PeopleMaker, people: int, committee_ids: list[str]) -> Iterator[tuple[list, list, list]]:
    """People, their roles and their seats, CHUNK people at a time."""
    made = 0
    while made < people:
        batch = min(CHUNK, people - made)
        person_rows: list[dict[str, Any]] = []
        role_rows: list[dict[str, Any]] = []
        seat_rows: list[dict[str, Any]] = []
        for _ in range(batch):
            row, roles = maker.person()
            person_rows.append(row)
            role_rows.extend({"person_id": row["id"], "role": role} for role in roles)
            if REP_ROLES.intersection(roles):
                seat_rows.extend(maker.seats(row["id"], row["status"], roles, committee_ids))
        made += batch
        yield person_rows, role_rows, seat_rows

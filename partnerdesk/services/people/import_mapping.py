"""Which column of someone's spreadsheet holds which detail of a person, and turning its cells into the details the
people service checks (services.people.people.clean_person).

The guess works from the headings people actually write ("Full name", "First name" + "Surname", "E-mail", "Mobile",
"Tel", "Post code" …) and from the headings of PartnerDesk's own people export, so that file imports with no
changes. The worker can change any column's field before importing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab as v
from partnerdesk.rules.typed_dates import read_date

#: Fields a column can go to, with the words shown for them. "" means "do not import this column".
FIELDS: dict[str, str] = {
    "": N_("(leave out)"),
    "full_name": N_("Full name"),
    "first_name": N_("First name"),
    "surname": N_("Surname"),
    "preferred_name": N_("Preferred name"),
    "pronouns": N_("Pronouns"),
    "status": N_("Status"),
    "roles": N_("Roles"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "address_line1": N_("Address line 1"),
    "address_line2": N_("Address line 2"),
    "town": N_("Town"),
    "postcode": N_("Postcode"),
    "preferred_contact": N_("Preferred contact"),
    "papers_format": N_("Papers format"),
    "access_needs": N_("Access needs"),
    "language": N_("Language"),
    "payment_preference": N_("Payment preference"),
    "consent_given_on": N_("Consent given on"),
    "consent_how": N_("Consent given how"),
    "consent_for": N_("Consent for"),
    "consent_review_on": N_("Consent review on"),
    "interests": N_("Interests"),
    "notes": N_("Notes"),
}

# Headings as people write them, squashed to lower-case letters and digits ("E-mail address" → "emailaddress").
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "fullname", "personname", "contactname", "contact", "participant", "member"),
    "first_name": ("firstname", "forename", "forenames", "givenname", "first"),
    "surname": ("surname", "lastname", "familyname", "last", "secondname"),
    "preferred_name": ("preferredname", "knownas", "nickname"),
    "pronouns": ("pronouns", "pronoun"),
    "status": ("status",),
    "roles": ("roles", "role"),
    "email": ("email", "emailaddress", "mail"),
    "phone": ("phone", "tel", "telephone", "telno", "mobile", "mob", "mobileno", "mobilenumber", "phonenumber",
              "telephonenumber", "contactnumber"),
    "address_line1": ("addressline1", "address1", "address", "street", "addressline"),
    "address_line2": ("addressline2", "address2"),
    "town": ("town", "city", "towncity"),
    "postcode": ("postcode", "postalcode", "zip", "zipcode"),
    "preferred_contact": ("preferredcontact", "contactpreference", "howtocontact"),
    "papers_format": ("papersformat",),
    "access_needs": ("accessneeds",),
    "language": ("language", "preferredlanguage"),
    "payment_preference": ("paymentpreference",),
    "consent_given_on": ("consentgivenon", "consentdate", "dateofconsent", "consentgiven"),
    "consent_how": ("consentgivenhow", "consenthow"),
    "consent_for": ("consentfor",),
    "consent_review_on": ("consentreviewon", "consentreview", "consentreviewdate"),
    "interests": ("interests",),
    "notes": ("notes", "note", "comments"),
}  # fmt: skip
_BY_HEADING = {heading: name for name, headings in _SYNONYMS.items() for heading in headings}

DATE_FIELDS = ("consent_given_on", "consent_review_on")
_CHOICES = {
    "status": v.STATUSES,
    "preferred_contact": v.CONTACT_METHODS,
    "payment_preference": v.PAYMENT_PREFERENCES,
    "consent_how": v.CONSENT_METHODS,
}
#: Separators between several choices in one cell ("Carer representative; Back-up representative").
_SEVERAL = re.compile(r"\s*[;,\n]\s*")


def squash(heading: Any) -> str:
    """A heading reduced to lower-case letters and digits, so "E-mail Address" and "email address" match."""
    return re.sub(r"[^0-9a-z]", "", str(heading).lower()) if heading is not None else ""


def field_for(heading: Any) -> str:
    """The field a heading most likely means, or "" when it means none of them."""
    return _BY_HEADING.get(squash(heading), "")


def find_heading_row(rows: Sequence[tuple[int, Sequence[Any]]], search: int = 20) -> int:
    """The index (into rows) of the heading row: the one among the first rows with most recognised headings.

    Sheets often start with a title or a blank line or two, so the heading row is not always the first.
    """
    best, best_score = 0, 0
    for index, (_number, values) in enumerate(rows[:search]):
        score = len({field_for(value) for value in values if isinstance(value, str)} - {""})
        if score > best_score:
            best, best_score = index, score
    return best


def guess_mapping(headings: Sequence[Any]) -> list[str]:
    """A field for each column (or "" to leave it out); a field goes to the first column that looks like it."""
    taken: set[str] = set()
    mapping = []
    for heading in headings:
        name = field_for(heading)
        mapping.append(name if name not in taken else "")
        taken.add(name)
    return mapping


def _labels(vocabulary: dict[str, str]) -> dict[str, str]:
    # A label or a code, any case, finds the code; "Other (say which)" is written "Other" in the export.
    found = {code.lower(): code for code in vocabulary}
    found.update({label.removesuffix(" (say which)").lower(): code for code, label in vocabulary.items()})
    return found


def _code(vocabulary: dict[str, str], text: str) -> str:
    # An unknown choice is passed on as typed, so the people service says "pick one of the choices".
    return _labels(vocabulary).get(text.lower(), text)


#: What exports.guard puts in front of text a spreadsheet would take for a formula ("'=1+1", "'+44 7700 900123").
_GUARDED = re.compile(r"'(?=\s*[=+\-@\t\r])")


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # PartnerDesk's own exports guard such text with an apostrophe; taken off again, the text is as it was typed.
    text = str(value).strip()
    return text[1:] if _GUARDED.match(text) else text


def row_details(mapping: Sequence[str], values: Sequence[Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A person's details from one row (for clean_person) and any problems found on the way (field → message)."""
    cells: dict[str, Any] = {}
    for name, value in zip(mapping, values, strict=False):
        if name and value is not None and value != "" and name not in cells:
            cells[name] = value
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    names = [_text(cells.pop(part)) for part in ("first_name", "surname") if part in cells]
    if "full_name" in cells:
        data["full_name"] = _text(cells.pop("full_name"))
    elif names:
        data["full_name"] = " ".join(names)
    if isinstance(cells.get("phone"), int | float) and not isinstance(cells["phone"], bool):
        # A spreadsheet that took a phone number for a number dropped its leading 0 (07700 900123 → 7700900123).
        digits = _text(cells["phone"])
        cells["phone"] = digits if digits.startswith(("0", "44")) else "0" + digits
    for name, value in cells.items():
        if name in DATE_FIELDS:
            try:
                data[name] = read_date(value)
            except ValueError as why:
                problems[name] = str(why)
        elif name in _CHOICES:
            data[name] = _code(_CHOICES[name], _text(value))
        elif name == "roles":
            data["roles"] = [_code(v.ROLES, part) for part in _SEVERAL.split(_text(value)) if part]
        elif name == "access_needs":
            _access_needs(_text(value), data)
        elif name == "papers_format":
            _papers(_text(value), data)
        elif name == "language":
            code = _labels(v.LANGUAGES).get(_text(value).lower())
            data["language"], data["language_other"] = (code, None) if code else ("other", _text(value))
        else:
            data[name] = _text(value)
    return data, problems


def _access_needs(text: str, data: dict[str, Any]) -> None:
    known = _labels(v.ACCESS_NEEDS)
    codes, details = [], []
    for part in (part for part in re.split(r"\s*;\s*", text) if part):
        code = known.get(part.lower())
        (codes.append(code) if code else details.append(part))
    if details and "other" not in codes:
        codes.append("other")
    data["access_needs"] = codes
    data["access_needs_details"] = "; ".join(details) or None


def _papers(text: str, data: dict[str, Any]) -> None:
    known = _labels(v.PAPER_FORMATS)
    name, _sep, details = text.partition(": ")
    code = known.get(name.lower())
    if code:
        data["papers_format"], data["papers_format_details"] = code, details or None
    else:
        data["papers_format"], data["papers_format_details"] = "other", text


def field_label(name: str) -> str:
    """The words for a field in the worker's language ("Email")."""
    return _(FIELDS.get(name, name)) if name in FIELDS else name.replace("_", " ").capitalize()

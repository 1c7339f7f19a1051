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
from partnerdesk.services.common.importing import SEVERAL, cell_text, cells, choice_codes, squash
from partnerdesk.services.common.importing import find_heading_row as _find_heading_row

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
    "committees": N_("Committees"),
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
    "committees": ("committees", "committee", "committeesboards", "boards", "sitson"),
}  # fmt: skip
SYNONYMS = _SYNONYMS
_BY_HEADING = {heading: name for name, headings in _SYNONYMS.items() for heading in headings}

DATE_FIELDS = ("consent_given_on", "consent_review_on")
_CHOICES = {
    "status": v.STATUSES,
    "preferred_contact": v.CONTACT_METHODS,
    "payment_preference": v.PAYMENT_PREFERENCES,
    "consent_how": v.CONSENT_METHODS,
}
def field_for(heading: Any) -> str:
    """The field a heading most likely means, or "" when it means none of them."""
    return _BY_HEADING.get(squash(heading), "")


def find_heading_row(rows: Sequence[tuple[int, Sequence[Any]]], search: int = 20) -> int:
    """The index (into rows) of the heading row of a people sheet (see services.common.importing)."""
    return _find_heading_row(rows, field_for, search)


def guess_mapping(headings: Sequence[Any]) -> list[str]:
    """A field for each column (or "" to leave it out); a field goes to the first column that looks like it."""
    taken: set[str] = set()
    mapping = []
    for heading in headings:
        name = field_for(heading)
        mapping.append(name if name not in taken else "")
        taken.add(name)
    return mapping


def _code(vocabulary: dict[str, str], text: str) -> str:
    # An unknown choice is passed on as typed, so the people service says "pick one of the choices".
    return choice_codes(vocabulary).get(text.lower(), text)


_labels = choice_codes
_text = cell_text


def row_details(mapping: Sequence[str], values: Sequence[Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A person's details from one row (for clean_person) and any problems found on the way (field → message)."""
    found = cells(mapping, values)
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    names = [_text(found.pop(part)) for part in ("first_name", "surname") if part in found]
    if "full_name" in found:
        data["full_name"] = _text(found.pop("full_name"))
    elif names:
        data["full_name"] = " ".join(names)
    if isinstance(found.get("phone"), int | float) and not isinstance(found["phone"], bool):
        # A spreadsheet that took a phone number for a number dropped its leading 0 (07700 900123 → 7700900123).
        digits = _text(found["phone"])
        found["phone"] = digits if digits.startswith(("0", "44")) else "0" + digits
    for name, value in found.items():
        if name in DATE_FIELDS:
            try:
                data[name] = read_date(value)
            except ValueError as why:
                problems[name] = str(why)
        elif name in _CHOICES:
            data[name] = _code(_CHOICES[name], _text(value))
        elif name == "roles":
            data["roles"] = [_code(v.ROLES, part) for part in SEVERAL.split(_text(value)) if part]
        elif name == "committees":
            # Names, checked against the committees in PartnerDesk by services.people.importing.
            data["committees"] = [part for part in SEVERAL.split(_text(value)) if part]
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

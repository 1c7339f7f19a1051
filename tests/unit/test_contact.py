"""Checking and tidying the contact details people type: email, UK phone numbers and postcodes."""

from __future__ import annotations

import pytest

from partnerdesk.rules.contact import email_problem, phone_digits, phone_problem, postcode_problem, tidy_postcode

# ---------------------------------------------------------------------------------------------------------- email


@pytest.mark.parametrize(
    "address",
    [
        "sam@example.org",
        "Sam.Jones@example.org",
        "sam.jones+committee@mail.example.co.uk",
        "o'brien@example.ie",
        "a@b.cymru",
    ],
)
def test_ordinary_email_addresses_are_accepted(address):
    assert email_problem(address) is None


@pytest.mark.parametrize(
    "address",
    [
        "sam.example.org",  # no @
        "sam@example",  # no dot in the domain
        "sam@@example.org",
        "@example.org",
        "sam@",
        "sam jones@example.org",  # space inside
        "sam@example.o",  # one-letter ending
        "sam@example.org.",  # trailing dot
        "",
    ],
)
def test_obvious_email_slips_are_caught_with_a_plain_message(address):
    message = email_problem(address)
    assert message == "This doesn't look like an email address. It should look like name@example.org."


# ---------------------------------------------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("029 2000 0000", "02920000000"),  # Cardiff landline
        ("020 7946 0000", "02079460000"),  # London landline
        ("0113 496 0000", "01134960000"),  # Leeds landline
        ("01632 960001", "01632960001"),
        ("(029) 2000 0000", "02920000000"),
        ("029-2000-0000", "02920000000"),
        ("07700 900123", "07700900123"),  # mobile
        ("07700900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+447700900123", "07700900123"),
        ("+44 29 2000 0000", "02920000000"),
        ("+44 (0)29 2000 0000", "02920000000"),  # the common "(0)" way of writing it
        ("+44 (0) 7700 900123", "07700900123"),
        ("0044 29 2000 0000", "02920000000"),  # dialled from abroad
        ("44 7700 900123", "07700900123"),
        ("0800 123 4567", "08001234567"),
    ],
)
def test_uk_phone_numbers_are_accepted_and_reduced_to_their_digits(typed, digits):
    assert phone_problem(typed) is None
    assert phone_digits(typed) == digits


@pytest.mark.parametrize(
    "typed",
    [
        "029 200",  # too short
        "12345",
        "029 2000 0000 00",  # too long
        "0770090012345",
        "+1 212 555 0100",  # not a UK number
        "7700 900123",  # no leading 0
        "",
        "   ",
    ],
)
def test_phone_numbers_of_the_wrong_length_or_country_are_refused(typed):
    assert phone_problem(typed) == "Please give a UK phone number of 10 or 11 digits, starting with 0 (or +44)."


@pytest.mark.parametrize("typed", ["029 ABC 0000", "07700 9OO123", "call 07700 900123", "029 2000 0000 ext 12", "0#29"])
def test_letters_and_symbols_in_a_phone_number_are_refused(typed):
    assert phone_problem(typed) == "A phone number can only contain numbers, spaces, brackets, + and -."


# ------------------------------------------------------------------------------------------------------- postcode


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("CF10 1AA", "CF10 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("W1A 0AX", "W1A 0AX"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("GIR 0AA", "GIR 0AA"),
        ("cf10 1aa", "CF10 1AA"),
        ("cf101aa", "CF10 1AA"),
        ("m11ae", "M1 1AE"),
        ("ec1a1bb", "EC1A 1BB"),
        ("gir0aa", "GIR 0AA"),
        ("  sw1a   2aa ", "SW1A 2AA"),
    ],
)
def test_valid_postcodes_are_accepted_and_tidied(typed, tidy):
    assert postcode_problem(typed) is None
    assert tidy_postcode(typed) == tidy


@pytest.mark.parametrize("typed", ["12345", "QQ1 1AA", "CF10 1A", "CF10", "CF10 1AAA", "V1 1AA", "CF10 1CA", ""])
def test_things_that_are_not_postcodes_are_refused(typed):
    assert postcode_problem(typed) == "This isn't a UK postcode. It should look like CF10 1AA or M1 1AE."


def test_tidying_leaves_very_short_text_alone():
    assert tidy_postcode(" cf ") == "CF"

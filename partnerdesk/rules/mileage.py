"""Mileage at HMRC's approved mileage allowance payment (AMAP) rates, per tax year (6 April to 5 April).

The rates are dated, editable configuration: DEFAULT_RATES holds HMRC's figures and an organisation can change them
in its settings (MileageRates checks what it is given). Paying above HMRC's rates is taxable, so rates_warning says so.

Miles may have one decimal place (12.5 miles). They are held as Decimal, and every sum is done in whole tenths of a
mile times whole pence, so nothing is ever rounded until the end. Then each journey is rounded once, half up, to the
penny: 12.5 miles at 45p is 562.5p, paid as £5.63. One rounding per journey (not per part of a journey) keeps each
claim line easy to check by hand.

The 10,000-mile threshold counts business miles in a car or van only, per person per tax year; motorcycle and bicycle
miles are paid at one flat rate and don't count towards it. Passenger payments are for cars and vans only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.money import format_pounds

VEHICLES = {
    "car_or_van": N_("Car or van"),
    "motorcycle": N_("Motorcycle"),
    "bicycle": N_("Bicycle"),
}

# The longest single journey anyone can claim: far beyond Land's End to John o' Groats (about 840 miles) and back
# again would still fit. Anything longer is a slip (a typed odometer reading, an extra nought).
MAX_JOURNEY_MILES = Decimal(2000)
# The most car miles already driven in a tax year that we accept: roughly 2,700 a day, every day. Just a sanity bound.
MAX_MILES_IN_A_YEAR = Decimal(1_000_000)
# A car or van carries at most 8 passengers besides the driver; more than that is a minibus, which is not a car.
MAX_PASSENGERS = 8
# The highest rate per mile an organisation can set: £5 a mile, ten times HMRC's, so a typed "450" (pounds for pence)
# is caught.
MAX_RATE_PENCE = 500

_TENTH = Decimal("0.1")
# Each rate in pence as a person would name it, for messages.
_RATE_NAMES = {
    "car_first_pence": N_("The car or van rate for the first miles"),
    "car_after_pence": N_("The car or van rate after the threshold"),
    "motorcycle_pence": N_("The motorcycle rate"),
    "bicycle_pence": N_("The bicycle rate"),
    "passenger_pence": N_("The passenger rate"),
}
_MILES = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?P<fraction>\d*))?", re.ASCII)
_MILES_WORD = re.compile(r"\s*(?:miles?|mi)\.?$", re.IGNORECASE)


def _is_whole(value: object) -> bool:
    # bool is a kind of int in Python; True passengers or True pence is always a mistake.
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class MileageRates:
    """Pence per business mile, in force from effective_from (a date) until a later set of rates takes over.

    Whole pence only, as HMRC publishes them. Raises ValueError with a plain-English message for a rate that is not
    a whole number of pence from 0 to £5, a threshold that is not a whole number of miles above zero, or a rate after
    the threshold higher than the rate before it (almost always the two typed the wrong way round).
    """

    car_first_pence: int = 45
    car_after_pence: int = 25
    car_threshold_miles: int = 10_000
    motorcycle_pence: int = 24
    bicycle_pence: int = 20
    passenger_pence: int = 5
    # HMRC's car rate has been 45p since 6 April 2011.
    effective_from: date = date(2011, 4, 6)

    def __post_init__(self) -> None:
        for name, described in _RATE_NAMES.items():
            value = getattr(self, name)
            if not _is_whole(value) or not 0 <= value <= MAX_RATE_PENCE:
                raise ValueError(_("{described} must be a whole number of pence from 0 to {MAX_RATE_PENCE}.").format(
                    described=described,
                    MAX_RATE_PENCE=MAX_RATE_PENCE,
                ))
        threshold = self.car_threshold_miles
        if not _is_whole(threshold) or not 0 < threshold <= MAX_MILES_IN_A_YEAR:
            raise ValueError(_("The car or van threshold must be a whole number of miles above 0."))
        if self.car_after_pence > self.car_first_pence:
            raise ValueError(
                _("The car or van rate after the threshold can't be more than the rate for the first miles.")
            )
        if not isinstance(self.effective_from, date):
            raise ValueError(_("Mileage rates need the date they start from."))

    def per_mile(self, vehicle: str) -> int:
        """The rate for the first miles of a tax year for this vehicle (the only rate, apart from cars and vans)."""
        _check_vehicle(vehicle)
        return {
            "car_or_van": self.car_first_pence,
            "motorcycle": self.motorcycle_pence,
            "bicycle": self.bicycle_pence,
        }[vehicle]

    def as_settings(self) -> dict[str, int | str]:
        """The rates as plain values for storing as settings (the date as ISO text)."""
        values: dict[str, int | str] = {f.name: getattr(self, f.name) for f in fields(self)}
        values["effective_from"] = self.effective_from.isoformat()
        return values

    @classmethod
    def from_settings(cls, values: Mapping[str, int | str]) -> MileageRates:
        """Rates back from stored settings; anything missing takes HMRC's default. Checked like any other rates."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(_("Unknown mileage setting: {join}.").format(join=', '.join(unknown)))
        given: dict[str, object] = dict(values)
        if "effective_from" in given:
            try:
                given["effective_from"] = date.fromisoformat(str(given["effective_from"]))
            except ValueError:
                raise ValueError(_("The date mileage rates start from is not a real date.")) from None
        return cls(**given)  # type: ignore[arg-type]


DEFAULT_RATES = MileageRates()
# HMRC's own figures: what rates_warning compares an organisation's rates against.
HMRC_RATES = DEFAULT_RATES
DEFAULT_SCHEDULE: tuple[MileageRates, ...] = (DEFAULT_RATES,)


class MileageResult(NamedTuple):
    """What one journey pays and how: the miles at each rate, and the total in whole pence."""

    vehicle: str
    miles: Decimal
    passengers: int
    miles_at_first_rate: Decimal
    miles_at_after_rate: Decimal
    first_rate_pence: int
    after_rate_pence: int
    passenger_rate_pence: int
    pence: int
    # Car or van miles in this tax year once this journey is counted (unchanged for a motorcycle or bicycle).
    miles_this_tax_year_after: Decimal

    @property
    def crosses_threshold(self) -> bool:
        """True when part of the journey is paid at each car rate."""
        return self.miles_at_first_rate > 0 and self.miles_at_after_rate > 0

    def explain(self) -> str:
        """The sum in words, for a claim form: "10 miles at 45p, 5 miles at 25p: £5.75"."""
        parts = []
        if self.miles_at_first_rate:
            parts.append(_("{miles_words} at {first_rate_pence}p").format(
                miles_words=_miles_words(self.miles_at_first_rate),
                first_rate_pence=self.first_rate_pence,
            ))
        if self.miles_at_after_rate:
            parts.append(_("{miles_words} at {after_rate_pence}p").format(
                miles_words=_miles_words(self.miles_at_after_rate),
                after_rate_pence=self.after_rate_pence,
            ))
        if self.passengers:
            people = (
                _("1 passenger")
                if self.passengers == 1
                else _("{passengers} passengers").format(passengers=self.passengers)
            )
            parts.append(_("{people} for {miles_words} at {passenger_rate_pence}p").format(
                people=people,
                miles_words=_miles_words(self.miles),
                passenger_rate_pence=self.passenger_rate_pence,
            ))
        return f"{', '.join(parts)}: {format_pounds(self.pence)}"


class Journey(NamedTuple):
    """One journey in a person's claims: when, how, how far and with how many passengers."""

    day: date
    vehicle: str
    miles: Decimal | int | str
    passengers: int = 0


def tax_year_of(day: date) -> int:
    """The UK tax year a day falls in, named by the year it starts: 6/4/2026 to 5/4/2027 is 2026."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year_label(year: int) -> str:
    """How a tax year is written: 2026 → "2026–27" (with an en dash)."""
    return f"{year}\u2013{(year + 1) % 100:02d}"


def tax_year_dates(year: int) -> tuple[date, date]:
    """The first and last day of a tax year: 2026 → (6/4/2026, 5/4/2027)."""
    return date(year, 4, 6), date(year + 1, 4, 5)


def parse_miles(text: str) -> Decimal:
    """Read the miles of a journey typed by a person: "12", "12.5", "1,200", "12 miles".

    Raises ValueError with a plain-English message for an empty box, anything that isn't a number, more than one
    decimal place, a negative or zero distance, and anything over MAX_JOURNEY_MILES (2,000 miles).
    """
    return _journey_miles(_read_miles(text))


def mileage_pence(
    vehicle: str,
    miles: Decimal | int | str,
    miles_already_this_tax_year: Decimal | int | str,
    passengers: int = 0,
    rates: MileageRates = DEFAULT_RATES,
) -> MileageResult:
    """What one journey pays, given the car or van miles this person has already claimed this tax year.

    A car or van journey that crosses the threshold is split: the miles up to it at the first rate, the rest at the
    lower rate. Passengers add the passenger rate for every mile of the journey. The total is rounded once, half up,
    to the penny. Raises ValueError with a plain-English message for an unknown vehicle, miles that are not a number
    above zero with at most one decimal place, or passengers that are negative, too many, or not in a car or van.
    """
    _check_vehicle(vehicle)
    distance = _journey_miles(_as_miles(miles))
    already = _as_miles(miles_already_this_tax_year, _("The miles already claimed this tax year"))
    if already < 0:
        raise ValueError(_("The miles already claimed this tax year can't be negative."))
    if already > MAX_MILES_IN_A_YEAR:
        raise ValueError(_("The miles already claimed this tax year are far too many. Please check the figure."))
    if not _is_whole(passengers) or not 0 <= passengers <= MAX_PASSENGERS:
        raise ValueError(_("Passengers must be a whole number from 0 to {MAX_PASSENGERS}.").format(
            MAX_PASSENGERS=MAX_PASSENGERS,
        ))
    if passengers and vehicle != "car_or_van":
        raise ValueError(_("Passenger payments are only for cars and vans."))

    if vehicle == "car_or_van":
        room = max(Decimal(0), Decimal(rates.car_threshold_miles) - already)
        first = min(distance, room)
        after = distance - first
        first_rate, after_rate = rates.car_first_pence, rates.car_after_pence
        miles_after = already + distance
    else:
        first, after = distance, Decimal(0)
        first_rate = after_rate = rates.per_mile(vehicle)
        miles_after = already

    # Whole tenths of a mile times whole pence: exact integers in tenths of a penny, rounded once at the end.
    car_part = _tenths(first) * first_rate + _tenths(after) * after_rate
    tenth_pence = car_part + _tenths(distance) * passengers * rates.passenger_pence
    return MileageResult(
        vehicle=vehicle,
        miles=distance,
        passengers=passengers,
        miles_at_first_rate=first,
        miles_at_after_rate=after,
        first_rate_pence=first_rate,
        after_rate_pence=after_rate,
        passenger_rate_pence=rates.passenger_pence,
        pence=(tenth_pence + 5) // 10,  # half up; never negative, so floor division is safe
        miles_this_tax_year_after=miles_after,
    )


def rates_on(day: date, schedule: Sequence[MileageRates] = DEFAULT_SCHEDULE) -> MileageRates:
    """The rates in force on a day: the set with the latest start on or before it.

    Raises ValueError if no rates had started by then, or two sets start on the same day (which would be ambiguous).
    """
    started = [r for r in schedule if r.effective_from <= day]
    if not started:
        raise ValueError(_("No mileage rates apply on {day}. Add rates that start on or before that day.").format(
            day=format_uk(day),
        ))
    latest = max(r.effective_from for r in started)
    if sum(1 for r in started if r.effective_from == latest) > 1:
        raise ValueError(_("Two sets of mileage rates start on {latest}. Please remove one.").format(
            latest=format_uk(latest),
        ))
    return next(r for r in started if r.effective_from == latest)


def mileage_for_journeys(
    journeys: Sequence[Journey],
    miles_before: Mapping[int, Decimal | int] | None = None,
    schedule: Sequence[MileageRates] = DEFAULT_SCHEDULE,
) -> list[MileageResult]:
    """What each of one person's journeys pays, tracking car or van miles per tax year. Results in the given order.

    The threshold is reached in date order (journeys on the same day in the order given), so it doesn't matter in
    which order the claims were typed. miles_before holds car or van miles already claimed, by tax year, outside these
    journeys. Each journey is paid at the rates in force on its day.
    """
    running: dict[int, Decimal] = {year: _as_miles(m) for year, m in (miles_before or {}).items()}
    results: list[MileageResult | None] = [None] * len(journeys)
    for place in sorted(range(len(journeys)), key=lambda i: journeys[i].day):
        journey = journeys[place]
        year = tax_year_of(journey.day)
        result = mileage_pence(
            journey.vehicle,
            journey.miles,
            running.get(year, Decimal(0)),
            journey.passengers,
            rates_on(journey.day, schedule),
        )
        running[year] = result.miles_this_tax_year_after
        results[place] = result
    return [r for r in results if r is not None]


def rates_warning(rates: MileageRates, hmrc: MileageRates = HMRC_RATES) -> str | None:
    """A plain-English warning when any rate is above HMRC's (the extra is taxable), or None."""
    above = [described for name, described in _RATE_NAMES.items() if getattr(rates, name) > getattr(hmrc, name)]
    # A later threshold pays more miles at the higher car rate, which is above HMRC's lower rate.
    if rates.car_threshold_miles > hmrc.car_threshold_miles and rates.car_first_pence > hmrc.car_after_pence:
        above.append(_("The car or van threshold"))
    if not above:
        return None
    listed = ", ".join(a[0].lower() + a[1:] for a in above)
    return (
        _(
            "These are above HMRC's approved mileage rates: {listed}. The amount above HMRC's rates is "
            "taxable, so the person may have to pay tax on it."
        ).format(
            listed=listed,
        )
    )


def format_miles(miles: Decimal) -> str:
    """Miles as people read them: Decimal("1234.5") → "1,234.5", Decimal("12.0") → "12"."""
    tenths = _tenths(miles)
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}" if tenth == 0 else f"{whole:,}.{tenth}"


def _miles_words(miles: Decimal) -> str:
    return _("1 mile") if miles == 1 else _("{miles} miles").format(miles=format_miles(miles))


def _read_miles(text: str) -> Decimal:
    """Any typed number of miles with at most one decimal place, zero and negatives included (checked later)."""
    cleaned = _MILES_WORD.sub("", text.strip()).strip()
    if not cleaned:
        raise ValueError(_("Please type the number of miles, for example 12.5."))
    negative = cleaned[0] in "-\u2212"
    body = cleaned[1:].lstrip() if negative else cleaned
    match = _MILES.fullmatch(body)
    number = match.group("number").replace(",", "") if match else ""
    fraction = match.group("fraction") if match else None
    if match is None or not (number or fraction):
        raise ValueError(_("{text} is not a number of miles. Please type a number, for example 12.5.").format(
            text=text.strip(),
        ))
    if fraction is not None and len(fraction.rstrip("0")) > 1:
        raise ValueError(_("Miles can have at most 1 decimal place, for example 12.5."))
    number = number.lstrip("0")
    if len(number) > 9:
        return Decimal(-1 if negative else 1) * (MAX_MILES_IN_A_YEAR + 1)  # too large; no need to read it all
    value = Decimal(f"{number or '0'}.{fraction or '0'}").quantize(_TENTH)
    return -value if negative else value


def _as_miles(value: Decimal | int | str, what: str = N_("Miles")) -> Decimal:
    """Miles given as text, an int or a Decimal, checked for at most one decimal place. Floats are refused."""
    if isinstance(value, str):
        return _read_miles(value)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{what} must be text, a whole number or a Decimal, not {type(value).__name__}")
    try:
        miles = Decimal(value)
        if not miles.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(_("{what} must be a number.").format(what=what)) from None
    if abs(miles) > MAX_MILES_IN_A_YEAR:
        return miles  # far too many: the caller says so, and there is no point checking its decimals
    if miles * 10 != (miles * 10).to_integral_value():
        raise ValueError(_("{what} can have at most 1 decimal place, for example 12.5.").format(what=what))
    return miles.quantize(_TENTH)


def _journey_miles(miles: Decimal) -> Decimal:
    if miles < 0:
        raise ValueError(_("Miles can't be negative."))
    if miles == 0:
        raise ValueError(_("A journey must be more than 0 miles."))
    if miles > MAX_JOURNEY_MILES:
        raise ValueError(_("A single journey can't be more than {MAX_JOURNEY_MILES} miles. Please check.").format(
            MAX_JOURNEY_MILES=format_miles(MAX_JOURNEY_MILES),
        ))
    return miles


def _tenths(miles: Decimal) -> int:
    return int(miles * 10)  # exact: miles has at most one decimal place by now


def _check_vehicle(vehicle: str) -> None:
    if vehicle not in VEHICLES:
        raise ValueError(_("Mileage is paid only for a car or van, a motorcycle or a bicycle."))

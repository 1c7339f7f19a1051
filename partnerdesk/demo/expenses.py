"""Demo expenses: budget headings for this and last financial year, and claims in every status with mileage (a few
people cross the 10,000-mile threshold), backfill for programme participants, involvement payments, receipts (small
generated images) and each claim's history, as a worker would have recorded them.

Called by services.demo.fill_demo once people and meetings are in; the bench calls it directly with many claims.
Rows go in as bulk inserts, but amounts come from the same rules the services use (rules.mileage, rules.payments),
so every total is what the services would have worked out. The same seed and "today" give the same rows.
"""

from __future__ import annotations

import random
import struct
import uuid
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from partnerdesk.demo.common import DEMO_USER, Weighted
from partnerdesk.records import tables
from partnerdesk.rules.expenses import LIVE, category_bit, financial_year_dates, financial_year_of
from partnerdesk.rules.mileage import Journey, mileage_for_journeys, tax_year_dates, tax_year_of
from partnerdesk.rules.payments import time_payment_pence
from partnerdesk.services.common.settings import get_setting, mileage_schedule, payment_rates

_HEADINGS = (("Representatives' expenses", 1), ("Engagement events", 2), ("Mentoring backfill", 3),
             ("Training and conferences", 4), ("IT and equipment", 5))  # fmt: skip
_PROGRAMMES = ("Buddying scheme", "Reciprocal mentoring")
# Kind of line → (weight, lowest pence, highest pence, descriptions).
_SPEND = {
    "public_transport": (18, 250, 4800, ("Train to the board meeting", "Bus to the local group", "Return rail fare")),
    "taxi": (4, 800, 3500, ("Taxi from the station (no step-free bus)", "Taxi home after a late meeting")),
    "parking": (10, 150, 1200, ("Car park at the hospital", "Parking at the civic centre")),
    "subsistence": (10, 350, 1500, ("Lunch on a full-day meeting", "Sandwich and drink")),
    "care_cover": (3, 2000, 9000, ("Carer to cover while at the meeting", "Childminder for the afternoon")),
    "printing": (5, 120, 1800, ("Printing the meeting papers", "Large print copies")),
    "telephone": (3, 500, 1500, ("Phone calls for the committee",)),
    "internet": (3, 1000, 3000, ("Mobile data for online meetings",)),
    "stationery": (4, 200, 1200, ("Notebooks and pens", "Envelopes and stamps")),
    "it_equipment": (1, 1500, 9000, ("Headset for online meetings", "Webcam")),
    "software": (1, 500, 2500, ("Screen reader licence",)),
    "training": (2, 2500, 15000, ("Chairing skills course", "Safeguarding refresher")),
    "conference": (1, 5000, 25000, ("Regional involvement conference",)),
    "other": (1, 200, 2500, ("Room hire for the local group",)),
}
_KINDS = Weighted(["mileage", "spend", "involvement_payment"], [40, 52, 8])
_SPEND_KINDS = Weighted(list(_SPEND), [w for w, *_ in _SPEND.values()])
_PLACES = ("the health board offices", "the civic centre", "Riverside Health Centre", "the community hub",
           "Tŷ Gwyn headquarters", "the council chamber")  # fmt: skip
_REJECTED = ("Journey already claimed on another form.", "Not agreed in advance: please talk to your worker.")
_VOIDED = ("Entered against the wrong person.", "Paid twice: the second payment was returned.")
_METHODS = Weighted(["bank_transfer", "cheque", "cash", "voucher"], [80, 8, 8, 4])
_CLAIM_COLUMNS = ("programme", "meeting_id", "notes", "submitted_at", "approved_by_id", "approved_at", "paid_on",
                  "payment_method", "payment_reference", "rejected_reason", "void_reason")  # fmt: skip


@dataclass(frozen=True)
class ExpensesMade:
    """How many expense records add_demo_expenses added."""

    headings: int
    claims: int
    lines: int
    receipts: int


def receipt_png(seed: int, width: int = 36, height: int = 60) -> bytes:
    """A small grey-on-white PNG that looks like a till receipt (rows of "text" of varying length), made without an
    imaging library: raw rows compressed with zlib and wrapped in PNG chunks."""
    rng = random.Random(seed)
    rows = []
    for y in range(height):
        printed = 4 + rng.randint(0, width - 10) if y % 4 in (1, 2) and 4 < y < height - 4 else 0
        rows.append(b"\x00" + bytes(90 if 3 <= x < printed else 250 for x in range(width)))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(
        b"IEND", b"")  # fmt: skip


class _Maker:
    def __init__(self, seed: int, today: date, required: set[str]):
        self.rng = random.Random(f"partnerdesk-demo-expenses-{seed}")
        self.today, self.required = today, required
        self.first_day = financial_year_dates(financial_year_of(today) - 1)[0]
        self.claims: list[dict] = []
        self.lines: list[dict] = []
        self.receipts: list[dict] = []
        self.history: list[dict] = []
        self.pngs = [receipt_png(seed * 31 + n) for n in range(6)]

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def moment(self, day: date) -> datetime:
        return datetime.combine(min(day, self.today), time(9), UTC) + timedelta(minutes=self.rng.randint(0, 480))

    def shared(self, day: date, later: date | None = None) -> dict[str, Any]:
        made = self.moment(day)
        return {"id": self.uid(), "created_at": made, "updated_at": max(made, self.moment(later or day)),
                "deleted_at": None, "created_by": DEMO_USER, "updated_by": DEMO_USER}  # fmt: skip

    def status(self, day: date) -> str:
        age = (self.today - day).days
        if age > 60:
            return self.rng.choices(["paid", "rejected", "void", "approved"], [90, 4, 3, 3])[0]
        if age > 20:
            return self.rng.choices(["paid", "approved", "submitted", "rejected", "draft"], [55, 20, 15, 4, 6])[0]
        return self.rng.choices(["submitted", "draft", "approved", "paid"], [40, 30, 20, 10])[0]

    def claim(self, person: tuple, day: date, status: str, approvers: list[str], **extra: Any) -> dict:
        rng = self.rng
        row = {**self.shared(day), "person_id": person[0], "claim_date": day, "status": status,
               "budget_heading_id": None, "total_pence": 0, "line_count": 0, "receipts_missing": 0, "category_mask": 0,
               **dict.fromkeys(_CLAIM_COLUMNS), **extra}  # fmt: skip
        steps = [("draft", None, day)]
        if status != "draft":
            sent = min(day + timedelta(days=rng.randint(0, 5)), self.today)
            row["submitted_at"] = self.moment(sent)
            steps.append(("submitted", None, sent))
            decided = min(sent + timedelta(days=rng.randint(1, 12)), self.today)
            if status == "rejected":
                row["rejected_reason"] = rng.choice(_REJECTED)
                steps.append(("rejected", row["rejected_reason"], decided))
            elif status in ("approved", "paid", "void"):
                row["approved_by_id"] = rng.choice([a for a in approvers if a != person[0]])
                row["approved_at"] = self.moment(decided)
                steps.append(("approved", None, decided))
            if status in ("paid", "void"):
                paid = min(decided + timedelta(days=rng.randint(1, 18)), self.today)
                row["paid_on"], row["payment_method"] = paid, _METHODS(rng)
                row["payment_reference"] = f"PD{paid:%y%m%d}{rng.randint(100, 999)}"
                steps.append(("paid", None, paid))
            if status == "void":
                row["void_reason"] = rng.choice(_VOIDED)
                steps.append(("void", row["void_reason"], min(paid + timedelta(days=3), self.today)))
        before = None
        for to_status, reason, when in steps:
            self.history.append({**self.shared(when), "claim_id": row["id"], "from_status": before,
                                 "to_status": to_status, "changed_by": DEMO_USER,
                                 "changed_at": self.moment(when), "reason": reason})  # fmt: skip
            before = to_status
        row["updated_at"] = max(row["updated_at"], self.history[-1]["changed_at"])
        self.claims.append(row)
        return row

    def line(self, claim: dict, category: str, day: date, description: str, pence: int = 0, **extra: Any) -> dict:
        row = {**self.shared(day), "claim_id": claim["id"], "position": claim["line_count"], "category": category,
               "day": day, "description": description, "amount_pence": pence, "miles_tenths": None, "vehicle": None,
               "passengers": None, "working": None, "time_unit": None, "time_count": None, **extra}  # fmt: skip
        claim["line_count"] += 1
        self.lines.append(row)
        if category in self.required:
            if self.rng.random() < 0.88 or claim["status"] in ("approved", "paid"):
                png = self.rng.choice(self.pngs)
                self.receipts.append({**self.shared(day), "line_id": row["id"], "filename": f"receipt-{day:%Y%m%d}.png",
                                      "content_type": "image/png", "size_bytes": len(png), "data": png})  # fmt: skip
            else:
                claim["receipts_missing"] += 1
        return row

    def journey(self, claim: dict, day: date, miles: Decimal, where: str) -> None:
        passengers = 1 if self.rng.random() < 0.1 else 0
        self.line(claim, "mileage", day, f"Home to {where} and back", miles_tenths=int(miles * 10),
                  vehicle="car_or_van" if self.rng.random() < 0.93 else "bicycle", passengers=passengers)  # fmt: skip
        if self.lines[-1]["vehicle"] != "car_or_van":
            self.lines[-1]["passengers"] = 0

    def ordinary_lines(self, claim: dict, person: tuple, rates, where: str, more: int = 0) -> None:
        rng, day = self.rng, claim["claim_date"]
        for _ in range(rng.choices([1, 2, 3, 4, 5, 6], [20, 30, 22, 14, 9, 5])[0] + more):
            on = max(day - timedelta(days=rng.randint(0, 10)), self.first_day)
            kind = _KINDS(rng)
            if kind == "mileage":
                self.journey(claim, on, Decimal(rng.randint(20, 600)) / 10, where)
            elif kind == "involvement_payment" and person[2] == "paid":
                unit = rng.choice(["day", "half_day", "half_day"])
                self.line(claim, kind, on, "Involvement payment for the committee", time_payment_pence(unit, 1, rates),
                          time_unit=unit, time_count=1, working=f"1 × {unit.replace('_', ' ')}")  # fmt: skip
            else:
                category = _SPEND_KINDS(rng)
                _, low, high, descriptions = _SPEND[category]
                self.line(claim, category, on, rng.choice(descriptions), rng.randint(low // 5, high // 5) * 5)


def _people(session: Session) -> list[tuple]:
    p = tables.people
    stmt = (select(p.c.id, p.c.full_name, p.c.payment_preference)
            .where(p.c.deleted_at.is_(None), p.c.status != "left").order_by(p.c.id))  # fmt: skip
    return [tuple(row) for row in session.execute(stmt)]


def _attended(session: Session, since: date, until: date, limit: int) -> list[tuple]:
    """(person id, meeting id, title, day) for meetings people came to, a repeatable selection."""
    a, m = tables.attendance, tables.meetings
    stmt = (select(a.c.person_id, m.c.id, m.c.title, m.c.starts_at)
            .select_from(a.join(m, m.c.id == a.c.meeting_id))
            .where(a.c.attendance == "attended", m.c.starts_at >= datetime.combine(since, time(0), UTC),
                   m.c.starts_at < datetime.combine(until, time(0), UTC))
            .order_by(a.c.id).limit(limit))  # fmt: skip
    return [(row[0], row[1], row[2], row[3].date()) for row in session.execute(stmt)]


_FORCED = (("draft", 3), ("submitted", 6), ("approved", 30), ("paid", 90), ("rejected", 45), ("void", 120))


def _heading_name(maker: _Maker, claim: dict, kinds: set[str]) -> str | None:
    if "backfill" in kinds:
        return "Mentoring backfill"
    if kinds & {"training", "conference"}:
        return "Training and conferences"
    if kinds & {"it_equipment", "software"}:
        return "IT and equipment"
    if maker.rng.random() < 0.1:
        return None  # a few claims not yet given a heading
    return "Representatives' expenses" if claim["meeting_id"] or maker.rng.random() < 0.6 else "Engagement events"


def _backfill(maker: _Maker, people: list[tuple], approvers: list[str], rates, cap: int | None) -> None:
    """Programme participants (who chose to be paid) with backfill for buddy and mentoring meetings, within the cap."""
    rng, today = maker.rng, maker.today
    paid = [p for p in people if p[2] == "paid"]
    for person in rng.sample(paid, min(len(paid), max(2, len(people) // 25), 60)):
        programme = f"{rng.choice(_PROGRAMMES)} {financial_year_of(today)}"
        used = 0
        for _ in range(rng.randint(1, 3)):
            count = rng.randint(1, 2)
            if cap is not None and used + count > cap:
                break
            used += count
            day = today - timedelta(days=rng.randint(0, max(0, (today - financial_year_dates(financial_year_of(
                today))[0]).days)))  # fmt: skip
            claim = maker.claim(person, day, maker.status(day), approvers, programme=programme)
            maker.line(claim, "backfill", day, "Released for a buddy meeting", time_payment_pence("half_day", count,
                       rates), time_unit="half_day", time_count=count, working=f"{count} × half day")  # fmt: skip


def _heavy_drivers(maker: _Maker, people: list[tuple], approvers: list[str]) -> None:
    """Three people who drive a lot for the organisation: monthly claims that cross 10,000 car miles this tax year."""
    rng, today = maker.rng, maker.today
    start = tax_year_dates(tax_year_of(today))[0]
    months = max(1, (today.year - start.year) * 12 + today.month - start.month)
    for person in rng.sample(people, min(3, len(people))):
        target = Decimal(11_000 + rng.randint(0, 1500)) / months
        for month in range(months):
            day = min(start + timedelta(days=30 * month + rng.randint(0, 25)), today)
            claim = maker.claim(person, day, "paid" if (today - day).days > 40 else "submitted", approvers)
            trips = int(target // 240) + 1
            for n in range(trips):
                maker.journey(claim, max(day - timedelta(days=n % 20), start), (target / trips).quantize(Decimal(
                    "0.1")), rng.choice(_PLACES))  # fmt: skip
                maker.lines[-1]["vehicle"], maker.lines[-1]["passengers"] = "car_or_van", 0


def _settle(maker: _Maker, session: Session) -> None:
    """Mileage amounts in date order per person (live claims share the threshold), then each claim's total."""
    claims = {c["id"]: c for c in maker.claims}
    by_person: dict[tuple, list[dict]] = defaultdict(list)
    for line in maker.lines:
        if line["category"] == "mileage":
            claim = claims[line["claim_id"]]
            # Void and rejected claims don't count towards anyone's threshold: each journey stands alone.
            key = (claim["person_id"],) if claim["status"] in LIVE else (line["id"],)
            by_person[key].append(line)
    schedule = mileage_schedule(session)
    for lines in by_person.values():
        lines.sort(key=lambda ln: (ln["day"], claims[ln["claim_id"]]["created_at"], ln["claim_id"], ln["position"]))
        journeys = [Journey(ln["day"], ln["vehicle"], Decimal(ln["miles_tenths"]) / 10, ln["passengers"])
                    for ln in lines]  # fmt: skip
        for line, result in zip(lines, mileage_for_journeys(journeys, schedule=schedule), strict=True):
            line["amount_pence"], line["working"] = result.pence, result.explain()
    for line in maker.lines:
        claims[line["claim_id"]]["total_pence"] += line["amount_pence"]
        claims[line["claim_id"]]["category_mask"] |= category_bit(line["category"])


def _headings(maker: _Maker, existing: dict[tuple[int, str], str]) -> list[dict]:
    """Headings for last and this financial year, allocations set so some are nearly spent (for the Today page).

    Headings already in the database (demo data added twice) are reused: their rows here have "existing" set."""
    rng, rows = maker.rng, []
    kinds: dict[str, set[str]] = defaultdict(set)
    for line in maker.lines:
        kinds[line["claim_id"]].add(line["category"])
    this_year = financial_year_of(maker.today)
    made = {}
    for year in (this_year - 1, this_year):
        for name, _ in _HEADINGS:
            row = {**maker.shared(financial_year_dates(year)[0]), "financial_year": year, "name": name,
                   "allocation_pence": 0, "notes": None, "existing": (year, name) in existing}  # fmt: skip
            row["id"] = existing.get((year, name), row["id"])
            made[(year, name)] = row
            rows.append(row)
    used: dict[str, int] = defaultdict(int)
    for claim in maker.claims:
        heading_name = _heading_name(maker, claim, kinds[claim["id"]])
        if heading_name is not None:
            heading = made[(financial_year_of(claim["claim_date"]), heading_name)]
            claim["budget_heading_id"] = heading["id"]
            if claim["status"] in ("submitted", "approved", "paid"):
                used[heading["id"]] += claim["total_pence"]
    shares = {1: 0.93, 2: 0.55, 3: 0.8, 4: 0.97, 5: 0.4}
    for row in rows:
        order = dict(_HEADINGS)[row["name"]]
        share = 0.97 if row["financial_year"] < this_year else shares[order] + rng.random() * 0.02
        row["allocation_pence"] = max(50_000, -(-int(used[row["id"]] / share) // 10_000) * 10_000)
    return rows


def add_demo_expenses(session: Session, seed: int, today: date, claims: int, more_lines: int = 0) -> ExpensesMade:
    """Add budget headings and about `claims` claims (plus backfill and heavy drivers' claims) dated from the start
    of last financial year to today, for the people already in the database. more_lines adds that many lines to
    each ordinary claim (the bench uses it)."""
    people = _people(session)
    if len(people) < 4:
        return ExpensesMade(0, 0, 0, 0)
    maker = _Maker(seed, today, set(get_setting(session, "receipt_categories")))
    rng, rates = maker.rng, payment_rates(session)
    approvers, claimants = [p[0] for p in people[:3]], people[3:]
    by_id = {p[0]: p for p in people}
    span = (today - maker.first_day).days
    attended = [a for a in _attended(session, maker.first_day, today, claims // 3) if a[0] in by_id]
    for n in range(claims):
        extra: dict[str, Any] = {}
        if n < len(_FORCED):  # every status at least once, at a sensible age
            status, age = _FORCED[n]
            person, day = claimants[n % len(claimants)], today - timedelta(days=min(age, span))
        elif n - len(_FORCED) < len(attended):
            person_id, meeting_id, title, met = attended[n - len(_FORCED)]
            person, day, extra = by_id[person_id], min(met + timedelta(days=rng.randint(0, 7)), today), {
                "meeting_id": meeting_id}  # fmt: skip
            status = maker.status(day)
        else:
            person, day = rng.choice(claimants), maker.first_day + timedelta(days=rng.randint(0, span))
            status = maker.status(day)
        claim = maker.claim(person, day, status, approvers, **extra)
        maker.ordinary_lines(claim, person, rates, rng.choice(_PLACES), more_lines)
    _backfill(maker, claimants, approvers, rates, get_setting(session, "backfill_cap_half_days"))
    _heavy_drivers(maker, claimants, approvers)
    _settle(maker, session)
    h = tables.budget_headings
    known = session.execute(select(h.c.financial_year, h.c.name, h.c.id).where(h.c.deleted_at.is_(None))).all()
    headings = _headings(maker, {(year, name): heading_id for year, name, heading_id in known})
    for row in headings:
        if row.pop("existing"):  # more claims against it, so more money allocated
            session.execute(update(h).where(h.c.id == row["id"]).values(
                allocation_pence=h.c.allocation_pence + row["allocation_pence"]))  # fmt: skip
    new_headings = [row for row in headings if row["id"] not in {heading_id for *_, heading_id in known}]
    for table, rows in ((h, new_headings), (tables.claims, maker.claims), (tables.claim_lines, maker.lines),
                        (tables.receipts, maker.receipts), (tables.claim_status_changes, maker.history)):  # fmt: skip
        for start in range(0, len(rows), 5000):
            session.execute(insert(table), rows[start : start + 5000])
    return ExpensesMade(len(new_headings), len(maker.claims), len(maker.lines), len(maker.receipts))

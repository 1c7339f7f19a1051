"""Programme services: programmes and applications with plain messages per field, suggested and accepted pairs,
a pair ended early and its partner re-matched with the history kept, logged time and progress, and backfill paid as
claims (the cap counting per linked programme, not per typed name)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from partnerdesk.records.expenses import Claim
from partnerdesk.services.common.errors import EditConflict, NeedsConfirmation, ValidationError
from partnerdesk.services.expenses.lines import claim_lines
from partnerdesk.services.programmes.activities import (
    backfill_for,
    create_backfill_claim,
    log_activity,
    pair_progress,
    person_progress,
    programme_progress,
)
from partnerdesk.services.programmes.pairs import (
    accept_pair,
    end_early,
    pairs_of,
    rematch,
    rematch_suggestions,
    suggestions,
)
from partnerdesk.services.programmes.programmes import (
    create_application,
    create_programme,
    get_programme,
    programme_data,
    update_application,
    update_programme,
)
from tests.builders import add_claim, add_line, add_person

START, END = date(2026, 1, 5), date(2026, 7, 5)
TODAY = date(2026, 4, 1)


def mentoring(**overrides) -> dict:
    return {"name": "Reciprocal mentoring 2026", "kind": "reciprocal_mentoring", "starts_on": START, "ends_on": END,
            "side_a_hours": "15", "side_b_hours": "24", "backfill_side": "b", "backfill_cap_half_days": 6,
            "required_activities": [{"kind": "leadership_meeting", "count": 3}], **overrides}  # fmt: skip


@pytest.fixture
def programme(store):
    with store.transaction() as session:
        return create_programme(session, mentoring()).id


def apply(store, programme_id: str, side: str, **overrides) -> str:
    """A new person applying on a side; returns the person's id."""
    person = add_person(store, payment_preference="paid")
    with store.transaction() as session:
        create_application(session, {"programme_id": programme_id, "person_id": person, "side": side, **overrides})
    return person


# ---------------------------------------------------------------------------------------------------- programmes


def test_a_programme_keeps_hours_as_minutes_and_names_its_sides_by_kind(store, programme):
    with store.reader() as session:
        saved = get_programme(session, programme)
        assert (saved.side_a_name, saved.side_b_name) == ("Established leader", "Aspiring leader")
        assert (saved.side_a_minutes, saved.side_b_minutes, saved.minutes_per_half_day) == (900, 1440, 240)
        assert programme_data(saved)["side_b_hours"] == "24"


def test_bad_programme_details_get_a_message_by_each_field_and_nothing_is_saved(store):
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        create_programme(session, mentoring(name="  ", ends_on=date(2025, 1, 1), side_a_hours="lots",
                                            backfill_day="£-5", backfill_cap_half_days="9999", kind="knitting"))
    assert set(caught.value.messages) == {"name", "ends_on", "side_a_hours", "backfill_day", "backfill_cap_half_days",
                                          "kind"}  # fmt: skip
    assert caught.value.messages["ends_on"] == "The end date must be after the start date."
    with store.reader() as session:
        assert not session.execute(text("SELECT 1 FROM programmes")).all()


def test_a_programme_saved_elsewhere_since_the_form_opened_is_a_conflict(store, programme):
    with store.transaction() as session:
        update_programme(session, programme, mentoring(name="Renamed"), version=1)
    with store.transaction() as session, pytest.raises(EditConflict):
        update_programme(session, programme, mentoring(name="Mine"), version=1)


def test_an_application_tidies_its_lists_and_refuses_a_second_one(store, programme):
    person = add_person(store)
    with store.transaction() as session:
        app = create_application(session, {"programme_id": programme, "person_id": person, "side": "a",
                                           "communities": " carers ,, youth\nCarers ", "role": "  Chair "})
        assert (app.communities, app.role) == (["carers", "youth", "Carers"], "Chair")
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        create_application(session, {"programme_id": programme, "person_id": person, "side": "b"})
    assert "already applied" in caught.value.messages["person_id"]
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        update_application(session, app.id, {"programme_id": programme, "person_id": person, "side": "c",
                                             "availability": ["teatime"], "must_not_match": [person]})
    assert set(caught.value.messages) == {"side", "availability", "must_not_match"}


# --------------------------------------------------------------------------------------------------------- pairs


def test_suggestions_pair_everyone_optimally_and_say_why(store, programme):
    a1 = apply(store, programme, "a", communities=["carers"], experience=["budgets"])
    a2 = apply(store, programme, "a", communities=["youth"])
    b1 = apply(store, programme, "b", communities=["carers", "youth"], aspirations=["budgets"])
    b2 = apply(store, programme, "b", communities=["youth"])
    with store.reader() as session:
        got = suggestions(session, programme)
    # a1–b1 scores 6, a2–b2 3 (9 in all); the other way round only 3 + 0.
    assert {(s.side_a_person_id, s.side_b_person_id) for s in got} == {(a1, b1), (a2, b2)}
    assert got[0].match.reasons == ("Both care about carers.",
                                    "The Aspiring leader can learn about budgets from the Established leader.")


def test_a_pair_on_one_side_or_with_someone_already_paired_is_refused(store, programme):
    a1, a2 = apply(store, programme, "a"), apply(store, programme, "a")
    b1, b2 = apply(store, programme, "b"), apply(store, programme, "b")
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        accept_pair(session, programme, a1, a2, START)
    assert "same side" in caught.value.messages[""]
    with store.transaction() as session:
        accept_pair(session, programme, b1, a1, START)  # either order
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        accept_pair(session, programme, a1, b2, START)
    assert "already in an active pair" in caught.value.messages["side_a_person_id"]
    with store.reader() as session:
        [pair] = pairs_of(session, programme)
        assert (pair.side_a_person_id, pair.side_b_person_id, pair.status) == (a1, b1, "active")
        assert {(s.side_a_person_id, s.side_b_person_id) for s in suggestions(session, programme)} == {(a2, b2)}


def test_a_pair_their_applications_rule_out_needs_the_organiser_to_confirm(store, programme):
    b1 = apply(store, programme, "b")
    a1 = apply(store, programme, "a", must_not_match=[b1])
    with store.transaction() as session, pytest.raises(NeedsConfirmation):
        accept_pair(session, programme, a1, b1, START)
    with store.transaction() as session:
        assert suggestions(session, programme) == []
        accept_pair(session, programme, a1, b1, START, confirmed=True)


def test_a_pair_ended_early_stays_and_the_partner_who_stays_is_rematched(store, programme):
    a1 = apply(store, programme, "a", areas=["North"])
    b1 = apply(store, programme, "b", areas=["North"])
    a2 = apply(store, programme, "a", areas=["North"])
    a3 = apply(store, programme, "a")
    with store.transaction() as session:
        first = accept_pair(session, programme, a1, b1, START).id
        log_activity(session, first, {"held_on": date(2026, 2, 1), "kind": "pair_meeting", "time": "2"}, TODAY)
    with store.transaction() as session, pytest.raises(ValidationError, match="Only a pair that ended early"):
        rematch(session, first, b1, a2, date(2026, 3, 1))
    with store.transaction() as session:
        end_early(session, first, date(2026, 2, 20), "Moved away", version=1)
    with store.reader() as session:
        offered = rematch_suggestions(session, first, b1)
        assert [s.side_a_person_id for s in offered] == [a2, a3]  # a2 knows the same area; a1 left
    with store.transaction() as session:
        second = rematch(session, first, b1, a2, date(2026, 3, 1)).id
        log_activity(session, second, {"held_on": date(2026, 3, 2), "kind": "pair_meeting", "time": "1:30"}, TODAY)
    with store.reader() as session:
        history = {p.id: p for p in pairs_of(session, programme)}
        assert (history[first].status, history[first].ends_on) == ("ended_early", date(2026, 2, 20))
        assert (history[second].status, history[second].replaces_id) == ("active", first)
        assert person_progress(session, programme, b1, TODAY).logged_minutes == 210  # both partners' time
        assert person_progress(session, programme, a1, TODAY).logged_minutes == 120


# ---------------------------------------------------------------------------------------------- time and progress


@pytest.fixture
def pair(store, programme):
    a, b = apply(store, programme, "a"), apply(store, programme, "b")
    with store.transaction() as session:
        return accept_pair(session, programme, a, b, START).id, a, b


@pytest.mark.parametrize(("time", "message"), [
    ("-1", "more than nothing"), ("25", "more than 24 hours"), ("abc", "for example 1.5"), (None, "for example 1.5"),
])  # fmt: skip
def test_impossible_times_are_refused_plainly_and_nothing_is_saved(store, pair, time, message):
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        log_activity(session, pair[0], {"held_on": date(2026, 2, 1), "kind": "pair_meeting", "time": time}, TODAY)
    assert message in caught.value.messages["time"]
    with store.reader() as session:
        assert pair_progress(session, pair[0], TODAY).side_a.logged_minutes == 0


def test_more_than_24_hours_on_one_day_for_a_pair_is_refused(store, pair):
    with store.transaction() as session:
        log_activity(session, pair[0], {"held_on": date(2026, 2, 1), "kind": "shadowing", "time": "20"}, TODAY)
    with store.transaction() as session, pytest.raises(ValidationError, match="more than 24 hours for this pair"):
        log_activity(session, pair[0], {"held_on": date(2026, 2, 1), "kind": "pair_meeting", "time": "5"}, TODAY)


def test_days_outside_the_pair_or_in_the_future_are_refused(store, pair):
    for day in (date(2025, 12, 1), date(2026, 4, 2)):
        with store.transaction() as session, pytest.raises(ValidationError) as caught:
            log_activity(session, pair[0], {"held_on": day, "kind": "pair_meeting", "time": "1"}, TODAY)
        assert "held_on" in caught.value.messages


def test_progress_counts_who_attended_and_flags_a_pair_falling_behind(store, programme, pair):
    pair_id = pair[0]
    with store.transaction() as session:
        log_activity(session, pair_id, {"held_on": date(2026, 2, 1), "kind": "leadership_meeting", "time": "4",
                                        "attended": "b"}, TODAY)  # fmt: skip
        log_activity(session, pair_id, {"held_on": date(2026, 3, 1), "kind": "pair_meeting", "time": "6"}, TODAY)
    with store.reader() as session:
        got = pair_progress(session, pair_id, TODAY)
        # 86 of 181 days gone: 15 h * 86/181 = 427 min due for side A, 24 h → 684 for side B.
        assert (got.side_a.logged_minutes, got.side_a.due_by_now_minutes, got.side_a.behind) == (360, 427, False)
        assert (got.side_b.logged_minutes, got.side_b.due_by_now_minutes, got.side_b.behind) == (600, 684, False)
        assert got.side_a.activities_missing == {"leadership_meeting": 2}
        late = pair_progress(session, pair_id, date(2026, 6, 1))
        assert late.side_a.behind and late.behind
        assert [p.pair.id for p in programme_progress(session, programme, TODAY)] == [pair_id]


# ---------------------------------------------------------------------------------------------------- backfill


def test_backfill_due_is_paid_as_a_linked_claim_up_to_the_cap(store, programme, pair):
    pair_id, _a, b = pair
    with store.transaction() as session:
        for month in (1, 2, 3):  # 3 leadership meetings of 4 h and 4 buddy meetings of 1 h: 7 half days
            log_activity(session, pair_id, {"held_on": date(2026, month, 20), "kind": "leadership_meeting",
                                            "time": "4"}, TODAY)  # fmt: skip
        for day in (6, 7, 8, 9):
            log_activity(session, pair_id, {"held_on": date(2026, 3, day), "kind": "pair_meeting", "time": "1"}, TODAY)
    with store.reader() as session:
        due = backfill_for(session, programme, b)
        assert (due.half_days_earned, due.half_days_payable, due.pence) == (7, 6, 105_000)
    with store.transaction() as session:
        claim_id = create_backfill_claim(session, programme, b, TODAY, today=TODAY)
    with store.reader() as session:
        claim = session.get(Claim, claim_id)
        assert (claim.programme_id, claim.programme, claim.total_pence) == (programme, "Reciprocal mentoring 2026",
                                                                             105_000)  # fmt: skip
        assert [(line.time_unit, line.time_count) for line in claim_lines(session, claim_id)] == [("day", 3)]
        assert backfill_for(session, programme, b).half_days_payable == 0
    with store.transaction() as session, pytest.raises(ValidationError, match="No backfill is due"):
        create_backfill_claim(session, programme, b, TODAY, today=TODAY)
    with store.reader() as session, pytest.raises(ValidationError, match="only for the other side"):
        backfill_for(session, programme, _a)


def test_the_backfill_cap_counts_claims_linked_to_the_programme_whatever_their_typed_name(store, programme):
    """Two claims typed with different names but linked to one programme share its cap of 6 half days."""
    person = add_person(store, payment_preference="paid")
    first = add_claim(store, person, date(2026, 3, 1), programme="Mentoring")
    second = add_claim(store, person, date(2026, 3, 2), programme="Reciprocal mentoring 2026")
    with store.transaction() as session:
        for claim_id in (first, second):
            session.get(Claim, claim_id).programme_id = programme
    add_line(store, first, "backfill", date(2026, 3, 1), unit="day", count=3)
    with pytest.raises(ValidationError, match="none are left"):
        add_line(store, second, "backfill", date(2026, 3, 2), unit="half_day", count=1)


def test_a_programme_own_backfill_rates_price_its_claim_lines(store):
    with store.transaction() as session:
        own = create_programme(session, mentoring(name="Buddying", kind="buddying", backfill_half_day="150.00",
                                                  backfill_day="300", backfill_cap_half_days=None)).id
    person = add_person(store, payment_preference="paid")
    claim = add_claim(store, person, date(2026, 3, 1), programme="Buddying")
    with store.transaction() as session:
        session.get(Claim, claim).programme_id = own
    add_line(store, claim, "backfill", date(2026, 3, 1), unit="half_day", count=3)
    with store.reader() as session:
        assert session.get(Claim, claim).total_pence == 45_000

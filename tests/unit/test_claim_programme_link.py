"""A claim's programme is a link (programme_id) chosen from the programmes: checked, named in the claim's text so the
list and its search show it, and the backfill limit counts per linked programme, not per typed name."""

from __future__ import annotations

from datetime import date

import pytest

from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.expenses.claims import claim_data, get_claim, update_claim
from partnerdesk.services.programmes.binning import delete_programme
from tests.builders import add_claim, add_line, add_person, add_programme

DAY = date(2026, 5, 1)


def _claim(store, person: str, **data) -> str:
    return add_claim(store, person, DAY, **data)


def test_a_linked_claim_carries_its_programmes_name_and_a_programme_in_the_bin_can_not_be_chosen(store):
    person = add_person(store, payment_preference="paid")
    buddying, gone = add_programme(store, "Buddying 2026"), add_programme(store, "Old cohort")
    claim_id = _claim(store, person, programme_id=buddying)
    with store.reader() as session:
        claim = get_claim(session, claim_id)
        assert (claim.programme_id, claim.programme) == (buddying, "Buddying 2026")
    with store.transaction() as session:
        delete_programme(session, gone)
    for chosen in (gone, "no-such-programme"):
        with pytest.raises(ValidationError) as refused:
            _claim(store, person, programme_id=chosen)
        assert refused.value.messages == {"programme_id": "Please pick the programme from the list."}


def test_the_backfill_limit_counts_per_linked_programme_whatever_was_typed(store):
    person = add_person(store, payment_preference="paid")
    first, second = add_programme(store, "Mentoring", kind="reciprocal_mentoring"), add_programme(store, "Buddying")
    full = _claim(store, person, programme_id=first)
    add_line(store, full, "backfill", DAY, unit="day", count=3)  # 6 half days: the organisation's limit
    # A claim typed with the same name but not linked, and one on the other programme, each have their own limit.
    add_line(store, _claim(store, person, programme="Mentoring"), "backfill", DAY, unit="half_day", count=1)
    add_line(store, _claim(store, person, programme_id=second), "backfill", DAY, unit="half_day", count=1)
    with pytest.raises(ValidationError) as refused:
        add_line(store, _claim(store, person, programme_id=first), "backfill", DAY, unit="half_day", count=1)
    assert "6 half days" in refused.value.messages["count"]


def test_a_claim_with_backfill_keeps_its_programme(store):
    person = add_person(store, payment_preference="paid")
    first, second = add_programme(store, "Mentoring"), add_programme(store, "Buddying")
    claim_id = _claim(store, person, programme_id=first)
    add_line(store, claim_id, "backfill", DAY, unit="half_day", count=1)
    with store.transaction() as session:
        data = {**claim_data(get_claim(session, claim_id)), "programme_id": second}
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        update_claim(session, claim_id, data)
    assert "its programme can't change" in refused.value.messages["programme_id"]

"""Impact polls: answers 1 to 5 only (nothing saved otherwise), results per item only in aggregate and hidden for
too few people, and the steering group's themes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.programmes.polls import add_question, add_theme, poll_results, record_answers, themes_of
from partnerdesk.services.programmes.programmes import create_programme
from tests.builders import add_person


@pytest.fixture
def poll(store):
    with store.transaction() as session:
        programme = create_programme(session, {"name": "Mentoring", "kind": "reciprocal_mentoring"}).id
        confidence = add_question(session, programme, "How confident do you feel speaking at board level?").id
        trust = add_question(session, programme, "How much do you trust the system's leaders?").id
    return programme, confidence, trust


def test_answers_outside_one_to_five_are_refused_and_nothing_is_saved(store, poll):
    programme, confidence, trust = poll
    person = add_person(store)
    with store.transaction() as session, pytest.raises(ValidationError) as caught:
        record_answers(session, programme, person, "start", date(2026, 1, 5), {confidence: 4, trust: 6})
    assert caught.value.messages == {trust: "Please choose an answer from 1 to 5."}
    with store.reader() as session:
        assert [r.start_count for r in poll_results(session, programme)] == [0, 0]


def test_results_show_the_change_per_item_in_aggregate_only(store, poll):
    programme, confidence, trust = poll
    people = [add_person(store) for _ in range(6)]
    with store.transaction() as session:
        for n, person in enumerate(people):
            record_answers(session, programme, person, "start", date(2026, 1, 5), {confidence: 2, trust: 3})
            if n < 5:  # five answered at the end
                record_answers(session, programme, person, "end", date(2026, 7, 5), {confidence: 4 if n else 5})
            else:  # one answered the trust item only at the end: too few to show
                record_answers(session, programme, person, "end", date(2026, 7, 5), {trust: 4})
    with store.reader() as session:
        first, second = poll_results(session, programme)
    assert (first.start_count, first.start_average, first.end_count, first.end_average) == (6, Decimal("2.0"), 5,
                                                                                           Decimal("4.2"))
    assert first.change == Decimal("2.2")
    assert (second.end_count, second.end_average, second.change) == (1, None, None)


def test_themes_are_kept_in_order_and_need_words(store, poll):
    programme = poll[0]
    with store.transaction() as session:
        add_theme(session, programme, date(2026, 3, 1), "Board papers are hard to follow without a briefing.")
        with pytest.raises(ValidationError, match="without naming anyone"):
            add_theme(session, programme, date(2026, 3, 2), "   ")
    with store.reader() as session:
        assert [t.theme for t in themes_of(session, programme)] == [
            "Board papers are hard to follow without a briefing."]

"""Programme records and the Bin: programmes, applications, pairs, activities, poll answers and themes deleted from
their services are listed in the Bin, left out of what the programme shows, restored in an order that makes sense,
and deleted for good by Empty Bin (or the sweep) with what hangs off them; claims keep their money."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partnerdesk.records import tables
from partnerdesk.services.bin.items import KINDS, binned, restore
from partnerdesk.services.bin.purge import empty_bin, sweep_old, waiting
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.programmes import binning
from partnerdesk.services.programmes.activities import activities_of, create_backfill_claim, log_activity
from partnerdesk.services.programmes.pairs import accept_pair, end_early, pairs_of, rematch
from partnerdesk.services.programmes.polls import add_question, add_theme, poll_results, record_answers, themes_of
from partnerdesk.services.programmes.programmes import applications_for, create_application, list_programmes
from tests.builders import add_person, add_programme, bin_record, count_rows

TODAY = date(2026, 4, 1)


@pytest.fixture
def cohort(store) -> dict[str, str]:
    """A buddying programme with two pairs, an hour logged by the first, a poll item answered by all four at the
    start, a theme, and a backfill claim for the first pair's leader."""
    programme = add_programme(store, "Buddying 2026", starts_on=date(2026, 1, 5), ends_on=date(2027, 1, 5),
                              side_a_hours="15", side_b_hours="24", backfill_side="b")  # fmt: skip
    people = [add_person(store, full_name=f"Person {n}", payment_preference="paid") for n in range(5)]
    with store.transaction() as session:
        for person, side in zip(people, "ababa", strict=True):
            create_application(session, {"programme_id": programme, "person_id": person, "side": side})
        first = accept_pair(session, programme, people[0], people[1], date(2026, 1, 5)).id
        second = accept_pair(session, programme, people[2], people[3], date(2026, 1, 5)).id
        activity = log_activity(session, first, {"held_on": date(2026, 2, 2), "kind": "pair_meeting", "time": "1"},
                                TODAY).id  # fmt: skip
        question = add_question(session, programme, "How confident do you feel?").id
        for person in people[:4]:
            record_answers(session, programme, person, "start", date(2026, 1, 5), {question: 3})
        theme = add_theme(session, programme, date(2026, 3, 1), "Papers come late.").id
    with store.transaction() as session:
        claim = create_backfill_claim(session, programme, people[1], TODAY, today=TODAY)
    return {"programme": programme, "first": first, "second": second, "activity": activity, "theme": theme,
            "question": question, "claim": claim, **{f"p{n}": person for n, person in enumerate(people)}}  # fmt: skip


def _application(store, cohort, person: str) -> str:
    with store.reader() as session:
        return next(a.id for a in applications_for(session, cohort["programme"]) if a.person_id == cohort[person])


def test_every_programme_record_goes_to_the_bin_and_out_of_sight_then_comes_back(store, cohort):
    assert {"programmes", "applications", "programme_pairs", "activities", "poll_answers", "themes"} <= set(KINDS)
    spare = _application(store, cohort, "p4")  # applied, never paired
    with store.transaction() as session:
        binning.delete_activity(session, cohort["activity"])
        binning.delete_theme(session, cohort["theme"])
        binning.delete_pair(session, cohort["second"])
        binning.delete_application(session, spare)
        assert binning.delete_poll_answers(session, cohort["programme"], cohort["p0"], "start", date(2026, 1, 5)) == 1
    with store.reader() as session:
        assert activities_of(session, [cohort["first"]]) == []
        assert themes_of(session, cohort["programme"]) == []
        assert [p.id for p in pairs_of(session, cohort["programme"])] == [cohort["first"]]
        assert cohort["p4"] not in {a.person_id for a in applications_for(session, cohort["programme"])}
        assert poll_results(session, cohort["programme"])[0].start_count == 3
        shown = {kind: [(row.name, row.detail) for row in binned(session, kind)]
                 for kind in ("activities", "themes", "programme_pairs", "applications", "poll_answers")}  # fmt: skip
    assert shown == {
        "activities": [("02/02/2026 Pair meeting (1 h)", "Person 0 and Person 1")],
        "themes": [("01/03/2026 Papers come late.", "Buddying 2026")],
        "programme_pairs": [("Person 2 and Person 3", "Buddying 2026")],
        "applications": [("Person 4", "Buddying 2026")],
        "poll_answers": [("05/01/2026 Start: How confident do you feel?", "Person 0")],  # never the answer given
    }
    with store.transaction() as session:
        for kind in shown:
            for row in binned(session, kind):
                restore(session, kind, row.id)
    with store.reader() as session:
        programme = cohort["programme"]
        assert len(activities_of(session, [cohort["first"]])) == 1 and len(themes_of(session, programme)) == 1
        assert len(pairs_of(session, programme)) == 2 and len(applications_for(session, programme)) == 5
        assert poll_results(session, cohort["programme"])[0].start_count == 4
        assert all(binned(session, kind) == [] for kind in shown)


def test_a_programme_in_the_bin_is_found_by_name_and_what_belongs_to_it_waits_for_it(store, cohort):
    with store.transaction() as session:
        binning.delete_pair(session, cohort["first"])
        binning.delete_programme(session, cohort["programme"])
    with store.reader() as session:
        assert list_programmes(session) == []
        assert [row.name for row in binned(session, "programmes", "budd")] == ["Buddying 2026"]
        assert binned(session, "programmes", "mentoring") == []
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        restore(session, "programme_pairs", cohort["first"])
    assert "Its programme, Buddying 2026, is in the Bin too: restore the programme first." in str(refused.value)
    with store.transaction() as session:
        restore(session, "programmes", cohort["programme"])
        binning.delete_activity(session, cohort["activity"])
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        restore(session, "activities", cohort["activity"])
    assert "Its pair is in the Bin too: restore the pair first" in str(refused.value)
    with store.transaction() as session:
        restore(session, "programme_pairs", cohort["first"])
        restore(session, "activities", cohort["activity"])
        assert len(activities_of(session, [cohort["first"]])) == 1


def test_rules_still_hold_when_deleting_and_restoring(store, cohort):
    paired = _application(store, cohort, "p0")
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        binning.delete_application(session, paired)
    assert "This person is in a pair on this programme." in str(refused.value)
    # Pair 1 goes to the Bin; its leader is paired again; the old pair can't come back beside the new one.
    with store.transaction() as session:
        binning.delete_pair(session, cohort["first"])
        accept_pair(session, cohort["programme"], cohort["p4"], cohort["p1"], date(2026, 3, 1), confirmed=True)
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        restore(session, "programme_pairs", cohort["first"])
    assert "in another active pair on this programme now" in str(refused.value)
    # An application in the Bin is restored rather than made twice.
    spare = add_person(store, full_name="Late Applicant")
    with store.transaction() as session:
        application = create_application(session, {"programme_id": cohort["programme"], "person_id": spare,
                                                   "side": "a"}).id  # fmt: skip
        binning.delete_application(session, application)
    with pytest.raises(ValidationError) as refused, store.transaction() as session:
        create_application(session, {"programme_id": cohort["programme"], "person_id": spare, "side": "a"})
    assert refused.value.messages == {"person_id": "This person's application to this programme is in the Bin. "
                                                   "Restore it from the Bin instead."}  # fmt: skip


def test_emptying_the_bin_deletes_a_programme_with_all_it_holds_and_its_claim_keeps_the_money(store, cohort):
    with store.reader() as session:
        before = get_claim(session, cohort["claim"]).total_pence
    bin_record(store, binning.delete_programme, cohort["programme"], days_ago=40)
    with store.transaction() as session:
        assert set(waiting(session)) == {"programmes"}
        sweep_old(session, keep_days=30)
    for table in ("programmes", "programme_applications", "programme_pairs", "pair_activities", "poll_questions",
                  "poll_answers", "programme_themes"):  # fmt: skip
        assert count_rows(store, table) == 0, table
    with store.reader() as session:
        claim = get_claim(session, cohort["claim"])
        # Finance records stay: the money, and the programme's name as the claim was made.
        assert (claim.programme_id, claim.programme, claim.total_pence) == (None, "Buddying 2026", before)
        assert claim.deleted_at is None


def test_erasing_a_person_takes_their_pairs_answers_and_mentions_out_of_the_programme(store, cohort):
    with store.transaction() as session:
        other = next(a for a in applications_for(session, cohort["programme"]) if a.person_id == cohort["p4"])
        other.must_not_match = [cohort["p2"], cohort["p0"]]
        delete_person(session, cohort["p2"])
    with store.transaction() as session:
        empty_bin(session)
    with store.reader() as session:
        assert [p.id for p in pairs_of(session, cohort["programme"])] == [cohort["first"]]
        assert cohort["p2"] not in {a.person_id for a in applications_for(session, cohort["programme"])}
        assert poll_results(session, cohort["programme"])[0].start_count == 3
        listed = session.scalar(select(tables.programme_applications.c.must_not_match).where(
            tables.programme_applications.c.person_id == cohort["p4"]))  # fmt: skip
    assert listed == [cohort["p0"]]


def test_a_pair_ended_early_and_rematched_keeps_its_history_when_the_replacement_is_deleted(store, cohort):
    with store.transaction() as session:
        end_early(session, cohort["first"], date(2026, 3, 1), "Left")
        again = rematch(session, cohort["first"], cohort["p1"], cohort["p4"], date(2026, 3, 2), confirmed=True).id
        binning.delete_pair(session, again)
    with store.transaction() as session:
        empty_bin(session)
    with store.reader() as session:
        kept = pairs_of(session, cohort["programme"])
        assert {p.id for p in kept} == {cohort["first"], cohort["second"]}
        assert next(p for p in kept if p.id == cohort["first"]).status == "ended_early"

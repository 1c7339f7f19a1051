"""`partnerdesk export programmes`: pairs with hours against commitment and backfill totals, read back as a
spreadsheet; nobody's name unless --named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from partnerdesk.cli import main
from partnerdesk.services.programmes.activities import create_backfill_claim, log_activity
from partnerdesk.services.programmes.pairs import accept_pair, end_early, rematch
from partnerdesk.services.programmes.polls import add_question, record_answers
from partnerdesk.services.programmes.programmes import create_application, create_programme
from tests.builders import add_person

TODAY = date(2026, 4, 1)


def _cohort(store) -> tuple[list[str], str]:
    """A buddying programme with one pair ended early and its VCS leader re-matched, some time logged and one
    backfill claim. Returns the people's ids [a1, b1, a2] and the programme's id."""
    with store.transaction() as session:
        programme = create_programme(session, {
            "name": "Buddying 2026", "kind": "buddying", "starts_on": date(2026, 1, 5), "ends_on": date(2027, 1, 5),
            "side_a_hours": "15", "side_b_hours": "24", "backfill_side": "b", "backfill_cap_half_days": 6}).id
    people = [add_person(store, full_name=name, payment_preference="paid")
              for name in ("Ann Board", "Bea Leader", "Cal Board")]  # fmt: skip
    with store.transaction() as session:
        for person, side in zip(people, "aba", strict=True):
            create_application(session, {"programme_id": programme, "person_id": person, "side": side})
        first = accept_pair(session, programme, people[0], people[1], date(2026, 1, 5)).id
        log_activity(session, first, {"held_on": date(2026, 1, 10), "kind": "pre_board_meeting", "time": "1"}, TODAY)
        end_early(session, first, date(2026, 2, 1), "Left the board")
        second = rematch(session, first, people[1], people[2], date(2026, 2, 2)).id
        for day in (3, 4):
            log_activity(session, second, {"held_on": date(2026, 3, day), "kind": "pair_meeting", "time": "1:30"},
                         TODAY)  # fmt: skip
    with store.transaction() as session:
        create_backfill_claim(session, programme, people[1], TODAY, today=TODAY)
    with store.transaction() as session:
        log_activity(session, second, {"held_on": date(2026, 3, 20), "kind": "pair_meeting", "time": "1"}, TODAY)
        item = add_question(session, programme, "How confident do you feel?").id
        for person in people:
            record_answers(session, programme, person, "start", date(2026, 1, 5), {item: 3})
    return people, programme


def _values(path, sheet):
    return [list(row) for row in load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)]


def test_the_anonymised_export_shows_pairs_hours_and_backfill_totals_and_no_names(store, tmp_path):
    _cohort(store)
    out = tmp_path / "programmes.xlsx"
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(out)]) == 0
    pairs = _values(out, "Pairs")
    assert pairs[0][:4] == ["Programme", "Pair", "Side A", "Side B"]
    first, second = pairs[1], pairs[2]
    assert first[:5] == ["Buddying 2026", 1, "Board member", "VCS leader", "Ended early"]
    assert second[4] == "Active" and second[7] == 1  # replaces pair 1
    assert [Decimal(str(v)) for v in second[9:13]] == [Decimal(4), Decimal(15), Decimal(4), Decimal(24)]
    # 4 meetings, each half a day away from work: 4 × £175 = £700; 3 were claimed (£525), 1 is still due.
    assert _values(out, "Backfill")[1] == ["Buddying 2026", 1, 4, 525, 175]
    # Three answers are too few for the average to be anonymous under the default rule (5 or more).
    assert _values(out, "Polls")[1][:4] == ["Buddying 2026", "How confident do you feel?", 3, "too few to show"]
    text = " ".join(str(v) for sheet in ("Pairs", "Backfill", "Polls") for row in _values(out, sheet) for v in row)
    assert not any(name in text for name in ("Ann", "Bea", "Cal"))


def test_the_named_export_names_partners_and_backfill_per_person(store, tmp_path):
    _cohort(store)
    out = tmp_path / "named.xlsx"
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(out), "--named"]) == 0
    assert [row[2:4] for row in _values(out, "Pairs")[1:]] == [["Ann Board", "Bea Leader"], ["Cal Board", "Bea Leader"]]
    assert _values(out, "Backfill")[1] == ["Buddying 2026", "Bea Leader", 4, 525, 175]


def test_programmes_have_no_dates_to_choose_by(store, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(out), "--from", "01/01/2026"]) == 1
    assert "no dates to choose by" in capsys.readouterr().err

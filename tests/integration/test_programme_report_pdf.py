"""The programme report PDF (`partnerdesk export programmes --out FILE.pdf`), read back with pypdf: pairs numbered and
nobody named unless --named, hours against commitment, activities done of those required, backfill totals to the
penny, poll results in aggregate with small numbers kept hidden, and the themes log."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from partnerdesk.cli import main
from partnerdesk.exports.programmes_pdf import export_programme_report
from partnerdesk.services.programmes.pairs import accept_pair
from partnerdesk.services.programmes.polls import add_question, add_theme, record_answers
from partnerdesk.services.programmes.programmes import create_application, create_programme
from tests.builders import add_person
from tests.integration.test_export_programmes import _cohort
from tests.integration.test_pdf_layout import assert_fits_the_page

NAMES = ("Ann Board", "Bea Leader", "Cal Board")


def text_of(path) -> str:
    """Every page's text, runs of white space made one space."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def _export(store, out, *extra: str) -> str:
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(out), *extra]) == 0
    return text_of(out)


def test_the_report_numbers_pairs_counts_hours_and_backfill_and_names_nobody(store, tmp_path, capsys):
    _people, _programme = _cohort(store)
    with store.transaction() as session:
        add_theme(session, _programme, date(2026, 3, 1), "Papers arrive too late to read.")
    text = _export(store, tmp_path / "report.pdf")
    assert "Wrote 1 programme as a PDF report to" in capsys.readouterr().out
    assert "Buddying 2026" in text and "No: pairs are numbered and nobody is named" in text
    # Pair 1 met once for an hour and ended early; pair 2 replaced it and logged 1.5 + 1.5 + 1 hours.
    assert "Pair 1 Ended early" in text and "Active (replaces pair 1)" in text
    assert "1 of 15 1 of 24" in text and "3 4 of 15 4 of 24" in text  # activities, then each side's hours
    # The required activities: none were set, so no table; backfill: 4 half days at £175, 3 claimed (£525).
    assert "Required activities done" not in text
    assert "1 4 £525.00 £175.00" in text  # participants, half days logged, claimed, still due
    assert "For each VCS leader" in text
    assert "Papers arrive too late to read." in text
    # Three answered: too few for an average under the default rule (5 or more).
    assert "too few to show 3 answered" in text
    assert not any(name in text for name in NAMES)


def test_named_report_names_each_pair_and_backfill_per_participant(store, tmp_path):
    _cohort(store)
    text = _export(store, tmp_path / "named.pdf", "--named")
    assert "Pair 1: Ann Board and Bea Leader" in text and "Pair 2: Cal Board and Bea Leader" in text
    assert "Bea Leader 4 £525.00 £175.00" in text and "All participants 4 £525.00 £175.00" in text
    assert "Yes: partners and participants are named" in text


def test_poll_averages_show_from_five_answers_and_stay_hidden_below(store, tmp_path):
    with store.transaction() as session:
        programme = create_programme(session, {
            "name": "Mentoring 2026", "kind": "reciprocal_mentoring", "starts_on": date(2026, 1, 5),
            "ends_on": date(2026, 7, 5), "side_a_hours": "15", "side_b_hours": "24",
            "required_activities": [{"kind": "leadership_meeting", "count": 3}]}).id  # fmt: skip
    people = [add_person(store, full_name=f"Person {n}") for n in range(6)]
    with store.transaction() as session:
        for n, person in enumerate(people):
            create_application(session, {"programme_id": programme, "person_id": person, "side": "ab"[n % 2]})
        accept_pair(session, programme, people[0], people[1], date(2026, 1, 5))
        many = add_question(session, programme, "How confident do you feel?").id
        few = add_question(session, programme, "How much do you trust the system?").id
        for n, person in enumerate(people[:5]):
            record_answers(session, programme, person, "start", date(2026, 1, 5), {many: 2 + n % 2, few: 1})
            record_answers(session, programme, person, "end", date(2026, 7, 1), {many: 4})
        record_answers(session, programme, people[5], "end", date(2026, 7, 1), {few: 5})
    out = tmp_path / "polls.pdf"
    with store.reader() as session:
        export_programme_report(session, out, programme_id=programme)
    text = text_of(out)
    # Start: 2, 3, 2, 3, 2 → 2.4 over 5; end: 4 from each → 4.0; change +1.6.
    assert "How confident do you feel? 2.4 5 answered – 4.0 5 answered +1.6" in text
    # Five answered the second at the start (1 each: shown), but only one at the end: hidden, and no change.
    assert "How much do you trust the system? 1.0 5 answered – too few to show 1 answered" in text
    assert "5.0" not in text
    assert "0 of 3" in text  # the pair has done none of its three leadership meetings
    assert "Mentoring 2026" in text and not any(f"Person {n}" in text for n in range(6))


def test_one_programme_only_when_asked(store, tmp_path):
    _cohort(store)
    with store.transaction() as session:
        other = create_programme(session, {"name": "Other cohort", "kind": "other"}).id
    out = tmp_path / "one.pdf"
    with store.reader() as session:
        reports = export_programme_report(session, out, programme_id=other)
    assert [r.programme.name for r in reports] == ["Other cohort"]
    text = text_of(out)
    assert "Other cohort" in text and "Buddying 2026" not in text and "No pairs yet." in text


@pytest.mark.parametrize("named", [False, True])
def test_every_word_stays_on_the_page(store, tmp_path, named):
    _cohort(store)
    out = tmp_path / "layout.pdf"
    _export(store, out, *(["--named"] if named else []))
    assert_fits_the_page(out, tmp_path)


def test_the_spreadsheet_still_comes_from_xlsx_and_other_names_are_refused(store, tmp_path, capsys):
    _cohort(store)
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(tmp_path / "p.xlsx")]) == 0
    assert "Wrote 2 pairs" in capsys.readouterr().out
    assert main(["--db", str(store.path), "export", "programmes", "--out", str(tmp_path / "p.csv")]) == 1
    assert ".pdf" in capsys.readouterr().err

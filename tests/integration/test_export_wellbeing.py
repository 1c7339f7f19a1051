"""The anonymised wellbeing and supervision exports, the supervision record PDF, and the rule that confidential
text never reaches any exported file."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.calendar import write_ics
from partnerdesk.exports.figures import export_supervision, export_wellbeing
from partnerdesk.exports.meeting_pdf import write_attendance_sheet
from partnerdesk.exports.meetings import export_meetings
from partnerdesk.exports.people import export_people
from partnerdesk.exports.supervision_pdf import write_supervision_record
from partnerdesk.rules.wellbeing import SWEMWBS_COPYRIGHT
from partnerdesk.services.meetings.attendance import record_attendances
from partnerdesk.services.wellbeing.checks import record_follow_up_done
from partnerdesk.services.wellbeing.supervision_actions import add_supervision_action
from tests.builders import add_check, add_invitations, add_meeting, add_pair, add_person, add_session
from tests.marker_check import MARKER  # the suite-wide confidential marker (tests/conftest.py)

TODAY = date(2025, 9, 1)
NAMES = ("Gwenllian Ap Rhys", "Ann Bell", "Cai Rees", "Dee Moss", "Eli Ford", "Fay Green")


def figures(path: Path) -> dict[str, str]:
    rows = list(load_workbook(path, read_only=True).worksheets[0].values)
    assert rows[0] == ("Measure", "Figure")
    # A blank separating row reads back as an empty tuple.
    return {row[0]: row[1] for row in rows[1:] if row and row[0]}


def file_text(path: Path) -> str:
    """Everything a file holds as text: the XML inside an xlsx, the text of a PDF, or the file itself."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path.read_text(encoding="utf-8")


@pytest.fixture
def team(store):
    """Six representatives at a meeting, each debriefed with SWEMWBS twice; a coordinator supervising two peer
    support workers; every confidential field holding MARKER."""
    people = [add_person(store, full_name=name, roles=["peer_support_worker"]) for name in NAMES]
    coordinator = add_person(store, full_name="Carys Coordinator", roles=["coordinator"])
    meeting = add_meeting(store, None, date(2025, 8, 20), title="Board")
    add_invitations(store, meeting, people)
    with store.transaction() as session:
        record_attendances(session, meeting, dict.fromkeys(people, "attended"))
    for number, person in enumerate(people):
        first = datetime(2025, 3, 3, 10, tzinfo=UTC) + timedelta(days=number)
        add_check(store, person, at=first, swemwbs=[2] * 7, concerns=MARKER, confidential_notes=MARKER)
        after = datetime(2025, 8, 22, 14, tzinfo=UTC)
        check = add_check(store, person, context="debrief", meeting_id=meeting, at=after,
                          swemwbs=[3] * 7 if number < 5 else [2] * 7, distress=True, concerns=MARKER,
                          confidential_notes=MARKER)  # fmt: skip
        with store.transaction() as session:
            done = date(2025, 8, 26) if number < 4 else date(2025, 8, 28)  # due 26/08: four on time, two late
            record_follow_up_done(session, check, done, MARKER, "GP")
    for person in people[:2]:
        add_pair(store, coordinator, person, date(2025, 1, 6))
        add_session(store, coordinator, [person], date(2025, 5, 1), notes=MARKER)
        last = add_session(store, coordinator, [person], date(2025, 6, 1), notes=MARKER)
    add_session(store, coordinator, people, date(2025, 7, 1), notes=MARKER)
    with store.transaction() as session:
        add_supervision_action(session, last, {"description": "Book training", "owner_person_id": people[1]})
    return people, coordinator, meeting, last


def test_the_wellbeing_export_is_figures_only_with_small_numbers_suppressed(store, team, tmp_path):
    out = tmp_path / "wellbeing.xlsx"
    with store.reader() as session:
        export_wellbeing(session, out, today=TODAY)
    found = figures(out)
    assert found["Wellbeing checks done"] == 12
    assert found["Checks: Debrief after a meeting"] == 6 and found["Checks: Routine check"] == 6
    assert found["Checks: Phone check-in"] == 0
    assert found["Follow-ups due in the period"] == 6
    # 4 of 6 on time would say 2 were late: with the rest that small, the percentage is withheld.
    assert found["Follow-ups completed on time"] == "*"
    assert found["People with two or more SWEMWBS scores"] == 6
    # Five rose 15.32 → 19.25 (+3.93), one stayed: (5 × 3.93) / 6 = 3.275 → 3.28.
    assert found["Average SWEMWBS change, first to latest (metric score)"] == 3.28
    assert found["People whose SWEMWBS score rose meaningfully (3 points or more)"] == 5
    assert found["People whose SWEMWBS score fell meaningfully (3 points or more)"] == 0
    assert found["Copyright"] == SWEMWBS_COPYRIGHT
    text = file_text(out)
    assert not any(name in text for name in NAMES)


def test_a_narrow_period_suppresses_what_could_point_at_someone(store, team, tmp_path):
    out = tmp_path / "wellbeing.xlsx"
    with store.reader() as session:
        export_wellbeing(session, out, date_from=date(2025, 3, 3), date_to=date(2025, 3, 5), today=TODAY)
    found = figures(out)
    assert found["Period"] == "03/03/2025 to 05/03/2025"
    assert found["Wellbeing checks done"] == "*"
    assert found["Made on"] == datetime(2025, 9, 1)  # a real date cell
    assert found["Average SWEMWBS change, first to latest (metric score)"] == "none"


def test_the_supervision_export_has_on_time_and_training_compliance(store, team, tmp_path):
    out = tmp_path / "supervision.xlsx"
    with store.reader() as session:
        export_supervision(session, out, today=TODAY)
    found = figures(out)
    assert found["1:1 supervision sessions held"] == "*"
    assert found["Group supervision sessions held"] == "*"
    assert found["1:1 supervision on time (by the next due date)"] == "*"
    assert found["Supervision overdue today"] == "*"
    training = list(load_workbook(out, read_only=True)["Training"].values)
    assert training[0] == ("Course", "People expected", "In date", "Compliance")
    assert ("GDPR", 6, 0, "0%") in training
    assert not any(name in file_text(out) for name in NAMES)


def test_the_supervision_record_pdf_prints_notes_only_when_asked(store, team, tmp_path):
    people, coordinator, _, session_id = team
    plain, with_notes = tmp_path / "record.pdf", tmp_path / "record-notes.pdf"
    with store.reader() as session:
        write_supervision_record(session, session_id, plain)
        write_supervision_record(session, session_id, with_notes, include_notes=True)
    text = file_text(plain)
    assert "Supervision record" in text and "Carys Coordinator" in text and "Ann Bell" in text
    assert "01/06/2025" in text and "Book training" in text and "Signed" in text
    assert MARKER not in text and "not printed on this copy" in text
    assert MARKER in file_text(with_notes)


def test_confidential_text_is_in_no_exported_file(store, team, tmp_path):
    people, coordinator, meeting, session_id = team
    files = {name: tmp_path / name for name in ("people.xlsx", "meetings.xlsx", "wellbeing.xlsx", "supervision.xlsx",
                                                 "sheet.pdf", "record.pdf", "meetings.ics")}  # fmt: skip
    with store.reader() as session:
        export_people(session, files["people.xlsx"])
        export_meetings(session, files["meetings.xlsx"], named=True)
        export_wellbeing(session, files["wellbeing.xlsx"])
        export_supervision(session, files["supervision.xlsx"])
        write_attendance_sheet(session, meeting, files["sheet.pdf"])
        write_supervision_record(session, session_id, files["record.pdf"])
        write_ics(session, files["meetings.ics"], [meeting])
    for name, path in files.items():
        text = file_text(path)
        assert text, name
        assert MARKER not in text, f"confidential text found in {name}"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], capture_output=True, text=True, timeout=120,
                          env=os.environ.copy())  # fmt: skip


def test_the_cli_exports_after_a_demo(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("--db", str(db), "demo", "--people", "300", "--seed", "3").returncode == 0
    for kind in ("wellbeing", "supervision"):
        out = tmp_path / f"{kind}.xlsx"
        result = run("--db", str(db), "export", kind, "--out", str(out), "--from", "01/01/2020", "--to", "2099-12-31")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Wrote ") and "anonymised figures" in result.stdout
        assert figures(out)["Period"] == "01/01/2020 to 31/12/2099"
    assert figures(tmp_path / "wellbeing.xlsx")["Copyright"] == SWEMWBS_COPYRIGHT
    swapped = run("--db", str(db), "export", "wellbeing", "--out", str(tmp_path / "x.xlsx"), "--from", "2/2/2025",
                  "--to", "1/1/2025")  # fmt: skip
    assert swapped.returncode == 1 and "swap" in swapped.stderr and not (tmp_path / "x.xlsx").exists()


def test_the_filed_week_no_longer_gives_a_hidden_count_away(store, tmp_path):
    # The audit's week: 16 checks, phone 6, routine 9, concern 1. Published alone, concern = 16 − 6 − 9.
    from partnerdesk.rules.disclosure import Published
    from tests.unit.test_disclosure import recovered

    person = add_person(store, full_name="Ann Bell")
    week = ["phone"] * 6 + ["routine"] * 9 + ["concern"]
    for number, context in enumerate(week):
        add_check(store, person, context=context, at=datetime(2026, 2, 16, 9, tzinfo=UTC) + timedelta(hours=number))
    out = tmp_path / "wellbeing.xlsx"
    with store.reader() as session:
        export_wellbeing(session, out, date_from=date(2026, 2, 16), date_to=date(2026, 2, 22), today=TODAY)
    found = figures(out)
    labels = ["Pre-meeting", "Debrief after a meeting", "Phone check-in", "Routine check", "Concern raised"]
    parts = tuple(found[f"Checks: {label}"] for label in labels)
    assert parts[4] == "*"
    published = Published((parts,), (found["Wellbeing checks done"],), None, None)
    assert recovered([[0, 0, 6, 9, 1]], published) == []


def test_the_nhs_digital_rule_is_an_organisation_setting(store, team, tmp_path):
    from partnerdesk.services.common.settings import set_setting

    with store.transaction() as session:
        set_setting(session, "disclosure_rule", "nhs")
    out = tmp_path / "wellbeing.xlsx"
    with store.reader() as session:
        export_wellbeing(session, out, today=TODAY)
    found = figures(out)
    # 12 checks round to 10; 6 debriefs and 6 routine checks (1 to 7) are hidden; nought stays nought.
    assert found["Wellbeing checks done"] == 10
    assert found["Checks: Debrief after a meeting"] == "*" and found["Checks: Phone check-in"] == 0
    assert "rounded to the nearest 5" in found["Small numbers"]

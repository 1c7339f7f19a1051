"""The audit log: entries only ever added, chained by hashes, so `check` finds an entry changed behind its back."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError

from partnerdesk import actor
from partnerdesk.services.common import audit
from partnerdesk.services.common.settings import set_setting
from tests.builders import new_store


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


def _three_entries(store) -> None:
    with store.transaction() as session:
        audit.record(session, "export", what="people", rows=12, named=True)
        audit.record(session, "person_erased", object_kind="person", object_id="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                     removed=5, anonymised=1)  # fmt: skip
        audit.record(session, "bin_emptied", deleted=3)


def test_entries_chain_and_verify_as_unchanged(store):
    _three_entries(store)
    with store.reader() as session:
        rows = audit.list_entries(session, audit.AuditFilter())
        assert [row["seq"] for row in rows] == [3, 2, 1]  # newest first
        assert rows[2]["prev_hash"] == audit.GENESIS and rows[1]["prev_hash"] == rows[2]["hash"]
        assert audit.verify(session) is None
        assert audit.describe_details(rows[2]["details"]) == "names included: yes; rows: 12; what: people"


def test_the_signed_in_account_is_who_did_it(store):
    actor.sign_in(actor.Actor("acc-1", "Coordinator Carys", "coordinator"))
    try:
        with store.transaction() as session:
            audit.record(session, "export", what="people", rows=1, named=True)
    finally:
        actor.sign_out()
    with store.reader() as session:
        (row,) = audit.list_entries(session, audit.AuditFilter(account="Coordinator Carys"))
    assert (row["account_id"], row["account_name"]) == ("acc-1", "Coordinator Carys")


def test_details_hold_ids_and_counts_only_never_free_text(store):
    with store.transaction() as session, pytest.raises(ValueError) as refused:
        audit.record(session, "export", what="Zebedee Quartermaine")
    assert "Zebedee" not in str(refused.value)


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET kind = 'export'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_change_or_delete_entries_in_plain_words(store, statement):
    _three_entries(store)
    with pytest.raises(DBAPIError) as refused, store.transaction() as session:
        session.connection().exec_driver_sql(statement)
    assert "entries are only ever added" in str(refused.value.orig)
    with store.reader() as session:
        assert audit.entry_count(session) == 3


def _tamper(path, statement: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("DROP TRIGGER audit_log_no_delete")
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def _check(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "partnerdesk", "--db", str(path), "check"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_check_says_healthy_when_the_chain_holds(store):
    _three_entries(store)
    store.close()
    result = _check(store.path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Audit log: every entry is as it was written." in result.stdout


def test_check_names_the_entry_changed_directly_in_the_file_and_fails(store):
    _three_entries(store)
    store.close()
    _tamper(store.path, "UPDATE audit_log SET details = '{\"rows\": 1}' WHERE seq = 1")

    result = _check(store.path)

    assert result.returncode == 1
    assert "entry 1 (dated" in result.stdout and "was changed after it was written" in result.stdout
    assert "Not healthy" in result.stdout


def test_check_finds_an_entry_removed_from_the_middle(store):
    _three_entries(store)
    store.close()
    _tamper(store.path, "DELETE FROM audit_log WHERE seq = 2")

    result = _check(store.path)

    assert result.returncode == 1
    assert "entry 3 (dated" in result.stdout and "an entry before it was removed or changed" in result.stdout


def test_changing_a_setting_is_audited_by_key_not_by_value(store):
    with store.transaction() as session:
        set_setting(session, "notice_days", 21)
    with store.reader() as session:
        (row,) = audit.list_entries(session, audit.AuditFilter(kind="setting_changed"))
        assert row["details"] == {"key": "notice_days"}
        today = date.today()
        assert audit.list_entries(session, audit.AuditFilter(date_from=today, date_to=today)) == [row]


def test_every_export_is_recorded_from_the_window_and_the_command_line(store, tmp_path):
    from partnerdesk import cli
    from partnerdesk.exports.figures import export_wellbeing
    from partnerdesk.exports.people import export_people
    from tests.builders import add_person

    add_person(store)
    with store.reader() as session:  # as the window does: a reading session on the working database
        export_people(session, tmp_path / "people.xlsx")
        export_wellbeing(session, tmp_path / "figures.xlsx")
    store.close()
    assert cli.main(["--db", str(store.path), "export", "people", "--out", str(tmp_path / "again.xlsx")]) == 0

    reopened = new_store(tmp_path)
    try:
        with reopened.reader() as session:
            details = [entry["details"] for entry in audit.list_entries(session, audit.AuditFilter(kind="export"))]
            assert audit.verify(session) is None
    finally:
        reopened.close()
    assert details == [
        {"what": "people", "rows": 1, "named": True, "file_type": "xlsx"},
        {"what": "wellbeing_figures", "rows": details[1]["rows"], "named": False, "file_type": "xlsx"},
        {"what": "people", "rows": 1, "named": True, "file_type": "xlsx"},
    ]

"""Shared builders for test data. Each test makes its own database and its own people with these."""

from __future__ import annotations

from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import text

from partnerdesk.services.organisations import save_committee, save_membership, save_organisation
from partnerdesk.services.people import create_person
from partnerdesk.store import Store, open_store

_numbers = count(1)


def new_store(folder: Path, name: str = "test.sqlite3") -> Store:
    """A fresh, fully migrated PartnerDesk database in folder."""
    return open_store(folder / name)


def person_data(**overrides: Any) -> dict[str, Any]:
    """Valid details for a person; override any field."""
    n = next(_numbers)
    data: dict[str, Any] = {
        "full_name": f"Test Person {n}",
        "status": "active",
        "roles": ["service_user_rep"],
        "email": f"person{n}@example.org",
        "phone": "029 2000 0000",
        "postcode": "CF10 1AA",
    }
    data.update(overrides)
    return data


def add_person(store: Store, **overrides: Any) -> str:
    """Save a person and return their id."""
    with store.transaction() as session:
        return create_person(session, person_data(**overrides)).id


def add_committee(store: Store, name: str = "Mental Health Committee", organisation: str = "City Health Board") -> str:
    """Save an NHS organisation with one committee; returns the committee id."""
    with store.transaction() as session:
        org = save_organisation(session, organisation, "nhs")
        return save_committee(session, org.id, name).id


def add_membership(
    store: Store, person_id: str, committee_id: str, start: date, end: date | None = None, backup: bool = False
) -> str:
    """Give a person a seat on a committee; returns the membership id."""
    with store.transaction() as session:
        return save_membership(session, person_id, committee_id, start, end, backup).id


def count_rows(store: Store, table: str) -> int:
    """How many rows a table holds, Bin included, read straight from the database."""
    with store.engine.connect() as con:
        return con.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()

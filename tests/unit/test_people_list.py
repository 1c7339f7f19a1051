"""The People list: search-as-you-type, filters, sorting and paging."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import text

from partnerdesk.services.common.search import search_terms
from partnerdesk.services.people.listing import (
    COLUMNS,
    PeopleFilter,
    count_people,
    ordered_keys,
    people_page,
    role_codes,
)
from partnerdesk.services.people.organisations import remove_membership
from partnerdesk.services.people.people import delete_person, update_person
from tests.builders import add_committee, add_membership, add_person, count_rows
from tests.builders import person_data as details


def names(store, **filter_args) -> list[str]:
    """The names the list shows for a filter, in the list's order, after checking the count agrees."""
    flt = PeopleFilter(**filter_args)
    with store.reader() as session:
        rows = people_page(session, flt, 0, 10_000)
        assert count_people(session, flt) == len(rows)
    return [row.full_name for row in rows]


def found(store, search: str, **filter_args) -> set[str]:
    return set(names(store, search=search, **filter_args))


# --------------------------------------------------------------------------------------------------------- search


@pytest.fixture
def people(store):
    """A small, varied set of people, each findable in different ways."""
    add_person(
        store, full_name="Joanna Smith", preferred_name="Jo", email="jsmith@valleys.org.uk", phone="07700 900123"
    )
    add_person(store, full_name="Hans Müller", email="hans@example.org", phone="029 2000 0001", postcode="M1 1AE")
    add_person(store, full_name="Zoë Williams", email="zoe.w@example.org", phone="029-2000-0002", postcode="B33 8TH")
    add_person(store, full_name="Gwenllian Ŵyn Davies", email="gwen@example.cymru", phone="0113 496 0000")
    add_person(store, full_name="Peter Weiß", email=None, phone=None, postcode=None)
    add_person(store, full_name="Siân O'Brien-Jones", email="sian@example.org", postcode="EC1A 1BB")
    return store


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("joanna", {"Joanna Smith"}),
        ("JOANNA", {"Joanna Smith"}),
        ("smi", {"Joanna Smith"}),  # start of a word is enough
        ("jo", {"Joanna Smith", "Siân O'Brien-Jones"}),  # "Jo" preferred name, "Jones"
        ("jo smith", {"Joanna Smith"}),  # several words must all match
        ("jo sm", {"Joanna Smith"}),
        ("smith jo", {"Joanna Smith"}),  # in any order
        ("jo williams", set()),
        ("muller", {"Hans Müller"}),  # diacritics folded both ways
        ("müller", {"Hans Müller"}),
        ("MULLER", {"Hans Müller"}),
        ("zoe", {"Zoë Williams"}),
        ("zoë", {"Zoë Williams"}),
        ("wyn", {"Gwenllian Ŵyn Davies"}),
        ("sian", {"Siân O'Brien-Jones"}),
        ("o'brien", {"Siân O'Brien-Jones"}),
        ("brien jones", {"Siân O'Brien-Jones"}),
        ("weiß", {"Peter Weiß"}),
        ("Weiß", {"Peter Weiß"}),
        ("jsmith", {"Joanna Smith"}),  # part of an email address
        ("valleys", {"Joanna Smith"}),
        ("jsmith@valleys.org.uk", {"Joanna Smith"}),  # the whole address
        ("example.cymru", {"Gwenllian Ŵyn Davies"}),
        ("07700 900123", {"Joanna Smith"}),  # phone as stored
        ("07700900123", {"Joanna Smith"}),  # phone without its spaces
        ("0770090", {"Joanna Smith"}),  # start of the number
        ("029 2000 0002", {"Zoë Williams"}),  # stored with dashes, typed with spaces
        ("02920000002", {"Zoë Williams"}),
        ("029-2000-0001", {"Hans Müller"}),
        ("01134960000", {"Gwenllian Ŵyn Davies"}),
        ("M1 1AE", {"Hans Müller"}),  # postcode with its space
        ("m11ae", {"Hans Müller"}),  # and without
        ("b33", {"Zoë Williams"}),
        ("ec1a1bb", {"Siân O'Brien-Jones"}),
        ("nobody-called-this", set()),
    ],
)
def test_search_finds_people_the_ways_workers_type(people, search, expected):
    assert found(people, search) == expected


@pytest.mark.parametrize(
    "search", ["!!!", "'", '"', "*", "-", "()", "^", "_", "__", ":", '"*"', "   ", "", "%", "@.", "+", "—"]
)
def test_punctuation_only_searches_do_not_crash_and_filter_nothing(people, search):
    assert len(names(people, search=search)) == 6


@pytest.mark.parametrize("search", ['jo"', "smith*", "(jo", "jo AND", "NOT jo", "OR", "NEAR(jo smith)", "jo:smith"])
def test_search_syntax_characters_are_treated_as_plain_text(people, search):
    names(people, search=search)  # no FTS syntax error reaches the worker


def test_search_words_are_split_on_punctuation_and_lowered():
    assert search_terms("  O'Brien-Jones, Siân ") == ["o", "brien", "jones", "siân"]
    assert search_terms("john_smith") == ["john", "smith"]  # the search index splits on "_" too
    assert search_terms("?!") == []


def test_changing_a_name_means_the_old_name_no_longer_finds_them(store):
    person_id = add_person(store, full_name="Gareth Price", email="gareth@example.org")
    with store.transaction() as session:
        update_person(session, person_id, details(full_name="Rhodri Price", email="rhodri@example.org"))
    assert found(store, "gareth") == set()
    assert found(store, "rhodri") == {"Rhodri Price"}
    assert found(store, "price") == {"Rhodri Price"}
    assert count_rows(store, "people_search") == 1  # replaced, not added to


def test_changing_a_phone_or_postcode_updates_the_search(store):
    person_id = add_person(store, full_name="Mair", phone="029 2000 0000", postcode="CF10 1AA")
    with store.transaction() as session:
        update_person(session, person_id, details(full_name="Mair", phone="07700 900999", postcode="W1A 0AX"))
    assert found(store, "02920000000") == set()
    assert found(store, "cf101aa") == set()
    assert found(store, "07700900999") == {"Mair"}
    assert found(store, "w1a0ax") == {"Mair"}


def test_people_in_the_bin_are_found_only_in_the_bin(store):
    person_id = add_person(store, full_name="Binned Person")
    add_person(store, full_name="Kept Person")
    with store.transaction() as session:
        delete_person(session, person_id)
    assert found(store, "person") == {"Kept Person"}
    assert found(store, "binned") == set()
    assert found(store, "binned", in_bin=True) == {"Binned Person"}
    assert names(store, in_bin=True) == ["Binned Person"]
    assert names(store) == ["Kept Person"]


def test_erasing_a_person_removes_them_from_the_search_index(store):
    person_id = add_person(store, full_name="Erased Person")
    add_person(store, full_name="Kept Person")
    with store.transaction() as session:
        session.execute(text("DELETE FROM people WHERE id = :id"), {"id": person_id})
    assert count_rows(store, "people_search") == 1
    assert found(store, "erased") == set()
    assert found(store, "erased", in_bin=True) == set()


# -------------------------------------------------------------------------------------------------------- filters


def test_filter_by_role_and_status(store):
    add_person(store, full_name="Rep Active", roles=["service_user_rep"], status="active")
    add_person(store, full_name="Rep Paused", roles=["service_user_rep", "carer_rep"], status="paused")
    add_person(store, full_name="Carer Active", roles=["carer_rep"], status="active")
    add_person(store, full_name="No Roles", roles=[], status="interested")
    assert names(store, role="service_user_rep") == ["Rep Active", "Rep Paused"]
    assert names(store, role="carer_rep") == ["Carer Active", "Rep Paused"]
    assert names(store, status="active") == ["Carer Active", "Rep Active"]
    assert names(store, role="carer_rep", status="active") == ["Carer Active"]
    assert names(store, role="coordinator") == []
    assert names(store, status="left") == []
    assert names(store, search="rep", role="carer_rep") == ["Rep Paused"]


def test_committee_filter_includes_past_terms_but_not_removed_seats(store):
    """Decision: the committee filter answers "who has sat on this committee?", so a seat whose term has ended
    still counts (it is history, not a mistake); a seat deleted to the Bin does not. The Today page is where
    current terms are watched."""
    committee = add_committee(store, "Mental Health Committee")
    other = add_committee(store, "Carers Forum", organisation="County Council")
    current = add_person(store, full_name="Current Member")
    past = add_person(store, full_name="Past Member")
    removed = add_person(store, full_name="Removed Member")
    elsewhere = add_person(store, full_name="Other Committee Member")
    add_person(store, full_name="No Seat")
    add_membership(store, current, committee, date(2025, 1, 1), None)
    add_membership(store, past, committee, date(2019, 1, 1), date(2021, 12, 31))
    seat = add_membership(store, removed, committee, date(2025, 1, 1), date(2027, 1, 1))
    add_membership(store, elsewhere, other, date(2025, 1, 1))
    with store.transaction() as session:
        remove_membership(session, seat)
    assert names(store, committee_id=committee) == ["Current Member", "Past Member"]
    assert names(store, committee_id=other) == ["Other Committee Member"]


def test_someone_with_two_seats_on_one_committee_is_listed_once(store):
    committee = add_committee(store)
    person_id = add_person(store, full_name="Twice Seated")
    add_membership(store, person_id, committee, date(2020, 1, 1), date(2022, 1, 1))
    add_membership(store, person_id, committee, date(2023, 1, 1))
    assert names(store, committee_id=committee) == ["Twice Seated"]


# -------------------------------------------------------------------------------------------------------- sorting


def _sort_people(store):
    """Five people whose every listed column sorts differently."""
    spec = [
        ("carol Evans", ["coordinator"], "paused", "c@example.org", "029 2000 0003", "M1 1AE"),
        ("Alice Brown", ["service_user_rep"], "active", "e@example.org", "029 2000 0005", "B33 8TH"),
        ("bob Davies", ["carer_rep"], "left", "a@example.org", "029 2000 0001", "W1A 0AX"),
        ("Dafydd Ap", ["board_member"], "interested", "d@example.org", "029 2000 0002", "CF10 1AA"),
        ("Eve Jones", ["peer_supporter"], "active", "b@example.org", "029 2000 0004", "EC1A 1BB"),
    ]
    for name, roles, status, email, phone, postcode in spec:
        add_person(store, full_name=name, roles=roles, status=status, email=email, phone=phone, postcode=postcode)
        time.sleep(0.002)  # distinct "last changed" moments
    return spec


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(COLUMNS))
def test_every_column_sorts_both_ways(store, sort, descending):
    spec = _sort_people(store)
    flt = PeopleFilter(sort=sort, descending=descending)
    with store.reader() as session:
        rows = people_page(session, flt, 0, 100)
    if sort == "updated_at":
        expected = [s[0] for s in spec]  # made in this order
        shown = [row.full_name for row in rows]
    else:
        i = {"name": 0, "roles": 1, "status": 2, "email": 3, "phone": 4, "postcode": 5}[sort]
        expected = sorted((s[i] for s in spec), key=lambda value: str(value).casefold())
        shown = [getattr(row, "full_name" if sort == "name" else sort) for row in rows]
        if sort == "roles":
            shown = [role_codes(value) for value in shown]
    if descending:
        expected.reverse()
    assert shown == expected


def test_sorting_by_name_ignores_capitals(store):
    for name in ("zed", "Amy", "bea", "Carl"):
        add_person(store, full_name=name)
    assert names(store) == ["Amy", "bea", "Carl", "zed"]
    assert names(store, descending=True) == ["zed", "Carl", "bea", "Amy"]


def test_sorting_by_an_unknown_column_is_a_programming_slip(store):
    with store.reader() as session, pytest.raises(ValueError, match="Cannot sort people by 'age'"):
        people_page(session, PeopleFilter(sort="age"), 0, 10)


# --------------------------------------------------------------------------------------------------------- paging


def test_pages_fit_together_with_the_count(store):
    for n in range(23):
        add_person(store, full_name=f"Same Surname {n:02d}" if n % 2 else "Same Name")  # ties broken by id
    flt = PeopleFilter(sort="name")
    with store.reader() as session:
        total = count_people(session, flt)
        pages = [people_page(session, flt, offset, 10) for offset in range(0, 30, 10)]
        everyone = people_page(session, flt, 0, 100)
        beyond = people_page(session, flt, 100, 10)
    assert total == 23
    assert [len(page) for page in pages] == [10, 10, 3]
    stitched = [row.id for page in pages for row in page]
    assert stitched == [row.id for row in everyone]
    assert len(set(stitched)) == 23
    assert beyond == []


def test_rows_carry_what_the_list_shows(store):
    person_id = add_person(
        store,
        full_name="Row Person",
        preferred_name="Ro",
        roles=["carer_rep", "service_user_rep"],
        status="paused",
        email="row@example.org",
        phone="07700 900555",
        postcode="gir0aa",
    )
    with store.reader() as session:
        (row,) = people_page(session, PeopleFilter(), 0, 10)
    assert row.id == person_id
    assert (row.full_name, row.preferred_name, row.status) == ("Row Person", "Ro", "paused")
    assert (row.email, row.phone, row.postcode) == ("row@example.org", "07700 900555", "GIR 0AA")
    assert sorted(role_codes(row.roles)) == ["carer_rep", "service_user_rep"]
    assert row.updated_at is not None


def test_role_codes_of_a_row():
    assert role_codes("carer_rep,coordinator") == ["carer_rep", "coordinator"]
    assert role_codes("") == []
    assert role_codes(None) == []


# ------------------------------------------------------------------------------------------ how SQLite answers

# The planner's statistics of a 100,000-person database (`partnerdesk demo --people 100000`, then ANALYZE): how
# many rows each index holds and how many share a value (none are in the Bin), so the plans below are the ones a
# large organisation gets.
LARGE_PEOPLE_STATISTICS = {
    "sqlite_autoindex_people_1": "100000 1",
    "ix_people_live_name": "100000 5",
    "ix_people_status_changed": "100000 25000 25000 1",
    "ix_people_consent_review": "100000 118",
    "ix_people_import_batch": "100000 100000",
    "ix_people_id_live": "100000 1 1 1",
    **{f"ix_people_live_{column}": figures for column, figures in (
        ("status", "100000 25000"), ("email", "100000 2"), ("phone", "100000 19"), ("postcode", "100000 3"),
        ("updated_at", "100000 1"))},
}  # fmt: skip


def _sql_of(session, work) -> str:
    """The last statement SQLite ran for work(session), with its values written in."""
    ran: list[str] = []
    driver = session.connection().connection.driver_connection
    driver.set_trace_callback(ran.append)
    try:
        work(session)
    finally:
        driver.set_trace_callback(None)
    return ran[-1]


def _plan(session, sql: str) -> str:
    return " / ".join(row[-1] for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def _as_if_large(session) -> None:
    """Give the planner the statistics of a large database (SQLite reads them again on ANALYZE sqlite_schema)."""
    con = session.connection()
    con.exec_driver_sql("ANALYZE")  # makes sqlite_stat1 if the database has none yet
    con.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'people'")
    for index, figures in LARGE_PEOPLE_STATISTICS.items():
        con.exec_driver_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('people', ?, ?)", (index, figures))
    con.exec_driver_sql("ANALYZE sqlite_schema")


@pytest.mark.parametrize("large", [False, True], ids=["no statistics", "a large organisation's"])
@pytest.mark.parametrize("sort", [column for column in COLUMNS if column != "roles"])  # roles: worked out per row
def test_the_list_sorted_by_any_column_is_read_in_order_not_sorted_afresh(store, sort, large):
    # Sorting 100,000 people by email read every whole record and sorted them: 100 ms, 250 ms encrypted (0020).
    _sort_people(store)
    with store.reader() as session:
        if large:
            _as_if_large(session)
        for descending in (False, True):
            flt = PeopleFilter(sort=sort, descending=descending)
            sql = _sql_of(session, lambda s, flt=flt: ordered_keys(s, flt))
            plan = _plan(session, sql)
            assert "USING" in plan and "TEMP B-TREE" not in plan, (sort, plan)


def test_with_a_large_organisations_statistics_reading_everyone_still_reads_the_table_straight_through(store):
    # A sort index covers nearly everyone, so reading everyone through it would visit the table out of order.
    _sort_people(store)
    with store.reader() as session:
        _as_if_large(session)
        for label, sql in {
            "import's duplicate check": "SELECT id, full_name, email, phone, postcode FROM people "
                                        "WHERE deleted_at IS NULL",
            "full export": "SELECT * FROM people WHERE deleted_at IS NULL ORDER BY rowid",
        }.items():
            assert _plan(session, sql) == "SCAN people", label
        retention = ("SELECT id FROM people WHERE status = 'left' AND deleted_at IS NULL "
                     "AND updated_at < '2020-01-01' ORDER BY updated_at LIMIT 5")
        assert "ix_people_status_changed" in _plan(session, retention)

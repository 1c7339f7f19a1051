"""Broad searches over a big People list, answered quickly: the count at once, the matches as they are needed.

One or two letters can match most of 100,000 people ("c" matches every Cardiff postcode). Reading all of their row
keys out of the search index takes longer than a keystroke should (issue 2 asks 30 ms), although the index can count
them in a few milliseconds. So for a broad search the list gets the count and its first screenful, found by checking
people in list order a few hundred at a time, which is quick exactly because most of them match; the rest is read
(people_list.list_keys) only if the worker scrolls past it. Narrow searches are listed in full, which is quick.

Checking a few hundred people against a prefix search through the index itself is slow (SQLite rebuilds the list of
matches for each one), so their indexed text is read and checked here the way the index's tokenizer reads it:
lower case, accents removed ('unicode61 remove_diacritics 2'), split at anything but letters and digits, each search
word matching the start of a word. tests/unit/test_people_search.py holds the two to the same answers.

Searches in between (the first letter of most names: 4-20% of the list) in a list sorted by name find their first
screenful by walking the name index and asking the search index about each person as they go, which stops as soon
as the screen is full (5 ms, against 12-17 ms for listing every match).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from partnerdesk.services.common.search import fts_query, search_terms
from partnerdesk.services.people.listing import PeopleFilter

#: A search matching at least this share of the list counts as broad. Below it, listing every match is as quick
#: (measured with 100,000 demo people: 10-17% took 7-10 ms to list in full, 25%+ took 15-47 ms; see the bench).
#: Matches that bunch together in list order fall back to the full list after a few steps (broad_search).
BROAD_SHARE = 0.2
#: From this share up to BROAD_SHARE, a list sorted by name finds its first screenful through the name index. Below
#: it, walking the index could pass most of the list before the screen is full (10 ms for a search matching nobody).
MEDIUM_SHARE = 0.04
#: People on the other side of the Bin whose matches must be taken off the index's count; beyond this many, listing
#: every match is quicker than checking each of them.
MOST_OTHERS = 500
_CHUNK = 500  # row keys per query: well inside SQLite's limit on values in one query
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class BroadMatches:
    """How many people a broad search matches, and the first of them in list order."""

    count: int
    first: list


def index_words(body: str) -> str:
    """Text as the search index holds it: its words lowered, without accents, each after a space."""
    body = body.lower()
    if not body.isascii():
        body = "".join(c for c in unicodedata.normalize("NFD", body) if not unicodedata.combining(c))
    return " " + " ".join(_WORD.findall(body))


def _matching(session: Session, starts: list[str], keys: list) -> set:
    """Which of these row keys belong to people whose indexed text has a word starting with each of `starts`."""
    # Straight to the driver: building an SQLAlchemy statement with hundreds of values costs more than the query.
    cursor = session.connection().connection.cursor()
    try:
        marks = ", ".join("?" * len(keys))
        rows = cursor.execute(f"SELECT rowid, body FROM people_search WHERE rowid IN ({marks})", keys).fetchall()
    finally:
        cursor.close()
    found = set()
    for key, body in rows:
        words = index_words(body or "")
        if all(start in words for start in starts):
            found.add(key)
    return found


def _first_by_name(session: Session, terms: list[str], descending: bool, enough: int) -> list:
    """The first `enough` matches in a list sorted by name (the order of people_list.ordered_keys), found by walking
    the name index (migration 0002) rather than by sorting every match."""
    way = "DESC" if descending else "ASC"
    # "+rowid" keeps SQLite from starting at the search index and sorting all its matches (16-22 ms) instead.
    return [key for (key,) in session.execute(text(
        "SELECT rowid FROM people INDEXED BY ix_people_live_name WHERE deleted_at IS NULL AND +rowid IN "
        "(SELECT rowid FROM people_search WHERE people_search MATCH :q) "
        f"ORDER BY full_name COLLATE NOCASE {way}, rowid {way} LIMIT :enough"),
        {"q": fts_query(terms), "enough": enough})]


def broad_search(session: Session, flt: PeopleFilter, ordered: list, others: list, enough: int) -> BroadMatches | None:
    """The count and at least `enough` first matches (in the order of `ordered`) of a broad search alone.

    ordered: the row keys of everyone on this side of the Bin, in list order (people_list.ordered_keys);
    others: the row keys of everyone on the other side (people_list.other_side_keys).
    Returns None when the answer is better found by listing every match: a narrow search, a medium one in a list
    not sorted by name, a search combined with filters, the Bin (short anyway), or a database without SQLite's
    search index.
    """
    terms = search_terms(flt.search)
    plain = not (flt.in_bin or flt.status or flt.role or flt.committee_id)
    if not (terms and plain and len(others) <= MOST_OTHERS) or session.get_bind().dialect.name != "sqlite":
        return None
    everywhere = session.execute(
        text("SELECT count(*) FROM people_search WHERE people_search MATCH :q"), {"q": fts_query(terms)}
    ).scalar_one()
    if not ordered or everywhere < MEDIUM_SHARE * len(ordered):
        return None
    medium = everywhere < BROAD_SHARE * len(ordered)
    if medium and flt.sort != "name":
        return None
    starts = [" " + word for word in index_words(" ".join(terms)).split()]
    elsewhere = sum(len(_matching(session, starts, others[i : i + _CHUNK])) for i in range(0, len(others), _CHUNK))
    if medium:
        return BroadMatches(everywhere - elsewhere, _first_by_name(session, terms, flt.descending, enough))
    # Enough people to hold `enough` matches at this density, with a margin, in as few queries as possible.
    step = min(_CHUNK, max(50, math.ceil(enough * 1.3 * len(ordered) / everywhere)))
    first: list = []
    # Matches can bunch together in list order (a first name's initial in a list sorted by name): after a few
    # steps without enough of them, listing every match is the quicker way.
    for start in range(0, min(len(ordered), 4 * step), step):
        chunk = ordered[start : start + step]
        found = _matching(session, starts, chunk)
        first.extend(key for key in chunk if key in found)
        if len(first) >= enough:
            return BroadMatches(everywhere - elsewhere, first)
    return BroadMatches(everywhere - elsewhere, first) if len(first) == everywhere - elsewhere else None

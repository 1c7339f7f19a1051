"""Broad searches: the quick count and first rows agree exactly with listing every match."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from partnerdesk.services.people.listing import (
    PeopleFilter,
    list_keys,
    ordered_keys,
    other_side_keys,
    people_page,
    places_in,
)
from partnerdesk.services.people.people import delete_person
from partnerdesk.services.people.search import broad_search, index_words
from tests.builders import add_person


@pytest.fixture
def cardiff(store):
    """Fifty people, most with a Cardiff (CF) postcode, two of them deleted to the Bin."""
    ids = [add_person(store, full_name=f"Person {n:02d}", postcode="CF10 1AA" if n % 20 else "NP20 1AA")
           for n in range(50)]
    with store.transaction() as session:
        for gone in (ids[3], ids[4]):
            delete_person(session, gone)
    return store


def _both(store, flt: PeopleFilter, enough: int = 10):
    with store.reader() as session:
        ordered = ordered_keys(session, flt)
        broad = broad_search(session, flt, ordered, other_side_keys(session, flt), enough)
        return broad, list_keys(session, flt, ordered)


def test_a_broad_search_counts_every_match_but_the_bin_and_finds_the_first_in_order(cardiff):
    broad, everything = _both(cardiff, PeopleFilter(search="cf"))
    assert broad is not None
    assert broad.count == len(everything) == 45  # 47 in Cardiff, less the two in the Bin
    assert len(broad.first) >= 10
    assert broad.first == everything[: len(broad.first)]


def test_a_narrow_search_is_listed_in_full(cardiff):
    broad, everything = _both(cardiff, PeopleFilter(search="person 07"))  # one in 48: under MEDIUM_SHARE
    assert broad is None and len(everything) == 1


@pytest.mark.parametrize("flt", [PeopleFilter(search="cf", status="active"), PeopleFilter(search="cf", in_bin=True),
                                 PeopleFilter(search="")])
def test_filters_the_bin_and_no_search_take_the_ordinary_way(cardiff, flt):
    assert _both(cardiff, flt)[0] is None


@pytest.fixture
def medium(store):
    """Sixty people, eight of them Wynnes (a share between MEDIUM_SHARE and BROAD_SHARE), with two alike and one in
    the Bin; and the Wynnes are spread through the list by their first names."""
    firsts = ["Aled", "Bethan", "Carys", "Dafydd", "Elin", "Ffion", "Gareth", "Huw", "Iolo", "Jac"]
    ids = [add_person(store, full_name=f"{firsts[n % 10]} {'Wynne' if n % 8 == 3 else 'Jones'}") for n in range(60)]
    add_person(store, full_name="Dafydd Wynne")  # the same name as another Wynne: the row key decides
    with store.transaction() as session:
        delete_person(session, ids[11])  # Dafydd Wynne, in the Bin
    return store


@pytest.mark.parametrize("descending", [False, True])
def test_a_medium_search_in_a_list_by_name_finds_its_first_screenful_through_the_name_index(medium, descending):
    broad, everything = _both(medium, PeopleFilter(search="wyn", descending=descending), enough=3)
    assert broad is not None and broad.first == everything[:3]
    assert broad.count == len(everything) == 8  # seven Wynnes and the extra one, less the one in the Bin


def test_a_medium_search_sorted_some_other_way_is_listed_in_full(medium):
    assert _both(medium, PeopleFilter(search="wyn", sort="status"))[0] is None


@pytest.mark.parametrize("search", ["np20", "person 0", "person 04", "cf", "nobody"])
def test_matches_put_in_order_by_their_places_come_out_as_walking_the_whole_list_does(cardiff, search):
    """A few matches (fewer than an eighth of the list) are sorted by place; the Bin's matches are left out."""
    with cardiff.reader() as session:
        for flt in (PeopleFilter(search=search), PeopleFilter(search=search, sort="postcode", descending=True)):
            ordered = ordered_keys(session, flt)
            walked = list_keys(session, flt, ordered)
            assert list_keys(session, flt, ordered, places_in(ordered)) == walked
            assert list_keys(session, flt) == walked


TRICKY = ["Siân Ŵyn-Łukasz", "Zoë O'Brien", "Jürgen Müller-Weiß", "Nguyễn Thị Ánh", "李伟 Li Wei", "Ørsted Ærø",
          "Ángel Núñez", "Chloé d'Arcy_Smith", "Seán Ó Súilleabháin", "Ⅻ ﬁne ²nd"]


def test_checking_text_here_agrees_with_the_search_index_for_every_word_start(store):
    ids = {name: add_person(store, full_name=name) for name in TRICKY}
    with store.reader() as session:
        bodies = dict(session.execute(text("SELECT p.id, s.body FROM people p JOIN people_search s ON s.rowid = "
                                           "p.rowid")).all())
        for name, person in ids.items():
            words = index_words(bodies[person])
            for word in name.lower().replace("-", " ").replace("'", " ").split():
                for end in range(1, len(word) + 1):
                    typed = word[:end]
                    flt = PeopleFilter(search=typed)
                    by_index = person in {r.id for r in _rows(session, flt)}
                    here = all(" " + w in words for w in index_words(typed).split())
                    assert here == by_index, (name, typed)


def _rows(session, flt):
    return people_page(session, flt, 0, 1000)

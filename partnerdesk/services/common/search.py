"""Turning what someone typed into a search box into safe search words and conditions, for every list."""

from __future__ import annotations

import re


def search_terms(text_typed: str) -> list[str]:
    """The words to look for: letters and digits only, so stray quotes or symbols can't break the search.

    Split and lowered the way the search index does it: "_" separates words, and lower() rather than casefold()
    so "Weiß" stays "weiß" (casefold would make it "weiss", which the index never holds).
    """
    return re.findall(r"[^\W_]+", text_typed.lower())


def fts_query(terms: list[str]) -> str:
    # Every word must match the start of a word in the person's details ("jo sm" finds "Joanna Smith").
    return " ".join(f'"{term}"*' for term in terms)


def search_words(text_typed: str) -> list[str]:
    """The words to look for, lower-cased; every one must appear in the title, venue, committee, organisation or
    notes."""
    return re.findall(r"[^\s]+", text_typed.lower())


def contains_text(column, word: str, dialect: str):
    """A condition: the column contains the word, ignoring capitals."""
    # SQLite's LIKE already ignores the case of a–z (and its lower() folds nothing else), so wrapping every column
    # in lower() as icontains does only costs time: five lower() calls per row per word were most of a search.
    return column.contains(word, autoescape=True) if dialect == "sqlite" else column.icontains(word, autoescape=True)

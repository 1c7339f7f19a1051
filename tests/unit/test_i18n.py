"""Translatable text: the gettext helpers, plurals in a language with six forms, the pseudo-language that shows
unwrapped strings, dates without strftime, and the translators' catalogue kept current."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest

from partnerdesk import i18n
from tests.builders import welsh_catalogue

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "partnerdesk"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def test_english_is_the_message_itself():
    assert i18n.set_language("en") == "en"
    assert i18n._("Save") == "Save"
    assert i18n.ngettext("{n} meeting", "{n} meetings", 1).format(n=1) == "1 meeting"
    assert i18n.ngettext("{n} meeting", "{n} meetings", 2).format(n=2) == "2 meetings"
    assert i18n.ngettext("{n} meeting", "{n} meetings", 0).format(n=0) == "0 meetings"
    assert i18n.N_("Save") == "Save"


def test_a_language_with_six_plural_forms_gets_each_of_them(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "CATALOGUES", welsh_catalogue(tmp_path))
    assert i18n.set_language("cy") == "cy"
    forms = [i18n.ngettext("{n} meeting", "{n} meetings", n).format(n=n) for n in (0, 1, 2, 3, 6, 7)]
    assert forms == ["0 cyfarfod", "1 cyfarfod*1", "2 gyfarfod", "3 chyfarfod", "6 chyfarfod*6", "7 cyfarfod*other"]
    assert i18n.long_date(date(2026, 5, 27)) == "Dydd Mercher 27 Mai 2026"
    assert i18n._("Not translated yet") == "Not translated yet"


def test_shown_text_is_known_by_the_english_it_was_translated_from(tmp_path, monkeypatch):
    """read_only_banner.writes tells controls that change the database by their English words, whatever the
    language shown (tests/ui/test_read_only_mode.py checks the controls themselves)."""
    monkeypatch.setattr(i18n, "CATALOGUES", welsh_catalogue(tmp_path))
    for language in ("cy", i18n.PSEUDO):
        i18n.set_language(language)
        new, export = i18n._("&New person…"), i18n._("E&xport…")
        assert new != "&New person…" and export != "E&xport…"
        assert i18n.source_text(new) == "&New person…" and i18n.source_text(export) == "E&xport…"
    i18n.set_language("cy")
    assert i18n.source_text("Rhywbeth arall") == "Rhywbeth arall"  # not in the catalogue: as it is
    i18n.set_language("en")
    assert i18n.source_text("&New person…") == "&New person…"


def test_a_language_with_no_catalogue_falls_back_to_english(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path)
    assert i18n.set_language("cy") == "en"
    assert i18n.language() == "en"
    assert i18n._("Save") == "Save"


def test_the_language_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "pseudo")
    assert i18n.set_language() == "pseudo"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "")
    assert i18n.set_language() == "en"


@pytest.mark.parametrize(
    "message",
    ["Save", "Schedule a year…", "&Open log folder", "Saved {n} meetings to {file}", "%(count)d people", "{0:%d}"],
)
def test_pseudo_text_is_visibly_different_longer_and_keeps_its_placeholders(message):
    i18n.set_language(i18n.PSEUDO)
    shown = i18n._(message)
    assert shown != message and i18n.is_pseudo(shown)
    assert len(shown) >= len(message) * 1.4
    for keep in re.findall(r"\{[^{}]*\}|%\([^)]*\)[a-z]|&(?=\w)", message):
        assert keep in shown
    assert not i18n.is_pseudo(message)


def test_pseudo_text_still_formats():
    i18n.set_language(i18n.PSEUDO)
    shown = i18n.ngettext("Saved {n} meeting to {file}", "Saved {n} meetings to {file}", 3).format(n=3, file="x.ics")
    assert "3" in shown and "x.ics" in shown and "méétíñgš" in shown


def test_long_dates_are_written_out_without_strftime():
    assert i18n.long_date(date(2026, 5, 27)) == "Wednesday 27 May 2026"
    assert i18n.long_date(date(2027, 1, 3)) == "Sunday 3 January 2027"
    assert i18n.weekday_name(date(2026, 11, 23)) == "Monday"
    assert i18n.month_name(date(2026, 12, 1)) == "December"


def _python_sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def test_no_plural_is_made_by_adding_an_s_by_hand():
    # "s" if n != 1, and words chosen by hand: "problem" if count == 1 else "problems", 'is' if left == 1 else 'are'
    by_hand = re.compile(r"""['"]s['"] if \w|['"][\w ]+['"] if [\w.()\[\]]+ ?[!=]= ?1 else ['"]""")
    offenders = [f"{p.relative_to(PROJECT)}:{n}" for p in _python_sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if by_hand.search(line)]
    assert offenders == [], "use i18n.ngettext: other languages have other plural forms"


def test_no_day_or_month_name_comes_from_strftime():
    names = re.compile(r"%[aAbB]\b")
    offenders = [f"{p.relative_to(PROJECT)}:{n}" for p in _python_sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if names.search(line)]
    assert offenders == [], "use i18n.long_date / weekday_name / month_name"


def test_the_translators_catalogue_is_current():
    spec = importlib.util.spec_from_file_location("extract_messages", PROJECT / "scripts" / "extract_messages.py")
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    fresh = extract.build_catalogue()
    checked_in = extract.CATALOGUE.read_text(encoding="utf-8")
    assert fresh == checked_in, "run: .venv/bin/python scripts/extract_messages.py"
    assert 'msgid "{n} meeting"' not in checked_in or "msgid_plural" in checked_in
    assert 'msgid "Wednesday"' in checked_in

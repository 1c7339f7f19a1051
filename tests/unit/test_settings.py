"""Organisation settings: defaults, changes that travel with the database, and refused values."""

from __future__ import annotations

import pytest

from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.setting_specs import whole_days
from partnerdesk.services.common.settings import (
    SETTINGS,
    all_settings,
    get_setting,
    reset_setting,
    set_setting,
)
from partnerdesk.store import open_store
from tests.builders import count_rows


def test_the_defaults_come_from_the_domain_rules(store):
    with store.reader() as session:
        assert get_setting(session, "notice_days") == 14
        assert get_setting(session, "papers_days") == 7
        assert {k: all_settings(session)[k] for k in ("notice_days", "papers_days")} == {
            "notice_days": 14,
            "papers_days": 7,
        }
    assert count_rows(store, "settings") == 0  # defaults are not stored


def test_a_changed_setting_is_kept_in_the_database_file(tmp_path):
    path = tmp_path / "org.sqlite3"
    store = open_store(path)
    with store.transaction() as session:
        assert set_setting(session, "notice_days", 21) == 21
        set_setting(session, "papers_days", "10")  # typed text is fine
    store.close()
    again = open_store(path)
    try:
        with again.reader() as session:
            assert {k: all_settings(session)[k] for k in ("notice_days", "papers_days")} == {
                "notice_days": 21,
                "papers_days": 10,
            }
        with again.transaction() as session:
            set_setting(session, "notice_days", 28)  # changing again updates the same row
        assert count_rows(again, "settings") == 2
        with again.reader() as session:
            assert get_setting(session, "notice_days") == 28
    finally:
        again.close()


def test_resetting_goes_back_to_the_default(store):
    with store.transaction() as session:
        set_setting(session, "papers_days", 3)
    with store.transaction() as session:
        reset_setting(session, "papers_days")
        reset_setting(session, "notice_days")  # never changed: nothing to do
    with store.reader() as session:
        assert get_setting(session, "papers_days") == 7
    assert count_rows(store, "settings") == 0


@pytest.mark.parametrize("value", [-1, 91, 1.5, "abc", "", " ", True, None, "7 days", [7]])
def test_values_that_are_not_whole_days_from_0_to_90_are_refused(store, value):
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        set_setting(session, "notice_days", value)
    assert caught.value.messages == {"notice_days": "Please give a whole number of days from 0 to 90."}
    assert count_rows(store, "settings") == 0


def test_the_ends_of_the_range_are_allowed(store):
    with store.transaction() as session:
        assert set_setting(session, "notice_days", 0) == 0
        assert set_setting(session, "papers_days", 90) == 90


def test_an_unknown_setting_is_a_programming_slip(store):
    with store.reader() as session, pytest.raises(KeyError, match="no setting called 'mileage'"):
        get_setting(session, "mileage")
    with store.transaction() as session, pytest.raises(KeyError):
        set_setting(session, "mileage", 45)


def test_every_default_passes_its_own_check():
    for key, spec in SETTINGS.items():
        assert spec.key == key and spec.label
        assert spec.check(spec.default) == (spec.default, None)


def test_the_whole_days_checker_can_take_other_limits():
    check = whole_days(1, 10)
    assert check(1) == (1, None)
    assert check(0) == (None, "Please give a whole number of days from 1 to 10.")
    assert check(" 10 ") == (10, None)


def test_a_setting_saved_elsewhere_since_it_was_read_is_not_overwritten(store):
    from partnerdesk.services.common.errors import EditConflict
    from partnerdesk.services.common.settings import SettingsConflict, save_settings, setting_versions

    with store.reader() as session:
        opened = setting_versions(session)
    assert opened["notice_days"] == 0  # still the default: no row yet
    with store.transaction() as session:
        save_settings(session, {"notice_days": 21}, opened)  # someone else, in another window
    with pytest.raises(EditConflict) as caught, store.transaction() as session:
        set_setting(session, "notice_days", 28, opened["notice_days"])
    assert caught.value.theirs == {"notice_days": 21} and caught.value.version == 1
    with pytest.raises(SettingsConflict) as many, store.transaction() as session:
        save_settings(session, {"notice_days": 28, "papers_days": 3}, opened)
    assert many.value.theirs == {"notice_days": 21} and many.value.versions == {"notice_days": 1}
    with store.reader() as session:
        assert (get_setting(session, "notice_days"), get_setting(session, "papers_days")) == (21, 7)  # none kept
    with store.transaction() as session:  # saving the same value as theirs is no conflict
        save_settings(session, {"notice_days": 21}, opened)
    with store.transaction() as session:
        save_settings(session, {"notice_days": 28}, many.value.versions)  # the worker chose theirs → mine
    with store.reader() as session:
        assert get_setting(session, "notice_days") == 28


def test_saving_several_settings_keeps_all_or_none_with_every_message(store):
    from partnerdesk.services.common.settings import save_settings

    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        save_settings(session, {"notice_days": 21, "papers_days": "soon", "organisation_name": "x" * 201})
    assert set(caught.value.messages) == {"papers_days", "organisation_name"}
    with store.reader() as session:
        assert get_setting(session, "notice_days") == 14
    with store.transaction() as session:
        save_settings(session, {"organisation_name": "  Voices Together  "})
    with store.reader() as session:
        assert get_setting(session, "organisation_name") == "Voices Together"

"""Records name the signed-in account, never the computer's login, once someone has signed in."""

from partnerdesk import actor
from partnerdesk.records.types import USER_ENV, current_user


def test_records_name_the_signed_in_account_not_the_login(monkeypatch):
    monkeypatch.setenv(USER_ENV, "login-name")
    assert current_user() == "login-name"
    actor.sign_in(actor.Actor(account_id="a1", name="Priya (coordinator)", role="coordinator"))
    try:
        assert current_user() == "Priya (coordinator)"
    finally:
        actor.sign_out()
    assert current_user() == "login-name"

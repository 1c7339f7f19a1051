"""Organisation settings kept in the database, so they travel with the data: the organisation's name; notice and
papers periods (with each partner organisation's own, where it has them); the
expenses settings (mileage and payment rates, backfill cap, receipts, flags and budget warnings); the follow-up after
distress, the SWEMWBS item wording, supervision cadences and who needs the mandatory training.

Every setting has a default (services.common.setting_specs, where a new one is added); a row in the settings table
exists only once someone changes it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from partnerdesk.records import tables
from partnerdesk.records.types import utc_now
from partnerdesk.rules import disclosure, roles
from partnerdesk.rules.meetings import Periods
from partnerdesk.rules.mileage import MileageRates
from partnerdesk.rules.payments import PaymentRates
from partnerdesk.services.common import audit
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import EditConflict, Problems, ValidationError
from partnerdesk.services.common.setting_specs import SETTINGS, SettingSpec

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from partnerdesk.records.settings import Setting


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise KeyError(f"There is no setting called {key!r}") from None  # a programming slip, not user input


def _row(session: Session, key: str) -> Setting | None:
    from partnerdesk.records.settings import Setting  # the ORM only for changes; reading works without it (Today page)

    return session.scalars(select(Setting).where(Setting.key == key)).one_or_none()


def _saved(session: Connection | Session, keys=None) -> dict[str, Any]:
    table = tables.settings
    stmt = select(table.c.key, table.c.value)
    if keys is not None:
        stmt = stmt.where(table.c.key.in_(keys))
    return {key: value for key, value in session.execute(stmt)}


def get_setting(session: Connection | Session, key: str) -> Any:
    """A setting's current value: the organisation's own, or the default if nobody has changed it."""
    spec = _spec(key)
    saved = _saved(session, [key])
    # A copy, so a caller changing a list or dict it was given can't change the default for everyone.
    return saved[key] if key in saved else copy.deepcopy(spec.default)


def all_settings(session: Connection | Session) -> dict[str, Any]:
    """Every setting's current value, by key, in the order of SETTINGS."""
    saved = _saved(session)
    return {key: saved[key] if key in saved else copy.deepcopy(spec.default) for key, spec in SETTINGS.items()}


def setting_versions(session: Connection | Session) -> dict[str, int]:
    """Each changed setting's version (a setting still at its default is version 0), for a later save to check."""
    table = tables.settings
    versions = {key: 0 for key in SETTINGS}
    versions.update({key: version for key, version in session.execute(select(table.c.key, table.c.version))})
    return versions


def set_setting(session: Session, key: str, value: Any, version: int | None = None) -> Any:
    """Change a setting; returns the value stored. Raises ValidationError (keyed by the setting's key) if the value
    is not allowed, and then nothing is changed.

    A window passes the version it read the setting at (setting_versions): if someone has saved a different value
    since, EditConflict is raised (keyed by the setting's key, with their value) and nothing is changed.
    """
    require(roles.SETTINGS_CHANGE)
    spec = _spec(key)
    clean, message = spec.check(value)
    problems = Problems()
    if message:
        problems.add(key, message)
    problems.raise_if_any()
    row = _row(session, key)
    if version is not None and version != (row.version if row is not None else 0):
        theirs = row.value if row is not None else copy.deepcopy(spec.default)
        if theirs != clean:
            raise EditConflict(key, {key: theirs}, row.version if row is not None else 0,
                               row.updated_by if row is not None else "", row.updated_at if row is not None else None)
    if row is None:
        from partnerdesk.records.settings import Setting

        session.add(Setting(key=key, value=clean))
    elif row.value != clean:  # an unchanged value is not a new version: nobody else's window needs to hear of it
        row.value = clean
        row.updated_at = utc_now()
    else:
        return clean
    session.flush()
    audit.record(session, "setting_changed", key=key)  # which setting, not its value (a name or wording, maybe)
    return clean


class SettingsConflict(EditConflict):
    """Someone saved some of the same settings since they were read: `theirs` holds their values by key and
    `versions` each one's version now (save again with these once the worker has chosen)."""

    def __init__(self, conflicts: list[EditConflict]):
        last = max(conflicts, key=lambda c: (c.saved_at is not None, c.saved_at or 0))
        theirs = {key: value for c in conflicts for key, value in c.theirs.items()}
        super().__init__("settings", theirs, last.version, last.saved_by, last.saved_at)
        self.versions = {c.record_id: c.version for c in conflicts}


def save_settings(session: Session, values: dict[str, Any], versions: dict[str, int] | None = None) -> dict[str, Any]:
    """Change several settings together: all are kept, or none. Returns the values stored, by key.

    Raises ValidationError with a message for every setting that is not allowed, else SettingsConflict for every
    setting someone saved differently since `versions` were read (see set_setting).
    """
    problems: dict[str, str] = {}
    conflicts: list[EditConflict] = []
    stored = {}
    for key, value in values.items():
        try:
            stored[key] = set_setting(session, key, value, None if versions is None else versions.get(key, 0))
        except ValidationError as exc:
            problems.update(exc.messages)
        except EditConflict as exc:
            conflicts.append(exc)
    if problems:
        raise ValidationError(problems)
    if conflicts:
        raise SettingsConflict(conflicts)
    return stored


def differs(key: str, value: Any, saved: Any) -> bool:
    """Whether value, as typed, would change the setting from saved (a value that is not allowed counts as a
    change, so saving it shows its message)."""
    clean, message = _spec(key).check(value)
    return bool(message) or clean != saved


def reset_setting(session: Session, key: str) -> None:
    """Put a setting back to its default."""
    require(roles.SETTINGS_CHANGE)
    _spec(key)
    row = _row(session, key)
    if row is not None:
        session.delete(row)
        session.flush()
        audit.record(session, "setting_changed", key=key)


def default_periods(session: Connection | Session) -> Periods:
    """The notice and papers periods for meetings whose organisation has none of its own."""
    values = _saved(session, ["notice_days", "papers_days"])
    return Periods(*(values.get(key, SETTINGS[key].default) for key in ("notice_days", "papers_days")))


def mileage_schedule(session: Session) -> tuple[MileageRates, ...]:
    """The organisation's dated mileage rates, oldest first (for rules.mileage.rates_on)."""
    return tuple(MileageRates.from_settings(item) for item in get_setting(session, "mileage_rates"))


def disclosure_policy(session: Connection | Session) -> disclosure.Policy:
    """The organisation's rule for hiding small numbers in anonymised exports."""
    return disclosure.Policy(get_setting(session, "disclosure_rule"), get_setting(session, "disclosure_threshold"))


def payment_rates(session: Session) -> PaymentRates:
    """The organisation's rates for a day and a half day of someone's time."""
    return PaymentRates.from_settings(get_setting(session, "payment_rates"))

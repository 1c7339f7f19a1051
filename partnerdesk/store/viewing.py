"""Opening a database for the window: normally for work, but read-only (with the reason in plain words) when it
sits on a network share or in a cloud-synced folder, when the file or its folder is read-only, or when it is
damaged. A worker can then still look at everything and export, and nothing in the file changes.
"""

from __future__ import annotations

from pathlib import Path

from partnerdesk.i18n import _
from partnerdesk.store import sharing
from partnerdesk.store.connections import database_url, sqlite_path, writable
from partnerdesk.store.engine import Store, StoreError, open_store


def shared_reason(problem: str) -> str:
    """Why a database on a network share or in a cloud folder is only shown, and what to do instead."""
    return _(
        "{problem} Two computers, or the sync program, could change the file at the same moment and damage it. "
        "{alternative}"
    ).format(problem=problem[:1].lower() + problem[1:], alternative=sharing.SAFE_ALTERNATIVE)


def locked_file_reason() -> str:
    """Why a read-only file (or a file in a read-only folder) is only shown, and what to do instead."""
    return _(
        "the file or its folder is read-only, so PartnerDesk cannot save changes to it. To work on it, copy it to "
        "a folder you can change, or ask whoever looks after this computer to let you change it."
    )


def damaged_reason(database: Path | None) -> str:
    """Why a damaged database is only shown (changing it could lose more), and how to get a sound one back."""
    from partnerdesk.store.messages import restore_advice

    return _(
        "PartnerDesk found damage in it, and changing a damaged database could lose more. Export what you need, "
        "run `partnerdesk check` to see what is wrong, then replace it. {advice}"
    ).format(advice=restore_advice(database))


def banner_text(reason: str) -> str:
    """The words at the top of a read-only window."""
    return _("This database is open read-only: {reason}").format(reason=reason)


def refused_text(reason: str) -> str:
    """What a refused change says."""
    return _("Nothing was changed, because this database is open read-only: {reason}").format(reason=reason)


def open_for_window(target: str | Path, key: bytes | None = None) -> Store:
    """Open the database the window will show (an encrypted one with key): for work when that is safe, otherwise
    read-only with its reason in store.read_only_reason. Raises StoreError when it cannot be shown at all (missing,
    not ours, unreadable, or needing an upgrade that cannot be written)."""
    path = sqlite_path(database_url(target))
    if path is None:
        return open_store(target)
    problem = sharing.shared_location_problem(path)
    if problem is not None:
        if not path.exists() or path.stat().st_size == 0:
            sharing.refuse_shared_location(path)  # nothing to show: the plain refusal with the safe alternative
        return _read_only(path, shared_reason(problem), key)
    if path.exists() and path.stat().st_size > 0 and not writable(path):
        return _read_only(path, locked_file_reason(), key)
    return open_store(target, key=key)


def _read_only(path: Path, reason: str, key: bytes | None = None) -> Store:
    # No upgrade: it would write to the very file that must be left alone.
    store = open_store(path, read_only=True, upgrade=False, key=key)
    store.read_only_reason = reason
    return store


__all__ = ["StoreError", "banner_text", "damaged_reason", "open_for_window", "refused_text"]

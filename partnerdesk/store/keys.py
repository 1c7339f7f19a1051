"""The key file beside an encrypted database (`<database>.keys`): the database key, wrapped once per account.

The database is encrypted with one random 32-byte key. Nobody types that key: each account keeps its own copy of
it, wrapped (AES-256-GCM) with a key derived from the account's password by Argon2id, and the recovery key keeps
one more copy. So adding or removing a person, or changing a password, rewrites only that person's entry here and
never re-encrypts the database. The file holds no names: an account is found by a salted hash of its name, and its
role lives inside the encrypted database, where editing this file cannot change it.

Repeated wrong passwords lock an account for a while that doubles each time (LOCK_AFTER failures → LOCK_SECONDS,
then twice that…), counted here so that closing the program does not reset the count.

No Qt and no SQLAlchemy: the command line and the sign-in window both use it before any database is open.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.private_files import FILE_MODE, tighten

KEY_BYTES = 32
#: Argon2id cost for each derivation (one per sign-in): OWASP's recommended minimum (19 MiB, 2 passes), about
#: 0.05 s on an office PC, so that sign-in stays quick while each guess costs an attacker the same.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19456
ARGON2_PARALLELISM = 1
#: After this many wrong passwords in a row the account waits LOCK_SECONDS, doubling with each further failure.
LOCK_AFTER = 5
LOCK_SECONDS = 30
#: The longest lock, however many failures: a day.
LONGEST_LOCK = 24 * 60 * 60
RECOVERY_ENTRY = "recovery"
#: Letters and digits that cannot be mistaken for each other when read off paper (no I, L, O, U; Crockford's set).
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS, RECOVERY_GROUP_LENGTH = 6, 5
#: Shortest password accepted, in characters.
SHORTEST_PASSWORD = 10
FORMAT = 1


class KeyRefused(Exception):
    """Base of the key file's refusals; the message is for the person at the keyboard."""


class WrongPassword(KeyRefused):
    """The account name, password or recovery key is not right."""


class LockedOut(KeyRefused):
    """Too many wrong passwords: the account can be tried again after `seconds`."""

    def __init__(self, message: str, seconds: int):
        super().__init__(message)
        self.seconds = seconds


class KeyFileMissing(KeyRefused):
    """An encrypted database has no key file beside it."""


def key_file_path(database: Path) -> Path:
    """Where the key file of the database at `database` lives: beside it, with `.keys` added to its name."""
    return database.with_name(database.name + ".keys")


def new_database_key() -> bytes:
    """A fresh random key for a new encrypted database."""
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> str:
    """A random recovery key in groups of letters and digits (150 bits), for printing and locking away."""
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _i in range(RECOVERY_GROUP_LENGTH))
        for _g in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def tidy_recovery_key(typed: str) -> str:
    """A recovery key as typed (any case, spaces or dashes, O for 0, I or L for 1) in its one written form."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    size = RECOVERY_GROUP_LENGTH
    return "-".join(cleaned[i : i + size] for i in range(0, len(cleaned), size))


def password_problem(password: str) -> str | None:
    """Why a new password is too weak, in plain words with what to do, or None when it will do."""
    if len(password) < SHORTEST_PASSWORD:
        return ngettext(
            "Please use at least {count} character. Three or four ordinary words strung together make a strong "
            "password that is easy to remember.",
            "Please use at least {count} characters. Three or four ordinary words strung together make a strong "
            "password that is easy to remember.",
            SHORTEST_PASSWORD,
        ).format(count=SHORTEST_PASSWORD)
    if len(set(password)) < 4:
        return _("That password repeats the same few characters. Try three or four ordinary words instead.")
    return None


def _name_lookup(salt: bytes, name: str) -> str:
    folded = unicodedata.normalize("NFKC", name.strip()).casefold()
    return hashlib.sha256(salt + folded.encode("utf-8")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret.encode("utf-8"), salt, time_cost=params["t"], memory_cost=params["m"], parallelism=params["p"],
        hash_len=KEY_BYTES, type=Type.ID,
    )


def _wrap(secret: str, database_key: bytes, entry_id: str) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    params = {"t": ARGON2_TIME_COST, "m": ARGON2_MEMORY_KIB, "p": ARGON2_PARALLELISM}
    # The entry's id is bound in as associated data, so one account's copy cannot be moved onto another's entry.
    wrapped = AESGCM(_derive(secret, salt, params)).encrypt(nonce, database_key, entry_id.encode("utf-8"))
    return {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped), "kdf": params,
            "failures": 0, "locked_until": 0.0}


def _unwrap(secret: str, entry: dict[str, Any], entry_id: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(secret, _unb64(entry["salt"]), entry["kdf"])
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), entry_id.encode("utf-8"))
    except InvalidTag:
        return None


def lock_seconds(failures: int) -> int:
    """How long an account waits after `failures` wrong passwords in a row (0 below LOCK_AFTER)."""
    if failures < LOCK_AFTER:
        return 0
    return min(LOCK_SECONDS * 2 ** (failures - LOCK_AFTER), LONGEST_LOCK)


def locked_message(seconds: int) -> str:
    """What a locked account is told: how long to wait, and that the password can be reset."""
    minutes = max(1, -(-seconds // 60))
    wait = (ngettext("{count} second", "{count} seconds", seconds).format(count=seconds) if seconds < 120
            else ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes))
    return _(
        "Too many wrong passwords for this account, so it is locked for {wait}. Try again then, or ask a "
        "coordinator to reset your password."
    ).format(wait=wait)


WRONG_PASSWORD = N_("That account name or password is not right. Check Caps Lock and try again; nothing was changed.")


@dataclass
class Unlocked:
    """What a right password opened: the account's id and the database key."""

    account_id: str
    key: bytes


class KeyFile:
    """The key file of one database; every change is written at once, atomically."""

    def __init__(self, database: Path, clock: Callable[[], float] = time.time):
        self.path = key_file_path(database)
        self.clock = clock
        self.data: dict[str, Any] = {}
        if self.path.exists():
            self.data = json.loads(self.path.read_text(encoding="utf-8"))

    @property
    def exists(self) -> bool:
        """Whether the database has a key file (it is encrypted)."""
        return bool(self.data)

    @property
    def accounts(self) -> dict[str, dict[str, Any]]:
        """Each account's entry, by account id."""
        return self.data.setdefault("accounts", {})

    def start(self, database_key: bytes, recovery_key: str) -> None:
        """A new key file holding only the recovery key's copy of the database key; accounts are added next."""
        self.data = {"format": FORMAT, "name_salt": _b64(secrets.token_bytes(16)), "accounts": {}}
        self.data[RECOVERY_ENTRY] = _wrap(tidy_recovery_key(recovery_key), database_key, RECOVERY_ENTRY)
        self.write()

    def set_password(self, database_key: bytes, account_id: str, name: str, password: str, write: bool = True) -> None:
        """Give an account (new, or with a forgotten password) its own copy of the database key under password."""
        entry = _wrap(password, database_key, account_id)
        entry["lookup"] = _name_lookup(_unb64(self.data["name_salt"]), name)
        self.accounts[account_id] = entry
        if write:
            self.write()

    def rename(self, account_id: str, name: str) -> None:
        """Find the account by a new name from now on."""
        self.accounts[account_id]["lookup"] = _name_lookup(_unb64(self.data["name_salt"]), name)
        self.write()

    def remove(self, account_id: str) -> None:
        """The account can no longer unlock the database (its copy of the key is gone)."""
        if self.accounts.pop(account_id, None) is not None:
            self.write()

    def account_for(self, name: str) -> str | None:
        """The id of the account with this name (any case), or None."""
        if not self.exists:
            return None
        lookup = _name_lookup(_unb64(self.data["name_salt"]), name)
        return next((account_id for account_id, entry in self.accounts.items() if entry.get("lookup") == lookup),
                    None)

    def only_account(self) -> str | None:
        """The id of the one account, when there is exactly one."""
        return next(iter(self.accounts)) if len(self.accounts) == 1 else None

    def unlock(self, account_id: str | None, password: str) -> Unlocked:
        """The database key, if password is the account's; counts failures and refuses while locked."""
        entry = self.accounts.get(account_id or "")
        if entry is None or account_id is None:
            raise WrongPassword(_(WRONG_PASSWORD))
        self._refuse_if_locked(entry)
        key = _unwrap(password, entry, account_id)
        self._count(entry, key is not None)
        if key is None:
            seconds = lock_seconds(entry["failures"])
            if seconds:
                raise LockedOut(locked_message(seconds), seconds)
            raise WrongPassword(_(WRONG_PASSWORD))
        return Unlocked(account_id, key)

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        """The database key, if recovery_key is this database's recovery key."""
        entry = self.data.get(RECOVERY_ENTRY)
        if entry is None:
            raise WrongPassword(_("This database has no recovery key."))
        self._refuse_if_locked(entry)
        key = _unwrap(tidy_recovery_key(recovery_key), entry, RECOVERY_ENTRY)
        self._count(entry, key is not None)
        if key is None:
            seconds = lock_seconds(entry["failures"])
            if seconds:
                raise LockedOut(locked_message(seconds), seconds)
            raise WrongPassword(_("That recovery key is not right. Check each group of letters and digits and try "
                                  "again; nothing was changed."))
        return key

    def _refuse_if_locked(self, entry: dict[str, Any]) -> None:
        left = int(entry.get("locked_until", 0) - self.clock() + 0.999)
        if left > 0:
            raise LockedOut(locked_message(left), left)

    def _count(self, entry: dict[str, Any], right: bool) -> None:
        if right:
            if entry.get("failures"):
                entry["failures"], entry["locked_until"] = 0, 0.0
                with contextlib.suppress(OSError):
                    self.write()
            return
        entry["failures"] = entry.get("failures", 0) + 1
        entry["locked_until"] = self.clock() + lock_seconds(entry["failures"])
        # A database in a read-only folder (shown, never changed) still signs in; its failures go uncounted there.
        with contextlib.suppress(OSError):
            self.write()

    def write(self) -> None:
        """Write the file owner-only and atomically: a crash leaves the old file or the new one, never half."""
        partial = self.path.with_name(self.path.name + ".partial")
        fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.data, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        tighten(partial)
        os.replace(partial, self.path)

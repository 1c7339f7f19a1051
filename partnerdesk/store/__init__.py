"""The database: opening, migrating, backing up and checking it."""

from partnerdesk.store.engine import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]

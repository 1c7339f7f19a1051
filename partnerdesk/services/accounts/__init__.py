"""Accounts: the people who sign in, their roles and their passwords (each a copy of the database key)."""

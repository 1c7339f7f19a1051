"""Signing in, setting up a new database, the recovery key and the account manager."""

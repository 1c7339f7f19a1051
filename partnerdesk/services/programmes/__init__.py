"""Mentoring and buddying programmes: programmes and applications (programmes), matching and pairs (pairs), logged
time, progress and backfill claims (activities). Backfill is paid through the expenses area's claims."""

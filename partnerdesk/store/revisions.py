"""The schema revisions this version of PartnerDesk knows, oldest first.

Kept as plain data so opening a database does not have to import Alembic (about 0.7 s) when the schema is
already current. tests/unit/test_store.py proves this list matches the migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_people",
    "0002_people_list",
    "0003_meetings",
    "0004_expenses",
    "0005_wellbeing",
    "0006_claims_search",
    "0007_list_speed",
    "0008_versions",
    "0009_org_periods",
    "0010_today_snooze",
    "0011_equality",
    "0012_import_batches",
    "0013_programmes",
    "0014_import_batches_more",
    "0015_report_indexes",
    "0016_accounts",
    "0017_audit_log",
    "0018_consent_withdrawn",
    "0019_people_left_index",
    "0020_people_sort_indexes",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]

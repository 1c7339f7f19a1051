"""Mentoring and buddying programmes: programmes, applications, pairs and pair activities, impact poll items and
answers, and the steering group's themes; and claims linked to a programme instead of naming one in typed text.

Nothing is lost: one programme (kind "other") is made for each different programme name typed on claims (names that
differ only in spaces or capitals are one programme), each claim is linked to it, and the typed text stays on the
claim (to be dropped in a later release, once the claim form picks a programme).

Revision ID: 0013_programmes
Revises: 0012_import_batches
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0013_programmes"
down_revision = "0012_import_batches"
branch_labels = None
depends_on = None

NEW_TABLES = ("programme_themes", "poll_answers", "poll_questions", "pair_activities", "programme_pairs",
              "programme_applications", "programmes")


def _shared() -> list[sa.Column]:
    # Written out rather than read from the records: migrations never import the app.
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    ]


def _create_tables() -> None:
    op.create_table(
        "programmes",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("side_a_name", sa.String(length=80), nullable=False),
        sa.Column("side_b_name", sa.String(length=80), nullable=False),
        sa.Column("side_a_minutes", sa.Integer(), nullable=False),
        sa.Column("side_b_minutes", sa.Integer(), nullable=False),
        sa.Column("required_activities", sa.JSON(), nullable=False),
        sa.Column("required_notes", sa.Text(), nullable=True),
        sa.Column("backfill_side", sa.String(length=1), nullable=True),
        sa.Column("backfill_day_pence", sa.Integer(), nullable=True),
        sa.Column("backfill_half_day_pence", sa.Integer(), nullable=True),
        sa.Column("backfill_cap_half_days", sa.Integer(), nullable=True),
        sa.Column("minutes_per_half_day", sa.Integer(), nullable=False),
        sa.Column("same_organisation_allowed", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_shared(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
    )
    op.create_index("ix_programmes_name", "programmes", ["name"])
    op.create_table(
        "programme_applications",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("side", sa.String(length=1), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        *(sa.Column(name, sa.JSON(), nullable=False)
          for name in ("aspirations", "experience", "areas", "communities", "availability", "must_not_match")),
        sa.Column("must_not_match_notes", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        *_shared(),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_programme_applications_organisation_id_organisations"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_programme_applications_person_id_people")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_programme_applications_programme_id_programmes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_applications")),
        sa.UniqueConstraint("programme_id", "person_id", name=op.f("uq_programme_applications_programme_id")),
    )  # fmt: skip
    op.create_index("ix_programme_applications_person_id", "programme_applications", ["person_id"])
    op.create_table(
        "programme_pairs",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("side_a_person_id", sa.String(length=36), nullable=False),
        sa.Column("side_b_person_id", sa.String(length=36), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("end_reason", sa.String(length=500), nullable=True),
        sa.Column("replaces_id", sa.String(length=36), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        *_shared(),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_programme_pairs_programme_id_programmes"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["replaces_id"], ["programme_pairs.id"],
                                name=op.f("fk_programme_pairs_replaces_id_programme_pairs"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["side_a_person_id"], ["people.id"],
                                name=op.f("fk_programme_pairs_side_a_person_id_people")),
        sa.ForeignKeyConstraint(["side_b_person_id"], ["people.id"],
                                name=op.f("fk_programme_pairs_side_b_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_pairs")),
    )  # fmt: skip
    op.create_index("ix_programme_pairs_programme_id", "programme_pairs", ["programme_id", "status"])
    op.create_table(
        "pair_activities",
        sa.Column("pair_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("attended", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_shared(),
        sa.ForeignKeyConstraint(["pair_id"], ["programme_pairs.id"],
                                name=op.f("fk_pair_activities_pair_id_programme_pairs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_activities")),
    )  # fmt: skip
    op.create_index("ix_pair_activities_pair_id", "pair_activities", ["pair_id", "held_on"])
    _create_poll_tables()


def _create_poll_tables() -> None:
    op.create_table(
        "poll_questions",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("wording", sa.String(length=300), nullable=False),
        *_shared(),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_poll_questions_programme_id_programmes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_questions")),
    )  # fmt: skip
    op.create_index("ix_poll_questions_programme_id", "poll_questions", ["programme_id"])
    op.create_table(
        "poll_answers",
        sa.Column("question_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("round", sa.String(length=10), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.Integer(), nullable=False),
        *_shared(),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_poll_answers_person_id_people")),
        sa.ForeignKeyConstraint(["question_id"], ["poll_questions.id"],
                                name=op.f("fk_poll_answers_question_id_poll_questions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_answers")),
        sa.UniqueConstraint("question_id", "person_id", "round", "answered_on",
                            name=op.f("uq_poll_answers_question_id")),
    )  # fmt: skip
    op.create_index("ix_poll_answers_question_id", "poll_answers", ["question_id", "round"])
    op.create_table(
        "programme_themes",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("theme", sa.Text(), nullable=False),
        *_shared(),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"],
                                name=op.f("fk_programme_themes_programme_id_programmes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_themes")),
    )  # fmt: skip


def _link_claims() -> None:
    con = op.get_bind()
    # Added in place (no table copy), so the claims search triggers from 0006 stay. SQLite takes a REFERENCES
    # clause on ADD COLUMN but not a separate ALTER ... ADD CONSTRAINT.
    if con.dialect.name == "sqlite":
        op.execute("ALTER TABLE claims ADD COLUMN programme_id VARCHAR(36) "
                   "CONSTRAINT fk_claims_programme_id_programmes REFERENCES programmes (id)")
    else:
        op.add_column("claims", sa.Column("programme_id", sa.String(length=36), nullable=True))
        op.create_foreign_key(op.f("fk_claims_programme_id_programmes"), "claims", "programmes",
                              ["programme_id"], ["id"])  # fmt: skip
    names = con.execute(sa.text("SELECT DISTINCT programme FROM claims WHERE programme IS NOT NULL")).scalars()
    # One programme per name as people meant it: "Buddying 2026" and " buddying  2026" are one programme.
    made: dict[str, str] = {}
    first_typed: dict[str, str] = {}
    # Named as first typed in order with spaces tidied (capitals sort first: "Buddying 2026" before "buddying 2026").
    for typed in sorted(" ".join(name.split()) for name in names):
        key = typed.casefold()
        if not key:
            continue
        first_typed.setdefault(key, typed)
        made.setdefault(key, str(uuid.uuid4()))
    stamp = datetime.now(UTC).replace(tzinfo=None)
    for key, programme_id in made.items():
        con.execute(sa.text(
            "INSERT INTO programmes (id, name, kind, side_a_name, side_b_name, side_a_minutes, side_b_minutes, "
            "required_activities, minutes_per_half_day, same_organisation_allowed, created_at, updated_at, "
            "created_by, updated_by, version) VALUES (:id, :name, 'other', 'Side A', 'Side B', 0, 0, '[]', 240, "
            ":no, :stamp, :stamp, 'upgrade', 'upgrade', 1)"),
            {"id": programme_id, "name": first_typed[key], "no": False, "stamp": stamp})  # fmt: skip
    claims = con.execute(sa.text("SELECT id, programme FROM claims WHERE programme IS NOT NULL")).all()
    for claim_id, typed in claims:
        key = " ".join(typed.split()).casefold()
        if key in made:
            con.execute(sa.text("UPDATE claims SET programme_id = :p WHERE id = :id"),
                        {"p": made[key], "id": claim_id})  # fmt: skip


def upgrade() -> None:
    _create_tables()
    _link_claims()


def downgrade() -> None:
    # The typed names stayed on the claims, so dropping the link loses nothing that was there before 0012.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE claims DROP COLUMN programme_id")
    else:
        op.drop_constraint(op.f("fk_claims_programme_id_programmes"), "claims", type_="foreignkey")
        op.drop_column("claims", "programme_id")
    for name in NEW_TABLES:
        op.drop_table(name)

"""asked questions, taught links and synonyms: what the coordinator teaches the bot

Revision ID: 0105
Revises: 0104
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0105"
down_revision = "0104"
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.create_table(
        "asked_questions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("offered", sa.JSON(), nullable=False),
        sa.Column("picked", sa.String(length=200), nullable=True),
    )
    op.create_index("ix_asked_questions_at", "asked_questions", ["at"])
    op.create_index("ix_asked_questions_user_id", "asked_questions", ["user_id"])
    op.create_table(
        "taught_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("passage_id", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
    )
    op.create_table(
        "taught_synonyms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("means", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("taught_synonyms")
    op.drop_table("taught_links")
    op.drop_index("ix_asked_questions_user_id", table_name="asked_questions")
    op.drop_index("ix_asked_questions_at", table_name="asked_questions")
    op.drop_table("asked_questions")

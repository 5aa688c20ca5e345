"""contacts.effects and contacts.co_departments: an activity's expected or achieved
effects (effekter) and the other departments taking part (medförvaltningar)

Revision ID: 0112
Revises: 0111
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0112"
down_revision = "0111"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("effects", sa.Text(), nullable=True))
        # Department ids as a JSON array, like `areas`; existing entries have none.
        batch.add_column(
            sa.Column("co_departments", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("co_departments")
        batch.drop_column("effects")

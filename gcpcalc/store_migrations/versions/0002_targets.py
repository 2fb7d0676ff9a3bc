"""Targets per organisation, indicator and year; index for the newest revisions first.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("indicator_id", sa.String(200), nullable=False),
        sa.Column("target_year", sa.Integer, nullable=False),
        sa.Column("target_value", sa.Float, nullable=False),
        sa.Column("baseline_year", sa.Integer, nullable=True),
        sa.Column("baseline_value", sa.Float, nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", "indicator_id", "target_year", name="uq_targets_name_indicator_year"),
    )
    op.create_index("ix_revisions_saved_at", "revisions", ["saved_at"])


def downgrade() -> None:
    op.drop_index("ix_revisions_saved_at", table_name="revisions")
    op.drop_table("targets")

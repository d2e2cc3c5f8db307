"""The first schema: kiosks, events with their projections, and centre data.

The same tables the server kept before it moved to Alembic (through
sqlite-utils); a database made then is stamped with this revision and carried
on from here, so its data stays as it is.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# seq and heartbeat_seq reach 2**63 - 1; SQLite's INTEGER already is 64-bit.
BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "kiosks",
        sa.Column("kiosk_id", sa.Text, primary_key=True),
        sa.Column("centre_id", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),  # pending | enrolled | revoked
        sa.Column("token_hash", sa.Text),  # SHA-256 hex of the bearer token, never the token
        sa.Column("code_hash", sa.Text),  # SHA-256 hex of the normalised enrolment code
        sa.Column("code_expires_utc", sa.Text),
        sa.Column("code_used", sa.Integer, nullable=False, server_default="0"),
        sa.Column("code_failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_utc", sa.Text, nullable=False),
        sa.Column("enrolled_utc", sa.Text),
        sa.Column("revoked_utc", sa.Text),
        sa.Column("last_seen_utc", sa.Text),
        sa.Column("heartbeat_json", sa.Text),
        sa.Column("heartbeat_seq", BIG),
        sa.Column("heartbeat_utc", sa.Text),
    )
    op.create_index("idx_kiosks_token_hash", "kiosks", ["token_hash"], unique=True)
    op.create_table(
        "events",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("centre_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("schema", sa.Integer, nullable=False),
        sa.Column("seq", BIG, nullable=False),
        sa.Column("occurred_utc", sa.Text, nullable=False),
        sa.Column("received_utc", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("idx_events_kiosk_id_seq", "events", ["kiosk_id", "seq"])
    op.create_table(
        "rejections",
        sa.Column("rejection_id", BIG, primary_key=True, autoincrement=True),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("received_utc", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text),
    )
    op.create_index("idx_rejections_kiosk_id", "rejections", ["kiosk_id"])
    op.create_table(
        "tickets",
        sa.Column("ticket_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("centre_id", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("service_id", sa.Text),
        sa.Column("category_id", sa.Text),
        sa.Column("business_day", sa.Text, nullable=False),
        sa.Column("issued_utc", sa.Text),
        sa.Column("state", sa.Text, nullable=False, server_default="issued"),  # issued | cancelled
        sa.Column("cancelled_utc", sa.Text),
        sa.Column("reprints", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("idx_tickets_centre_id_business_day", "tickets", ["centre_id", "business_day"])
    op.create_table(
        "ratings",
        sa.Column("rating_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("centre_id", sa.Text, nullable=False),
        sa.Column("ticket_id", sa.Text),
        sa.Column("overall", sa.Integer),
        sa.Column("scores_json", sa.Text),
        sa.Column("submitted_utc", sa.Text, nullable=False),
    )
    op.create_table(
        "bundles",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("loaded_utc", sa.Text, nullable=False),
    )
    op.create_table(
        "appointment_days",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("date", sa.Text, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("loaded_utc", sa.Text, nullable=False),
    )
    op.create_table(
        "queues",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("as_of_utc", sa.Text, nullable=False),
        sa.Column("services", sa.Text, nullable=False),
        sa.Column("loaded_utc", sa.Text, nullable=False),
    )

"""Ids scoped per centre, limits per kiosk, flagged clocks, health and enrolment throttling.

* tickets and ratings are keyed by (centre_id, id): a ticket id of one centre
  is invisible to another, which can neither learn that it exists nor rate it;
* kiosks.rejections_dropped counts rejected submissions beyond the kept quota;
* events.time_suspect flags an event whose occurred_utc lies outside the
  plausible window around the server's clock (kept, never lost);
* enrol_attempts counts wrong enrolment codes per source address;
* server_health is the row /health writes to prove the database is writable;
* operators hold the hashed tokens of the people who read the fleet view.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_TICKET_COLUMNS = (
    "ticket_id, event_id, kiosk_id, centre_id, number, service_id, category_id, business_day, "
    "issued_utc, state, cancelled_utc, reprints"
)
_RATING_COLUMNS = "rating_id, event_id, kiosk_id, centre_id, ticket_id, overall, scores_json, submitted_utc"


def upgrade() -> None:
    op.add_column("kiosks", sa.Column("rejections_dropped", BIG, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("time_suspect", sa.Integer, nullable=False, server_default="0"))

    # A new primary key is a new table on SQLite; the same copy works on PostgreSQL.
    op.create_table(
        "tickets_new",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("ticket_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("service_id", sa.Text),
        sa.Column("category_id", sa.Text),
        sa.Column("business_day", sa.Text, nullable=False),
        sa.Column("issued_utc", sa.Text),
        sa.Column("state", sa.Text, nullable=False, server_default="issued"),
        sa.Column("cancelled_utc", sa.Text),
        sa.Column("reprints", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute(f"INSERT INTO tickets_new ({_TICKET_COLUMNS}) SELECT {_TICKET_COLUMNS} FROM tickets")
    op.drop_index("idx_tickets_centre_id_business_day", table_name="tickets")
    op.drop_table("tickets")
    op.rename_table("tickets_new", "tickets")
    op.create_index("idx_tickets_centre_id_business_day", "tickets", ["centre_id", "business_day"])

    op.create_table(
        "ratings_new",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("rating_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("ticket_id", sa.Text),
        sa.Column("overall", sa.Integer),
        sa.Column("scores_json", sa.Text),
        sa.Column("submitted_utc", sa.Text, nullable=False),
    )
    op.execute(f"INSERT INTO ratings_new ({_RATING_COLUMNS}) SELECT {_RATING_COLUMNS} FROM ratings")
    op.drop_table("ratings")
    op.rename_table("ratings_new", "ratings")

    op.create_table(
        "enrol_attempts",
        sa.Column("source", sa.Text, primary_key=True),
        sa.Column("window_start_utc", sa.Text, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
    )
    op.create_table(
        "operators",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("token_hash", sa.Text, nullable=False, unique=True),
        sa.Column("created_utc", sa.Text, nullable=False),
    )
    op.create_table(
        "server_health",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("checked_utc", sa.Text, nullable=False),
    )

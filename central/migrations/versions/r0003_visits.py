"""Booked visits' check-ins and SMS requests.

* appointment_check_ins keeps every kiosk's check-in of a booking code, so the
  day's list names them and a second ticket for one code shows as a double
  check-in;
* sms_requests holds a visitor's request for an SMS when the turn is near:
  the phone number only until the message was handed to the sender or the
  business day is over (then the column is NULL).

Appointments themselves stay in appointment_days (their optional ``status``
is part of each day's JSON list).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment_check_ins",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("date", sa.Text, primary_key=True),
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("ticket_id", sa.Text, primary_key=True),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("checked_in_utc", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("received_utc", sa.Text, nullable=False),
    )
    op.create_table(
        "sms_requests",
        sa.Column("centre_id", sa.Text, primary_key=True),
        sa.Column("ticket_id", sa.Text, primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("kiosk_id", sa.Text, nullable=False),
        sa.Column("business_day", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("phone", sa.Text),
        sa.Column("state", sa.Text, nullable=False, server_default="pending"),
        sa.Column("requested_utc", sa.Text, nullable=False),
        sa.Column("done_utc", sa.Text),
    )
    op.create_index("idx_sms_requests_state", "sms_requests", ["centre_id", "state"])


def downgrade() -> None:
    op.drop_index("idx_sms_requests_state", table_name="sms_requests")
    op.drop_table("sms_requests")
    op.drop_table("appointment_check_ins")

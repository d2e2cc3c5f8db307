"""Alembic migrations of the server's one schema (SQLite and PostgreSQL alike)."""

"""Alembic's entry point, driven only from :func:`central.store.init_db`.

The caller hands over an open connection already inside its transaction
(``config.attributes["connection"]``): the migration, the stamp of a database
made before Alembic, and the backup decision all happen under one lock.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()

"""Revisions, applied in order by :func:`central.store.init_db`."""

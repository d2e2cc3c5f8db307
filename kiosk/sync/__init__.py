"""Sync with the central server: the outbox drained upwards, data cached downwards."""

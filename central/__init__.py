"""Reference central server for the lobby kiosks.

Kiosks upload their events (tickets, ratings, audit records, heartbeats) and
download the configuration bundle, appointments and live queue figures of
their centre. The HTTP API is written down in ``docs/api/openapi.yaml``.

This package is plain Python: it imports neither PySide6 nor the kiosk's
``kiosk``/``ui`` packages, so it can run on a server without a display.
"""

__version__ = "0.1.0"

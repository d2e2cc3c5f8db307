"""Reference central server for the lobby kiosks.

Kiosks upload their events (tickets, ratings, audit records, heartbeats) and
download the configuration bundle, appointments and live queue figures of
their centre. The HTTP API is written down in ``openapi.yaml`` beside this
file (package data; ``docs/api/openapi.yaml`` links to it).

This package is plain Python: it imports neither PySide6 nor the kiosk's
``kiosk``/``ui`` packages, so it can run on a server without a display.
"""

__version__ = "0.1.0"

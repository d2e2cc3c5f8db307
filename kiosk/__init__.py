"""The kiosk's core: configuration, catalog, ticket store and queue arithmetic.

Nothing in this package imports PySide6 or ``ui``; the rule is checked by
``tests/kiosk/test_core_is_qt_free.py``.
"""

__version__ = "0.1.0"

"""The kiosk's core: configuration, catalog, ticket store and queue arithmetic.

Nothing in this package imports PySide6, ``ui`` or ``central``; the rule is an
import-linter contract (``[importlinter]`` in ``setup.cfg``), which
``tests/test_code_quality.py`` runs.
"""

__version__ = "0.1.0"

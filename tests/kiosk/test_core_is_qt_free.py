"""The core imports neither PySide6 nor ui: checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kiosk
from kiosk.config import PROJECT_ROOT


def test_every_core_module_imports_without_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(kiosk.__path__, "kiosk.")]
    assert "kiosk.tickets" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == ""

"""Every visitor-facing string has both languages, and the compiled files match the sources."""

from __future__ import annotations

import subprocess
import sys

from kiosk.config import PROJECT_ROOT


def test_translations_complete_and_compiled() -> None:
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "tools" / "i18n.py"), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

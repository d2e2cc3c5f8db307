"""Lint (ruff) on the whole tree and strict typing (mypy) on the core."""

from __future__ import annotations

import subprocess
import sys

from kiosk.config import PROJECT_ROOT


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_is_strictly_typed() -> None:
    result = run("mypy", "--no-error-summary")
    assert result.returncode == 0, result.stdout + result.stderr

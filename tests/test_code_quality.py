"""Lint (ruff) on the whole tree, strict typing (mypy) on the core, and the
import contracts (import-linter, ``[importlinter]`` in setup.cfg): the core
is Qt-free, and tickets, ratings and sync do not lean on admin features."""

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


def test_import_contracts_are_kept() -> None:
    # --no-cache: the cache would land in the working tree, shared by parallel runs.
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
                               "sys.exit(c(['--no-cache', '--no-logo']))"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # Both contracts ran: a contract renamed away or dropped from setup.cfg would pass silently.
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout

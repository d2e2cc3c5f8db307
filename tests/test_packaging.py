"""The kiosk installs like software: a wheel, into a fresh venv, without the source tree."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT


def _listed_packages() -> set[str]:
    parser = configparser.ConfigParser()
    parser.read(PROJECT_ROOT / "setup.cfg", encoding="utf-8")
    return {line.strip() for line in parser["options"]["packages"].splitlines() if line.strip()}


def test_every_package_folder_is_listed_in_setup_cfg() -> None:
    found = {str(init.parent.relative_to(PROJECT_ROOT)).replace(os.sep, ".")
             for top in ("kiosk", "ui", "central") for init in (PROJECT_ROOT / top).rglob("__init__.py")}
    assert found <= _listed_packages()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel built from this tree installed in it (not editable)."""
    root = tmp_path_factory.mktemp("install")
    # Built from a copy: setuptools leaves build/ behind in the folder it builds, and a
    # stale build/lib can slip removed modules into a later wheel.
    source = root / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))
    wheels = root / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("mfc_kiosk-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[server]"],
                   check=True, capture_output=True, timeout=600)
    return venv


def _run(venv: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(venv / "bin" / argv[0]), *argv[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_installed_commands_run_without_the_source_tree(installed: Path, tmp_path: Path) -> None:
    kiosk_version = _run(installed, "mfc-kiosk", "--version", cwd=tmp_path)
    assert kiosk_version.returncode == 0 and kiosk_version.stdout.startswith("mfc-kiosk ")
    central_version = _run(installed, "mfc-central", "--version", cwd=tmp_path)
    assert central_version.returncode == 0 and central_version.stdout.startswith("mfc-central ")
    where = _run(installed, "python", "-c", "import kiosk, ui, central; print(kiosk.__file__)", cwd=tmp_path)
    assert str(installed) in where.stdout and str(PROJECT_ROOT) not in where.stdout


def test_the_installed_kiosk_finds_its_catalog_translations_and_texts(installed: Path, tmp_path: Path) -> None:
    # Rendering Home in both languages needs the demo config and catalog, the
    # compiled translations and the standard's Markdown: all package data.
    shots = _run(installed, "mfc-kiosk", "screenshots", str(tmp_path / "shots"), "--modes", "normal",
                 cwd=tmp_path)
    assert shots.returncode == 0, shots.stderr
    assert (tmp_path / "shots" / "01-home-en.png").exists()
    assert "untranslated" not in shots.stderr.lower()


def test_the_installed_server_ships_its_contract(installed: Path, tmp_path: Path) -> None:
    found = _run(installed, "python", "-c",
                 "import importlib.resources as r; print(r.files('central').joinpath('openapi.yaml').is_file())",
                 cwd=tmp_path)
    assert found.stdout.strip() == "True", found.stderr

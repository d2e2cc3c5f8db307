"""Where the kiosk's shipped files are: in a checkout, or inside an installed wheel.

A checkout keeps them in the project's top-level ``assets/`` and ``config/``
folders. A wheel ships the same files as package data of ``mfc_kiosk_assets``
and ``mfc_kiosk_config`` (``setup.cfg`` maps the folders onto those names),
found through the import system, so an installed kiosk never looks for
a source tree.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent

# The default config of an installed kiosk (deploy/install.sh puts it there).
SYSTEM_CONFIG = Path("/etc/mfc-kiosk/kiosk.toml")


def in_checkout() -> bool:
    """Whether the kiosk runs from a source tree (``python main.py``) rather than a wheel."""
    return (_CHECKOUT / "assets").is_dir() and (_CHECKOUT / "config").is_dir()


def _shipped(folder: str, package: str) -> Path:
    if in_checkout():
        return _CHECKOUT / folder
    # The data folders have no __init__.py (they hold data, not code), so they
    # install as namespace packages: their one folder is the spec's search location.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the installed kiosk lacks its {package} data; reinstall the wheel")
    return Path(next(iter(spec.submodule_search_locations)))


def assets_dir() -> Path:
    """The demo catalog, translations and visitor texts."""
    return _shipped("assets", "mfc_kiosk_assets")


def configs_dir() -> Path:
    """The shipped configs: ``demo.toml`` and the commented ``example.toml``."""
    return _shipped("config", "mfc_kiosk_config")


def default_config() -> Path:
    """The config used without ``--config``: the checkout's ``config/kiosk.toml``, else the system one."""
    return _CHECKOUT / "config" / "kiosk.toml" if in_checkout() else SYSTEM_CONFIG

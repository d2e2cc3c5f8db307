"""The kiosk's server credential, in a file only the kiosk's user can read.

Written atomically with mode 0600 (created that way, never widened); the
token is never logged and never shown in admin mode.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "sync-credentials.json"


class CredentialsError(RuntimeError):
    """The credentials file is missing pieces, unreadable, or readable by others."""


@dataclass(frozen=True)
class Credentials:
    server: str
    kiosk_id: str
    centre_id: str
    token: str

    def __repr__(self) -> str:  # keep the token out of logs and tracebacks
        return f"Credentials(server={self.server!r}, kiosk_id={self.kiosk_id!r}, centre_id={self.centre_id!r})"


def save(path: Path, credentials: Credentials) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    data = json.dumps({"server": credentials.server, "kiosk_id": credentials.kiosk_id,
                       "centre_id": credentials.centre_id, "token": credentials.token}).encode()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT's mode does not apply to a file left by an earlier attempt
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)


def load(path: Path) -> Credentials | None:
    """The saved credentials, or None when the kiosk is not enrolled.

    Raises:
        CredentialsError: the file is damaged or other users could read it.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None
    if mode & 0o077:
        raise CredentialsError(f"{path} is readable by other users (mode {mode:o}); run chmod 600 {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Credentials(server=str(data["server"]), kiosk_id=str(data["kiosk_id"]),
                           centre_id=str(data["centre_id"]), token=str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CredentialsError(f"{path} cannot be used: {type(exc).__name__}") from None

"""Logging to a rotating file in the data folder, and to standard error."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Send log records to ``DATA_DIR/logs/kiosk.log`` (1 MiB x 5 files) and stderr.

    Returns:
        The log file's path, or None when there is no data folder (or it cannot be written).
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter(LOG_FORMAT)
    console = logging.StreamHandler()
    console.setFormatter(formatter)
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if data_dir is None:
        return None
    path = data_dir / "logs" / "kiosk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5,
                                                            encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).error("cannot write log file %s: %s", path, exc.strerror)
        return None
    file_handler.setFormatter(formatter)
    file_handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return path

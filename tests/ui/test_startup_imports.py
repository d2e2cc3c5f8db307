"""What a kiosk without a central server loads to show Home: not the HTTP stack,
not sqlite-utils (its store is up to date), not admin mode's screens, not the
rating steps behind *Rate the service*, not the QR library (and the image
library it brings) nor the service standard's Markdown reader, which only the
screens behind Home's tiles use. Checked in a fresh interpreter, since this one
has loaded everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from pathlib import Path
from kiosk.config import DEMO_CONFIG, load_config
from ui.app import Kiosk
kiosk = Kiosk(load_config(DEMO_CONFIG), Path(sys.argv[1]), printer=None)
kiosk.show(windowed=True)
kiosk.app.processEvents()
watched = ("requests", "sqlite_utils", "ui.admin.screen", "ui.admin.pin", "ui.sync_bridge", "kiosk.sync.engine",
           "qrcode", "PIL", "kiosk.content", "ui.rating.criteria", "ui.rating.comment")
loaded = [name for name in watched if name in sys.modules]
kiosk.shutdown()
print(json.dumps({"loaded": loaded, "screens": kiosk.window.nav.names() and len(kiosk.window.nav.screens())}))
"""


def start(data: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, str(data)], env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def test_a_kiosk_without_a_server_starts_without_the_sync_stack_or_admin_mode(tmp_path: Path) -> None:
    first = start(tmp_path / "data")  # makes the store: its migrations load sqlite-utils
    assert "requests" not in first["loaded"] and "ui.admin.screen" not in first["loaded"]
    again = start(tmp_path / "data")
    assert again["loaded"] == []
    assert again["screens"] == 1  # Home only

"""``main.py screenshots`` renders every screen in both languages at 1920x1080."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

import main


def test_screenshots_command_renders_every_screen(tmp_path: Path, qapp) -> None:
    # Normal text in the default theme; tests/ui/test_a11y_screenshots.py covers the other modes.
    assert main.main(["screenshots", str(tmp_path), "--modes", "normal"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(names) == 32  # 16 screens in two languages
    for lang in ("ru", "en"):
        for screen in ("01-home", "02-categories", "03-services", "05-ticket", "08-home-closed",
                       "12-rating-criteria", "15-admin-today"):
            assert f"{screen}-{lang}.png" in names
    image = QImage(str(tmp_path / "05-ticket-en.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    # Not a blank picture: the dark bars and the light page are both there.
    colours = {image.pixelColor(x, y).name() for x in range(0, 1920, 97) for y in range(0, 1080, 61)}
    assert len(colours) > 3

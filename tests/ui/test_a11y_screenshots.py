"""``main.py screenshots`` renders large text and high contrast too, so anyone
can look at every screen in every mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

import main
from ui.accessibility import HIGH_CONTRAST_PALETTE


def test_a11y_screenshots_in_large_text_and_high_contrast(tmp_path: Path, qapp) -> None:
    assert main.main(["screenshots", str(tmp_path), "--modes", "large-contrast"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(names) == 32  # 16 screens in two languages
    assert all(name.endswith(("-ru-large-contrast.png", "-en-large-contrast.png")) for name in names)
    for screen in ("01-home", "05-ticket", "09-standard", "10-about"):
        assert f"{screen}-ru-large-contrast.png" in names
    image = QImage(str(tmp_path / "09-standard-en-large-contrast.png"))
    assert (image.width(), image.height()) == (1920, 1080)  # the bars still fit the screen's width
    colours = [image.pixelColor(x, y).name().upper() for x in range(0, 1920, 97) for y in range(0, 1080, 61)]
    # Mostly the black page of the high-contrast theme, with light text on it.
    assert colours.count(HIGH_CONTRAST_PALETTE.background) > len(colours) / 2
    assert len(set(colours)) > 3


def test_a11y_screenshots_refuse_an_unknown_mode(tmp_path: Path, capsys) -> None:
    assert main.main(["screenshots", str(tmp_path), "--modes", "huge"]) == main.EXIT_BAD_CONFIG
    assert "normal, large, contrast, large-contrast" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.png"))

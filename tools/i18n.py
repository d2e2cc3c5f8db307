"""Keep the translation files in step with the code.

    python tools/i18n.py update    # extract strings from ui/ into assets/i18n/*.ts (keeps translations)
    python tools/i18n.py release   # compile the .ts files to the .qm files the kiosk loads
    python tools/i18n.py check     # fail if a string is untranslated or a .qm is stale

Source texts are English; kiosk_ru.ts carries the Russian and kiosk_en.ts the
English plural forms.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "assets" / "i18n"
LANGUAGES = ("ru", "en")


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    if exe.exists():
        return str(exe)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found; install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def ts_path(lang: str) -> Path:
    return I18N / f"kiosk_{lang}.ts"


def update(ts_dir: Path = I18N) -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", lang,
                        *sources(), "-ts", str(ts_dir / f"kiosk_{lang}.ts")], cwd=ROOT, check=True)


def release(out_dir: Path = I18N) -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("lrelease"), "-silent", str(ts_path(lang)),
                        "-qm", str(out_dir / f"kiosk_{lang}.qm")], cwd=ROOT, check=True)


def problems() -> list[str]:
    """Untranslated strings, strings the code has but the .ts lacks, stale .qm files."""
    found: list[str] = []
    for lang in LANGUAGES:
        tree = ET.parse(ts_path(lang))
        for context in tree.getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                translation = message.find("translation")
                source = message.findtext("source")
                if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                    found.append(f"kiosk_{lang}.ts: {name}: not translated: {source!r}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        for lang in LANGUAGES:
            shutil.copy(ts_path(lang), tmp_dir / f"kiosk_{lang}.ts")
        update(tmp_dir)
        for lang in LANGUAGES:
            if (tmp_dir / f"kiosk_{lang}.ts").read_bytes() != ts_path(lang).read_bytes():
                found.append(f"kiosk_{lang}.ts is out of date with ui/: run python tools/i18n.py update")
        release(tmp_dir)
        for lang in LANGUAGES:
            qm = I18N / f"kiosk_{lang}.qm"
            if not qm.exists() or qm.read_bytes() != (tmp_dir / f"kiosk_{lang}.qm").read_bytes():
                found.append(f"{qm.name} is stale: run python tools/i18n.py release")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "translations complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run every benchmark (``bench/*_bench.py``) and print one table of their figures.

    python bench/run.py [--quick] [--only NAME[,NAME...]]

Each script runs in its own interpreter with ``--quick`` passed on when given
(every script takes it, for a short run); its own output is shown as it
comes, and the lines it prints as ``figure: NAME = VALUE`` are gathered
into the table at the end, with the script's exit status.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FIGURE = "figure: "


def scripts(only: set[str]) -> list[Path]:
    found = sorted(BENCH.glob("*_bench.py"))
    return [p for p in found if not only or p.stem.removesuffix("_bench") in only or p.stem in only]


def run(script: Path, quick: bool) -> tuple[int, float, list[tuple[str, str]]]:
    """Run one script; (exit status, seconds, its figures)."""
    takes_quick = "--quick" in script.read_text(encoding="utf-8")
    if quick and not takes_quick:
        print(f"\n({script.name} has no --quick: it runs in full)", flush=True)
    command = [sys.executable, str(script), *(["--quick"] if quick and takes_quick else [])]
    print(f"\n$ {' '.join(command)}", flush=True)
    start = time.monotonic()
    figures: list[tuple[str, str]] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=BENCH.parent) as child:
        assert child.stdout is not None
        for line in child.stdout:
            print(f"  {line}", end="", flush=True)
            if line.startswith(FIGURE) and " = " in line:
                name, value = line[len(FIGURE):].rstrip("\n").split(" = ", 1)
                figures.append((name.strip(), value.strip()))
    return child.returncode, time.monotonic() - start, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="pass --quick to every script (a short run)")
    parser.add_argument("--only", default="", help="comma-separated scripts to run, e.g. kiosk,year")
    args = parser.parse_args(argv)
    chosen = scripts({name.strip() for name in args.only.split(",") if name.strip()})
    if not chosen:
        print(f"bench/run.py: --only {args.only!r}: no such script in {BENCH} "
              f"(there are: {', '.join(p.stem for p in sorted(BENCH.glob('*_bench.py')))})", file=sys.stderr)
        return 2
    rows: list[tuple[str, str, str]] = []
    failed = []
    for script in chosen:
        status, seconds, figures = run(script, args.quick)
        if status != 0:
            failed.append(script.stem)
            rows.append((script.stem, "exit status", f"{status} (FAILED)"))
        rows.extend((script.stem, name, value) for name, value in figures)
        rows.append((script.stem, "run time", f"{seconds:.0f} s"))
    widths = [max(len(row[i]) for row in [*rows, ("script", "figure", "value")]) for i in range(3)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(("script", "figure", "value"), widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

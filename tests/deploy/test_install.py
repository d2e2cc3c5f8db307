"""deploy/install.sh: what an operator's box looks like after it, and that running it again
changes nothing. Staged into a temporary root on any machine; for real (a system user,
Debian packages, units, enrolment with a running server) only in CI, where the machine is
a throwaway one."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT

INSTALL = PROJECT_ROOT / "deploy" / "install.sh"
UNITS = ("mfc-kiosk.service", "mfc-kiosk-x11.service", "mfc-kiosk-backup.service", "mfc-kiosk-backup.timer")

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the installer runs as root (it sets owners and modes)")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(root / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    (built,) = (root / "dist").glob("mfc_kiosk-*.whl")
    return built


def install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(INSTALL), *args], capture_output=True, text=True, timeout=900)


Staged = tuple[Path, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Staged]:
    root = tmp_path_factory.mktemp("root")
    result = install("--root", str(root), "--no-apt", "--wheel", str(wheel))
    yield root, result


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_layout_an_operator_finds(staged: Staged) -> None:
    root, result = staged
    # The example config names a server the kiosk is not enrolled with: the check says so and fails.
    assert result.returncode == 6, result.stdout + result.stderr
    assert "FAIL  server    not enrolled" in result.stdout
    venv = root / "opt/mfc-kiosk/venv"
    assert venv.is_symlink() and os.readlink(venv).endswith("releases/0.1.0/venv")
    assert (venv / "bin/mfc-kiosk").exists() and (venv / "bin/mfc-central").exists()
    assert mode(root / "etc/mfc-kiosk") == 0o750 and mode(root / "etc/mfc-kiosk/kiosk.toml") == 0o640
    assert mode(root / "var/lib/mfc-kiosk") == 0o700
    for unit in UNITS:
        assert (root / "etc/systemd/system" / unit).is_file()
    assert (root / "etc/systemd/system/graphical.target.wants/mfc-kiosk.service").is_symlink()
    assert (root / "etc/systemd/system/timers.target.wants/mfc-kiosk-backup.timer").is_symlink()
    assert os.access(root / "opt/mfc-kiosk/share/x11/kiosk-session", os.X_OK)


def test_running_it_again_changes_nothing_and_keeps_the_config(staged: Staged, wheel: Path) -> None:
    root, _ = staged
    config = root / "etc/mfc-kiosk/kiosk.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited by the operator\n", encoding="utf-8")
    again = install("--root", str(root), "--no-apt", "--wheel", str(wheel))
    assert "release 0.1.0 is installed already" in again.stdout
    assert config.read_text(encoding="utf-8").endswith("# edited by the operator\n")


def test_rollback_goes_to_the_previous_release(staged: Staged) -> None:
    root, _ = staged
    releases = root / "opt/mfc-kiosk/releases"
    shutil.copytree(releases / "0.1.0", releases / "0.0.9", symlinks=True)
    try:
        result = install("--root", str(root), "--rollback")
        assert result.returncode == 0, result.stderr
        assert os.readlink(root / "opt/mfc-kiosk/venv").endswith("releases/0.0.9/venv")
    finally:
        (root / "opt/mfc-kiosk/venv").unlink()
        (root / "opt/mfc-kiosk/venv").symlink_to(releases / "0.1.0" / "venv")
        shutil.rmtree(releases / "0.0.9")


def test_the_units_pass_systemd_analyze(staged: Staged) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is installed by run.sh test (Debian package systemd)")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             *(str(PROJECT_ROOT / "deploy/systemd" / unit) for unit in UNITS)],
                            capture_output=True, text=True, timeout=60)
    # Staged, the programs they start are not on this machine: that alone may be said.
    problems = [line for line in result.stderr.splitlines()
                if line.strip() and "is not executable: No such file or directory" not in line]
    assert problems == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="installs for real (a user, packages, /opt, /etc): CI only")
def test_a_real_install_enrols_and_checks_clean(wheel: Path, tmp_path: Path) -> None:
    from central.testing import run_server
    from tests.kiosk.sync.test_sync_engine import central

    db = tmp_path / "central.db"
    with run_server(db) as url:
        text = central(db, "enrol", "ci-kiosk-1", "--centre", "ci-centre")
        code = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("enrolment code: "))
        etc = Path("/etc/mfc-kiosk")
        etc.mkdir(mode=0o750, exist_ok=True)
        example = (PROJECT_ROOT / "config/example.toml").read_text(encoding="utf-8")
        config = (example.replace('id = "mfc-tverskoy-k1"', 'id = "ci-kiosk-1"')
                  .replace('id = "mfc-tverskoy"', 'id = "ci-centre"')
                  .replace('server = "https://central.example.invalid"', f'server = "{url}"')
                  .replace('kind = "system"', 'kind = "pdf"'))
        (etc / "kiosk.toml").write_text(config, encoding="utf-8")
        result = install("--wheel", str(wheel), "--server", url, "--code", code)
        report = result.stdout + result.stderr
        assert result.returncode == 0, report
        assert "kiosk ci-kiosk-1 enrolled" in report
        assert "FAIL" not in report
    user = subprocess.run(["id", "-u", "mfc-kiosk"], capture_output=True, text=True)
    assert user.returncode == 0
    config_file = Path("/etc/mfc-kiosk/kiosk.toml")
    assert mode(config_file) == 0o640 and config_file.stat().st_uid == 0
    data = Path("/var/lib/mfc-kiosk")
    assert data.stat().st_uid == int(user.stdout) and mode(data) == 0o700
    credentials = data / "sync-credentials.json"
    assert mode(credentials) == 0o600 and credentials.stat().st_uid == int(user.stdout)
    verify = subprocess.run(["systemd-analyze", "verify", "--man=no", "/etc/systemd/system/mfc-kiosk.service",
                             "/etc/systemd/system/mfc-kiosk-backup.service",
                             "/etc/systemd/system/mfc-kiosk-backup.timer"], capture_output=True, text=True)
    assert verify.returncode == 0 and verify.stderr.strip() == "", verify.stderr

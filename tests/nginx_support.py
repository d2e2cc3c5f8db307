"""deploy/proxy/nginx.conf run for real on loopback, with a certificate of a throwaway CA.

Used by the TLS end-to-end test (tests/central/test_tls_proxy.py) and by the load
generator (bench/load_bench.py --proxy), so both measure the file operators
install, with only its machine-specific values replaced.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.central.serve_support import LoggedProcess

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "deploy" / "proxy" / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def openssl(*args: str, cwd: Path) -> None:
    result = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"openssl {args[0]} failed: {result.stderr.strip()}")


def make_certificates(folder: Path) -> None:
    """ca.pem (a CA of its own) and server.crt/server.key for 127.0.0.1 and localhost, signed by it."""
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Throwaway test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)  # fmt: skip
    openssl("req", *curve, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "server.ext").write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
        encoding="ascii",
    )
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.crt", "-days", "2", "-extfile", "server.ext", cwd=folder)  # fmt: skip


def render(config: str, replacements: dict[str, str]) -> str:
    """The config with each production value replaced; every one must be there (the copy follows the file)."""
    for old, new in replacements.items():
        if config.count(old) < 1:
            raise AssertionError(f"deploy/proxy/nginx.conf no longer contains {old!r}")
        config = config.replace(old, new)
    return config


def loopback_config(folder: Path, *, listen_port: int, upstream_port: int, access_log: bool = True) -> Path:
    """Write ``folder/nginx.conf``: the deployed file, listening on 127.0.0.1, its files under ``folder``.

    Makes the throwaway CA and certificate in ``folder/tls`` and nginx's
    temporary folders in ``folder/temp``. ``access_log=False`` turns the access
    log off (a load run writes hundreds of thousands of lines).
    """
    os.chmod(folder, 0o755)
    tls = folder / "tls"
    tls.mkdir(exist_ok=True)
    make_certificates(tls)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "temp" / name).mkdir(parents=True, exist_ok=True)
    access = "access_log /var/log/nginx/mfc-central-access.log mfc_central;"
    text = render(CONFIG.read_text(encoding="utf-8"), {
        "user www-data;\n": "",
        "pid /run/mfc-central-proxy.pid;": f"pid {folder}/nginx.pid;",
        "error_log /var/log/nginx/mfc-central-error.log warn;": "error_log stderr notice;",
        access: access.replace("/var/log/nginx/mfc-central-access.log", str(folder / "access.log"))
        if access_log else "access_log off;",
        "/var/lib/nginx/": f"{folder}/temp/",
        "server 127.0.0.1:8700;": f"server 127.0.0.1:{upstream_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{listen_port} ssl;",
        "listen [::]:443 ssl;\n": "",
        "/etc/mfc-central/tls/server-chain.pem": str(tls / "server.crt"),
        "/etc/mfc-central/tls/server.key": str(tls / "server.key"),
    })  # fmt: skip
    config = folder / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    return config


class NginxProcess(LoggedProcess):
    """nginx in the foreground (as nobody when run as root), its stderr collected; ready once a worker started."""

    def __init__(self, folder: Path, config: Path) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        as_nobody: dict[str, Any] = {}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            as_nobody = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        super().__init__([binary, "-p", str(folder), "-c", str(config), "-e", "stderr", "-g", "daemon off;"],
                         **as_nobody)
        self.wait_for("start worker process")
        if self.process.poll() is not None:
            raise RuntimeError("nginx stopped:\n" + "".join(self.lines))

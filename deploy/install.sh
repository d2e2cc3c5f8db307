#!/usr/bin/env bash
# Install (or upgrade) the lobby kiosk on a Debian 12 box. Run as root; running
# it again changes only what is missing or out of date, and never touches an
# existing config or the data.
#
#   deploy/install.sh [--wheel FILE] [--x11] [--server URL --code CODE] [--no-apt] [--root DIR]
#   deploy/install.sh --rollback          # go back to the previously installed release
#
#   --wheel FILE   the kiosk's wheel (default: build one from the repository this script is in)
#   --x11          enable the bare-X11 session instead of cage (Wayland)
#   --server URL --code CODE
#                  enrol the kiosk with the central server (the code from `mfc-central enrol`);
#                  set [sync] server = URL in /etc/mfc-kiosk/kiosk.toml first
#   --no-apt       install no Debian packages (they are there already)
#   --root DIR     install into DIR instead of / (staging and tests: no users, no apt)
#
# Layout: /opt/mfc-kiosk/releases/VERSION/venv (one venv per release),
# /opt/mfc-kiosk/venv -> the current release, /etc/mfc-kiosk/kiosk.toml,
# /var/lib/mfc-kiosk (data, 0700, the kiosk's user), units in /etc/systemd/system.
# docs/deploy.md walks through it.
set -euo pipefail
# Whatever umask the caller had: the venv must be readable by the kiosk's user;
# the config and the data folder get their modes explicitly below.
umask 022

USER_NAME=mfc-kiosk
# Debian's own Python: the kiosk's user must be able to run the venv's interpreter,
# which a Python under /root or /usr/local (pyenv, a hand-built one) may not allow.
PYTHON="${PYTHON:-/usr/bin/python3}"
KEEP_RELEASES=3
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"

wheel="" x11=0 server="" code="" apt=1 root="/" rollback=0
while [ $# -gt 0 ]; do
  case "$1" in
    --wheel) wheel="$2"; shift 2 ;;
    --x11) x11=1; shift ;;
    --server) server="$2"; shift 2 ;;
    --code) code="$2"; shift 2 ;;
    --no-apt) apt=0; shift ;;
    --root) root="$2"; shift 2 ;;
    --rollback) rollback=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if { [ -n "$server" ] && [ -z "$code" ]; } || { [ -z "$server" ] && [ -n "$code" ]; }; then
  echo "install.sh: --server and --code go together" >&2; exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo deploy/install.sh ...)" >&2; exit 2; }

real=0; [ "$root" = "/" ] && real=1
root="${root%/}"
opt="$root/opt/mfc-kiosk" etc="$root/etc/mfc-kiosk" data="$root/var/lib/mfc-kiosk"
units="$root/etc/systemd/system"
say() { echo "install.sh: $*"; }

# -- Debian packages -------------------------------------------------------------
# Qt's offscreen/xcb/wayland plugins need these libraries; PT Sans is the kiosk's
# font; cage is the compositor; cups-client and libcups2 talk to the print spooler.
PACKAGES=(python3 python3-venv fonts-paratype fonts-dejavu-core fontconfig
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libpulse0
  libwayland-client0 libwayland-cursor0 libwayland-egl1 cage cups-client libcups2 systemd
  libusb-1.0-0 libcups2-dev gcc python3-dev)
# (pycups, for CUPS queues, is published as source only: libcups2-dev, gcc and
# python3-dev build it; libusb-1.0-0 serves USB receipt printers.)
X11_PACKAGES=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)
if [ "$apt" -eq 1 ] && [ "$real" -eq 1 ] && [ "$rollback" -eq 0 ]; then
  wanted=("${PACKAGES[@]}"); [ "$x11" -eq 1 ] && wanted+=("${X11_PACKAGES[@]}")
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# -- the kiosk's user --------------------------------------------------------------
owner="root"
if [ "$real" -eq 1 ]; then
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    say "creating system user $USER_NAME"
    useradd --system --user-group --home-dir /var/lib/mfc-kiosk --no-create-home \
      --shell /usr/sbin/nologin --comment "lobby kiosk" "$USER_NAME"
  fi
  for group in video input render lp; do
    getent group "$group" >/dev/null && usermod -a -G "$group" "$USER_NAME"
  done
  owner="$USER_NAME"
fi

# -- rollback: point the venv link at the previous release ------------------------------
if [ "$rollback" -eq 1 ]; then
  current="$(readlink "$opt/venv" 2>/dev/null || true)"
  previous="$(ls -1d "$opt"/releases/*/ 2>/dev/null | sed 's:/$::' | sort -V | grep -vxF "${current%/venv}" | tail -n 1)"
  [ -n "$previous" ] || { echo "install.sh: no earlier release to roll back to" >&2; exit 1; }
  ln -sfn "$previous/venv" "$opt/venv.new" && mv -T "$opt/venv.new" "$opt/venv"
  say "rolled back to $(basename "$previous"); restart with: systemctl restart mfc-kiosk"
  exit 0
fi

# -- the release: a venv per version, the link switched only once it works -------------------
if [ -z "$wheel" ]; then
  build="$(mktemp -d)"
  trap 'rm -rf "$build"' EXIT
  say "building the wheel from $repo"
  "$PYTHON" -m venv "$build/venv"
  "$build/venv/bin/python" -m pip install -q --upgrade pip
  # A copy of the tracked files: setuptools writes build/ into the folder it builds.
  (cd "$repo" && { git ls-files --cached --others --exclude-standard 2>/dev/null \
      || find . -path ./.venv -prune -o -type f -print; } \
    | while read -r file; do [ -f "$file" ] && printf '%s\n' "$file"; done \
    | tar -cf - -T -) | (mkdir -p "$build/src" && tar -xf - -C "$build/src")
  "$build/venv/bin/python" -m pip wheel -q --no-deps -w "$build/dist" "$build/src"
  wheel="$(ls "$build"/dist/mfc_kiosk-*.whl)"
fi
[ -f "$wheel" ] || { echo "install.sh: no wheel at $wheel" >&2; exit 2; }
version="$(basename "$wheel" | sed -E 's/^mfc_kiosk-([^-]+)-.*/\1/')"
release="$opt/releases/$version"
# The same code twice gives wheels that differ only in their zip dates: compare
# the wheel's RECORD (every file with its hash) instead of the wheel itself.
content="$("$PYTHON" -c 'import sys, zipfile, hashlib
w = zipfile.ZipFile(sys.argv[1])
record = next(n for n in w.namelist() if n.endswith(".dist-info/RECORD"))
print(hashlib.sha256(w.read(record)).hexdigest())' "$wheel")"
if [ ! -x "$release/venv/bin/mfc-kiosk" ] || [ "$(cat "$release/wheel/content.sha256" 2>/dev/null)" != "$content" ]; then
  say "installing release $version into $release"
  # Built in place (a venv's scripts name their interpreter by path); the link
  # below moves only once the new release answers, so a failed upgrade leaves
  # the running release alone and the next run starts this one afresh.
  rm -rf "$release"
  mkdir -p "$release/wheel"
  cp "$wheel" "$release/wheel/"
  "$PYTHON" -m venv "$release/venv"
  "$release/venv/bin/python" -m pip install -q --upgrade pip
  # With both printer extras: the config picks the printer kind, not the install.
  "$release/venv/bin/python" -m pip install -q "$release/wheel/$(basename "$wheel")[cups,escpos]"
  echo "$content" > "$release/wheel/content.sha256"
else
  say "release $version is installed already"
fi
"$release/venv/bin/mfc-kiosk" --version >/dev/null
ln -sfn "$release/venv" "$opt/venv.new" && mv -T "$opt/venv.new" "$opt/venv"
# Keep the last few releases for a rollback.
ls -1d "$opt"/releases/*/ 2>/dev/null | sed 's:/$::' | sort -V | head -n -"$KEEP_RELEASES" | while read -r old; do
  [ "$old" = "$release" ] || { say "removing old release $(basename "$old")"; rm -rf "$old"; }
done

# -- config, data, shared files ---------------------------------------------------------
install -d -m 0750 -o root -g "$([ "$real" -eq 1 ] && echo "$USER_NAME" || echo root)" "$etc"
if [ ! -f "$etc/kiosk.toml" ]; then
  shipped="$("$opt/venv/bin/python" -c 'from kiosk import resources; print(resources.configs_dir())')"
  say "writing $etc/kiosk.toml from the example: set the centre, the kiosk id and its ticket block"
  install -m 0640 -o root -g "$([ "$real" -eq 1 ] && echo "$USER_NAME" || echo root)" \
    "$shipped/example.toml" "$etc/kiosk.toml"
fi
# An existing config keeps its words but gets the modes it needs: it may name
# the server and other centres' details, and the kiosk only reads it.
chown "root:$([ "$real" -eq 1 ] && echo "$USER_NAME" || echo root)" "$etc/kiosk.toml"
chmod 0640 "$etc/kiosk.toml"
install -d -m 0700 -o "$owner" -g "$owner" "$data"
install -d -m 0755 "$opt/share/x11" "$opt/share/docs"
install -m 0755 "$here/x11/kiosk-session" "$opt/share/x11/kiosk-session"
[ -f "$repo/docs/deploy.md" ] && install -m 0644 "$repo/docs/deploy.md" "$opt/share/docs/deploy.md"

# -- units ------------------------------------------------------------------------------------
install -d -m 0755 "$units"
for unit in mfc-kiosk.service mfc-kiosk-x11.service mfc-kiosk-backup.service mfc-kiosk-backup.timer; do
  install -m 0644 "$here/systemd/$unit" "$units/$unit"
done
session=mfc-kiosk.service; other=mfc-kiosk-x11.service
[ "$x11" -eq 1 ] && { session=mfc-kiosk-x11.service; other=mfc-kiosk.service; }
if command -v systemctl >/dev/null; then
  # --root works with or without a running systemd (a fresh box, a chroot, CI).
  systemctl --root="$root/" disable "$other" >/dev/null 2>&1 || true
  systemctl --root="$root/" mask getty@tty1.service >/dev/null 2>&1 || true
  systemctl --root="$root/" enable "$session" mfc-kiosk-backup.timer >/dev/null 2>&1
  if [ "$real" -eq 1 ]; then
    systemctl set-default graphical.target >/dev/null 2>&1
  fi
  if [ "$real" -eq 1 ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
  fi
fi
say "enabled $session and the nightly backup"

# -- enrolment and the check ---------------------------------------------------------------------
run_as_kiosk() {
  if [ "$real" -eq 1 ]; then runuser -u "$USER_NAME" -- "$@"; else "$@"; fi
}
kiosk_cmd=("$opt/venv/bin/mfc-kiosk" --config "$etc/kiosk.toml" --data-dir "$data")
if [ -n "$server" ]; then
  say "enrolling with $server"
  run_as_kiosk "${kiosk_cmd[@]}" enrol --server "$server" --code "$code"
fi
say "checking the installation (mfc-kiosk check):"
set +e
run_as_kiosk "${kiosk_cmd[@]}" check
status=$?
set -e
if [ "$real" -eq 1 ] && [ -d /run/systemd/system ]; then
  say "start it with: systemctl restart $session"
fi
exit "$status"

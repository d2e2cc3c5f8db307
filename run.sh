#!/usr/bin/env bash
# One entry point for newcomers and CI:
#   ./run.sh demo [ARGS]    install what is needed, start the kiosk in demo mode (windowed)
#   ./run.sh test [ARGS]    install what the tests need, run the whole test suite
#   ./run.sh screenshots DIR
#   ./run.sh kiosk ARGS     main.py with these arguments (any config, enrol, ...)
#   ./run.sh server ARGS    the reference central server: python -m central ARGS
# It installs Debian packages (with sudo when not root), makes .venv and
# installs the project into it; later runs skip what is already there.
set -euo pipefail
cd "$(dirname "$0")"

# Qt offscreen needs these shared libraries; PT Sans is the UI font;
# poppler-utils and zbar-tools read printed tickets and their QR codes back in the tests.
BASE_PACKAGES=(python3-venv fonts-paratype fonts-dejavu-core poppler-utils zbar-tools
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libpulse0)  # Qt Multimedia, under the optional voice, links it
# A real window (xcb) needs these as well.
WINDOW_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)

install_debian_packages() {
  command -v dpkg-query >/dev/null || { echo "run.sh: not a Debian system; install the equivalents of: $*" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "run.sh: installing Debian packages: ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  local stamp=".venv/.installed-$extras"
  if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  demo)
    install_debian_packages "${BASE_PACKAGES[@]}" "${WINDOW_PACKAGES[@]}"
    make_venv server,voice
    exec .venv/bin/python main.py --demo --windowed "$@"
    ;;
  test)
    # Xvfb: the tests that drive a real X display (a lost display, real input);
    # xdotool and xclip: real X input and the X clipboard/primary selection.
    # CUPS with its PDF printer: the printing tests run a scheduler of their own; pycups
    # (the test extra) is a C extension built against libcups2-dev, with gcc and python3-dev.
    # PostgreSQL: the server's tests run on it as well as on SQLite, in a cluster the test
    # session starts itself (tests/central/server_dbs.py); nginx: the TLS proxy test.
    install_debian_packages "${BASE_PACKAGES[@]}" "${WINDOW_PACKAGES[@]}" xvfb xauth xdotool xclip \
      cups printer-driver-cups-pdf libcups2-dev gcc python3-dev postgresql nginx
    make_venv test
    exec .venv/bin/python -m pytest "$@"
    ;;
  kiosk)
    install_debian_packages "${BASE_PACKAGES[@]}" "${WINDOW_PACKAGES[@]}"
    make_venv server,voice
    exec .venv/bin/python main.py "$@"
    ;;
  server)
    install_debian_packages python3-venv
    make_venv server
    exec .venv/bin/python -m central "$@"
    ;;
  screenshots)
    install_debian_packages "${BASE_PACKAGES[@]}"
    make_venv server
    exec .venv/bin/python main.py screenshots "${1:-screenshots}"
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

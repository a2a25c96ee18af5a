# Sourced by Tools/test and Tools/serve: installs what a fresh Debian machine with Swift lacks.
#   apt: liblmdb-dev (the storage engine), lmdb-utils (mdb_dump, used by tests),
#        protobuf-compiler (protoc, for Tools/generate --check), pkg-config,
#        curl (the web gateway's tests speak HTTP through it), nginx-light (the test of the
#        nginx snippet in Tools/nginx; it is skipped, saying why, where nginx is missing)
#   pip: protobuf (the Python reference client and its test)
# simpeg_ensure_browser_deps, for the web app's browser tests (Tools/browser):
#   apt: chromium and chromium-driver (Debian's own build, driven headless), poppler-utils
#        (pdftotext and pdfinfo read the printed SKP form), fonts-dejavu-core (the documents' font)
#   pip: selenium from PyPI, into the Python that runs the tests: plainly into a pyenv or a venv,
#        with --break-system-packages into Debian's own python3, which refuses pip beside its
#        packages otherwise (PEP 668)
# Installs only what is missing; needs root (or sudo) for apt.

# Installs the Debian packages named, if any, with apt-get (through sudo when not root).
simpeg_apt_install() {
  [ "$#" -gt 0 ] || return 0
  echo "deps: installing $*" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# Installs a Python package for the python3 on the PATH: plainly (a pyenv or a venv), or past
# Debian's guard on its own Python (PEP 668) when that refuses.
simpeg_pip_install() {
  echo "deps: installing the Python package $1" >&2
  python3 -m pip install -q "$1" >&2 || python3 -m pip install -q --break-system-packages "$1" >&2
}

simpeg_ensure_deps() {
  local missing=()
  pkg-config --exists lmdb 2>/dev/null || missing+=(liblmdb-dev)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  command -v mdb_dump >/dev/null 2>&1 || missing+=(lmdb-utils)
  command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-pip)
  simpeg_apt_install "${missing[@]}"
  python3 -c 'import google.protobuf' >/dev/null 2>&1 || simpeg_pip_install 'protobuf>=4.21,<5'
}

simpeg_ensure_browser_deps() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  simpeg_apt_install "${missing[@]}"
  python3 -c 'import selenium, sys; sys.exit(int(selenium.__version__.split(".")[0]) < 4)' >/dev/null 2>&1 ||
    simpeg_pip_install 'selenium>=4.20,<5'
}

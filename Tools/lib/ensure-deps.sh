# Sourced by Tools/test and Tools/serve: installs what a fresh Debian machine with Swift lacks.
#   apt: liblmdb-dev (the storage engine), lmdb-utils (mdb_dump, used by tests),
#        protobuf-compiler (protoc, for Tools/generate --check), pkg-config,
#        curl (the web gateway's tests speak HTTP through it), nginx-light (the test of the
#        nginx snippet in Tools/nginx; it is skipped, saying why, where nginx is missing)
#   pip: protobuf (the Python reference client and its test)
# simpeg_ensure_browser_deps, for the web app's browser tests (Tools/browser):
#   apt: chromium and chromium-driver (Debian's own build, driven headless), poppler-utils
#        (pdftotext and pdfinfo read the printed SKP form), fonts-dejavu-core (the documents' font)
#   pip: selenium, into the Python that runs the tests; Debian's own python3 refuses pip beside
#        its packages (PEP 668), so there it goes in with --break-system-packages (selenium has no
#        Debian package new enough), elsewhere (a pyenv or a venv) plainly
# Installs only what is missing; needs root (or sudo) for apt.

simpeg_ensure_deps() {
  local missing=()
  pkg-config --exists lmdb 2>/dev/null || missing+=(liblmdb-dev)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  command -v mdb_dump >/dev/null 2>&1 || missing+=(lmdb-utils)
  command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-pip)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "deps: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
  fi
  if ! python3 -c 'import google.protobuf' >/dev/null 2>&1; then
    echo "deps: installing the Python protobuf package" >&2
    python3 -m pip install -q 'protobuf>=4.21,<5' >&2 ||
      python3 -m pip install -q --break-system-packages 'protobuf>=4.21,<5' >&2
  fi
}

simpeg_ensure_browser_deps() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "deps: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
  fi
  if ! python3 -c 'import selenium, sys; sys.exit(int(selenium.__version__.split(".")[0]) < 4)' >/dev/null 2>&1; then
    echo "deps: installing the Python selenium package" >&2
    python3 -m pip install -q 'selenium>=4.20,<5' >&2 ||
      python3 -m pip install -q --break-system-packages 'selenium>=4.20,<5' >&2
  fi
}

# Sourced by Tools/test and Tools/serve: installs what a fresh Debian machine with Swift lacks.
#   apt: liblmdb-dev (the storage engine), lmdb-utils (mdb_dump, used by tests),
#        protobuf-compiler (protoc, for Tools/generate --check), pkg-config,
#        curl (the web gateway's tests speak HTTP through it), nginx-light (the test of the
#        nginx snippet in Tools/nginx; it is skipped, saying why, where nginx is missing)
#   pip: protobuf (the Python reference client and its test)
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

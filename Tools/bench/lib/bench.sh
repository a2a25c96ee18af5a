# Sourced by the benchmarks that put simpeg beside other servers (Tools/bench/rpc, Tools/bench/reads,
# Tools/bench/performance): installing a peer's packages, servers started as children that report
# their port on their first line, free loopback ports, Redis driven by redis-benchmark, and
# instruction counts of a server process under valgrind's callgrind. Benchmarks are not part of
# Tools/test, so these packages are not in Tools/lib/ensure-deps.sh.

# bench_apt COMMAND PACKAGE...: installs the Debian PACKAGEs when COMMAND is missing.
bench_apt() {
  local command=$1
  shift
  command -v "$command" >/dev/null 2>&1 && return 0
  echo "deps: installing $*" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# bench_serve OUTPUT COMMAND...: starts COMMAND with its standard input a pipe this shell holds
# open (the servers of these benchmarks serve until it closes) and its standard output in OUTPUT;
# waits up to 10 minutes for its first line (servers under valgrind load slowly). Sets SERVE_PID,
# SERVE_FD (stop with bench_stop) and SERVE_LINE.
bench_serve() {
  local output=$1 _
  shift
  rm -f "$output.in"
  mkfifo "$output.in"
  "$@" <"$output.in" >"$output" 2>>"${BENCH_LOG:-/dev/null}" &
  SERVE_PID=$!
  exec {SERVE_FD}>"$output.in"
  SERVE_LINE=""
  for _ in $(seq 1 6000); do
    if [ -s "$output" ] && [ "$(wc -l <"$output")" -ge 1 ]; then
      SERVE_LINE=$(head -1 "$output")
      return 0
    fi
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "$1 did not report itself${BENCH_LOG:+; see $BENCH_LOG}" >&2
  return 1
}

# bench_stop PID FD: closes the server's input (its signal to shut down) and waits for it.
bench_stop() {
  eval "exec $2>&-"
  wait "$1" 2>/dev/null || true
}

# bench_free_port: a TCP port free on 127.0.0.1 right now (for servers that cannot bind port 0
# and report it, as Redis cannot).
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_wait_port PORT: waits up to 10 s until something listens on 127.0.0.1:PORT.
bench_wait_port() {
  local _
  for _ in $(seq 1 200); do
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" \
      2>/dev/null && return 0
    sleep 0.05
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# bench_redis_start [PREFIX...]: starts redis-server on a free loopback port, without persistence,
# optionally under PREFIX (e.g. valgrind ...); sets REDIS_PORT and REDIS_PID.
bench_redis_start() {
  REDIS_PORT=$(bench_free_port)
  "$@" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes \
    --daemonize no --loglevel warning >/dev/null 2>>"${BENCH_LOG:-/dev/null}" &
  REDIS_PID=$!
  bench_wait_port "$REDIS_PORT"
}

# bench_redis_stop: stops the Redis started by bench_redis_start.
bench_redis_stop() {
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
}

# bench_redis_fill KEYS BYTES: stores KEYS keys (key:000000000000 ...) of BYTES-byte values, every
# one of them (SET over random keys, 20 writes per key).
bench_redis_fill() {
  redis-benchmark -p "$REDIS_PORT" -t set -d "$2" -r "$1" -n $(($1 * 20)) -c 16 -q >/dev/null
}

# bench_redis_get CLIENTS SECONDS KEYS BYTES: GET of random keys among KEYS with redis-benchmark,
# CLIENTS connections each with one call in flight, for about SECONDS after an estimating run of
# 10,000 calls (which also warms the server). Prints "calls/s p50-us p99-us".
bench_redis_get() {
  local clients=$1 seconds=$2 keys=$3 bytes=$4 rate calls
  rate=$(redis-benchmark -p "$REDIS_PORT" -t get -d "$bytes" -r "$keys" -n 10000 -c "$clients" --csv |
    awk -F'"' 'NR == 2 { print int($4) }')
  calls=$(python3 -c "import sys; print(max(10000, min(5000000, int(float(sys.argv[1]) * float(sys.argv[2])))))" \
    "$rate" "$seconds")
  redis-benchmark -p "$REDIS_PORT" -t get -d "$bytes" -r "$keys" -n "$calls" -c "$clients" --csv --precision 3 |
    awk -F'"' 'NR == 2 { printf "%.0f %d %d\n", $4, $10 * 1000, $14 * 1000 }'
}

# bench_callgrind_last FILE: the instructions in the newest dump (FILE.N) of a callgrind run.
bench_callgrind_last() {
  local dump
  dump=$(ls "$1".* 2>/dev/null | awk -F. '{ print $NF " " $0 }' | sort -n | tail -1 | cut -d' ' -f2-)
  [ -n "$dump" ] || { echo "no callgrind dump next to $1" >&2; return 1; }
  awk '/^summary:/ { print $2; exit }' "$dump"
}

# bench_callgrind_binary BINARY DIR: a copy of BINARY in DIR without its debug information (valgrind
# 3.19 cannot read the DWARF 5 that Swift's toolchain writes, and gives up); prints its path.
bench_callgrind_binary() {
  local copy
  copy="$2/$(basename "$1")-nodebug"
  cp "$1" "$copy"
  strip --strip-debug "$copy"
  echo "$copy"
}

# bench_callgrind_prefix FILE: sets CALLGRIND to the command prefix that runs a server under
# callgrind with instrumentation off until a driver turns it on (SimpegBenchKit's CallgrindProbe),
# dumping to FILE.N. Start the server as `"${CALLGRIND[@]}" SERVER ... &` so that $! is its pid.
bench_callgrind_prefix() {
  CALLGRIND=(valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$1")
}

# bench_redis_instructions CLIENTS CALLS KEYS BYTES FILE: redis-server under callgrind (dumps to
# FILE.N), CALLS GETs by redis-benchmark with CLIENTS connections after 2,000 uncounted ones;
# prints instructions per call of the server process.
bench_redis_instructions() {
  local clients=$1 calls=$2 keys=$3 bytes=$4 out=$5 total
  bench_callgrind_prefix "$out"
  bench_redis_start "${CALLGRIND[@]}"
  bench_redis_fill "$keys" "$bytes"
  redis-benchmark -p "$REDIS_PORT" -t get -d "$bytes" -r "$keys" -n 2000 -c "$clients" -q >/dev/null
  callgrind_control --instr=on "$REDIS_PID" >/dev/null 2>&1
  callgrind_control --zero "$REDIS_PID" >/dev/null 2>&1
  redis-benchmark -p "$REDIS_PORT" -t get -d "$bytes" -r "$keys" -n "$calls" -c "$clients" -q >/dev/null
  callgrind_control --dump "$REDIS_PID" >/dev/null 2>&1
  total=$(bench_callgrind_last "$out")
  bench_redis_stop
  echo $((total / calls))
}

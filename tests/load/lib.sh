# Shared by the scripts in tests/load/: which gongshi binary to use, a temp copy of the sample
# content, and starting `gongshi serve` on a free 127.0.0.1 port (stopped on exit).
# Source it after `set -euo pipefail`; it sets ROOT, BIN, TMP, LOC, PORT, BASE, SERVER_PID.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

# GONGSHI_BIN, else the release binary if built, else the debug one.
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
if [[ -n ${GONGSHI_BIN:-} ]]; then
  BIN=$GONGSHI_BIN
elif [[ -x $TARGET/release/gongshi ]]; then
  BIN=$TARGET/release/gongshi
elif [[ -x $TARGET/debug/gongshi ]]; then
  BIN=$TARGET/debug/gongshi
else
  echo "$(basename "$0"): no gongshi binary; run cargo build first" >&2
  exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-load.XXXXXX")
SERVER_PID=""
# Scripts add their own clean-up commands here (e.g. stopping wrk).
EXTRA_CLEANUP=${EXTRA_CLEANUP:-}
cleanup() {
  [[ -n $EXTRA_CLEANUP ]] && eval "$EXTRA_CLEANUP"
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp -r content "$TMP/content"
LOC=(--content "$TMP/content" --output "$TMP/public" --index "$TMP/index" --static "$ROOT/static")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT

# Starts the server (it builds first) and waits until /healthz answers. The rate limit is off:
# every request of these scripts comes from one local client (see docs/security.md).
start_server() {
  "$BIN" serve "${LOC[@]}" --port "$PORT" --rate-limit 0 >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log"; echo "server died" >&2; exit 1; }
    sleep 0.1
  done
  echo "server not up after 60 s" >&2
  exit 1
}

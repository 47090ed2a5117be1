#!/usr/bin/env bash
# API contract fuzzing (issue 8, item 5): schemathesis against static/openapi.json as the
# server publishes it (/static/openapi.json), over a served copy of the sample content.
#
#   bash tests/load/schemathesis.sh [MAX_EXAMPLES] [MAX_SECONDS]     (defaults 100 and 120)
#
# Creates tests/load/.venv (git-ignored) with a pinned schemathesis on first use. Exits
# non-zero on any failed check. Reports (JUnit, NDJSON) go to ${CARGO_TARGET_DIR:-target}/schemathesis/.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
MAX_EXAMPLES=${1:-100}
MAX_SECONDS=${2:-120}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
if [[ -n ${GONGSHI_BIN:-} ]]; then
  BIN=$GONGSHI_BIN
elif [[ -x $TARGET/release/gongshi ]]; then
  BIN=$TARGET/release/gongshi
elif [[ -x $TARGET/debug/gongshi ]]; then
  BIN=$TARGET/debug/gongshi
else
  echo "schemathesis.sh: no gongshi binary; run cargo build first" >&2
  exit 2
fi

VENV=$ROOT/tests/load/.venv
if [[ ! -x $VENV/bin/schemathesis ]] ||
  [[ $("$VENV/bin/schemathesis" --version 2>/dev/null) != *" $SCHEMATHESIS_VERSION" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-st.XXXXXX")
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp -r content "$TMP/content"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
# --rate-limit 0: schemathesis is one local client sending hundreds of requests a second.
"$BIN" serve --content "$TMP/content" --output "$TMP/public" --index "$TMP/index" --rate-limit 0 \
  --static "$ROOT/static" --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log"; echo "server died" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$BASE/static/openapi.json" >/dev/null || { echo "no /static/openapi.json" >&2; exit 1; }

REPORTS=$TARGET/schemathesis
mkdir -p "$REPORTS"
echo "binary: $BIN; schemathesis $SCHEMATHESIS_VERSION; $MAX_EXAMPLES examples, ${MAX_SECONDS}s"
set +e
# `--checks all` in 4.x: every response check (server errors, status codes, content types,
# headers, response schemas, negative data rejected, positive data accepted, methods...).
# --max-examples caps each phase per operation (no --max-time: in 4.x it makes fuzzing
# repeat until the time is spent); `timeout` is the hard bound on the whole run.
timeout --signal=INT --kill-after=10 "$MAX_SECONDS" "$VENV/bin/schemathesis" run "$BASE/static/openapi.json" \
  --url "$BASE" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --continue-on-failure \
  --request-timeout 10 \
  --seed "${SCHEMATHESIS_SEED:-8}" \
  --no-color \
  --report junit,ndjson --report-dir "$REPORTS"
rc=$?
set -e
[[ $rc == 124 || $rc == 130 ]] && echo "FAIL: schemathesis did not finish within ${MAX_SECONDS}s"
if grep -q 'panicked\|搜索出错' "$TMP/server.log"; then
  echo "server log:"
  grep 'panicked\|搜索出错' "$TMP/server.log" | head -20
  rc=${rc/#0/1}
fi
kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL: server died during the run"; rc=1; }
echo "schemathesis exit code: $rc (reports in $REPORTS)"
exit "$rc"

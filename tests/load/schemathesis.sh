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
# shellcheck source=tests/load/lib.sh
source "$(dirname "$0")/lib.sh"

VENV=$ROOT/tests/load/.venv
if [[ ! -x $VENV/bin/schemathesis ]] ||
  [[ $("$VENV/bin/schemathesis" --version 2>/dev/null) != *" $SCHEMATHESIS_VERSION" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

start_server
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

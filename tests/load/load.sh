#!/usr/bin/env bash
# Load test with rebuilds under load (issue 8, item 4).
#
#   bash tests/load/load.sh [SECONDS] [CONNECTIONS]      (defaults 60 and 100)
#
# Serves a copy of content/ with `gongshi serve` on 127.0.0.1, runs wrk (2 threads, the
# request mix in tests/load/mix.lua) and, while wrk runs, rebuilds site and index twice
# (at about 1/3 and 2/3 of the time) so the server swaps in new builds and reloads the
# index. Fails on any socket error, timeout or response >= 400, or if a rebuild fails.
# Uses ${CARGO_TARGET_DIR:-target}/release/gongshi if present, else the debug binary
# (override with GONGSHI_BIN=...).
set -euo pipefail

DURATION=${1:-60}
CONNECTIONS=${2:-100}
THREADS=2
WRK_PID=""
EXTRA_CLEANUP='[[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null || true'
# shellcheck source=tests/load/lib.sh
source "$(dirname "$0")/lib.sh"

if ! command -v wrk >/dev/null; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get install -y --no-install-recommends wrk ||
    { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends wrk; }
fi

echo "binary: $BIN"
"$BIN" build "${LOC[@]}" >"$TMP/build0.log" 2>&1 || { cat "$TMP/build0.log"; exit 1; }
start_server
curl -fsS "$BASE/healthz" >/dev/null || { echo "server not up" >&2; exit 1; }

# A decision that is published in this build (the sample's decisions expire over time).
DECISION=$(find "$TMP/public/decisions" -mindepth 1 -maxdepth 1 -type d -name '*-[0-9][0-9][0-9][0-9]-[0-9]*' |
  sort | head -n1)
DECISION=/decisions/$(basename "$DECISION")/
for p in / /risks/R-001-1/ /decisions/ "$DECISION" \
  "/search?q=%E9%97%A8%E5%8F%A3%E6%91%86%E6%91%8A" "/api/search?q=%E6%B2%B9%E7%83%9F&kind=risk" /healthz; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$p")
  [[ $code == 200 ]] || { echo "warm-up: $p answered $code" >&2; exit 1; }
done
BUILD_ID0=$(curl -fsS "$BASE/healthz" | jq -r .index.build_id)
RSS_BEFORE=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')

echo "wrk: ${DURATION}s, $CONNECTIONS connections, $THREADS threads, mix incl. $DECISION"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency \
  -s "$ROOT/tests/load/mix.lua" "$BASE" -- "$DECISION" >"$TMP/wrk.out" 2>&1 &
WRK_PID=$!
START_TS=$(date +%s)

REBUILDS=0
REBUILD_FAILS=0
declare -a BUILD_IDS=("$BUILD_ID0")
for k in 1 2; do
  target=$((DURATION * k / 3))
  sleep_until=$((START_TS + target))
  now=$(date +%s)
  (( sleep_until > now )) && sleep $((sleep_until - now))
  kill -0 "$WRK_PID" 2>/dev/null || break
  touch "$TMP/content/risks/R-001-1.md"
  t0=$(date +%s.%N)
  at=$(( $(date +%s) - START_TS ))
  if "$BIN" build "${LOC[@]}" >"$TMP/build$k.log" 2>&1; then
    REBUILDS=$((REBUILDS + 1))
    echo "rebuild $k started at ${at}s (planned ~${target}s), done in $(python3 -c "import sys; print(round($(date +%s.%N) - $t0, 2))")s"
  else
    REBUILD_FAILS=$((REBUILD_FAILS + 1))
    echo "rebuild $k FAILED:" >&2
    cat "$TMP/build$k.log" >&2
  fi
  # The reloader checks every 2 s; note the build id the server reports now.
  sleep 2.5
  BUILD_IDS+=("$(curl -fsS -m 5 "$BASE/healthz" | jq -r .index.build_id || echo '?')")
done

wait "$WRK_PID" || true
WRK_PID=""
RSS_AFTER=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ' || echo '?')
SERVER_ALIVE=yes
kill -0 "$SERVER_PID" 2>/dev/null || SERVER_ALIVE=no

cat "$TMP/wrk.out"
eval "$(grep -o 'MIX_[A-Z0-9_]*=[0-9.]*' "$TMP/wrk.out" | tr '\n' ' ' | sed 's/ /;/g')"
RELOADS=$(grep -c '已载入新的搜索索引' "$TMP/server.log" || true)
DISTINCT_IDS=$(printf '%s\n' "${BUILD_IDS[@]}" | sort -u | wc -l)

echo "----- summary -----"
echo "binary:            $BIN"
echo "duration/conns:    ${DURATION}s / $CONNECTIONS (threads $THREADS)"
echo "requests:          ${MIX_REQUESTS:-?}"
echo "requests/s:        ${MIX_RPS:-?}"
echo "latency p50/p99:   ${MIX_P50_MS:-?} ms / ${MIX_P99_MS:-?} ms"
echo "responses >= 400:  ${MIX_BAD:-?} (wrk non-2xx/3xx: ${MIX_STATUS:-?})"
echo "socket errors:     connect ${MIX_CONNECT:-?}, read ${MIX_READ:-?}, write ${MIX_WRITE:-?}, timeout ${MIX_TIMEOUT:-?}"
echo "server RSS:        ${RSS_BEFORE} KiB before, ${RSS_AFTER} KiB after"
echo "rebuilds:          $REBUILDS done, $REBUILD_FAILS failed; index reloads logged by server: $RELOADS"
echo "build ids seen:    ${BUILD_IDS[*]} ($DISTINCT_IDS distinct)"
echo "server alive:      $SERVER_ALIVE"
if grep -q '搜索出错\|载入新索引失败\|panicked' "$TMP/server.log"; then
  echo "server log has errors:"
  grep '搜索出错\|载入新索引失败\|panicked' "$TMP/server.log" | head -20
  FAIL_LOG=1
fi

fail=0
[[ -n ${MIX_REQUESTS:-} ]] || { echo "FAIL: no wrk summary"; fail=1; }
for v in MIX_BAD MIX_STATUS MIX_CONNECT MIX_READ MIX_WRITE MIX_TIMEOUT; do
  [[ ${!v:-1} == 0 ]] || { echo "FAIL: $v=${!v:-?}"; fail=1; }
done
((REBUILD_FAILS == 0)) || { echo "FAIL: $REBUILD_FAILS rebuild(s) failed"; fail=1; }
((REBUILDS == 2)) || { echo "FAIL: only $REBUILDS rebuild(s) ran during the load"; fail=1; }
((DISTINCT_IDS == REBUILDS + 1)) || { echo "FAIL: server did not reload the index after each rebuild"; fail=1; }
[[ $SERVER_ALIVE == yes ]] || { echo "FAIL: server died"; fail=1; }
[[ -z ${FAIL_LOG:-} ]] || { echo "FAIL: errors in server log"; fail=1; }
((fail == 0)) && echo "OK"
exit "$fail"

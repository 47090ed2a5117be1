#!/usr/bin/env bash
# Search latency before and after a change, at 10k and 100k decisions: synthetic content
# (`gongshi synth`, seed 1), one build, `gongshi serve`, then every query of the query set
# over one keep-alive connection for ROUNDS rounds (benches/search_latency.py), on the HTML
# results page and on the API. Used for the p99 comparison in issue notes and docs/search.md.
# Usage: BIN=path/to/gongshi bash benches/latency.sh [SIZE...]   (default 10000 100000)
# Env: BIN (default: a fresh release build), WORK (scratch, default /tmp/gongshi-latency),
#      ROUNDS (default 5), QUERIES (default tests/search/queries.toml), FROM (the content synth
#      copies its lists from, default content).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=("${@:-10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
WORK=${WORK:-${TMPDIR:-/tmp}/gongshi-latency}
ROUNDS=${ROUNDS:-5}
QUERIES=${QUERIES:-$ROOT/tests/search/queries.toml}
FROM=${FROM:-content}
AS_OF=2026-11-22
mkdir -p "$WORK"
if [[ -z ${BIN:-} ]]; then
  cargo build --release --locked -q
  BIN=$WORK/gongshi
  cp target/release/gongshi "$BIN"
fi
PID=""
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo "| documents | page | p50 ms | p95 ms | p99 ms |"
echo "|---|---|---|---|---|"
for N in "${SIZES[@]}"; do
  content=$WORK/syn-$N
  rm -rf "$content" "$WORK/out-$N"
  "$BIN" synth --from "$FROM" --out "$content" --decisions "$N" --seed 1 --as-of "$AS_OF" >"$WORK/synth.log" 2>&1 ||
    { cat "$WORK/synth.log" >&2; exit 1; }
  "$BIN" build --content "$content" --output "$WORK/out-$N/public" --index "$WORK/out-$N/index" \
    --static static --as-of "$AS_OF" >/dev/null
  P=$(port)
  "$BIN" serve --no-build --port "$P" --content "$content" --output "$WORK/out-$N/public" \
    --index "$WORK/out-$N/index" --static static --rate-limit 0 >"$WORK/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$P/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  docs=$(curl -fsS "http://127.0.0.1:$P/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["index"]["documents"])')
  for path in /search /api/search; do
    # One warm-up round, then the measured rounds.
    python3 benches/search_latency.py --base "http://127.0.0.1:$P" --rounds 1 --path "$path" --queries "$QUERIES" >/dev/null
    line=$(python3 benches/search_latency.py --base "http://127.0.0.1:$P" --rounds "$ROUNDS" --path "$path" --queries "$QUERIES")
    read -r p50 p95 p99 < <(echo "$line" | sed -E 's/.*p50 ([0-9.]+) ms, p95 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/')
    echo "| $docs ($N decisions) | $path | $p50 | $p95 | $p99 |"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done

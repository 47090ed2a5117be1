#!/usr/bin/env bash
# Search latency of two binaries side by side (before and after a change): both get synthetic
# content of the same size (`gongshi synth`, seed 1), both servers run at once, and every query
# of the query set is asked once of each, alternating, so each API request is uncached and any
# load on the machine falls on both alike (benches/ab_latency.py). Used for docs/search.md.
# Usage: BIN_A=old/gongshi FROM_A=old/content BIN_B=new/gongshi [FROM_B=content] [N=100000] \
#        bash benches/ab_latency.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
: "${BIN_A:?the binary before}" "${BIN_B:?the binary after}" "${FROM_A:?content BIN_A understands}"
FROM_B=${FROM_B:-content}
N=${N:-100000}
WORK=${WORK:-${TMPDIR:-/tmp}/gongshi-ab}
AS_OF=${AS_OF:-2026-11-22}
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null || true' EXIT
PORTS=()
for side in A B; do
  bin_var=BIN_$side from_var=FROM_$side
  bin=${!bin_var} from=${!from_var}
  rm -rf "$WORK/$side"
  mkdir -p "$WORK/$side"
  "$bin" synth --from "$from" --out "$WORK/$side/content" --decisions "$N" --seed 1 --as-of "$AS_OF" >"$WORK/$side/synth.log" 2>&1 ||
    { cat "$WORK/$side/synth.log" >&2; exit 1; }
  "$bin" build --content "$WORK/$side/content" --output "$WORK/$side/public" --index "$WORK/$side/index" \
    --static static --as-of "$AS_OF" >"$WORK/$side/build.log" 2>&1 || { tail -n 5 "$WORK/$side/build.log" >&2; exit 1; }
  p=$(port)
  # A binary from before the usage log has no such flag.
  quiet=()
  "$bin" serve --help | grep -q -- --no-usage-log && quiet=(--no-usage-log)
  "$bin" serve --no-build --port "$p" --content "$WORK/$side/content" --output "$WORK/$side/public" \
    --index "$WORK/$side/index" --static static --rate-limit 0 "${quiet[@]}" >"$WORK/$side/serve.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$p")
done
for p in "${PORTS[@]}"; do
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
done
python3 benches/ab_latency.py --a "http://127.0.0.1:${PORTS[0]}" --b "http://127.0.0.1:${PORTS[1]}"

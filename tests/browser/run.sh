#!/usr/bin/env bash
# Browser tests: journeys at phone and desktop size, the axe-core accessibility gate and the
# W3C Nu HTML gate over every page template of the sample site, and the broken pages that
# prove each gate can fail. Needs Chromium (/usr/bin/chromium), Node 20 and Java 17; .ci/run
# installs them. Builds nothing: it uses the gongshi binary `cargo test` already built.
#
#   bash tests/browser/run.sh            # screenshots and reports in target/browser/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${GONGSHI_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/gongshi}"
out="${BROWSER_OUT:-$root/target/browser}"
port="${BROWSER_PORT:-18473}"

for tool in node java "${CHROMIUM:-/usr/bin/chromium}"; do
  command -v "$tool" >/dev/null || { echo "browser tests need $tool (see .ci/run)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "no gongshi binary at $bin: run cargo test (or cargo build) first" >&2; exit 1; }

cd "$here"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

work="$(mktemp -d)"
rm -rf "$out"
mkdir -p "$out"
"$bin" serve --content "$root/content" --output "$work/public" --index "$work/index" \
  --static "$root/static" --port "$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 1
done

node gates.mjs --base "http://127.0.0.1:$port" --out "$out"

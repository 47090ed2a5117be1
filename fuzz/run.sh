#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60); exits non-zero on the first crash.
# Usage: fuzz/run.sh [SECONDS]
# A crash leaves its input in fuzz/artifacts/<target>/; copy it to fuzz/regressions/<target>/
# so `cargo test` replays it (tests/integration/fuzz_regressions.rs).
set -euo pipefail

seconds="${1:-60}"
cd "$(dirname "$0")/.."

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi

# cargo-fuzz needs nightly flags (-Zsanitizer); this lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1

for target in content query; do
    # New inputs go to fuzz/corpus/ (ignored); the tracked seeds and regressions are read too.
    mkdir -p "fuzz/corpus/$target"
    echo "== fuzz $target for ${seconds}s"
    cargo fuzz run --debug-assertions "$target" \
        "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/regressions/$target" \
        -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1
done

#!/usr/bin/env bash
# Fault test (issue 8, item 4): a build killed midway must leave the served site and index
# exactly as they were, and the next build must go through.
#
#   bash tests/load/kill_build.sh
#
# 1. builds a copy of content/ and serves it (the "old" site and index);
# 2. adds a marker word to a risk page and starts `gongshi build`; once that build has
#    created its staging directory (.public.staging-PID-*), waits 0, 20, 50, 100, ... ms and
#    SIGKILLs it, recording which staging directories existed at kill time; after every kill
#    that lands, checks that pages still answer 200 with the old content (no marker), that
#    /api/search works and does not find the marker, and that /healthz shows the old build id;
# 3. reports leftover staging directories, runs a normal build with them still there, and
#    checks that the new content is served and the index reloaded (within 5 s).
# Uses ${CARGO_TARGET_DIR:-target}/release/gongshi if present, else the debug binary
# (override with GONGSHI_BIN=...).
set -euo pipefail

BUILD_PID=""
EXTRA_CLEANUP='[[ -n $BUILD_PID ]] && kill -9 "$BUILD_PID" 2>/dev/null || true'
# shellcheck source=tests/load/lib.sh
source "$(dirname "$0")/lib.sh"

FAILS=0
fail() {
  echo "FAIL: $*"
  FAILS=$((FAILS + 1))
}

MARKER=gskillmarkerzq
PAGE=/risks/R-001-1/
PAGES=(/ "$PAGE" /decisions/ /risks/ /static/style.css /static/openapi.json "/search?q=%E6%B2%B9%E7%83%9F")

echo "binary: $BIN"
"$BIN" build "${LOC[@]}" >"$TMP/build0.log" 2>&1 || { cat "$TMP/build0.log"; exit 1; }
# `serve` builds once more before serving; the build it serves is the "old" one.
start_server
build_id() { curl -fsS -m 5 "$BASE/healthz" | jq -r .index.build_id; }
marker_hits() { curl -fsS -m 5 "$BASE/api/search?q=$MARKER" | jq -r .total; }
OLD_ID=$(build_id)
echo "old build id: $OLD_ID"

# The old site as served: every page 200 and no marker anywhere.
check_old() {
  local what=$1 p code
  for p in "${PAGES[@]}"; do
    code=$(curl -s -o "$TMP/body" -w '%{http_code}' -m 5 "$BASE$p")
    [[ $code == 200 ]] || fail "$what: $p answered $code"
    if [[ $p != /search* ]] && grep -q "$MARKER" "$TMP/body"; then
      fail "$what: $p serves the new (unpublished) content"
    fi
  done
  code=$(curl -s -o "$TMP/api" -w '%{http_code}' -m 5 "$BASE/api/search?q=%E6%B2%B9%E7%83%9F&kind=risk")
  [[ $code == 200 ]] && [[ $(jq -r .total "$TMP/api") -gt 0 ]] || fail "$what: /api/search answered $code"
  [[ $(marker_hits) == 0 ]] || fail "$what: the index finds the marker (new index live)"
  local id
  id=$(build_id)
  [[ $id == "$OLD_ID" ]] || fail "$what: /healthz build id is $id, expected $OLD_ID"
}
check_old "before"

# The modified content: one paragraph with the marker on a risk page.
printf '\n测试标记：%s。\n' "$MARKER" >>"$TMP/content/risks/R-001-1.md"

LANDED=0
LANDED_INDEX=0
COMPLETED_EARLY=""
for extra_ms in 0 25 50 100 150 200 225 250 275 300 325 350 400 500 800 1600; do
  "$BIN" build "${LOC[@]}" >"$TMP/killed.log" 2>&1 &
  BUILD_PID=$!
  t0=$(date +%s%N)
  # Wait for this build's staging directory (created after checking and rendering).
  while kill -0 "$BUILD_PID" 2>/dev/null && ! compgen -G "$TMP/.public.staging-$BUILD_PID-*" >/dev/null; do
    sleep 0.002
  done
  sleep "$(printf '%d.%03d' $((extra_ms / 1000)) $((extra_ms % 1000)))"
  pub=no idx=no
  compgen -G "$TMP/.public.staging-$BUILD_PID-*" >/dev/null && pub=yes
  compgen -G "$TMP/.index.staging-$BUILD_PID-*" >/dev/null && idx=yes
  kill -9 "$BUILD_PID" 2>/dev/null || true
  set +e
  wait "$BUILD_PID"
  status=$?
  set -e
  BUILD_PID=""
  ms=$((($(date +%s%N) - t0) / 1000000))
  if [[ $status == 137 ]]; then
    echo "kill after staging+${extra_ms}ms (~${ms}ms from start): landed; staging at kill: public=$pub index=$idx"
    [[ $pub == yes ]] && LANDED=$((LANDED + 1))
    [[ $idx == yes ]] && LANDED_INDEX=$((LANDED_INDEX + 1))
    # Give the reloader (every 2 s) a chance to pick up anything it should not.
    sleep 2.2
    # A kill can also land after both swaps, while the old index is being deleted
    # (its staging name still exists then): the new build is then fully live, which is fine.
    id_now=$(build_id)
    code=$(curl -s -o "$TMP/body" -w '%{http_code}' -m 5 "$BASE$PAGE")
    page_new=no
    grep -q "$MARKER" "$TMP/body" && page_new=yes
    if [[ $id_now != "$OLD_ID" && $page_new == yes && $(marker_hits) -gt 0 ]]; then
      echo "  -> the kill came after both swaps (removing the old index): new build fully live"
      LANDED=$((LANDED - 1))
      [[ $idx == yes ]] && LANDED_INDEX=$((LANDED_INDEX - 1))
      POST_SWAP=$extra_ms
      break
    fi
    check_old "after kill at +${extra_ms}ms (index new: $([[ $id_now != "$OLD_ID" ]] && echo yes || echo no), page new: $page_new)"
  else
    echo "kill after staging+${extra_ms}ms (~${ms}ms from start): build had already finished (exit $status)"
    COMPLETED_EARLY=$extra_ms
    break
  fi
done
((LANDED > 0)) || fail "no kill landed while the build was writing its staging directory"

LEFT_PUBLIC=$(compgen -G "$TMP/.public.staging-*" | wc -l || true)
LEFT_INDEX=$(compgen -G "$TMP/.index.staging-*" | wc -l || true)
echo "leftover staging directories after the kills: $LEFT_PUBLIC public, $LEFT_INDEX index"

# A normal build with the leftovers still there.
if "$BIN" build "${LOC[@]}" >"$TMP/final.log" 2>&1; then
  echo "normal build after the kills: ok"
else
  cat "$TMP/final.log"
  fail "normal build after the kills failed"
fi
NEW_ID=""
hits=0
for _ in $(seq 1 50); do
  NEW_ID=$(build_id)
  hits=$(marker_hits)
  [[ $NEW_ID != "$OLD_ID" && $hits -gt 0 ]] && break
  sleep 0.1
done
[[ $NEW_ID != "$OLD_ID" ]] || fail "index not reloaded within 5 s (build id still $OLD_ID)"
[[ $hits -gt 0 ]] || fail "the new index does not find the marker"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE$PAGE")
[[ $code == 200 ]] && grep -q "$MARKER" "$TMP/body" || fail "$PAGE does not serve the new content ($code)"
for p in "${PAGES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$BASE$p")
  [[ $code == 200 ]] || fail "after the normal build: $p answered $code"
done
LEFT_PUBLIC2=$(compgen -G "$TMP/.public.staging-*" | wc -l || true)
LEFT_INDEX2=$(compgen -G "$TMP/.index.staging-*" | wc -l || true)
# A build removes the staging directories of builds that were killed (their process is gone).
((LEFT_PUBLIC2 + LEFT_INDEX2 == 0)) || fail "the normal build left $LEFT_PUBLIC2 + $LEFT_INDEX2 abandoned staging directories"
kill -0 "$SERVER_PID" 2>/dev/null || fail "server died"
if grep -q '载入新索引失败\|panicked' "$TMP/server.log"; then
  grep '载入新索引失败\|panicked' "$TMP/server.log" | head
  fail "errors in the server log"
fi

echo "----- summary -----"
echo "kills landed while writing pages/index: $LANDED (with index staging present: $LANDED_INDEX)"
[[ -n $COMPLETED_EARLY ]] && echo "at +${COMPLETED_EARLY}ms after staging the build had already finished"
[[ -n ${POST_SWAP:-} ]] && echo "at +${POST_SWAP}ms the kill landed after both swaps (new build live, old index left in its staging dir)"
echo "old build id:  $OLD_ID"
echo "new build id:  $NEW_ID (marker hits: $hits)"
echo "leftover staging dirs: $LEFT_PUBLIC public + $LEFT_INDEX index after the kills; $LEFT_PUBLIC2 + $LEFT_INDEX2 after the normal build (abandoned ones are removed by the next build)"
if ((FAILS == 0)); then echo OK; else echo "$FAILS failure(s)"; fi
((FAILS == 0))

#!/usr/bin/env python3
"""Two running servers, every query of tests/search/queries.toml asked once of each,
alternating which goes first; prints p50/p95/p99 per server for /api/search (uncached) and
/search (the same query again: the answer cache and the HTML page). See ab_latency.sh."""
import argparse
import http.client
import tomllib
import urllib.parse
import time
from pathlib import Path


def pct(xs, p):
    xs = sorted(xs)
    return xs[int(round((len(xs) - 1) * p))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True, help="base URL of the server before")
    ap.add_argument("--b", required=True, help="base URL of the server after")
    ap.add_argument("--queries", default=str(Path(__file__).parent.parent / "tests/search/queries.toml"))
    args = ap.parse_args()
    queries = [q["q"] for q in tomllib.loads(Path(args.queries).read_text("utf-8"))["query"]]
    conns = {}
    for side, base in (("before", args.a), ("after", args.b)):
        u = urllib.parse.urlparse(base)
        conns[side] = http.client.HTTPConnection(u.hostname, u.port)
    times = {s: {"/api/search": [], "/search": []} for s in conns}

    def get(side, target):
        c = conns[side]
        t0 = time.perf_counter()
        c.request("GET", target)
        r = c.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"{side} {target}: HTTP {r.status}")
        return (time.perf_counter() - t0) * 1000

    for side in conns:  # warm-up on queries outside the set
        for w in ("热身", "测试一下"):
            get(side, "/api/search?q=" + urllib.parse.quote(w))
    for i, q in enumerate(queries):
        order = ["before", "after"] if i % 2 == 0 else ["after", "before"]
        for path in ("/api/search", "/search"):
            for side in order:
                times[side][path].append(get(side, f"{path}?q={urllib.parse.quote(q)}"))
    print("| binary | page | queries | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for side in ("before", "after"):
        for path, xs in times[side].items():
            print(f"| {side} | {path} | {len(xs)} | {pct(xs, .5):.2f} | {pct(xs, .95):.2f} | {pct(xs, .99):.2f} | {max(xs):.2f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Search latency over HTTP: every query of tests/search/queries.toml, several rounds, one
keep-alive connection, against a running `gongshi serve`. Prints p50/p95/p99 in milliseconds.

    cargo run --release -- serve --port 8080 &
    python3 benches/search_latency.py --base http://127.0.0.1:8080 --rounds 20
"""
import argparse
import http.client
import statistics
import time
import tomllib
import urllib.parse
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--path", default="/api/search", help="/api/search or /search")
    ap.add_argument(
        "--queries",
        default=str(Path(__file__).parent.parent / "tests/search/queries.toml"),
        help="a TOML file of [[query]] q = ...",
    )
    args = ap.parse_args()
    queries = tomllib.loads(Path(args.queries).read_text("utf-8"))["query"]
    url = urllib.parse.urlparse(args.base)
    conn = http.client.HTTPConnection(url.hostname, url.port or 80)
    times = []
    for _ in range(args.rounds):
        for q in queries:
            target = f"{args.path}?q={urllib.parse.quote(q['q'])}"
            t0 = time.perf_counter()
            conn.request("GET", target)
            resp = conn.getresponse()
            resp.read()
            times.append((time.perf_counter() - t0) * 1000)
            if resp.status != 200:
                raise SystemExit(f"{target}: HTTP {resp.status}")
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(len(times) * p))]
    print(
        f"{len(times)} requests to {args.path}: p50 {pct(0.5):.2f} ms, p95 {pct(0.95):.2f} ms, "
        f"p99 {pct(0.99):.2f} ms, max {times[-1]:.2f} ms, mean {statistics.mean(times):.2f} ms"
    )


if __name__ == "__main__":
    main()

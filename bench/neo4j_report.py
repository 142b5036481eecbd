#!/usr/bin/env python3
"""Print the issue-11 table: the embedded store beside Neo4j on the BA graph.

    python3 bench/neo4j_report.py bench/data/results

Reads every go-ba100k-run*.json and neo4j-ba100k-run*.json that
bench/run.sh (NEO4J=1) wrote, the two stores measured in turns in one run,
and prints a Markdown table: each measure on each store (the range over the
runs when there are several), the ratio embedded/Neo4j of the medians (for
times, below 1 means the embedded store is faster; for rates, above 1), and
how many times faster the embedded store is. Then it checks that both
stores found the same answers for every pair (shortest path lengths, number
of k=3 paths, ego network sizes).
"""
import glob
import json
import os
import statistics
import sys

from report import print_agreement, print_load


def runs(d, side):
    out = []
    for p in sorted(glob.glob(os.path.join(d, f"{side}-ba100k-run*.json"))):
        with open(p) as f:
            out.append(json.load(f))
    return out


def span(vals, fmt):
    lo, hi = min(vals), max(vals)
    if len(vals) == 1 or fmt(lo) == fmt(hi):
        return fmt(lo)
    return f"{fmt(lo)} – {fmt(hi)}"


def ms(x):
    return f"{x:.2f} ms" if x < 100 else f"{x:.0f} ms"


def rate(x):
    return f"{x / 1e6:.2f} M rel/s" if x >= 1e6 else f"{x / 1e3:.1f} k rel/s"


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "bench/data/results"
    emb, neo = runs(d, "go"), runs(d, "neo4j")
    if not emb or not neo:
        sys.exit(f"neo4j_report: no go-ba100k-run*.json or neo4j-ba100k-run*.json in {d}")
    measures = [
        ("shortest path p50", lambda r: r["shortest"]["p50_ms"], ms, "time"),
        ("shortest path p99", lambda r: r["shortest"]["p99_ms"], ms, "time"),
        ("k=3 shortest paths p50", lambda r: r["k3"]["p50_ms"], ms, "time"),
        ("k=3 shortest paths p99", lambda r: r["k3"]["p99_ms"], ms, "time"),
        ("ego network depth 2 p50", lambda r: r["ego2"]["p50_ms"], ms, "time"),
        ("ego network depth 2 p99", lambda r: r["ego2"]["p99_ms"], ms, "time"),
        ("bulk import (Store.Import, one transaction)", lambda r: r["import"]["relations_per_s"], rate, "rate"),
        ("CSV edge export (EachEdge into the CSV writer)", lambda r: r["export"]["relations_per_s"], rate, "rate"),
    ]
    print(f"| measure (BA 100k actors / {emb[0]['relations']:,} relations, 200 pairs) | embedded store | Neo4j 5.26 | embedded/Neo4j | embedded faster by |")
    print("|---|---|---|---|---|")
    for name, get, fmt, kind in measures:
        e = [get(r) for r in emb]
        n = [get(r) for r in neo]
        me, mn = statistics.median(e), statistics.median(n)
        ratio = me / mn if mn else float("nan")
        faster = mn / me if kind == "time" else me / mn
        print(f"| {name} | {span(e, fmt)} | {span(n, fmt)} | {ratio:.3g} | {faster:.1f}× |")
    print()
    print(f"Runs: {len(emb)} of each store, in turns (embedded, Neo4j, embedded, ...); ranges are min – max over the runs, ratios of the medians.")
    print_agreement(emb[-1], neo[-1], "the stores")
    print_load(d)


if __name__ == "__main__":
    main()

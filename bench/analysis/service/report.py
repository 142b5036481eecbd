#!/usr/bin/env python3
"""The table of bench/analysis/service: each analysis through the service
(cold: reading the graph from the store; warm: the graph read for an
earlier analysis), next to analyst/netsci alone on the same graph.

    python3 bench/analysis/service/report.py bench/data/results/analysis-service.json
"""
import json
import sys


def secs(v):
    if v is None:
        return "—"
    if v < 0.001:
        return f"{v * 1e6:.0f} µs"
    if v < 1:
        return f"{v * 1000:.0f} ms"
    return f"{v:.2f} s"


def main():
    res = json.load(open(sys.argv[1]))
    print("| graph | read the graph from the store | open the store |")
    print("|---|---|---|")
    for g in ("ba10k", "ba100k"):
        r, o = res.get(f"read-{g}"), res.get(f"open-{g}")
        if r:
            print(f"| {g} ({r['actors']:,} actors, {r['relations']:,} relations) | {secs(r['seconds'])} "
                  f"(CPU {secs(r['cpu_seconds'])}) | {secs(o['seconds']) if o else '—'} |")
    print()
    print("| analysis | graph | service, cold | service, warm | netsci alone | cold / netsci | warm / netsci |")
    print("|---|---|---|---|---|---|---|")
    order = ["degree", "pagerank", "eigenvector", "closeness", "exact-betweenness", "sampled-betweenness-1000",
             "communities", "brokers-10x10", "connect-5"]
    rows = [(name.rsplit("-", 1), r) for name, r in res.items() if "cold_seconds" in r]
    rows.sort(key=lambda x: (x[0][1] != "ba10k", order.index(x[0][0]) if x[0][0] in order else 99))
    for (m, g), r in rows:
        n = r["netsci_seconds"]
        ratio = lambda x: f"{x / n:.1f}×" if n > 0 else "—"  # noqa: E731
        print(f"| {m} | {g} | {secs(r['cold_seconds'])} (CPU {secs(r['cold_cpu_seconds'])}) | "
              f"{secs(r['warm_seconds'])} (CPU {secs(r['warm_cpu_seconds'])}) | {secs(n)} (CPU {secs(r['netsci_cpu_seconds'])}) | "
              f"{ratio(r['cold_seconds'])} | {ratio(r['warm_seconds'])} |")

    synth = [(k[: -len("-synth1m")], v) for k, v in res.items() if k.endswith("-synth1m") and k != "open-synth1m"]
    if synth:
        print()
        print("With the default bounds, on graph/synth's 1,000,000 actors and 5,000,000 relations (no cache):")
        print()
        print("| analysis | wall | CPU | answer |")
        print("|---|---|---|---|")
        for m, r in synth:
            print(f"| {m} | {secs(r['seconds'])} | {secs(r['cpu_seconds'])} | {r.get('refused', 'answered')} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The networkx side of the issue-2 comparison.

    python3 bench/networkx_bench.py --edgelist bench/data/ba100k.edgelist \
        --pairs bench/data/ba100k.pairs --out bench/data/results/networkx-ba100k.json

Loads the edge list with networkx.read_edgelist(nodetype=int) and, over the
pairs of the pairs file (actor ids "n<u>", the prefix stripped), times each
call of:
  - bidirectional_shortest_path(G, u, v)
  - list(islice(shortest_simple_paths(G, u, v), 3))   (k = 3)
  - ego_graph(G, u, radius=2)
and once write_edgelist(G, /dev/null) (networkx's default data=True).
Every query runs one untimed warm-up pass over the pairs first, like the Go
side. Percentiles are those of bench.Summarise: p50 is the mean of the two
middle samples, p99 the sample at rank ceil(0.99 n). It prints a summary
and writes it as JSON, with the per-pair answers (path lengths, number of
paths, ego sizes) that bench/report.py checks against the store's.
"""
import argparse
import itertools
import json
import math
import os
import time

import networkx as nx


def summarise(samples):
    s = sorted(samples)
    n = len(s)
    ms = [x * 1000 for x in s]
    return {
        "n": n,
        "p50_ms": (ms[(n - 1) // 2] + ms[n // 2]) / 2,
        "p99_ms": ms[math.ceil(0.99 * n) - 1],
        "mean_ms": sum(ms) / n,
        "max_ms": ms[-1],
    }


def timed(pairs, fn):
    for u, v in pairs:  # warm-up
        fn(u, v)
    out, times = [], []
    for u, v in pairs:
        t = time.perf_counter()
        r = fn(u, v)
        times.append(time.perf_counter() - t)
        out.append(r)
    return summarise(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edgelist", required=True)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--prefix", default="n", help="actor id prefix of the nodes in the pairs file")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    t = time.perf_counter()
    g = nx.read_edgelist(a.edgelist, nodetype=int)
    load_s = time.perf_counter() - t
    pairs = []
    with open(a.pairs) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            u, v = line.split()
            pairs.append((int(u[len(a.prefix):]), int(v[len(a.prefix):])))

    def shortest(u, v):
        try:
            return len(nx.bidirectional_shortest_path(g, u, v)) - 1
        except nx.NetworkXNoPath:
            return -1

    def k3(u, v):
        try:
            return len(list(itertools.islice(nx.shortest_simple_paths(g, u, v), 3)))
        except nx.NetworkXNoPath:
            return 0

    def ego(u, v):
        return nx.ego_graph(g, u, radius=2).number_of_nodes()

    res = {
        "side": "networkx " + nx.__version__,
        "graph": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "load_s": load_s},
    }
    res["shortest"], res["shortest_hops"] = timed(pairs, shortest)
    res["k3"], res["k3_paths"] = timed(pairs, k3)
    res["ego2"], res["ego2_nodes"] = timed(pairs, ego)
    with open(os.devnull, "wb") as f:
        t = time.perf_counter()
        nx.write_edgelist(g, f)
        s = time.perf_counter() - t
    res["export"] = {"seconds": s, "relations_per_s": g.number_of_edges() / s}

    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    print(f"networkx {nx.__version__}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, loaded in {load_s:.1f} s")
    for q in ("shortest", "k3", "ego2"):
        r = res[q]
        print(f"  {q:9s} p50 {r['p50_ms']:9.3f} ms  p99 {r['p99_ms']:9.3f} ms  mean {r['mean_ms']:9.3f} ms")
    print(f"  write_edgelist {res['export']['relations_per_s']:,.0f} relations/s ({s:.1f} s)")


if __name__ == "__main__":
    main()

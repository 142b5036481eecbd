#!/usr/bin/env python3
"""The networkx and igraph side of bench/analysis (see main.go there).

    python3 bench/analysis/peer.py --ba10k bench/data/ba10k.edgelist --ba100k bench/data/ba100k.edgelist \\
        --connect bench/data/connect5.txt --out bench/data/results/analysis-py.json

Times, on the same edge lists as the Go program, what igraph and networkx
offer for each measure of the issue-15 table, and writes {measure: {seconds,
cpu_seconds, ...}} as JSON. networkx is too slow for some measures at full
size; those are timed on a part of the work and scaled up, and say so
("extrapolated_from").
"""
import argparse
import json
import random
import sys
import time

import igraph
import networkx as nx


def timed(f):
    t, c = time.perf_counter(), time.process_time()
    r = f()
    return r, time.perf_counter() - t, time.process_time() - c


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ba10k", default="bench/data/ba10k.edgelist")
    ap.add_argument("--ba100k", default="bench/data/ba100k.edgelist")
    ap.add_argument("--connect", default="bench/data/connect5.txt")
    ap.add_argument("--out", default="")
    ap.add_argument("--nx-exact-sources", type=int, default=100, help="networkx exact betweenness: sources timed, then scaled to all")
    ap.add_argument("--nx-sampled-sources", type=int, default=20, help="networkx 1000-source betweenness: sources timed, then scaled")
    ap.add_argument("--nx-louvain", type=int, default=1, help="run networkx louvain_communities on BA 100k (minutes)")
    ap.add_argument("--nx-steiner", type=int, default=3, help="terminal sets for networkx steiner_tree (seconds each)")
    ap.add_argument("--only", default="", help="comma-separated groups (default all): exact,sampled,communities,connect,context")
    a = ap.parse_args()
    groups = set(a.only.split(",")) if a.only else {"exact", "sampled", "communities", "connect", "context"}
    res = {"machine": {"python": sys.version.split()[0], "networkx": nx.__version__, "igraph": igraph.__version__}}

    def record(name, **kw):
        res[name] = kw
        print(name, json.dumps(kw), file=sys.stderr, flush=True)

    i10 = igraph.Graph.Read_Edgelist(a.ba10k, directed=False)
    n10 = nx.read_edgelist(a.ba10k, nodetype=int)
    big = groups & {"sampled", "communities", "connect", "context"}
    i100 = igraph.Graph.Read_Edgelist(a.ba100k, directed=False) if big else None
    n100 = nx.read_edgelist(a.ba100k, nodetype=int) if big else None
    sets = [line.split() for line in open(a.connect) if line.strip()]

    if "exact" in groups:
        exact(a, record, i10, n10)
    if "sampled" in groups:
        sampled(a, record, i100, n100)
    if "communities" in groups:
        communities(a, record, i100, n100)
    if "connect" in groups:
        connect(a, record, n100, sets)
    if "context" in groups:
        context(a, record, i10, n10, i100, n100)

    out = json.dumps(res, indent=2)
    if a.out:
        with open(a.out, "w") as f:
            f.write(out + "\n")
    else:
        print(out)


def exact(a, record, i10, n10):
    """Exact betweenness, BA 10k."""
    b, s, c = timed(lambda: i10.betweenness(directed=False))
    n = i10.vcount()
    top = max(range(n), key=lambda v: (b[v], -v))
    record("igraph-exact-betweenness-ba10k", seconds=s, cpu_seconds=c, top=str(top), top_value=b[top] * 2 / ((n - 1) * (n - 2)))
    k = a.nx_exact_sources
    _, s, c = timed(lambda: nx.betweenness_centrality(n10, k=k, seed=1))
    scale = n10.number_of_nodes() / k
    record("networkx-exact-betweenness-ba10k", seconds=s * scale, cpu_seconds=c * scale, extrapolated_from=f"{k} sources")


def sampled(a, record, i100, n100):
    """Betweenness from 1000 sources, BA 100k."""
    n = i100.vcount()
    sources = random.Random(1).sample(range(n), 1000)
    _, s, c = timed(lambda: i100.betweenness(directed=False, sources=sources))
    record("igraph-sampled-betweenness-ba100k", seconds=s, cpu_seconds=c, sources=1000)
    k = a.nx_sampled_sources
    _, s, c = timed(lambda: nx.betweenness_centrality(n100, k=k, seed=1))
    record("networkx-sampled-betweenness-ba100k", seconds=s * 1000 / k, cpu_seconds=c * 1000 / k, extrapolated_from=f"{k} sources")


def communities(a, record, i100, n100):
    """Communities, BA 100k."""
    for seed in (1, 2, 3):
        random.seed(seed)
        cl, s, c = timed(lambda: i100.community_multilevel())
        record(f"igraph-multilevel-ba100k-seed{seed}", seconds=s, cpu_seconds=c, modularity=cl.modularity, communities=len(cl))
    random.seed(1)
    cl, s, c = timed(lambda: i100.community_leiden(objective_function="modularity"))
    record("igraph-leiden-ba100k", seconds=s, cpu_seconds=c, modularity=cl.modularity, communities=len(cl), n_iterations=2)
    if a.nx_louvain:
        comms, s, c = timed(lambda: nx.community.louvain_communities(n100, seed=1))
        record("networkx-louvain-ba100k", seconds=s, cpu_seconds=c, modularity=nx.community.modularity(n100, comms), communities=len(comms))


def connect(a, record, n100, sets):
    """Connecting network of 5 actors, BA 100k: networkx's Mehlhorn (igraph has no Steiner tree)."""
    times = []
    for ids in sets[: a.nx_steiner]:
        terms = [int(x) for x in ids]
        _, s, _ = timed(lambda: nx.algorithms.approximation.steiner_tree(n100, terms, method="mehlhorn"))
        times.append(s * 1000)
    times.sort()
    record("networkx-connect5-ba100k", sets=len(times), median_ms=times[len(times) // 2], max_ms=times[-1])


def context(a, record, i10, n10, i100, n100):
    """Other measures, for context."""
    _, s, c = timed(lambda: i100.pagerank(directed=False))
    record("igraph-pagerank-ba100k", seconds=s, cpu_seconds=c, method="PRPACK")
    _, s, c = timed(lambda: nx.pagerank(n100))
    record("networkx-pagerank-ba100k", seconds=s, cpu_seconds=c, tol=1e-6)
    _, s, c = timed(lambda: i100.eigenvector_centrality())
    record("igraph-eigenvector-ba100k", seconds=s, cpu_seconds=c, method="ARPACK")
    _, s, c = timed(lambda: nx.eigenvector_centrality(n100))
    record("networkx-eigenvector-ba100k", seconds=s, cpu_seconds=c, tol=1e-6)
    _, s, c = timed(lambda: i10.closeness())
    record("igraph-closeness-ba10k", seconds=s, cpu_seconds=c)
    some = list(n10.nodes())[:200]
    _, s, c = timed(lambda: [nx.closeness_centrality(n10, u=u) for u in some])
    scale = n10.number_of_nodes() / len(some)
    record("networkx-closeness-ba10k", seconds=s * scale, cpu_seconds=c * scale, extrapolated_from=f"{len(some)} nodes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the Barabási–Albert benchmark graph of issue 2 as an edge list.

    python3 bench/gen_ba.py [--n 100000] [--m 10] [--seed 42] [--out bench/data/ba100k.edgelist]

The graph is networkx.barabasi_albert_graph(n, m, seed=seed), written with
networkx.write_edgelist(G, path, data=False): one "u v" line per edge.
"""
import argparse
import time

import networkx as nx


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--m", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", default="bench/data/ba100k.edgelist")
    a = ap.parse_args()
    t = time.perf_counter()
    g = nx.barabasi_albert_graph(a.n, a.m, seed=a.seed)
    nx.write_edgelist(g, a.out, data=False)
    print(f"wrote {a.out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()

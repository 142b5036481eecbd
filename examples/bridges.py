#!/usr/bin/env python3
"""Who bridges AQAP and the Islamic State in the seed graph?

Pulls the subgraph around both groups from an actorgraph server with the
Python client, then ranks the actors by how many of the shortest paths
between the two groups run through them (betweenness restricted to paths
from one group to the other, networkx.betweenness_centrality_subset), with
plain betweenness centrality of the subgraph as the tie-breaker.

    go run ./cmd/actorgraph serve &
    PYTHONPATH=clients/python python3 examples/bridges.py [--url http://localhost:8080]

Relations are taken as undirected: a bridge links the two sides whichever
way its relations were recorded. Parallel relations count once. A direct
relation between the two groups is printed and then set aside, since it
would otherwise be the only shortest path and hide every bridge.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))

import networkx as nx  # noqa: E402

import actorgraph  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=os.environ.get("ACTORGRAPH_URL", "http://localhost:8080"))
    ap.add_argument("--a", default="AQAP", help="first group (id or name)")
    ap.add_argument("--b", default="Islamic State", help="second group (id or name)")
    ap.add_argument("--depth", type=int, default=2, help="hops around both groups")
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()

    ag = actorgraph.connect(args.url)
    a, b = ag.resolve(args.a), ag.resolve(args.b)
    g = ag.subgraph([a, b], depth=args.depth)
    u = nx.Graph(g.to_undirected(as_view=True))  # direction and parallel relations do not matter here
    name = lambda n: g.nodes[n].get("name", n)  # noqa: E731

    print(f"Who bridges {name(a)} ({a}) and {name(b)} ({b})?")
    print(f"subgraph within {args.depth} hops: {g.number_of_nodes()} actors, {g.number_of_edges()} relations")
    if not nx.has_path(u, a, b):
        print("no connection between them in this subgraph; try a larger --depth")
        return 1
    print(f"shortest connection: {nx.shortest_path_length(u, a, b)} hops")
    # A direct relation between the two is reported, then set aside: it is
    # the only shortest path when present, and would hide every bridge.
    direct = [(x, y, r) for x, y in ((a, b), (b, a)) for r in g.get_edge_data(x, y, default={}).values()]
    for x, y, r in direct:
        flag = "contested" if r.get("contested") else "uncontested"
        print(f"directly related: {name(x)} —{r['type']}→ {name(y)} ({flag}, confidence {r.get('confidence', 0):.2f})")
    if u.has_edge(a, b):
        u.remove_edge(a, b)
    if not nx.has_path(u, a, b):
        print("no connection besides the direct relation in this subgraph; try a larger --depth")
        return 0
    if direct:
        print(f"shortest connection through others: {nx.shortest_path_length(u, a, b)} hops")

    bridge = nx.betweenness_centrality_subset(u, sources=[a], targets=[b], normalized=False)
    overall = nx.betweenness_centrality(u)
    ranked = sorted((n for n in u if n not in (a, b) and bridge[n] > 0),
                    key=lambda n: (-bridge[n], -overall[n], n))[: args.top]

    print(f"{'rank':>4}  {'bridge':>6}  {'betweenness':>11}  actor")
    for i, n in enumerate(ranked, 1):
        kind = g.nodes[n].get("kind", "?")
        print(f"{i:>3}.  {bridge[n]:>6.3f}  {overall[n]:>11.4f}  {name(n)} ({n}, {kind})")
    # How the best bridge connects the two: its relations to each side.
    if ranked:
        top = ranked[0]
        path = nx.shortest_path(u, a, b) if top in nx.shortest_path(u, a, b) else \
            nx.shortest_path(u, a, top) + nx.shortest_path(u, top, b)[1:]
        hops = []
        for x, y in zip(path, path[1:]):
            rels = list(g.get_edge_data(x, y, default={}).values()) + list(g.get_edge_data(y, x, default={}).values())
            hops.append(f"—{rels[0]['type']}—" if rels else "—?—")
        line = name(path[0])
        for h, n in zip(hops, path[1:]):
            line += f" {h} {name(n)}"
        print(f"via {name(top)}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

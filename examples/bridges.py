#!/usr/bin/env python3
"""Who bridges AQAP and the Islamic State in the seed graph?

Asks an actorgraph server twice, with the Python client:

1. The server's own brokers analysis (POST /v1/analysis/brokers): the
   actors on the shortest paths between the two groups, ranked by how much
   of those paths runs through them, each with an example path whose every
   hop carries its relation and evidence.
2. The same question computed here with networkx, on the graph the server
   exports: betweenness restricted to paths from one group to the other
   (networkx.betweenness_centrality_subset), with plain betweenness
   centrality as the tie-breaker.

and checks that the two agree: the server's score is twice networkx's
subset betweenness (which halves its sums on undirected graphs).

    go run ./cmd/actorgraph serve &
    PYTHONPATH=clients/python python3 examples/bridges.py [--url http://localhost:8080]

Relations are taken as undirected: a bridge links the two sides whichever
way its relations were recorded. Parallel relations count once. A direct
relation between the two groups is printed and then set aside, since it
would otherwise be the only shortest path and hide every bridge (the server
does the same unless asked with include_direct).
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
    ap.add_argument("--depth", type=int, default=None,
                    help="compute here on the subgraph within this many hops of both groups instead of the whole "
                         "graph (then the two answers need not agree)")
    ap.add_argument("--expand", default=None, help="widen both groups: members, affiliates or members,affiliates")
    ap.add_argument("--max-hops", type=int, default=8, help="the server's bound on the pairs it counts")
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()

    ag = actorgraph.connect(args.url)
    a, b = ag.resolve(args.a), ag.resolve(args.b)
    # The server's own analysis, first: it says who is in each group once
    # expanded, and networkx below takes the same groups.
    ans = ag.brokers_answer(a, b, expand=args.expand, max_hops=args.max_hops, top=1000, examples=1)
    sa, sb = [m["actor"]["id"] for m in ans["a"]], [m["actor"]["id"] for m in ans["b"]]
    g = ag.graph() if args.depth is None else ag.subgraph([a, b], depth=args.depth)
    u = nx.Graph()  # direction and parallel relations do not matter here
    u.add_nodes_from(g)
    u.add_edges_from((x, y) for x, y in g.edges() if x != y)
    name = lambda n: g.nodes[n].get("name", n)  # noqa: E731

    print(f"Who bridges {name(a)} ({a}) and {name(b)} ({b})?")
    if args.expand:
        print(f"with their {args.expand}: {len(sa)} and {len(sb)} actors")
    where = "the whole graph" if args.depth is None else f"the subgraph within {args.depth} hops"
    print(f"{where}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations, {u.number_of_edges()} edges")
    sa, sb = [n for n in sa if n in u], [n for n in sb if n in u]
    if not any(nx.has_path(u, x, y) for x in sa for y in sb):
        print("no connection between them; try a larger --depth")
        return 1
    print(f"shortest connection: {min(nx.shortest_path_length(u, a, y) for y in sb if nx.has_path(u, a, y))} hops from {name(a)}")
    # A direct relation between the two groups is reported, then set aside:
    # it is the only shortest path when present, and would hide every
    # bridge.
    for x in sa:
        for y in sb:
            for p, q in ((x, y), (y, x)):
                for r in g.get_edge_data(p, q, default={}).values():
                    flag = "contested" if r.get("contested") else "uncontested"
                    print(f"directly related: {name(p)} —{r['type']}→ {name(q)} ({flag}, confidence {r.get('confidence', 0):.2f})")
            if u.has_edge(x, y):
                u.remove_edge(x, y)
    if not any(nx.has_path(u, x, y) for x in sa for y in sb):
        print("no connection besides the direct relations; try a larger --depth")
        return 0

    # networkx, here.
    bridge = nx.betweenness_centrality_subset(u, sources=sa, targets=sb, normalized=False)
    overall = nx.betweenness_centrality(u)
    ranked = sorted((n for n in u if bridge[n] > 0),
                    key=lambda n: (-bridge[n], -overall[n], n))[: args.top]
    print("\nnetworkx, on the exported graph:")
    print(f"{'rank':>4}  {'bridge':>6}  {'betweenness':>11}  actor")
    for i, n in enumerate(ranked, 1):
        kind = g.nodes[n].get("kind", "?")
        print(f"{i:>3}.  {bridge[n]:>6.3f}  {overall[n]:>11.4f}  {name(n)} ({n}, {kind})")

    print(f"\nThe server (POST /v1/analysis/brokers): {ans['graph']['description']}")
    print(f"{ans['pairs']} pair(s) joined, {ans['paths']:g} shortest path(s), {ans['total']} broker(s)")
    print(f"{'rank':>4}  {'score':>6}  {'paths':>5}  actor")
    for x in ans["brokers"][: args.top]:
        act = x["actor"]
        print(f"{x['rank']:>3}.  {x['score']:>6.3f}  {x['paths']:>5g}  {act['name']} ({act['id']}, {act['kind']})")

    # Do they agree? Only when both ran on the same graph.
    served = {x["actor"]["id"]: x["score"] / 2 for x in ans["brokers"]}
    mine = {n: v for n, v in bridge.items() if v > 0}
    if args.depth is None:
        ids = set(served) | set(mine)
        worst = max((abs(served.get(n, 0) - mine.get(n, 0)) for n in ids), default=0)
        same = {x["actor"]["id"] for x in ans["brokers"][: args.top]} == set(ranked)
        print(f"\nagreement: the server's score is twice networkx's subset betweenness for all {len(ids)} actors "
              f"(largest difference {worst:.1e}); the same {len(ranked)} actors in the top {args.top}: "
              f"{'yes' if same else 'no (ties broken differently)'}")
        if worst > 1e-9:
            print("the server and networkx DISAGREE")
            return 2
    else:
        print(f"\n(networkx ran on {where}, the server on the whole graph: the scores need not agree)")

    # How the best bridge connects the two, with the evidence of every hop.
    if ans["brokers"]:
        top = ans["brokers"][0]
        ex = top["examples"][0]
        print(f"\nvia {top['actor']['name']}: {ex['text']}")
        for hop in ex["hops"]:
            ev = hop["relation"]["evidence"][0]
            print(f"  {hop['text']}")
            print(f"    “{ev['quote']}” — {ev.get('claimant') or 'claimant unknown'}, "
                  f"{ev.get('source_title') or ev['source']}, graded {ev['grading']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

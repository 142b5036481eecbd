#!/usr/bin/env python3
"""Reference values for analyst's analysis tests, from networkx and igraph.

Reads one JSON document on stdin: a list of cases,

    [{"name": ..., "nodes": [id, ...], "edges": [[u, v], ...],
      "subsets": [{"a": [id, ...], "b": [id, ...]}, ...],
      "partition": {id: community, ...},       # optional
      "igraph_seeds": [1, 2, ...]}, ...]      # optional

where nodes and edges are what the service exports for a filter (every
actor, and the two ends of every relation that passes it: the test builds
them with Service.EachActor and Service.EachEdge, not with the analysis
code). The graph is networkx.Graph: undirected and simple, so parallel and
opposite relations merge and self-loops are dropped, as the service says.

Writes per case the values of networkx's functions by node id:
degree_centrality, betweenness_centrality, closeness_centrality,
pagerank(tol=1e-14), eigenvector_centrality(tol=1e-14),
betweenness_centrality_subset(a, b, normalized=False) per subset, the
networkx modularity of the given partition, and the modularity of igraph's
community_multilevel after random.seed(s) for each igraph seed.
"""
import json
import random
import sys

import networkx as nx


def case(c):
    g = nx.Graph()
    g.add_nodes_from(c["nodes"])
    g.add_edges_from((u, v) for u, v in c["edges"] if u != v)
    out = {"name": c["name"], "n": g.number_of_nodes(), "m": g.number_of_edges()}
    out["degree"] = nx.degree_centrality(g)
    out["betweenness"] = nx.betweenness_centrality(g)
    out["closeness"] = nx.closeness_centrality(g)
    out["pagerank"] = nx.pagerank(g, alpha=0.85, tol=1e-14, max_iter=100000)
    out["eigenvector"] = nx.eigenvector_centrality(g, tol=1e-14, max_iter=100000)
    out["subsets"] = [nx.betweenness_centrality_subset(g, s["a"], s["b"], normalized=False) for s in c.get("subsets", [])]
    if c.get("partition") and g.number_of_edges() > 0:
        groups = {}
        for v, k in c["partition"].items():
            groups.setdefault(k, set()).add(v)
        out["modularity"] = nx.community.modularity(g, list(groups.values()))
    if c.get("igraph_seeds") and g.number_of_edges() > 0:
        import igraph

        index = {v: i for i, v in enumerate(c["nodes"])}
        ig = igraph.Graph(n=len(c["nodes"]), edges=[(index[u], index[v]) for u, v in g.edges()])
        out["igraph_modularity"] = []
        for s in c["igraph_seeds"]:
            random.seed(s)
            out["igraph_modularity"].append(ig.community_multilevel().modularity)
    return out


def main():
    cases = json.load(sys.stdin)
    json.dump({"networkx": nx.__version__, "cases": [case(c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()

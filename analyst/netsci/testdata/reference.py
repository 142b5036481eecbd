#!/usr/bin/env python3
"""Reference values for analyst/netsci's tests, from networkx and igraph.

Reads one JSON document on stdin:

    {"cases": [{"name": ..., "n": N, "edges": [[u, v], ...],
                "tol": 1e-13, "max_iter": 10000, "alpha": 0.85,
                "sources": [s, ...],                 # optional: a betweenness sample
                "brokers": [{"a": [...], "b": [...]}], # optional
                "partition": [c0, c1, ...],            # optional: a community per node
                "igraph_seeds": [1, 2]}, ...]}        # optional: run igraph multilevel

Nodes are the integers 0..N-1, the Go graph's node numbers. Writes one JSON
document on stdout with, per case, the values of networkx's functions in
node order (see reference_test.go for what is compared with what):

    degree_centrality, betweenness_centrality, closeness_centrality,
    pagerank(alpha, tol, max_iter), eigenvector_centrality(tol, max_iter),
    betweenness_centrality(k=len(sources)) on exactly those sources,
    betweenness_centrality_subset(a, b, normalized=False) per broker query,
    community.modularity of the given partition, and the modularity of
    igraph's community_multilevel after random.seed(s) for each s of
    igraph_seeds.
"""
import json
import random
import sys

import networkx as nx


class FixedSample(random.Random):
    """A random source whose sample() returns the given nodes: networkx's
    betweenness_centrality(k=...) then uses exactly the Go sample, through
    its public interface and its own estimator."""

    def __init__(self, picks):
        super().__init__(0)
        self.picks = list(picks)

    def sample(self, population, k, **kwargs):
        assert k == len(self.picks), (k, len(self.picks))
        return list(self.picks)


def in_order(d, n):
    return [float(d[v]) for v in range(n)]


def case(c):
    n = c["n"]
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(tuple(e) for e in c["edges"])
    out = {"name": c["name"], "n": g.number_of_nodes(), "m": g.number_of_edges()}
    out["degree"] = in_order(nx.degree_centrality(g), n)
    out["betweenness"] = in_order(nx.betweenness_centrality(g), n)
    out["closeness"] = in_order(nx.closeness_centrality(g), n)
    if n > 0:
        out["pagerank"] = in_order(nx.pagerank(g, alpha=c["alpha"], tol=c["tol"], max_iter=c["max_iter"]), n)
        out["eigenvector"] = in_order(nx.eigenvector_centrality(g, tol=c["tol"], max_iter=c["max_iter"]), n)
    if c.get("sources"):
        s = c["sources"]
        out["sampled"] = in_order(nx.betweenness_centrality(g, k=len(s), seed=FixedSample(s)), n)
    out["brokers"] = [
        in_order(nx.betweenness_centrality_subset(g, q["a"], q["b"], normalized=False), n) for q in c.get("brokers", [])
    ]
    if c.get("partition") is not None and g.number_of_edges() > 0:
        groups = {}
        for v, k in enumerate(c["partition"]):
            groups.setdefault(k, set()).add(v)
        out["modularity"] = nx.community.modularity(g, list(groups.values()))
    if c.get("igraph_seeds") and g.number_of_edges() > 0:
        import igraph

        ig = igraph.Graph(n=n, edges=[tuple(e) for e in c["edges"]])
        out["igraph_modularity"] = []
        for s in c["igraph_seeds"]:
            random.seed(s)
            out["igraph_modularity"].append(ig.community_multilevel().modularity)
    return out


def main():
    doc = json.load(sys.stdin)
    json.dump({"cases": [case(c) for c in doc["cases"]], "networkx": nx.__version__}, sys.stdout)


if __name__ == "__main__":
    main()

"""Load an actorgraph answer with NetworkX and print its node and edge counts.

usage: python3 count_nx.py FORMAT FILE
FORMAT is nodelink, graphml or gexf. Prints "NODES EDGES". node-link data
must load as a multigraph; GraphML is read as one; NetworkX's GEXF reader
makes a multigraph only when it meets parallel edges, so counts hold for all.
"""
import json
import sys

import networkx as nx


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "nodelink":
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f), edges="edges")
    elif fmt == "graphml":
        g = nx.read_graphml(path, force_multigraph=True)
    elif fmt == "gexf":
        g = nx.read_gexf(path)
    else:
        sys.exit(f"unknown format {fmt}")
    if fmt == "nodelink" and not g.is_multigraph():
        sys.exit(f"{fmt}: loaded as {type(g).__name__}, want a multigraph")
    print(g.number_of_nodes(), g.number_of_edges())


if __name__ == "__main__":
    main()

"""Load an actorgraph export with NetworkX and compare it with the reference.

usage: python3 check_nx.py FORMAT FILE EXPECTED_JSON
FORMAT is nodelink, graphml or gexf. Exits non-zero with the differences.
"""
import json
import math
import sys

import networkx as nx


def split_aliases(s):
    """Reverse the "|" joining of aliases (backslash escapes | and \\)."""
    if s is None or s == "":
        return []
    out, cur, i = [], [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            cur.append(s[i + 1])
            i += 2
            continue
        if c == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def load(fmt, path):
    if fmt == "nodelink":
        with open(path, encoding="utf-8") as f:
            return nx.node_link_graph(json.load(f), edges="edges")
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    raise SystemExit(f"unknown format {fmt}")


def main():
    fmt, path, exp_path = sys.argv[1:4]
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    g = load(fmt, path)
    errors = []
    if fmt == "nodelink" and not isinstance(g, nx.MultiDiGraph):
        errors.append(f"nodelink loaded as {type(g).__name__}, want MultiDiGraph")
    if not g.is_directed():
        errors.append("graph is not directed")
    if g.number_of_nodes() != len(exp["nodes"]):
        errors.append(f"{g.number_of_nodes()} nodes, want {len(exp['nodes'])}")
    if g.number_of_edges() != len(exp["edges"]):
        errors.append(f"{g.number_of_edges()} edges, want {len(exp['edges'])}")

    for nid, want in exp["nodes"].items():
        if nid not in g:
            errors.append(f"node {nid} missing")
            continue
        d = g.nodes[nid]
        aliases = d.get("aliases")
        if not isinstance(aliases, list):
            aliases = split_aliases(aliases)
        got = {"name": d.get("name"), "kind": d.get("kind"), "aliases": aliases,
               "description": d.get("description") or ""}
        if got != want:
            errors.append(f"node {nid}: got {got!r}, want {want!r}")

    edges = {}
    multi = g.is_multigraph()
    for item in (g.edges(keys=True, data=True) if multi else g.edges(data=True)):
        u, v, d = item[0], item[1], item[-1]
        # read_graphml keeps a multigraph's edge id as the key only.
        eid = d.get("id", item[2] if multi else None)
        if multi and item[2] != eid:
            errors.append(f"edge {eid}: key {item[2]!r} is not the relation id")
        edges[eid] = (u, v, d)
    for eid, want in exp["edges"].items():
        if eid not in edges:
            errors.append(f"edge {eid} missing")
            continue
        u, v, d = edges[eid]
        got = {"source": u, "target": v, "type": d.get("type"), "role": d.get("role") or "",
               "confidence": d.get("confidence"), "contested": d.get("contested"), "status": d.get("status"),
               "valid_from": d.get("valid_from") or "", "valid_to": d.get("valid_to") or "",
               "evidence_count": d.get("evidence_count"), "first_source": d.get("first_source") or "",
               "first_quote": d.get("first_quote") or ""}
        w = dict(want)
        if got["confidence"] is None or not math.isclose(got["confidence"], w["confidence"], abs_tol=1e-9):
            errors.append(f"edge {eid}: confidence {got['confidence']!r}, want {w['confidence']!r}")
        got.pop("confidence"), w.pop("confidence")
        if got != w:
            errors.append(f"edge {eid}: got {got!r}, want {w!r}")

    names = {d.get("name") for _, d in g.nodes(data=True)}
    for name in exp["must_have"]:
        if name not in names:
            errors.append(f"name {name!r} did not survive")

    if errors:
        print(f"{fmt}: {len(errors)} problem(s)", file=sys.stderr)
        for e in errors[:50]:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print(f"ok {fmt}: {type(g).__name__} with {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
          f"{len(exp['must_have'])} non-ASCII names intact (networkx {nx.__version__})")


if __name__ == "__main__":
    main()

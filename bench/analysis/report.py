#!/usr/bin/env python3
"""Print the issue-15 table from the results of bench/analysis/run.sh.

    python3 bench/analysis/report.py bench/data/results/analysis-go.json bench/data/results/analysis-py.json

Times are wall seconds of one run on the shared machine, with the CPU
seconds beside them where both sides measured them; ratios are ours /
theirs from the same run.
"""
import json
import statistics
import sys


def main():
    go = json.load(open(sys.argv[1]))
    py = json.load(open(sys.argv[2]))

    def s(d, key="seconds"):
        return d[key] if d and key in d else None

    def fmt(x, unit="s"):
        if x is None:
            return "–"
        if unit == "ms":
            return f"{x:.1f} ms"
        return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"

    def ratio(a, b):
        return f"{a / b:.2f}" if a is not None and b else "–"

    rows = []

    # Exact betweenness, BA 10k.
    ours, one, ig, nxe = go.get("exact-betweenness-ba10k"), go.get("exact-betweenness-ba10k-1core"), py.get("igraph-exact-betweenness-ba10k"), py.get("networkx-exact-betweenness-ba10k")
    same = ours and ig and ours["top"] == ig["top"] and abs(ours["top_value"] - ig["top_value"]) < 1e-9
    rows.append(["exact betweenness", "BA 10k / 100k",
                 f"{fmt(s(ours))} (2 cores, CPU {fmt(s(ours, 'cpu_seconds'))}); {fmt(s(one))} on 1 core (CPU {fmt(s(one, 'cpu_seconds'))})",
                 f"{fmt(s(ig))} (CPU {fmt(s(ig, 'cpu_seconds'))})",
                 f"{fmt(s(nxe))} (scaled from {nxe['extrapolated_from']})" if nxe else "–",
                 f"wall {ratio(s(ours), s(ig))}, 1 core {ratio(s(one), s(ig))}; CPU {ratio(s(one, 'cpu_seconds'), s(ig, 'cpu_seconds'))}",
                 "no slower than igraph",
                 ("yes" if s(ours) <= s(ig) else "**no**") + ("" if same else " (top node differs!)")])

    # Betweenness from 1000 sources, BA 100k.
    ours, ig, nxs = go.get("sampled-betweenness-ba100k"), py.get("igraph-sampled-betweenness-ba100k"), py.get("networkx-sampled-betweenness-ba100k")
    rows.append(["sampled betweenness, 1,000 sources", "BA 100k / 1M",
                 f"{fmt(s(ours))} (CPU {fmt(s(ours, 'cpu_seconds'))}); ε = {ours['epsilon']:.3f} at {ours['confidence']:.0%}" if ours else "–",
                 f"{fmt(s(ig))} (CPU {fmt(s(ig, 'cpu_seconds'))}; sources=1,000 random, same work)" if ig else "–",
                 f"{fmt(s(nxs))} (scaled from {nxs['extrapolated_from']})" if nxs else "–",
                 f"wall {ratio(s(ours), s(ig))}; CPU {ratio(s(ours, 'cpu_seconds'), s(ig, 'cpu_seconds'))}",
                 "≤ 10 s", "yes" if ours and s(ours) <= 10 else "**no**"])

    # Communities, BA 100k.
    ld = [v for k, v in go.items() if k.startswith("leiden-ba100k-seed")]
    ml = [v for k, v in py.items() if k.startswith("igraph-multilevel-ba100k-seed")]
    igl, nxl = py.get("igraph-leiden-ba100k"), py.get("networkx-louvain-ba100k")
    if ld and ml:
        lt, mt = statistics.median(x["seconds"] for x in ld), statistics.median(x["seconds"] for x in ml)
        lc, mc = statistics.median(x["cpu_seconds"] for x in ld), statistics.median(x["cpu_seconds"] for x in ml)
        lq, mq = [x["modularity"] for x in ld], [x["modularity"] for x in ml]
        extra = f"; igraph Leiden (2 iterations) {fmt(s(igl))}, Q {igl['modularity']:.4f}" if igl else ""
        rows.append(["Leiden (ours) / multilevel (igraph)", "BA 100k / 1M",
                     f"{fmt(lt)} (CPU {fmt(lc)}) median of {len(ld)} seeds, Q {min(lq):.4f}–{max(lq):.4f}",
                     f"{fmt(mt)} (CPU {fmt(mc)}) median of {len(ml)} seeds, Q {min(mq):.4f}–{max(mq):.4f}{extra}",
                     f"louvain_communities {fmt(s(nxl))}, Q {nxl['modularity']:.4f}" if nxl else "–",
                     f"wall {ratio(lt, mt)}; CPU {ratio(lc, mc)}; Q {min(lq) / max(mq):.3f} (worst ours / best igraph)",
                     "≤ 5 s, Q within 1% of igraph",
                     "yes" if lt <= 5 and min(lq) >= 0.99 * max(mq) else "**no**"])

    # Connecting network of 5, BA 100k.
    ours, nxc = go.get("connect5-ba100k"), py.get("networkx-connect5-ba100k")
    if ours:
        rows.append(["connecting network of 5 actors (max_hops 4)", "BA 100k / 1M",
                     f"median {fmt(ours['median_ms'], 'ms')}, p90 {fmt(ours['p90_ms'], 'ms')}, max {fmt(ours['max_ms'], 'ms')} over {ours['sets']} sets",
                     "– (no Steiner tree)",
                     f"steiner_tree(method='mehlhorn') median {fmt(nxc['median_ms'], 'ms')} over {nxc['sets']} sets" if nxc else "–",
                     f"median {ratio(ours['median_ms'], nxc['median_ms'])} of networkx" if nxc else "–",
                     "≤ 50 ms", "yes" if ours["max_ms"] <= 50 else ("median yes, max **no**" if ours["median_ms"] <= 50 else "**no**")])

    print("| measure | graph | actorgraph (analyst/netsci) | igraph | networkx | ratio ours / igraph | goal | met |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")

    print()
    print("gonum against this package (same graph, BA 2k / 20k; one core each):")
    print()
    print("| measure | analyst/netsci | gonum | gonum / ours |")
    print("|---|---|---|---|")
    ob, gb = go.get("exact-betweenness-ba2k-1core"), go.get("gonum-exact-betweenness-ba2k")
    if ob and gb:
        print(f"| exact betweenness (network.Betweenness) | {fmt(s(ob))} (CPU {fmt(s(ob, 'cpu_seconds'))}) | {fmt(s(gb))} (CPU {fmt(s(gb, 'cpu_seconds'))}) | {ratio(s(gb), s(ob))}; CPU {ratio(s(gb, 'cpu_seconds'), s(ob, 'cpu_seconds'))} |")
    ol, gl = go.get("leiden-ba2k"), go.get("gonum-louvain-ba2k")
    if ol and gl:
        print(f"| communities (community.Modularize) | {fmt(s(ol))}, Q {ol['modularity']:.4f} | {fmt(s(gl))}, Q {gl['modularity']:.4f} | {ratio(s(gl), s(ol))} |")

    print()
    print("Other measures, for context (wall seconds, CPU seconds in brackets where measured):")
    print()
    print("| measure | graph | analyst/netsci | igraph | networkx |")
    print("|---|---|---|---|---|")
    for name, graph, g, i, n in [
        ("PageRank (ours: tol 1e-10; igraph PRPACK; networkx tol 1e-6)", "BA 100k", "pagerank-ba100k", "igraph-pagerank-ba100k", "networkx-pagerank-ba100k"),
        ("eigenvector (ours: tol 1e-10; igraph ARPACK; networkx tol 1e-6)", "BA 100k", "eigenvector-ba100k", "igraph-eigenvector-ba100k", "networkx-eigenvector-ba100k"),
        ("closeness", "BA 10k", "closeness-ba10k", "igraph-closeness-ba10k", "networkx-closeness-ba10k"),
        ("brokers, 10 × 10 actors, all pairs", "BA 100k", "brokers-10x10-ba100k", None, None),
        ("building the graph from the edge list", "BA 100k", "build-ba100k", None, None),
    ]:
        def both(d):
            if not d:
                return "–"
            c = s(d, "cpu_seconds")
            return fmt(s(d)) + (f" ({fmt(c)})" if c is not None else "")
        nn = py.get(n) if n else None
        nxs = both(nn) + (f", scaled from {nn['extrapolated_from']}" if nn and "extrapolated_from" in nn else "")
        print(f"| {name} | {graph} | {both(go.get(g))} | {both(py.get(i)) if i else '–'} | {nxs} |")


if __name__ == "__main__":
    main()

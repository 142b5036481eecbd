#!/usr/bin/env python3
"""Print the issue-2 comparison table from the JSON results of one run.

    python3 bench/report.py bench/data/results

Reads networkx-ba100k.json, go-ba100k.json, mem-ba100k.json and, when
present, go-synth1m.json and mem-synth1m.json; prints a Markdown table of
the numbers, the ratios and the goals of issue 2, then checks that both
sides found the same answers on the BA graph (shortest path lengths, number
of k=3 paths, ego network sizes).
"""
import json
import os
import sys


def load(d, name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def ms(x):
    return f"{x:.3f} ms"


def rate(x):
    return f"{x / 1e6:.2f} M rel/s" if x >= 1e6 else f"{x / 1e3:.0f} k rel/s"


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "bench/data/results"
    nx = load(d, "networkx-ba100k.json")
    rows = []  # graph, measure, store, networkx, ratio, goal, met

    def row(graph, measure, store, peer, ratio, goal, met):
        rows.append((graph, measure, store, peer, ratio, goal, "yes" if met else "**no**"))

    for key, label in (("ba100k", "BA 100k/1M"), ("synth1m", "synth 1M/5M")):
        go = load(d, f"go-{key}.json")
        mem = load(d, f"mem-{key}.json")
        if go is None:
            continue
        peer = nx if key == "ba100k" else None
        s, k3, ego = go["shortest"], go["k3"], go["ego2"]
        if peer:
            r = s["p50_ms"] / peer["shortest"]["p50_ms"]
            row(label, "shortest path p50", ms(s["p50_ms"]), ms(peer["shortest"]["p50_ms"]), f"{r:.3f}", "≤ 1/3 of networkx", r <= 1 / 3)
            row(label, "shortest path p99", ms(s["p99_ms"]), ms(peer["shortest"]["p99_ms"]), f"{s['p99_ms'] / peer['shortest']['p99_ms']:.3f}", "≤ 1 ms", s["p99_ms"] <= 1)
            r = k3["p50_ms"] / peer["k3"]["p50_ms"]
            row(label, "k=3 paths p50", ms(k3["p50_ms"]), ms(peer["k3"]["p50_ms"]), f"{r:.3f}", "≤ networkx", r <= 1)
            row(label, "k=3 paths p99", ms(k3["p99_ms"]), ms(peer["k3"]["p99_ms"]), f"{k3['p99_ms'] / peer['k3']['p99_ms']:.3f}", "–", True)
            r = ego["p50_ms"] / peer["ego2"]["p50_ms"]
            row(label, "ego depth 2 p50", ms(ego["p50_ms"]), ms(peer["ego2"]["p50_ms"]), f"{r:.3f}", "≤ 1/10 of networkx", r <= 0.1)
            r99 = ego["p99_ms"] / peer["ego2"]["p99_ms"]
            row(label, "ego depth 2 p99", ms(ego["p99_ms"]), ms(peer["ego2"]["p99_ms"]), f"{r99:.3f}", "≤ 1/10 of networkx", r99 <= 0.1)
        else:
            row(label, "shortest path p50", ms(s["p50_ms"]), "–", "–", "≤ 0.5 ms", s["p50_ms"] <= 0.5)
            row(label, "shortest path p99", ms(s["p99_ms"]), "–", "–", "≤ 5 ms", s["p99_ms"] <= 5)
            rows.append((label, "k=3 paths p50 / p99", f"{ms(k3['p50_ms'])} / {ms(k3['p99_ms'])}", "–", "–", "–", "–"))
            rows.append((label, "ego depth 2 p50 / p99", f"{ms(ego['p50_ms'])} / {ms(ego['p99_ms'])}", "–", "–", "–", "–"))
        imp = go["import"]["relations_per_s"]
        row(label, "durable bulk import", f"{rate(imp)} ({go['import']['seconds']:.1f} s)", "–", "–", "≥ 200 k rel/s", imp >= 200e3)
        if "decode_s" in go:
            rows.append((label, "bundle JSON decoding (not in the import)", f"{go['decode_s']:.1f} s", "–", "–", "–", "–"))
        exp = go["export"]["relations_per_s"]
        what = "CSV edge export (as GET /v1/relations?format=csv)"
        if peer:
            row(label, what, rate(exp), f"{rate(peer['export']['relations_per_s'])} (write_edgelist)",
                f"{exp / peer['export']['relations_per_s']:.1f}× faster", "≥ 5 M rel/s", exp >= 5e6)
        else:
            row(label, what, rate(exp), "–", "–", "≥ 5 M rel/s", exp >= 5e6)
        std = go.get("export_stdlib")
        if std:
            rows.append((label, "CSV edge export through encoding/csv (the first version)", rate(std["relations_per_s"]), "–", "–", "–", "–"))
        if mem:
            b = mem["bytes_per_relation"]
            row(label, "memory per relation (whole-process RSS)",
                f"{b:.0f} B (anon {mem['anon_bytes_per_relation']:.0f} B + bbolt map {mem['file_bytes_per_relation']:.0f} B)",
                "–", "–", "≤ 200 B", b <= 200)
        rows.append((label, "reopen (index rebuilt from disk)", f"{go['open_s']:.1f} s", "–", "–", "–", "–"))

    print("| graph | measure | embedded store | networkx | store/networkx | goal | met |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")

    go = load(d, "go-ba100k.json")
    if nx and go:
        print()
        print_agreement(go, nx, "the store and networkx")
    print_load(d)


def print_agreement(a, b, between):
    """Print, for each per-pair answer, how many pairs of runs a and b differ."""
    for what, key in (("shortest path lengths", "shortest_hops"), ("k=3 path counts", "k3_paths"), ("ego network sizes", "ego2_nodes")):
        x, y = a.get(key) or [], b.get(key) or []
        diff = sum(1 for i, j in zip(x, y) if i != j)
        print(f"- {what}: {len(x)} pairs, {diff} differ between {between}")


def print_load(d):
    """Print the load averages of d/load.txt, if bench/run.sh wrote it."""
    load_path = os.path.join(d, "load.txt")
    if os.path.exists(load_path):
        print()
        print("Load average (1, 5, 15 min) when each step started:")
        print()
        with open(load_path) as f:
            for line in f:
                print(f"- {line.strip()}")


if __name__ == "__main__":
    main()

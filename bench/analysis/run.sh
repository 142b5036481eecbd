#!/usr/bin/env bash
# bench/analysis/run.sh: the issue-15 network analysis benchmark, both
# sides in one run.
#
#   bench/analysis/run.sh                 # everything (about 15 minutes, most of it networkx)
#   NX_LOUVAIN=0 bench/analysis/run.sh    # without networkx's louvain_communities on BA 100k
#
# Generates what is missing under bench/data (git-ignored): the BA graphs
# of networkx barabasi_albert_graph(n, 10, seed=42) for n = 2,000, 10,000
# and 100,000 (bench/gen_ba.py), and 50 sets of 5 node ids for the
# connecting network (seeded). Then, for each group of measures, runs the
# Go side (bench/analysis: analyst/netsci) and right after it the Python
# side (bench/analysis/peer.py: igraph and networkx) on the same files;
# then gonum against analyst/netsci on BA 2k; and prints the table of
# bench/analysis/report.py. Results: bench/data/results/analysis-{go,py}.json
# (and one file per group), analysis-table.md, and the load average as
# each step started in analysis-load.txt.
# Needs go, python3 with networkx, scipy and igraph (pip install igraph).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=bench/data
res=$data/results
mkdir -p "$res" "$data/bin"
: >"$res/analysis-load.txt"
rm -f "$res"/analysis-go-*.json "$res"/analysis-py-*.json
step() {
	printf '\n== %s\n' "$*"
	echo "$*: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/analysis-load.txt"
}

for n in 2000 10000 100000; do
	f=$data/ba$((n / 1000))k.edgelist
	if [[ ! -s $f ]]; then
		step "networkx: barabasi_albert_graph($n, 10, seed=42)"
		python3 bench/gen_ba.py --n $n --m 10 --seed 42 --out "$f"
	fi
done
if [[ ! -s $data/connect5.txt ]]; then
	python3 -c 'import random; r = random.Random(5); print("\n".join(" ".join(map(str, r.sample(range(100000), 5))) for _ in range(50)))' >$data/connect5.txt
fi

step "build"
go build -o $data/bin/analysis ./bench/analysis
{
	echo "date: $(date -u +%FT%TZ)"
	echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "nproc: $(nproc)"
	go version
	python3 -c 'import networkx, igraph, sys; print("networkx", networkx.__version__, "igraph", igraph.__version__, "python", sys.version.split()[0])'
} | tee $res/analysis-machine.txt

# Each measure runs on both sides back to back, so that both see the
# same load on the shared machine.
for grp in exact sampled communities connect context; do
	step "$grp: analyst/netsci"
	$data/bin/analysis -only $grp -ba2k $data/ba2k.edgelist -ba10k $data/ba10k.edgelist -ba100k $data/ba100k.edgelist \
		-connect $data/connect5.txt -out $res/analysis-go-$grp.json
	step "$grp: igraph and networkx"
	python3 bench/analysis/peer.py --only $grp --ba10k $data/ba10k.edgelist --ba100k $data/ba100k.edgelist \
		--connect $data/connect5.txt --nx-louvain "${NX_LOUVAIN:-1}" --out $res/analysis-py-$grp.json
done
step "gonum"
$data/bin/analysis -only gonum -ba2k $data/ba2k.edgelist -ba10k $data/ba10k.edgelist -ba100k $data/ba100k.edgelist \
	-connect $data/connect5.txt -out $res/analysis-go-gonum.json
merge() { python3 -c 'import json, sys; print(json.dumps({k: v for f in sys.argv[1:] for k, v in json.load(open(f)).items()}, indent=2))' "$@"; }
merge $res/analysis-go-*.json >$res/analysis-go.json
merge $res/analysis-py-*.json >$res/analysis-py.json

step "table"
echo "end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/analysis-load.txt"
python3 bench/analysis/report.py $res/analysis-go.json $res/analysis-py.json | tee $res/analysis-table.md
echo
cat "$res/analysis-load.txt"

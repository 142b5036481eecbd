#!/usr/bin/env bash
# bench/run.sh: the issue-2 performance comparison, both sides in one run.
#
#   bench/run.sh              # BA 100k/1M (store and networkx) and synth 1M/5M (store)
#   SYNTH=0 bench/run.sh      # BA graph only
#   KEEP_STORES=1 bench/run.sh  # leave the store directories in bench/data
#   ISSUE2=0 NEO4J=1 SYNTH=0 bench/run.sh
#                             # issue 11 only: the embedded store beside Neo4j
#                             # on the BA graph, RUNS (default 2) times each in
#                             # turns, on a Neo4j 5.26 of its own (.ci/neo4j,
#                             # state in bench/data/neo4j-state, NEO4J_HEAP
#                             # default 12g: the 1M-relation import is one
#                             # transaction, too big for 6g; NEO4J_PAGECACHE
#                             # default 1g); table by bench/neo4j_report.py
#
# Generates what is missing under bench/data (git-ignored), runs networkx
# (bench/networkx_bench.py) and the embedded store (bench/cmd/pathbench,
# bench/cmd/memprobe) on the same graphs and the same 200 pairs, and prints
# the table of bench/report.py. Results: bench/data/results/*.json and
# table.md. Needs go, python3 with networkx, ~3 GB of disk; the 1M/5M part
# takes several GB of memory and some minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
data=bench/data
res=$data/results
mkdir -p "$res" "$data/bin"

step() {
	printf '\n== %s\n' "$*"
	# What else ran: the machine's load average as each step starts.
	[[ -d $res ]] && echo "$*: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/load.txt"
}
rm -f "$res/load.txt"

if [[ ! -s $data/ba100k.edgelist ]]; then
	step "networkx: barabasi_albert_graph(100000, 10, seed=42)"
	python3 bench/gen_ba.py --n 100000 --m 10 --seed 42 --out $data/ba100k.edgelist
fi
if [[ ! -s $data/ba100k.json || ! -s $data/ba100k.pairs ]]; then
	step "BA edge list -> bundle, 200 pairs"
	go run ./bench/cmd/benchdata ba -edgelist $data/ba100k.edgelist -out $data/ba100k.json -pairs $data/ba100k.pairs -n 200 -pair-seed 42
fi
if [[ ${SYNTH:-1} != 0 && ( ! -s $data/synth1m.json || ! -s $data/synth1m.pairs ) ]]; then
	step "synth 1M actors / 5M relations, 200 pairs"
	go run ./bench/cmd/benchdata synth -actors 1000000 -relations 5000000 -seed 1 -out $data/synth1m.json -pairs $data/synth1m.pairs -n 200 -pair-seed 42
fi

step "build"
go build -o $data/bin/pathbench ./bench/cmd/pathbench
go build -o $data/bin/memprobe ./bench/cmd/memprobe

{
	echo "date: $(date -u +%FT%TZ)"
	echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	echo "nproc: $(nproc)"
	free -h
	go version
	python3 -c 'import networkx, sys; print("networkx", networkx.__version__, "python", sys.version.split()[0])'
} | tee $res/machine.txt

if [[ ${ISSUE2:-1} != 0 ]]; then
step "networkx on BA 100k"
python3 bench/networkx_bench.py --edgelist $data/ba100k.edgelist --pairs $data/ba100k.pairs --out $res/networkx-ba100k.json

graphs=(ba100k)
[[ ${SYNTH:-1} != 0 ]] && graphs+=(synth1m)
for g in "${graphs[@]}"; do
	step "embedded store on $g"
	$data/bin/pathbench -bundle $data/$g.json -pairs $data/$g.pairs -dir $data/store-$g -keep -out $res/go-$g.json
	step "memory on $g (separate process)"
	$data/bin/memprobe -dir $data/store-$g -out $res/mem-$g.json
	[[ ${KEEP_STORES:-0} != 0 ]] || rm -rf "$data/store-$g"
done

step "table"
echo "end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/load.txt"
python3 bench/report.py $res | tee $res/table.md
fi

if [[ ${NEO4J:-0} != 0 ]]; then
	export ACTORGRAPH_NEO4J_STATE_DIR=$PWD/$data/neo4j-state
	export NEO4J_HEAP=${NEO4J_HEAP:-12g} NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-1g}
	trap '.ci/neo4j stop || true' EXIT
	rm -f "$res"/go-ba100k-run*.json "$res"/neo4j-ba100k-run*.json
	for run in $(seq "${RUNS:-2}"); do
		step "embedded store on ba100k, run $run"
		$data/bin/pathbench -bundle $data/ba100k.json -pairs $data/ba100k.pairs -dir $data/store-ba100k-run -out $res/go-ba100k-run$run.json
		# A new server for each run: an empty database without deleting
		# a million relations first.
		step "neo4j: a server of its own (.ci/neo4j start, heap $NEO4J_HEAP, page cache $NEO4J_PAGECACHE)"
		neo4j_env=$(.ci/neo4j start)
		export ACTORGRAPH_BENCH_NEO4J_URI=$(sed -n 's/^ACTORGRAPH_TEST_NEO4J_URI=//p' <<<"$neo4j_env")
		export ACTORGRAPH_BENCH_NEO4J_USER=$(sed -n 's/^ACTORGRAPH_TEST_NEO4J_USER=//p' <<<"$neo4j_env")
		export ACTORGRAPH_BENCH_NEO4J_PASSWORD=$(sed -n 's/^ACTORGRAPH_TEST_NEO4J_PASSWORD=//p' <<<"$neo4j_env")
		step "neo4j on ba100k, run $run"
		$data/bin/pathbench -store neo4j -bundle $data/ba100k.json -pairs $data/ba100k.pairs -out $res/neo4j-ba100k-run$run.json
		.ci/neo4j stop
	done
	step "table: the embedded store beside neo4j"
	echo "end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/load.txt"
	python3 bench/neo4j_report.py $res | tee $res/neo4j-table.md
fi

#!/usr/bin/env bash
# bench/analysis/service/run.sh: the issue-15 analyses end to end through
# the service (analyst.Service over the embedded store), next to
# analyst/netsci alone on the same graphs, in one run.
#
#   bench/analysis/service/run.sh            # BA 10k and BA 100k (a few minutes)
#   ONLY=ba100k bench/analysis/service/run.sh
#
# Generates what is missing under bench/data (git-ignored): the BA edge
# lists (bench/gen_ba.py, as bench/analysis/run.sh), the connect sets, and
# the stores bench/data/store-ba10k and store-ba100k (made once from the
# edge lists: actors n<u>, relations ASSOCIATE_OF). Results:
# bench/data/results/analysis-service.json and analysis-service-table.md.
# Needs go and python3 with networkx.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=bench/data
res=$data/results
mkdir -p "$res" "$data/bin"
for n in 10000 100000; do
	f=$data/ba$((n / 1000))k.edgelist
	[[ -s $f ]] || python3 bench/gen_ba.py --n $n --m 10 --seed 42 --out "$f"
done
if [[ ! -s $data/connect5.txt ]]; then
	python3 -c 'import random; r = random.Random(5); print("\n".join(" ".join(map(str, r.sample(range(100000), 5))) for _ in range(50)))' >$data/connect5.txt
fi
go build -o $data/bin/analysis-service ./bench/analysis/service
{
	echo "date: $(date -u +%FT%TZ)"
	echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), nproc $(nproc)"
	echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
	go version
} | tee $res/analysis-service-machine.txt
$data/bin/analysis-service -ba10k $data/ba10k.edgelist -ba100k $data/ba100k.edgelist -connect $data/connect5.txt \
	-dir $data -only "${ONLY:-}" -out $res/analysis-service.json
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $res/analysis-service-machine.txt
python3 bench/analysis/service/report.py $res/analysis-service.json | tee $res/analysis-service-table.md

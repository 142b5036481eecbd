#!/usr/bin/env bash
# bench/http/run.sh: the HTTP API under wrk over loopback, next to a trivial
# Gin JSON baseline started by the same script in the same run.
#
#   bench/http/run.sh                               # seed graph
#   bench/http/run.sh --bundle bench/data/ba100k.json --pairs bench/data/ba100k.pairs
#   bench/http/run.sh --data-dir DIR --pairs FILE   # a store already imported
#
# Options: --bundle FILE   import FILE into a fresh data dir first (the seed
#                          graph is not loaded then)
#          --data-dir DIR  serve an existing embedded store directory
#          --pairs FILE    "from to" lines: /v1/paths cycles over them
#          --duration D    wrk duration (default 10s); --threads, --conns
#          --log-level L   the API's log level (default warn: no per-request line)
# Each target runs `wrk -t2 -c64 -d10s --latency`. Prints req/s, p50, p99
# and the ratios to the baseline; raw wrk output in bench/data/http/.
set -euo pipefail
cd "$(dirname "$0")/../.."

bundle="" datadir="" pairs="" duration=10s threads=2 conns=64 loglevel=warn
while [[ $# -gt 0 ]]; do
	case $1 in
	--bundle) bundle=$2; shift 2 ;;
	--data-dir) datadir=$2; shift 2 ;;
	--pairs) pairs=$2; shift 2 ;;
	--duration) duration=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--conns) conns=$2; shift 2 ;;
	--log-level) loglevel=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done

if ! command -v wrk >/dev/null; then
	echo "== installing wrk"
	(apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

out=bench/data/http
mkdir -p "$out/bin"
go build -o "$out/bin/actorgraph" ./cmd/actorgraph
go build -o "$out/bin/baseline" ./bench/http/baseline

api_port=18080 base_port=18081
api=http://127.0.0.1:$api_port base=http://127.0.0.1:$base_port
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n ${tmpdir:-} ]] && rm -rf "$tmpdir"; }
trap cleanup EXIT

graph=seed
if [[ -z $datadir ]]; then
	tmpdir=$(mktemp -d)
	datadir=$tmpdir/data
	if [[ -n $bundle ]]; then
		graph=$(basename "$bundle" .json)
		echo "== importing $bundle into a fresh store"
		# --no-seed: the store holds the bundle alone.
		start=$(date +%s)
		"$out/bin/actorgraph" import "$bundle" --no-seed --data-dir "$datadir" --log-level warn
		echo "import took $(($(date +%s) - start)) s"
	fi
else
	graph=$(basename "$datadir")
fi

export ACTORGRAPH_LOG_LEVEL=$loglevel
"$out/bin/actorgraph" serve --listen 127.0.0.1:$api_port --data-dir "$datadir" 2>"$out/serve.log" &
pids+=($!)
"$out/bin/baseline" -addr 127.0.0.1:$base_port 2>"$out/baseline.log" &
pids+=($!)
for i in $(seq 1 600); do
	if curl -fsS "$api/readyz" >/dev/null 2>&1 && curl -fsS "$base/ping" >/dev/null 2>&1; then break; fi
	sleep 0.1
done
curl -fsS "$api/readyz" >/dev/null

# Targets: name, URL, and an optional wrk script with its arguments.
declare -a names urls scripts
add() { names+=("$1"); urls+=("$2"); scripts+=("${3:-}"); }
add baseline "$base/ping"
if [[ -n $pairs ]]; then
	add "paths shortest ($graph, $(grep -vc '^#' "$pairs") pairs)" "$api" "bench/http/paths.lua -- $pairs"
else
	# the seed graph: Amedy Coulibaly to AQAP
	first=$(curl -fsS "$api/v1/actors?q=Amedy%20Coulibaly&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])')
	add "paths shortest ($graph: $first -> aqap)" "$api/v1/paths?from=$first&to=aqap"
	add "actors?q=kouachi ($graph)" "$api/v1/actors?q=kouachi"
fi
[[ -n $pairs ]] && add "actors?q=node ($graph)" "$api/v1/actors?q=node%201"

# Check every target answers 200 before measuring it.
for i in "${!names[@]}"; do
	[[ -n ${scripts[$i]} ]] && continue
	code=$(curl -s -o /dev/null -w '%{http_code}' "${urls[$i]}")
	[[ $code == 200 ]] || { echo "${names[$i]}: ${urls[$i]} answers $code" >&2; exit 1; }
done

results=()
for i in "${!names[@]}"; do
	echo "== wrk -t$threads -c$conns -d$duration --latency: ${names[$i]}"
	f="$out/wrk-$i.txt"
	if [[ -n ${scripts[$i]} ]]; then
		read -r script _ args <<<"${scripts[$i]}"
		# shellcheck disable=SC2086
		wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$script" "${urls[$i]}" -- $args | tee "$f"
	else
		wrk -t"$threads" -c"$conns" -d"$duration" --latency "${urls[$i]}" | tee "$f"
	fi
	if grep -q "Non-2xx" "$f"; then echo "${names[$i]}: non-2xx answers, see $f" >&2; exit 1; fi
	results+=("$f")
done

echo
python3 - "$graph" "${results[@]}" -- "${names[@]}" <<'PY'
import re, sys
args = sys.argv[1:]
graph = args[0]
sep = args.index("--")
files, names = args[1:sep], args[sep + 1:]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    x = float(m.group(1))
    return {"us": x / 1000, "ms": x, "s": x * 1000}[m.group(2)]
rows = []
for f, n in zip(files, names):
    t = open(f).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    rows.append((n, rps, p50, p99))
b = rows[0]
print(f"| target | req/s | p50 ms | p99 ms | req/s vs baseline | p50 vs baseline |")
print(f"|---|---:|---:|---:|---:|---:|")
for n, rps, p50, p99 in rows:
    print(f"| {n} | {rps:,.0f} | {p50:.3f} | {p99:.3f} | {rps / b[1]:.2f}x | {p50 / b[2]:.2f}x |")
PY

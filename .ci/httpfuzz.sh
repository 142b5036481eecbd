#!/usr/bin/env bash
# .ci/httpfuzz.sh: drive the whole HTTP surface with generated requests
# (issue 13). Schemathesis reads handlers/openapi.json from a running
# server and sends, for every operation, requests built from the schemas:
# valid ones, ones that break them (wrong types, values past the caps,
# missing fields, unknown methods) and stateful sequences (create an
# actor, then read, change and delete it). It fails on:
#
#   not_a_server_error        any 5xx
#   problem_json              a 4xx or 5xx that is not an RFC 9457 problem
#                             with a code of graph/error.go and its own
#                             status (.ci/httpfuzz/problemcheck.py)
#   status_code_conformance   a status the document does not list
#   content_type_conformance  a Content-Type the document does not list
#   response_schema_conformance  a body that does not fit its schema
#   negative_data_rejection   a request that breaks the schema but is
#                             answered 2xx
#   unsupported_method, allow_header_conformance  405 and Allow for
#                             methods a path does not take
#
# positive_data_acceptance is left out on purpose: the server rightly
# refuses some requests that JSON Schema cannot tell from good ones (a
# 2015-02-30, a source that does not exist, a relation type whose ends are
# of the wrong kinds).
#
# The run is reproducible (HTTPFUZZ_SEED, default 1; no example database
# is kept between runs) and bounded: at most
# HTTPFUZZ_EXAMPLES cases per operation and phase (default 40), and
# HTTPFUZZ_TIMEOUT seconds in all (default 150). It needs the virtualenv
# that `.ci/install.sh httpfuzz` makes (.ci/.venv-httpfuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${HTTPFUZZ_SEED:-1}
examples=${HTTPFUZZ_EXAMPLES:-40}
budget=${HTTPFUZZ_TIMEOUT:-150}
st=.ci/.venv-httpfuzz/bin/st
[[ -x $st ]] || { echo "httpfuzz: $st is missing; run .ci/install.sh httpfuzz" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
	[[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/actorgraph" ./cmd/actorgraph
# One key with every role, so that every operation is reached; the checks
# see the 401 and 403 answers of the auth tests elsewhere (handlers).
key=ag_httpfuzz_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
hash=sha256:$(printf %s "$key" | sha256sum | cut -d' ' -f1)
ACTORGRAPH_API_KEYS="httpfuzz=$hash:read,write,metrics" ACTORGRAPH_LOG_FORMAT=json \
	"$work/actorgraph" serve --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
addr=
for _ in $(seq 600); do
	addr=$(sed -n 's/.*"addr":"\(http:[^"]*\)".*/\1/p' "$work/server.log" | head -1)
	[[ -n $addr ]] && break
	kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
	sleep 0.1
done
[[ -n $addr ]] || { echo "httpfuzz: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
echo "httpfuzz: server $addr, seed $seed, $examples examples per operation, at most ${budget}s"

start=$SECONDS
status=0
PYTHONPATH=.ci/httpfuzz SCHEMATHESIS_HOOKS=problemcheck timeout "$budget" "$st" run "$addr/openapi.json" \
	-H "Authorization: Bearer $key" \
	--seed "$seed" --max-examples "$examples" --workers 1 --no-color --generation-database none \
	--checks not_a_server_error,problem_json,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,unsupported_method,allow_header_conformance \
	--report junit --report-dir "$work/report" || status=$?
echo "httpfuzz: $((SECONDS - start))s"
if [[ -s $work/server.log ]] && grep -q '"level":"ERROR"' "$work/server.log"; then
	echo "httpfuzz: the server logged errors:" >&2
	grep '"level":"ERROR"' "$work/server.log" | head -20 >&2
	status=1
fi
if ((status == 124)); then
	echo "httpfuzz: stopped after ${budget}s; lower HTTPFUZZ_EXAMPLES or raise HTTPFUZZ_TIMEOUT" >&2
fi
exit "$status"

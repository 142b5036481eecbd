#!/usr/bin/env bash
# .ci/cypherlint.sh: lint every Cypher query of the Neo4j store with Neo4j's
# own front end (@neo4j-cypher/language-support, offline on Node 20):
#   1. the .cypher files of graph/neo4j/queries, as written;
#   2. every distinct query the query builder generates from them
#      (go test ./graph/neo4j -run TestDumpQueries -dump DIR);
#   3. the broken fixtures of .ci/cypherlint/testdata, each of which the lint
#      must reject, so that a lint that accepts everything fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install.sh lint
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -count=1 -run '^TestDumpQueries$' ./graph/neo4j -dump "$dir" >/dev/null
lint=.ci/cypherlint/lint.mjs
node $lint --schema "$dir/schema.json" graph/neo4j/queries
node $lint --schema "$dir/schema.json" "$dir"
node $lint --schema "$dir/schema.json" --expect-fail .ci/cypherlint/testdata

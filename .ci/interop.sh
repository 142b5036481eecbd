#!/usr/bin/env bash
# .ci/interop.sh: install the consumer tools of the interchange-format tests
# (.ci/install.sh interop) and run them. With CI=true (the default here) a
# missing tool fails its test instead of skipping it.
#
#   needs: apt (root), node + npm, python3 with networkx and requests, go.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install.sh interop
python3 -c 'import networkx, requests' || {
	echo "interop: python3 needs networkx and requests (pip install networkx requests)" >&2
	exit 1
}
export CI="${CI:-true}"
go test -count=1 ./interop/ "$@"

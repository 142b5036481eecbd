#!/usr/bin/env bash
# .ci/interop.sh: install the consumer tools of the interchange-format tests
# and run them (go test ./interop/). Idempotent: what is installed already is
# not installed again, so a second run only runs the tests.
#
#   needs: apt (root), node + npm (from the base image), python3 with
#          networkx and requests (from the base image), go.
#   env:   CI=true makes a missing tool a test failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if ((${#need_apt[@]})); then
	echo "interop: apt-get install ${need_apt[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

python3 -c 'import networkx, requests' || {
	echo "interop: python3 needs networkx and requests (pip install networkx requests)" >&2
	exit 1
}

# npm ci only when the lockfile changed since the last install.
lock=interop/js/package-lock.json
stamp=interop/js/node_modules/.package-lock.json
if [[ ! -f $stamp || $lock -nt $stamp ]]; then
	echo "interop: npm ci in interop/js"
	(cd interop/js && npm ci --no-audit --no-fund --loglevel=error)
fi

export CI="${CI:-true}"
go test -count=1 ./interop/ "$@"

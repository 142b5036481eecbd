#!/usr/bin/env bash
# .ci/install.sh: install what the CI checks need, and nothing that is
# there already. Idempotent: a second run installs nothing.
#
#   .ci/install.sh [interop] [browser] [lint] [tools] [python] [httpfuzz] [neo4j]    (default: all)
#
#   interop   xmllint (libxml2-utils), dot (graphviz), npm ci in interop/js
#   browser   Debian's chromium (/usr/bin/chromium) and fonts-liberation
#   lint      npm ci in .ci/cypherlint (@neo4j-cypher/language-support)
#   tools     staticcheck, from the Go module proxy
#   python    igraph, scipy and pandas from PyPI: for the reference tests of
#             analyst/netsci and analyst (igraph's multilevel communities;
#             scipy for networkx's pagerank), and for the Python client's
#             DataFrames
#   httpfuzz  Schemathesis, from PyPI, in the virtualenv .ci/.venv-httpfuzz
#             (.ci/httpfuzz.sh)
#   neo4j     a JDK 17 and Maven (Debian's), for .ci/neo4j; Neo4j itself
#             comes from Maven Central when .ci/neo4j start first builds
#
# Needs apt (as root, or sudo), node + npm, python3 (with pip and venv) and go
# on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
((${#parts[@]})) || parts=(interop browser lint tools python httpfuzz neo4j)
want() { [[ " ${parts[*]} " == *" $1 "* ]]; }

apt_pkgs=()
if want interop; then
	command -v xmllint >/dev/null 2>&1 || apt_pkgs+=(libxml2-utils)
	command -v dot >/dev/null 2>&1 || apt_pkgs+=(graphviz)
fi
if want browser; then
	# fonts-liberation gives text metrics like a desktop's; headless with
	# --disable-gpu needs no other recommendation.
	[[ -x /usr/bin/chromium ]] || apt_pkgs+=(chromium fonts-liberation)
fi
if want neo4j; then
	command -v java >/dev/null 2>&1 || apt_pkgs+=(openjdk-17-jdk-headless)
	command -v mvn >/dev/null 2>&1 || apt_pkgs+=(maven)
fi
if ((${#apt_pkgs[@]})); then
	sudo=()
	((EUID == 0)) || sudo=(sudo)
	echo "install: apt-get install ${apt_pkgs[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

# npm ci only when the lockfile is newer than the last install.
npm_ci() {
	local dir=$1
	if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
		echo "install: npm ci in $dir"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
want interop && npm_ci interop/js
want lint && npm_ci .ci/cypherlint

if want tools; then
	gobin=$(go env GOPATH)/bin
	if [[ ! -x $gobin/staticcheck ]]; then
		echo "install: staticcheck"
		go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	fi
fi
if want python; then
	# analyst/netsci and analyst compare communities with igraph and pagerank with networkx's (which needs scipy);
	# the Python client's tests check its DataFrames (pandas).
	# A Debian-managed python refuses plain pip (PEP 668); CI's machine is throwaway, so the second try overrides that.
	python3 -c 'import igraph, scipy, pandas' 2>/dev/null || {
		echo "install: pip install igraph scipy pandas"
		python3 -m pip install --quiet igraph scipy pandas || python3 -m pip install --quiet --break-system-packages igraph scipy pandas
	}
fi
if want httpfuzz; then
	# Pinned: the checks of .ci/httpfuzz.sh, and its seeded runs, are
	# those of this version.
	schemathesis=4.32.5
	venv=.ci/.venv-httpfuzz
	if [[ ! -x $venv/bin/st ]] || [[ $("$venv/bin/st" --version 2>/dev/null) != *" $schemathesis" ]]; then
		echo "install: schemathesis $schemathesis in $venv"
		python3 -m venv "$venv"
		"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis"
	fi
fi
exit 0

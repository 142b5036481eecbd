#!/usr/bin/env bash
# .ci/browser.sh: install Debian's Chromium if it is missing and run the
# explorer's browser tests (go test ./web/, driven with chromedp).
# Idempotent: a second run only runs the tests.
#
#   needs: apt (root) for the first run, go.
#   env:   CI=true (set here unless given) makes a missing Chromium a test
#          failure instead of a skip.
#          ACTORGRAPH_SCREENSHOTS: where the screenshots go (default
#          .ci/artifacts/screenshots, git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/install.sh browser
/usr/bin/chromium --version 2>/dev/null || true

export CI="${CI:-true}"
export ACTORGRAPH_SCREENSHOTS="${ACTORGRAPH_SCREENSHOTS:-$PWD/.ci/artifacts/screenshots}"
go test -count=1 -run 'TestExplorer|TestNetworkGuard|TestPageLocal|TestFindChromium|TestChromiumVerdict' ./web/... "$@"
echo "browser: screenshots in $ACTORGRAPH_SCREENSHOTS"

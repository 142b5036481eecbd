#!/usr/bin/env bash
# bench/lockbench/before.sh: build bench/cmd/lockbench against the embedded
# store as it was before the lock work of issue 13 (commit 0b01d40), with
# only the lock instrumentation added, so that before and after can be
# measured in one session:
#
#   bench/lockbench/before.sh /tmp/lockbench-before
#   /tmp/lockbench-before -dir bench/data/store-synth1m -pairs bench/data/synth1m.pairs -out before.json
#
# It copies that commit's tree to a temporary directory, adds this tree's
# graph/embedded/{lock,cpu_linux,cpu_other}.go and bench/cmd/lockbench, and
# puts the instrumented lock (rlock/lock and release, no stepping aside) in
# place of the six uses of the old sync.RWMutex.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: before.sh OUTPUT-BINARY}
case $out in /*) ;; *) out=$PWD/$out ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git archive 0b01d40 | tar -x -C "$tmp"
cp graph/embedded/lock.go graph/embedded/cpu_linux.go graph/embedded/cpu_other.go "$tmp/graph/embedded/"
mkdir -p "$tmp/bench/cmd/lockbench" && cp bench/cmd/lockbench/main.go "$tmp/bench/cmd/lockbench/"
python3 - "$tmp" <<'PY'
import sys
root = sys.argv[1] + "/graph/embedded/"
def sub(name, old, new):
    p = root + name
    s = open(p).read()
    assert old in s, (name, old)
    open(p, "w").write(s.replace(old, new, 1))
sub("store.go", "\tmu  sync.RWMutex // guards ix: readers share it, writers take it after their commit", "\tlk  indexLock")
sub("store.go", "\tSeed func() (*graph.Bundle, error)\n}", "\tSeed func() (*graph.Bundle, error)\n\tLockHold func(LockHold)\n}")
sub("store.go", "\ts := &Store{lim: opts.Limits, log: opts.Logger, now: opts.Now}", "\ts := &Store{lim: opts.Limits, log: opts.Logger, now: opts.Now}\n\ts.lk.observe = opts.LockHold")
sub("store.go", "\ts.mu.Lock()\n\ts.ix = ix\n\ts.mu.Unlock()", "\th := s.lk.lock(\"reload\")\n\ts.ix = ix\n\th.release()")
sub("write.go", "\ts.mu.Lock()\n\taerr := apply(s.ix)\n\ts.mu.Unlock()", "\th := s.lk.lock(op)\n\taerr := apply(s.ix)\n\th.release()")
sub("read.go", "\t\tp, err := underIndex(s, plan)", "\t\tp, err := underIndex(s, op, plan)")
sub("read.go", "func underIndex[P any](s *Store, fn func(ix *index) (P, error)) (P, error) {\n\ts.mu.RLock()\n\tdefer s.mu.RUnlock()",
    "func underIndex[P any](s *Store, op string, fn func(ix *index) (P, error)) (P, error) {\n\th := s.lk.rlock(op)\n\tdefer h.release()")
sub("query.go", "\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\tix := s.ix\n\tfrom, ok", "\th := s.lk.rlock(\"paths \" + string(q.Mode))\n\tdefer h.release()\n\tix := s.ix\n\tfrom, ok")
sub("query.go", "\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\tix := s.ix\n\tsc := s.getScratch", "\th := s.lk.rlock(\"network\")\n\tdefer h.release()\n\tix := s.ix\n\tsc := s.getScratch")
PY
(cd "$tmp" && go build -o "$out" ./bench/cmd/lockbench)
echo "built $out"

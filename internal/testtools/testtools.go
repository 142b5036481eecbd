// Package testtools is what tests that call outside tools (python3 and its
// modules, node, xmllint, ...) share: whether a missing tool skips the test
// or, in CI, fails it, and the lookups that decide. It imports nothing of
// the project.
package testtools

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether a missing tool must fail a test rather than skip
// it: CI is set, and not to "false".
func InCI() bool { return os.Getenv("CI") != "" && os.Getenv("CI") != "false" }

// Missing skips t, or fails it in CI, because tool is absent; install
// says how to get it.
func Missing(t testing.TB, tool, install string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is required in CI but missing (%s)", tool, install)
	}
	t.Skipf("skipped: %s is not installed (%s)", tool, install)
}

// Cmd returns the path of the executable name, or skips (fails in CI).
func Cmd(t testing.TB, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, install)
	}
	return p
}

// Python returns python3's path when it and every module import, or skips
// (fails in CI); install says how to get the modules.
func Python(t testing.TB, install string, modules ...string) string {
	t.Helper()
	py := Cmd(t, "python3", "apt-get install -y python3")
	for _, m := range modules {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			Missing(t, "python3 module "+m, install)
		}
	}
	return py
}

package interop

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/testtools"
)

// missing skips the test, or fails it in CI, because a tool is absent.
func missing(t *testing.T, tool, install string) {
	t.Helper()
	testtools.Missing(t, tool, install+"; .ci/install.sh installs it")
}

// needCmd returns the path of an executable or skips/fails.
func needCmd(t *testing.T, name, install string) string {
	t.Helper()
	return testtools.Cmd(t, name, install+"; .ci/install.sh installs it")
}

// needPython checks for python3 with the given modules.
func needPython(t *testing.T, modules ...string) string {
	t.Helper()
	return testtools.Python(t, "pip install "+strings.Join(modules, " ")+"; .ci/install.sh installs them", modules...)
}

// needNodeModules checks for node and the npm packages of interop/js.
func needNodeModules(t *testing.T) string {
	t.Helper()
	node := needCmd(t, "node", "apt-get install -y nodejs npm")
	for _, m := range []string{"cytoscape", "graphology", "graphology-gexf"} {
		if _, err := os.Stat(filepath.Join(repoDir(t), "interop", "js", "node_modules", m, "package.json")); err != nil {
			missing(t, "npm package "+m, "npm ci in interop/js")
		}
	}
	return node
}

// repoDir is the module root (the parent of interop/).
func repoDir(t testing.TB) string {
	t.Helper()
	return repoRoot()
}

// repoRoot is the module root, from this file's compiled-in path.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// run runs a command with a timeout and returns stdout and stderr.
func run(t *testing.T, env []string, name string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = repoDir(t)
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// mustRun runs a command and fails the test on a non-zero exit.
func mustRun(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	out, errOut, err := run(t, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, out, errOut)
	}
	return out
}

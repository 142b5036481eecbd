package analyst_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers checks the import rules of the package documentation on the
// real import graph (go list, test files excluded): no package but
// cmd/actorgraph (and the benchmarks, which measure the stores themselves)
// imports a concrete store; only handlers imports Gin (and the bare Gin
// baseline of the HTTP benchmark) and only config imports Viper; handlers imports nothing of cmd; analyst imports no
// transport.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "github.com/actorgraph/actorgraph/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/actorgraph/actorgraph/"
	rules := []struct {
		imported string
		allowed  func(pkg string) bool
	}{
		{mod + "graph/embedded", storeUser},
		{mod + "graph/neo4j", storeUser},
		{"github.com/gin-gonic/gin", func(p string) bool { return p == mod+"handlers" || p == mod+"bench/http/baseline" }},
		{"github.com/spf13/viper", func(p string) bool { return p == mod+"config" }},
		{mod + "handlers", func(p string) bool { return p == mod+"cmd/actorgraph" }},
		{mod + "config", func(p string) bool { return p == mod+"cmd/actorgraph" || strings.HasPrefix(p, mod+"bench") }},
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list found %d packages", len(lines))
	}
	for _, line := range lines {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			for _, r := range rules {
				if imp == r.imported && !r.allowed(pkg) {
					t.Errorf("%s imports %s, which the layering forbids", pkg, imp)
				}
			}
			if pkg == mod+"analyst" && (imp == mod+"handlers" || strings.HasPrefix(imp, mod+"cmd")) {
				t.Errorf("analyst imports the transport %s", imp)
			}
		}
	}
}

// storeUser reports whether pkg may name a concrete store: the command
// that wires everything, the stores themselves, and the benchmarks that
// measure them.
func storeUser(pkg string) bool {
	const mod = "github.com/actorgraph/actorgraph/"
	return pkg == mod+"cmd/actorgraph" || strings.HasPrefix(pkg, mod+"graph/") || strings.HasPrefix(pkg, mod+"bench")
}

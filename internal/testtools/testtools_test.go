package testtools

import "testing"

// TestMissingSkipsOutsideCI: outside CI a missing tool skips the test,
// and a present one is found.
func TestMissingSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "false")
	if InCI() {
		t.Fatal("CI=false counts as CI")
	}
	var found string
	ran := t.Run("missing", func(t *testing.T) {
		found = Cmd(t, "actorgraph-no-such-tool", "nowhere")
		t.Error("Cmd returned for a tool that does not exist")
	})
	if !ran || found != "" {
		t.Errorf("a missing tool did not skip (ran %v, found %q)", ran, found)
	}
	t.Setenv("CI", "true")
	if !InCI() {
		t.Error("CI=true does not count as CI")
	}
	t.Setenv("CI", "")
	if p := Cmd(t, "go", "install Go"); p == "" {
		t.Error("go not found")
	}
}

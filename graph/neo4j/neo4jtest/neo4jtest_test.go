//go:build unix

package neo4jtest

import (
	"os"
	"strings"
	"testing"
)

func TestFromEnv(t *testing.T) {
	t.Setenv(EnvURI, "")
	t.Setenv(EnvUser, "neo4j")
	t.Setenv(EnvPassword, "")
	_, missing := FromEnv()
	if !strings.HasPrefix(missing, EnvURI+", "+EnvPassword+" are not set") || strings.Contains(missing, "\n") {
		t.Errorf("missing = %q, want one line naming %s and %s", missing, EnvURI, EnvPassword)
	}
	t.Setenv(EnvURI, "bolt://127.0.0.1:1")
	t.Setenv(EnvPassword, "secret")
	t.Setenv(EnvDatabase, "scratch")
	srv, missing := FromEnv()
	if missing != "" || srv != (Server{URI: "bolt://127.0.0.1:1", User: "neo4j", Password: "secret", Database: "scratch"}) {
		t.Errorf("FromEnv = %+v, %q", srv, missing)
	}
}

// TestLockExcludesOtherHolders checks that the lock keeps out another open
// file description, as another test process has, until the test that
// holds it ends; and that it is re-entrant in one process.
func TestLockExcludesOtherHolders(t *testing.T) {
	uri := "bolt://lock-test.invalid:" + strings.ReplaceAll(t.Name(), "/", "-")
	path := LockPath(uri)
	if LockPath(uri+"x") == path {
		t.Fatal("two servers share a lock file")
	}
	other := func() *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	t.Run("held", func(t *testing.T) {
		Lock(t, uri)
		t.Run("re-entrant", func(t *testing.T) { Lock(t, uri) })
		f := other()
		defer f.Close()
		if ok, err := tryLock(f); ok || err != nil {
			t.Errorf("another holder took the lock while a test held it (ok %v, err %v)", ok, err)
		}
	})
	f := other()
	defer f.Close()
	if ok, err := tryLock(f); !ok || err != nil {
		t.Errorf("the lock was not released when the test ended (ok %v, err %v)", ok, err)
	}
	_ = unlock(f)
}

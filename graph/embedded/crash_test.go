package embedded

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The crash test runs a writer in a child process (this test binary, re-
// executed with crashChildEnv set), kills it with SIGKILL in the middle of
// its writes, reopens the store and checks that every write the child saw
// acknowledged is there, whole, and that the store is consistent.

const crashChildEnv = "ACTORGRAPH_EMBEDDED_CRASH_DIR"

// crashRelation is the relation that iteration i of the child creates.
func crashRelation(i int) graph.Relation {
	from, to := fmt.Sprintf("p-%d", i), fmt.Sprintf("p-%d", i-1)
	return graph.Relation{ID: graph.RelationID(from, "MET", to), Type: "MET", From: from, To: to, Role: "r" + strconv.Itoa(i),
		Evidence: []graph.Evidence{grade(fmt.Sprintf("%s met %s", from, to), "B", 2), grade(fmt.Sprintf("seen together %d", i), "C", 3)}}
}

func crashExtraEvidence(i int) graph.Evidence { return grade(fmt.Sprintf("more on %d", i), "A", 2) }

// crashBundle is the bundle that iteration i imports (every 7th).
func crashBundle(i int) *graph.Bundle {
	b := &graph.Bundle{Format: graph.BundleFormat}
	for j := range 5 {
		b.Actors = append(b.Actors, graph.Actor{ID: fmt.Sprintf("b-%d-%d", i, j), Kind: graph.Person, Name: fmt.Sprintf("Batch %d %d", i, j)})
		if j > 0 {
			b.Relations = append(b.Relations, rel("ASSOCIATE_OF", fmt.Sprintf("b-%d-%d", i, j), fmt.Sprintf("b-%d-%d", i, j-1)))
		}
	}
	b.Relations = append(b.Relations, rel("ASSOCIATE_OF", fmt.Sprintf("b-%d-0", i), fmt.Sprintf("p-%d", i)))
	return b
}

// TestCrashChild is the child's writer loop; it only runs when re-executed
// by TestCrashRecovery.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("helper process of TestCrashRecovery")
	}
	s, err := Open(bg, Options{Dir: dir, Seed: func() (*graph.Bundle, error) {
		return &graph.Bundle{Format: graph.BundleFormat, Sources: []graph.Source{{ID: testSource, Title: "T"}}}, nil
	}})
	if err != nil {
		fmt.Println("ERR open", err)
		os.Exit(2)
	}
	ack := func(format string, args ...any) { fmt.Printf(format+"\n", args...) } // stdout is unbuffered
	fail := func(err error) {
		fmt.Println("ERR", err)
		os.Exit(2)
	}
	deadline := time.Now().Add(2 * time.Minute) // never outlive a parent that died
	for i := 0; time.Now().Before(deadline); i++ {
		id := fmt.Sprintf("p-%d", i)
		if _, err := s.CreateActor(bg, graph.Actor{ID: id, Kind: graph.Person, Name: "Person " + strconv.Itoa(i)}); err != nil {
			fail(err)
		}
		ack("A %s", id)
		if i == 0 {
			continue
		}
		r, err := s.CreateRelation(bg, crashRelation(i))
		if err != nil {
			fail(err)
		}
		ack("R %d %s", i, r.ID)
		if i%5 == 0 {
			if _, err := s.AddEvidence(bg, r.ID, crashExtraEvidence(i)); err != nil {
				fail(err)
			}
			ack("E %d", i)
		}
		if i%7 == 0 {
			ack("S %d", i)
			if _, err := s.Import(bg, crashBundle(i)); err != nil {
				fail(err)
			}
			ack("I %d", i)
		}
	}
	os.Exit(0)
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	actors := map[string]bool{}
	relations := map[int]string{}
	evidence := map[int]bool{}
	imported := map[int]bool{}
	started := map[int]bool{}
	killed := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		num := func() int {
			n, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatalf("bad line %q", sc.Text())
			}
			return n
		}
		switch f[0] {
		case "A":
			actors[f[1]] = true
		case "R":
			relations[num()] = f[2]
		case "E":
			evidence[num()] = true
		case "S":
			started[num()] = true
		case "I":
			imported[num()] = true
		case "ERR":
			t.Fatalf("child failed: %s", sc.Text())
		}
		if len(relations) == 200 && !killed {
			// Still writing: kill it in the middle of the next write. Lines
			// already written to the pipe were acknowledged and count.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed || err == nil {
		t.Fatalf("child was not killed (killed %v, exit %v)", killed, err)
	}
	t.Logf("child acknowledged %d actors, %d relations, %d evidence additions, %d imports before SIGKILL",
		len(actors), len(relations), len(evidence), len(imported))

	s := openTest(t, dir)
	defer s.Close()
	for id := range actors {
		if _, err := s.Actor(bg, id); err != nil {
			t.Fatalf("acknowledged actor %s lost: %v", id, err)
		}
	}
	for i, id := range relations {
		r, err := s.Relation(bg, id)
		if err != nil {
			t.Fatalf("acknowledged relation %s lost: %v", id, err)
		}
		want := crashRelation(i)
		if evidence[i] && len(r.Evidence) != 3 {
			t.Fatalf("relation %s has %d pieces of evidence, want 3 (an acknowledged addition)", id, len(r.Evidence))
		}
		if len(r.Evidence) == 3 {
			want.Evidence = append(want.Evidence, crashExtraEvidence(i))
		}
		want.Derive()
		if !sameRelationContent(r, want) {
			t.Fatalf("relation %s is not whole:\n got %+v\nwant %+v", id, r, want)
		}
	}
	// Imports are all or nothing, acknowledged ones all.
	for i := range started {
		b := crashBundle(i)
		present := 0
		for _, a := range b.Actors {
			if _, err := s.Actor(bg, a.ID); err == nil {
				present++
			}
		}
		for _, r := range b.Relations {
			if _, err := s.Relation(bg, r.ID); err == nil {
				present++
			}
		}
		total := len(b.Actors) + len(b.Relations)
		if present != 0 && present != total || imported[i] && present != total {
			t.Fatalf("import %d: %d of %d entries present (acknowledged: %v)", i, present, total, imported[i])
		}
	}
	checkConsistent(t, s)
	// The store takes writes again.
	if _, err := s.CreateActor(bg, graph.Actor{ID: "after-crash", Kind: graph.Person, Name: "After"}); err != nil {
		t.Fatal(err)
	}
}

func sameRelationContent(a, b graph.Relation) bool {
	if a.ID != b.ID || a.Type != b.Type || a.From != b.From || a.To != b.To || a.Role != b.Role ||
		a.Contested != b.Contested || a.Confidence != b.Confidence || len(a.Evidence) != len(b.Evidence) {
		return false
	}
	for i := range a.Evidence {
		if a.Evidence[i] != b.Evidence[i] {
			return false
		}
	}
	return true
}

// checkConsistent verifies that the whole store validates as one bundle
// (every relation's ends exist and fit its type, all evidence is valid)
// and that the index agrees with the file.
func checkConsistent(t *testing.T, s *Store) {
	t.Helper()
	sn := takeSnapshot(t, s)
	b := &graph.Bundle{Format: graph.BundleFormat, Sources: sn.Sources, Actors: sn.Actors, Relations: sn.Relations}
	if err := b.Validate(nil); err != nil {
		t.Fatalf("store does not validate: %v", err)
	}
	ev := 0
	for _, r := range sn.Relations {
		ev += len(r.Evidence)
	}
	if sn.Stats.Actors != len(sn.Actors) || sn.Stats.Relations != len(sn.Relations) || sn.Stats.Evidence != ev {
		t.Fatalf("index (%d actors, %d relations, %d evidence) disagrees with the file (%d, %d, %d)",
			sn.Stats.Actors, sn.Stats.Relations, sn.Stats.Evidence, len(sn.Actors), len(sn.Relations), ev)
	}
	for _, r := range sn.Relations {
		rs, err := s.ActorRelations(bg, r.From, graph.RelationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, x := range rs {
			found = found || x.ID == r.ID
		}
		if !found {
			t.Fatalf("relation %s missing from the index of %s", r.ID, r.From)
		}
	}
}

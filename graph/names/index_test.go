package names

import (
	"context"
	"errors"
	"testing"
)

func TestIndexUpdates(t *testing.T) {
	ix := NewIndex()
	ctx := context.Background()
	ids := func(q string, o SearchOptions) []uint32 {
		t.Helper()
		res, err := ix.Search(ctx, q, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []uint32
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if res.Total < len(out) {
			t.Fatalf("total %d < %d hits", res.Total, len(out))
		}
		return out
	}
	ix.Add(3, "Osama bin Laden", []string{"Usama bin Ladin"})
	ix.Add(9, "Hamza bin Laden", nil)
	ix.Add(5, "Chérif Kouachi", nil)
	ix.Add(6, "Saïd Kouachi", nil)
	check := func(when string) {
		t.Helper()
		if got := ids("Usama bin Laden", SearchOptions{}); len(got) != 1 || got[0] != 3 {
			t.Errorf("%s: Usama bin Laden finds %v, want [3]", when, got)
		}
		// Ties: by id unless Compare says otherwise.
		if got := ids("kouachi", SearchOptions{}); len(got) != 2 || got[0] != 5 {
			t.Errorf("%s: kouachi finds %v, want [5 6]", when, got)
		}
		if got := ids("kouachi", SearchOptions{Compare: func(a, b uint32) int { return int(b) - int(a) }}); len(got) != 2 || got[0] != 6 {
			t.Errorf("%s: kouachi by id descending finds %v, want [6 5]", when, got)
		}
		if got := ids("kouachi", SearchOptions{Keep: func(id uint32) bool { return id != 5 }, Limit: 1}); len(got) != 1 || got[0] != 6 {
			t.Errorf("%s: kouachi without 5 finds %v, want [6]", when, got)
		}
	}
	check("added")
	ix.Compact()
	check("compacted")
	// Replace and remove.
	ix.Add(5, "Amedy Coulibaly", nil)
	ix.Remove(9)
	ix.Remove(9)  // twice: nothing
	ix.Remove(77) // never added: nothing
	for _, when := range []string{"changed", "changed and compacted"} {
		if got := ids("Cherif Kouachi", SearchOptions{}); len(got) != 0 {
			t.Errorf("%s: the old name still finds %v", when, got)
		}
		if got := ids("Hamza bin Laden", SearchOptions{}); len(got) != 0 {
			t.Errorf("%s: a removed actor is found: %v", when, got)
		}
		if got := ids("Coulibaby", SearchOptions{}); len(got) != 1 || got[0] != 5 {
			t.Errorf("%s: the new name finds %v, want [5]", when, got)
		}
		ix.Compact()
	}
	if st := ix.Stats(); st.IDs != 3 || st.Names != 4 {
		t.Errorf("stats %+v, want 3 ids with 4 names", st)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Search(cancelled, "kouachi", SearchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
	if _, err := ix.Search(ctx, "", SearchOptions{}); err == nil {
		t.Error("empty query: no error")
	}
}

package extract

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seeds"
)

func namesFixture() []graph.Actor {
	return []graph.Actor{
		{ID: "amedy-coulibaly", Kind: graph.Person, Name: "Amedy Coulibaly"},
		{ID: "hayat-boumeddiene", Kind: graph.Person, Name: "Hayat Boumeddiene"},
		{ID: "osama-bin-laden", Kind: graph.Person, Name: "Osama bin Laden"},
		{ID: "abu-bakr-al-baghdadi", Kind: graph.Person, Name: "Abu Bakr al-Baghdadi", Aliases: []string{"Abu Du'a"}},
		{ID: "aqap", Kind: graph.Organization, Name: "Al-Qaeda in the Arabian Peninsula", Aliases: []string{"AQAP"}},
	}
}

func TestNamesMatcher(t *testing.T) {
	m := NewNamesMatcher(namesFixture())
	ctx := context.Background()
	for _, c := range []struct {
		span, want string
		taken      bool // at least MinMatchScore's default
	}{
		{"Amedy Coulibaby", "amedy-coulibaly", true},
		{"Hayat Boumeddine", "hayat-boumeddiene", true},
		{"Usama bin Ladin", "osama-bin-laden", true},
		{"Abu Du'a", "abu-bakr-al-baghdadi", true},
		{"Abu Bakr", "abu-bakr-al-baghdadi", false}, // only part of the name
	} {
		cs, err := m.Match(ctx, c.span, 3)
		if err != nil || len(cs) == 0 {
			t.Errorf("Match(%q) = %v, %v; want %s", c.span, cs, err, c.want)
			continue
		}
		if cs[0].ID != c.want || cs[0].Why == "" || cs[0].Score > 1 {
			t.Errorf("Match(%q)[0] = %+v; want %s with a reason", c.span, cs[0], c.want)
		}
		if got := cs[0].Score >= 0.8; got != c.taken {
			t.Errorf("Match(%q) scores %.3f (%s); taken alone: %v, want %v", c.span, cs[0].Score, cs[0].Why, got, c.taken)
		}
	}
	if _, err := m.Match(ctx, "!!!", 3); err == nil {
		t.Errorf("Match(!!!) gave no error; a span names refuses is skipped through an error")
	}
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := m.Match(ctx2, "Amedy Coulibaby", 3); err == nil {
		t.Errorf("Match on an ended context gave no error")
	}
}

// TestNamesMatcherInExtraction: the spellings of the issue are found as
// mentions when graph/names is the Matcher.
func TestNamesMatcherInExtraction(t *testing.T) {
	actors := namesFixture()
	g := NewGazetteer(actors)
	text := "Hayat Boumeddine left for Syria before the attack. Police said Amedy Coulibaby had met her in 2009."
	res, err := Extract(context.Background(), g, text, Options{Matcher: NewNamesMatcher(actors)})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, p := range res.Proposals {
		if p.Kind == KindMention {
			found[p.Mention.ActorID] = p.Mention.Why
		}
	}
	for _, id := range []string{"hayat-boumeddiene", "amedy-coulibaly"} {
		if found[id] == "" {
			t.Errorf("no mention of %s (mentions: %v)", id, found)
		}
	}
}

// TestAddEqualsBuild: a gazetteer and a names matcher built from part of
// the seed actors, with the rest added afterwards, propose exactly what
// ones built from all of them do, on every seed text.
func TestAddEqualsBuild(t *testing.T) {
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	all := b.Actors
	g, m := NewGazetteer(all), NewNamesMatcher(all)
	var first, rest []graph.Actor
	for i, a := range all {
		if i%3 == 0 {
			rest = append(rest, a)
		} else {
			first = append(first, a)
		}
	}
	g2, m2 := NewGazetteer(first), NewNamesMatcher(first)
	if n := g2.Add(rest...); n != len(rest) {
		t.Fatalf("Gazetteer.Add added %d of %d", n, len(rest))
	}
	if n := m2.Add(rest...); n != len(rest) {
		t.Fatalf("NamesMatcher.Add added %d of %d", n, len(rest))
	}
	if g2.Add(rest[0]) != 0 || m2.Add(rest[0]) != 0 || !g2.Has(rest[0].ID) {
		t.Errorf("adding an actor twice added it")
	}
	for _, src := range b.Sources {
		want, err := Extract(context.Background(), g, src.Text, Options{Matcher: m, Published: src.Date})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Extract(context.Background(), g2, src.Text, Options{Matcher: m2, Published: src.Date})
		if err != nil {
			t.Fatal(err)
		}
		// Mentions name actors by id; the order of actors within a
		// gazetteer differs, so compare what was proposed.
		w, _ := json.Marshal(want.Proposals)
		h, _ := json.Marshal(got.Proposals)
		if string(w) != string(h) {
			t.Errorf("%s: built and added gazetteers propose differently (%d and %d proposals)", src.ID, len(want.Proposals), len(got.Proposals))
		}
	}
}

// TestAddWhileExtracting adds actors while extractions run on the same
// gazetteer and names matcher (run with -race).
func TestAddWhileExtracting(t *testing.T) {
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	g, m := NewGazetteer(b.Actors), NewNamesMatcher(b.Actors)
	text := b.Sources[0].Text
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 50 {
			a := graph.Actor{ID: "added-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Kind: graph.Person, Name: "Added Person " + string(rune('A'+i%26))}
			g.Add(a)
			m.Add(a)
		}
	}()
	for range 5 {
		if _, err := Extract(context.Background(), g, text, Options{Matcher: m}); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	if g.Len() != len(b.Actors)+50 || m.Len() != len(b.Actors)+50 {
		t.Errorf("after the adds: %d and %d actors, want %d", g.Len(), m.Len(), len(b.Actors)+50)
	}
}

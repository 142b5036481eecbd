package graphtest

import (
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// answers returns, for every ordered pair, the set of loopless paths under f.
func answers(m *model, f graph.RelationFilter, maxHops int) map[string][]string {
	o := m.oracle(f)
	out := map[string][]string{}
	for _, from := range m.ids {
		for _, to := range m.ids {
			var keys []string
			for _, p := range o.Paths(from, to, maxHops) {
				keys = append(keys, strings.Join(p, ">"))
			}
			slices.Sort(keys)
			out[from+" "+to] = keys
		}
	}
	return out
}

// TestFixtureFiltersMatter checks that the fixtures make every filter case
// change some path answer, so that a store ignoring a filter fails.
func TestFixtureFiltersMatter(t *testing.T) {
	for _, fx := range []struct {
		name string
		b    *graph.Bundle
	}{{"fixture", Fixture()}, {"random", Random(7, 24, 3, 60)}} {
		m := newModel(validated(fx.b))
		base := answers(m, graph.RelationFilter{}, graph.DefaultMaxHops)
		found := 0
		for _, ps := range base {
			found += len(ps)
		}
		if found == 0 {
			t.Fatalf("%s: no paths at all", fx.name)
		}
		for _, fc := range filterCases()[1:] {
			got := answers(m, fc.f, graph.DefaultMaxHops)
			changed := false
			for k, ps := range got {
				if !slices.Equal(ps, base[k]) {
					changed = true
					break
				}
			}
			if !changed {
				t.Errorf("%s: filter %q changes no path answer", fx.name, fc.name)
			}
		}
	}
}

// TestFixtureShapes checks the properties the suite relies on.
func TestFixtureShapes(t *testing.T) {
	m := newModel(validated(Fixture()))
	if m.degree["jean-isole"] != 0 {
		t.Error("jean-isole must have no relation")
	}
	a, b := m.relByID["cherif-kouachi--trained-with--said-kouachi"], m.relByID["said-kouachi--sibling-of--cherif-kouachi"]
	if a.Confidence != b.Confidence {
		t.Error("the two Kouachi relations must tie on confidence")
	}
	if m.relByID["cherif-kouachi--met--anwar-al-awlaki--2"].Confidence <= m.relByID["cherif-kouachi--met--anwar-al-awlaki"].Confidence {
		t.Error("the second MET relation must be the more confident")
	}
	if !m.relByID["abu-muhammad-al-maqdisi--rival-of--abu-bakr-al-baghdadi"].Contested {
		t.Error("refuting evidence must make the RIVAL_OF relation contested")
	}
	lad := newModel(validated(Ladder()))
	if n := len(lad.oracle(graph.RelationFilter{}).Paths("start", "goal", 4)); n != 125 || n <= graph.DefaultLimits.MaxPaths {
		t.Errorf("ladder has %d shortest paths; want 125, more than MaxPaths", n)
	}
	r1, r2 := Random(7, 24, 3, 60), Random(7, 24, 3, 60)
	if !slices.EqualFunc(r1.Relations, r2.Relations, func(a, b graph.Relation) bool { return a.ID == b.ID && a.ValidFrom == b.ValidFrom }) {
		t.Error("Random is not deterministic")
	}
}

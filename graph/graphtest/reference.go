package graphtest

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// model is the brute-force reference: the bundle held in plain maps and
// slices, answering queries by exhaustive enumeration so that the suite
// compares stores with real answers rather than hard-coded ones.
type model struct {
	actors    map[string]graph.Actor
	ids       []string         // actor ids, sorted
	relations []graph.Relation // derived, sorted by id
	relByID   map[string]graph.Relation
	degree    map[string]int
	sources   []graph.Source // sorted by id
}

// newModel builds the reference for a validated bundle.
func newModel(b *graph.Bundle) *model {
	m := &model{actors: map[string]graph.Actor{}, relByID: map[string]graph.Relation{}, degree: map[string]int{}}
	for _, a := range b.Actors {
		m.actors[a.ID] = a
		m.ids = append(m.ids, a.ID)
	}
	slices.Sort(m.ids)
	m.relations = slices.Clone(b.Relations)
	graph.SortRelations(m.relations)
	for _, r := range m.relations {
		m.relByID[r.ID] = r
		m.degree[r.From]++
		m.degree[r.To]++
	}
	m.sources = slices.Clone(b.Sources)
	for i := range m.sources {
		// Stores keep the text apart (Store.SourceText).
		if m.sources[i].Text != "" {
			m.sources[i].TextLength = utf8.RuneCountInString(m.sources[i].Text)
			m.sources[i].Text = ""
		}
	}
	slices.SortFunc(m.sources, func(a, b graph.Source) int { return cmp.Compare(a.ID, b.ID) })
	return m
}

// oracle returns the path oracle of the model's relations under f.
func (m *model) oracle(f graph.RelationFilter) *Oracle { return NewOracle(m.relations, f) }

// edgesAmong returns the ids of the relations passing f with both ends in
// nodes, sorted.
func (m *model) edgesAmong(nodes map[string]bool, f graph.RelationFilter) []string {
	var out []string
	for _, r := range m.relations {
		if nodes[r.From] && nodes[r.To] && f.Match(&r) {
			out = append(out, r.ID)
		}
	}
	return out
}

// actorRelations returns the relations of id passing f, by id, with
// direction relative to id (symmetric types match every direction).
func (m *model) actorRelations(id string, f graph.RelationFilter) []graph.Relation {
	var out []graph.Relation
	for _, r := range m.relations {
		if r.From != id && r.To != id || !f.Match(&r) {
			continue
		}
		sym := graph.IsSymmetric(r.Type)
		switch f.Direction {
		case graph.DirectionOut:
			if r.From != id && !sym {
				continue
			}
		case graph.DirectionIn:
			if r.To != id && !sym {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// relationCounts counts the relations of id passing f by type and
// direction, sorted by type.
func (m *model) relationCounts(id string, f graph.RelationFilter) []graph.TypeCount {
	var out []graph.TypeCount
	at := map[string]int{}
	for _, r := range m.actorRelations(id, f) {
		i, ok := at[r.Type]
		if !ok {
			i = len(out)
			at[r.Type] = i
			out = append(out, graph.TypeCount{Type: r.Type})
		}
		if r.From == id {
			out[i].Out++
		} else {
			out[i].In++
		}
	}
	slices.SortFunc(out, func(a, b graph.TypeCount) int { return strings.Compare(a.Type, b.Type) })
	return out
}

// filterRelations returns the relations passing f, by id.
func (m *model) filterRelations(f graph.RelationFilter) []graph.Relation {
	var out []graph.Relation
	for _, r := range m.relations {
		if f.Match(&r) {
			out = append(out, r)
		}
	}
	return out
}

type refHit struct {
	id      string
	score   int
	degree  int
	matched string
	why     string
}

// refSearch is the answer SearchActors must give, all hits listed.
type refSearch struct {
	hits  []refHit
	total int
	exact bool
}

// search answers as SearchActors must, by brute force: the names scorer
// (graph/names) run on every actor's name and aliases, the hits ordered by
// score descending, then degree descending, then id. This is the oracle
// of the candidate rule that the stores apply through their keys: they
// must find exactly these hits. The total is the number of hits, unless
// more than names.MaxExactTotal actors have a bound (Query.Bound) that
// reaches names.MinScore: then it is that number, not exact. An empty
// query lists every actor (of the kind) by id. A query that names.Parse
// refuses gives its error.
func (m *model) search(q graph.SearchQuery) (refSearch, error) {
	text := graph.NormalizeName(q.Text)
	var out refSearch
	if text == "" {
		for _, id := range m.ids {
			if q.Kind == "" || m.actors[id].Kind == q.Kind {
				out.hits = append(out.hits, refHit{id: id, degree: m.degree[id]})
			}
		}
		out.total, out.exact = len(out.hits), true
		return out, nil
	}
	nq, err := names.Parse(q.Text)
	if err != nil {
		return out, err
	}
	bounded := 0
	for _, id := range m.ids {
		a := m.actors[id]
		if q.Kind != "" && a.Kind != q.Kind {
			continue
		}
		if nq.Bound(a.Name, a.Aliases) >= names.MinScore {
			bounded++
		}
		if h := nq.Match(a.Name, a.Aliases); h.OK() {
			out.hits = append(out.hits, refHit{id: id, score: h.Score, degree: m.degree[id], matched: h.Matched, why: h.Why})
		}
	}
	slices.SortStableFunc(out.hits, func(a, b refHit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.degree, a.degree), strings.Compare(a.id, b.id))
	})
	out.total, out.exact = len(out.hits), true
	if bounded > names.MaxExactTotal {
		out.total, out.exact = bounded, false
	}
	return out, nil
}

func foldAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = graph.NormalizeName(x)
	}
	return out
}

// resolve answers as Resolve must: an exact id wins; else the actors whose
// folded name or an alias equals the folded ref; else those for which every
// word of the ref starts a word of the name or an alias. It returns the
// matching ids of the first tier that matches anything.
func (m *model) resolve(ref string) []string {
	if _, ok := m.actors[ref]; ok {
		return []string{ref}
	}
	q := graph.NormalizeName(ref)
	if q == "" {
		return nil
	}
	var exact, words []string
	for _, id := range m.ids {
		a := m.actors[id]
		names := append([]string{graph.NormalizeName(a.Name)}, foldAll(a.Aliases)...)
		if slices.Contains(names, q) {
			exact = append(exact, id)
			continue
		}
		if slices.ContainsFunc(names, func(n string) bool { return everyWordPrefix(q, n) }) {
			words = append(words, id)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return words
}

func everyWordPrefix(q, s string) bool {
	sw := strings.Fields(s)
	for _, w := range strings.Fields(q) {
		if !slices.ContainsFunc(sw, func(x string) bool { return strings.HasPrefix(x, w) }) {
			return false
		}
	}
	return true
}

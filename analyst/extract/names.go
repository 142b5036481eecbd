package extract

import (
	"context"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// NamesMatcher is the Matcher over package graph/names: transliterations
// (Usama, Osama; Boumeddine, Boumeddiene), articles written or not, letters
// doubled or dropped, word order, and typos (Coulibaby). It indexes the
// actors it is given once (names.Index); a lookup costs the same whatever
// their number. It is read-only and safe for concurrent use.
//
// A candidate's Score is the names score over names.ScoreExactName (so an
// exact name scores 1, an exact alias 0.99, a spelling variant at most
// 0.98), and Why is names' own account ("typo in Amedy Coulibaly"). A span
// that matches a name only in part, or holds words the name lacks ("Abu
// Bakr" for Abu Bakr al-Baghdadi, "Khalid Masood" for Khalid Mahmood), is
// more often someone else: its score is scaled by PartialFactor, which puts
// it under Options.MinMatchScore, so it is offered as a candidate but
// never taken alone.
type NamesMatcher struct {
	ix *names.Index

	mu     sync.RWMutex // guards actors, which Add extends
	actors []namedActor
	ids    map[string]bool
}

type namedActor struct {
	id, name string
	kind     graph.Kind
	aliases  []string
}

// PartialFactor scales the score of a candidate that matches only part of
// a name, or with words the name lacks.
const PartialFactor = 0.75

// NewNamesMatcher indexes actors by name and alias; only ID, Kind, Name and
// Aliases are read, and actors without id or name are skipped.
func NewNamesMatcher(actors []graph.Actor) *NamesMatcher {
	m := &NamesMatcher{ix: names.NewIndex(), actors: make([]namedActor, 0, len(actors)), ids: make(map[string]bool, len(actors))}
	m.add(actors)
	m.ix.Compact()
	return m
}

// Add indexes actors that m does not hold yet (by id); changed or removed
// actors need a new NamesMatcher. It returns how many it added.
func (m *NamesMatcher) Add(actors ...graph.Actor) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add(actors)
}

func (m *NamesMatcher) add(actors []graph.Actor) int {
	n := 0
	for i := range actors {
		a := &actors[i]
		if a.ID == "" || a.Name == "" || m.ids[a.ID] {
			continue
		}
		m.ids[a.ID] = true
		id := uint32(len(m.actors))
		m.actors = append(m.actors, namedActor{id: a.ID, name: a.Name, kind: a.Kind, aliases: a.Aliases})
		m.ix.Add(id, a.Name, a.Aliases)
		n++
	}
	return n
}

// Match implements Matcher. Spans that names.Parse refuses (over its caps,
// no letter) give an error, which makes extraction skip the span.
func (m *NamesMatcher) Match(ctx context.Context, span string, limit int) ([]Candidate, error) {
	if limit <= 0 {
		return nil, nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	res, err := m.ix.Search(ctx, span, names.SearchOptions{Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(res.Hits))
	for _, h := range res.Hits {
		a := &m.actors[h.ID]
		matched := a.name
		if h.Hit.Alias >= 0 && h.Hit.Alias < len(a.aliases) {
			matched = a.aliases[h.Hit.Alias]
		}
		score := float64(h.Hit.Score) / names.ScoreExactName
		if h.Hit.Reasons&(names.MissingPart|names.ExtraWord|names.Prefix) != 0 {
			score *= PartialFactor
		}
		out = append(out, Candidate{ID: a.id, Name: a.name, Kind: a.kind, Matched: matched, Score: score,
			Why: h.Hit.Describe(matched)})
	}
	// Rescaling may reorder; keep the best first, names' order on ties.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Score > out[j-1].Score; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// Len returns how many actors m indexes.
func (m *NamesMatcher) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.actors)
}

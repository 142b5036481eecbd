package analyst

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// Expansion widens a set of actors of a brokers query.
type Expansion string

const (
	// ExpandMembers adds the members of each actor of the set: the actors
	// with a MEMBER_OF relation to it.
	ExpandMembers Expansion = "members"
	// ExpandAffiliates adds its affiliates: the organizations with an
	// AFFILIATE_OF relation to it (branches, provinces). With both, the
	// members of the affiliates are added too.
	ExpandAffiliates Expansion = "affiliates"
)

// ParseExpansions accepts "members", "affiliates", both (in a list or
// comma-separated) or "none". EINVALID.
func ParseExpansions(xs []string) ([]Expansion, error) {
	var out []Expansion
	for _, x := range xs {
		for _, p := range strings.Split(x, ",") {
			p = strings.ToLower(strings.TrimSpace(p))
			switch Expansion(p) {
			case "", "none":
			case ExpandMembers, ExpandAffiliates:
				if !slices.Contains(out, Expansion(p)) {
					out = append(out, Expansion(p))
				}
			default:
				return nil, graph.Errorf(graph.EINVALID, "expand must be members, affiliates or both (members,affiliates), not %q", truncateRunes(p, 30))
			}
		}
	}
	return out, nil
}

// BrokersQuery asks who lies between two sets of actors.
type BrokersQuery struct {
	// A and B are the two sets: references (ids, names, aliases).
	A, B []string
	// Expand widens both sets (see Expansion) by the relations that pass
	// the filter's confidence, date and status tests, whatever its types.
	Expand []Expansion
	// Mode is netsci.AllPairs ("pairs", the default) or netsci.Nearest
	// ("nearest").
	Mode netsci.BrokerMode
	// MaxHops leaves out pairs farther apart (pairs) or bounds the search
	// (nearest); default DefaultBrokerHops, at most Limits.MaxHops.
	MaxHops int
	// IncludeDirect keeps the relations that join a member of A to one of
	// B directly. By default they are set aside (and listed): a direct
	// relation is the only shortest path of its pair and would hide every
	// broker behind it.
	IncludeDirect bool
	// Top is how many brokers are listed (default 20, at most
	// analysis.max_top); Examples how many example paths each has
	// (default 3, at most 10; 0 gives the default, negative none).
	Top      int
	Examples int
	Filter   graph.RelationFilter
}

// DefaultBrokerHops is BrokersQuery.MaxHops when none is given.
const DefaultBrokerHops = 6

// maxExamples bounds BrokersQuery.Examples.
const maxExamples = 10

// BrokersEcho repeats the query as applied.
type BrokersEcho struct {
	A             []string          `json:"a"`
	B             []string          `json:"b"`
	Expand        []Expansion       `json:"expand"`
	Mode          netsci.BrokerMode `json:"mode"`
	MaxHops       int               `json:"max_hops"`
	IncludeDirect bool              `json:"include_direct"`
	Top           int               `json:"top"`
	Examples      int               `json:"examples"`
	Filter        FilterEcho        `json:"filter"`
	Limits        Bounds            `json:"limits"`
}

// SetMember is an actor of one of the sets, and why it is there: given by
// the query, or added as a member or an affiliate of another (Via, with
// the relation that says so).
type SetMember struct {
	Actor    graph.ActorRef `json:"actor"`
	Via      string         `json:"via"` // "given", "member of <name>", "affiliate of <name>"
	Relation string         `json:"relation,omitempty"`
}

// BrokerView is one broker: its rank, score, the shortest paths through
// it, and example paths with every hop's evidence.
type BrokerView struct {
	Rank  int            `json:"rank"`
	Actor graph.ActorRef `json:"actor"`
	// Side is "a" or "b" when the broker is itself a member of that set
	// (in pairs mode a member can lie between other pairs).
	Side string `json:"side,omitempty"`
	// Score: see BrokersAnswer.Method.
	Score float64 `json:"score"`
	// Paths is how many of the counted shortest paths pass through it;
	// Share is Paths over all counted paths.
	Paths    float64    `json:"paths"`
	Share    float64    `json:"share"`
	Examples []PathView `json:"examples"`
}

// BrokersAnswer says who lies on the shortest paths between two sets of
// actors, ranked, each with example paths and their evidence.
type BrokersAnswer struct {
	Query  BrokersEcho   `json:"query"`
	Graph  AnalysisGraph `json:"graph"`
	Method string        `json:"method"`
	// A and B are the sets as used: the actors given and those the
	// expansion added, less those in both (Shared), which join the sets
	// by themselves.
	A      []SetMember      `json:"a"`
	B      []SetMember      `json:"b"`
	Shared []graph.ActorRef `json:"shared"`
	// Direct lists the relations joining a member of A to one of B
	// directly, set aside unless include_direct (at most Top of them;
	// DirectCount says how many pairs are joined so).
	Direct      []HopView `json:"direct"`
	DirectCount int       `json:"direct_count"`
	// Distance is the least distance between the sets (0 when no pair is
	// joined within max_hops); Pairs how many pairs are joined (pairs) or
	// at that distance (nearest); Paths how many shortest paths were
	// counted.
	Distance int     `json:"distance"`
	Pairs    int     `json:"pairs"`
	Paths    float64 `json:"paths"`
	// NearestA and NearestB are the members at the ends of the nearest
	// paths (nearest mode).
	NearestA []graph.ActorRef `json:"nearest_a,omitempty"`
	NearestB []graph.ActorRef `json:"nearest_b,omitempty"`
	// Total is how many actors lie on some counted path; Brokers the
	// first Top of them: score descending, then paths, then id.
	Total   int          `json:"total"`
	Brokers []BrokerView `json:"brokers"`
	Message string       `json:"message,omitempty"`
}

func (s *Service) normalizeBrokers(q *BrokersQuery) error {
	if len(q.A) == 0 || len(q.B) == 0 {
		return graph.Errorf(graph.EINVALID, "a and b are both required: a set of actors each (ids or unambiguous names), e.g. {\"a\": [\"AQAP\"], \"b\": [\"Islamic State\"]}")
	}
	if q.Mode == "" {
		q.Mode = netsci.AllPairs
	}
	if q.Mode != netsci.AllPairs && q.Mode != netsci.Nearest {
		return graph.Errorf(graph.EINVALID, "mode must be pairs or nearest, not %q", truncateRunes(string(q.Mode), 20))
	}
	if q.MaxHops == 0 {
		q.MaxHops = min(DefaultBrokerHops, s.limits.MaxHops)
	}
	if q.MaxHops < 2 || q.MaxHops > s.limits.MaxHops {
		return graph.Errorf(graph.EINVALID, "max_hops must be between 2 and %d: a broker lies between two actors", s.limits.MaxHops)
	}
	if q.Top == 0 {
		q.Top = min(20, s.alim.MaxTop)
	}
	if q.Top < 1 || q.Top > s.alim.MaxTop {
		return graph.Errorf(graph.EINVALID, "top must be between 1 and %d", s.alim.MaxTop)
	}
	switch {
	case q.Examples == 0:
		q.Examples = netsci.DefaultExamples
	case q.Examples < 0:
		q.Examples = 0
	case q.Examples > maxExamples:
		return graph.Errorf(graph.EINVALID, "examples must be between 0 and %d", maxExamples)
	}
	if q.Expand == nil {
		q.Expand = []Expansion{}
	}
	for _, e := range q.Expand {
		if e != ExpandMembers && e != ExpandAffiliates {
			return graph.Errorf(graph.EINVALID, "expand must be members, affiliates or both, not %q", truncateRunes(string(e), 30))
		}
	}
	return analysisFilter(&q.Filter)
}

// Brokers finds the actors on the shortest paths between two sets of
// actors in the graph of the relations that pass the filter (see
// AnalysisGraph and netsci.Brokers), ranks them, and gives each example
// paths with every hop's relation chosen as the path queries choose it
// (highest confidence, then smallest id) and its evidence named.
// EINVALID, ENOTFOUND, EAMBIGUOUS, ETOOLARGE (a bound, named),
// EUNAVAILABLE when the time limit stops it.
func (s *Service) Brokers(ctx context.Context, q BrokersQuery) (*BrokersAnswer, error) {
	if err := s.normalizeBrokers(&q); err != nil {
		return nil, err
	}
	a := &BrokersAnswer{
		Query: BrokersEcho{A: q.A, B: q.B, Expand: q.Expand, Mode: q.Mode, MaxHops: q.MaxHops, IncludeDirect: q.IncludeDirect,
			Top: q.Top, Examples: q.Examples, Filter: echoFilter(q.Filter), Limits: s.bounds()},
		A: []SetMember{}, B: []SetMember{}, Shared: []graph.ActorRef{}, Direct: []HopView{}, Brokers: []BrokerView{},
	}
	setA, err := s.brokerSet(ctx, "a", q.A, q.Expand, q.Filter)
	if err != nil {
		return nil, err
	}
	setB, err := s.brokerSet(ctx, "b", q.B, q.Expand, q.Filter)
	if err != nil {
		return nil, err
	}
	switch q.Mode {
	case netsci.Nearest:
		a.Method = fmt.Sprintf("nearest: the shortest paths between the sets, from any member of A to any member of B of the least length within %d hops; a broker's score is the share of those paths that pass through it, as an inner actor (members of A and B never are)", q.MaxHops)
	default:
		a.Method = fmt.Sprintf("pairs: every pair (a, b) of A×B joined within %d hops weighs one, shared equally among its shortest paths; a broker's score is the sum over the pairs of the share of their shortest paths that pass through it as an inner actor (twice networkx betweenness_centrality_subset(G, A, B, normalized=False)); a member of one set can lie between other pairs", q.MaxHops)
	}
	err = s.analysis(ctx, "brokers", func(ctx context.Context) error {
		g, at, err := s.analysisGraph(ctx, q.Filter)
		if err != nil {
			return err
		}
		a.Graph = statement(g, at)
		examples := q.Examples
		if examples == 0 {
			examples = -1 // netsci: none
		}
		res, err := netsci.Brokers(ctx, g, setA.ids(), setB.ids(), netsci.BrokerOptions{
			Mode: q.Mode, MaxHops: q.MaxHops, IgnoreDirect: !q.IncludeDirect, Top: q.Top, Examples: examples,
			MaxWork: s.alim.MaxWork,
		})
		if err != nil {
			return err
		}
		return s.brokersAnswer(ctx, g, q, setA, setB, res, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// brokerSet is one set of a brokers query, resolved and expanded: the
// actors in order, and why each is there.
type brokerSet struct {
	members []SetMember
	seen    map[string]bool
}

func (b *brokerSet) add(m SetMember) {
	if !b.seen[m.Actor.ID] {
		b.seen[m.Actor.ID] = true
		b.members = append(b.members, m)
	}
}

func (b *brokerSet) ids() []string {
	out := make([]string, len(b.members))
	for i, m := range b.members {
		out[i] = m.Actor.ID
	}
	return out
}

// brokerSet resolves the references of one set and expands it: the
// affiliates of the given actors first, then the members of the given
// actors and their affiliates, by relations that pass f's tests other
// than types. EINVALID past analysis.max_set.
func (s *Service) brokerSet(ctx context.Context, name string, refs []string, expand []Expansion, f graph.RelationFilter) (*brokerSet, error) {
	given, err := s.resolveRefs(ctx, name, refs, s.limits.MaxSeeds)
	if err != nil {
		return nil, err
	}
	set := &brokerSet{seen: map[string]bool{}}
	for _, g := range given {
		set.add(SetMember{Actor: g.Ref(), Via: "given"})
	}
	ef := f
	ef.Types, ef.ExcludeTypes, ef.Direction = nil, nil, graph.DirectionIn
	widen := func(typ, via string, of []SetMember) error {
		ef.Types = []string{typ}
		for _, m := range of {
			rels, err := s.store.ActorRelations(ctx, m.Actor.ID, ef)
			if err != nil {
				return err
			}
			var ids []string
			for _, r := range rels {
				if r.To == m.Actor.ID && r.From != m.Actor.ID {
					ids = append(ids, r.From)
				}
			}
			refs, err := s.refs(ctx, ids)
			if err != nil {
				return err
			}
			for _, r := range rels {
				if r.To == m.Actor.ID && r.From != m.Actor.ID {
					set.add(SetMember{Actor: refs[r.From], Via: via + " " + m.Actor.Name, Relation: r.ID})
				}
			}
			if len(set.members) > s.alim.MaxSet {
				return graph.Errorf(graph.EINVALID, "set %s has more than %d actors once expanded (analysis.max_set); expand less or name fewer actors", name, s.alim.MaxSet)
			}
		}
		return nil
	}
	if slices.Contains(expand, ExpandAffiliates) {
		if err := widen("AFFILIATE_OF", "affiliate of", slices.Clone(set.members)); err != nil {
			return nil, err
		}
	}
	if slices.Contains(expand, ExpandMembers) {
		if err := widen("MEMBER_OF", "member of", slices.Clone(set.members)); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// brokersAnswer fills a from netsci's result: names, the example paths
// with their evidence, and the direct relations set aside.
func (s *Service) brokersAnswer(ctx context.Context, g *netsci.Graph, q BrokersQuery, setA, setB *brokerSet, res *netsci.BrokerResult, a *BrokersAnswer) error {
	shared := map[string]bool{}
	for _, id := range res.Shared {
		shared[id] = true
	}
	for _, m := range setA.members {
		if !shared[m.Actor.ID] {
			a.A = append(a.A, m)
		} else {
			a.Shared = append(a.Shared, m.Actor)
		}
	}
	for _, m := range setB.members {
		if !shared[m.Actor.ID] {
			a.B = append(a.B, m)
		}
	}
	a.Distance, a.Pairs, a.Paths, a.Total = res.Distance, res.Pairs, res.Paths, res.Total
	var ids []string
	for _, b := range res.Brokers {
		ids = append(ids, b.ID)
	}
	ids = append(append(ids, res.NearestA...), res.NearestB...)
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range res.NearestA {
		a.NearestA = append(a.NearestA, refs[id])
	}
	for _, id := range res.NearestB {
		a.NearestB = append(a.NearestB, refs[id])
	}
	hf, err := s.hopFinder(ctx, q.Filter)
	if err != nil {
		return err
	}
	for i, b := range res.Brokers {
		bv := BrokerView{Rank: i + 1, Actor: refs[b.ID], Side: b.Side, Score: b.Score, Paths: b.Paths, Examples: []PathView{}}
		if res.Paths > 0 {
			bv.Share = b.Paths / res.Paths
		}
		for _, ex := range b.Examples {
			pv, err := hf.path(ctx, ex)
			if err != nil {
				return err
			}
			bv.Examples = append(bv.Examples, pv)
		}
		a.Brokers = append(a.Brokers, bv)
	}
	if !q.IncludeDirect {
		if err := s.directRelations(ctx, g, hf, a, q.Top); err != nil {
			return err
		}
	}
	if res.Pairs == 0 {
		a.Message = fmt.Sprintf("no member of A is joined to a member of B within %d hops with these filters; raise max_hops (at most %d), expand the sets or relax the filters", q.MaxHops, s.limits.MaxHops)
		if a.DirectCount > 0 {
			a.Message = fmt.Sprintf("no member of A is joined to a member of B within %d hops other than directly (direct relations are set aside; include_direct keeps them)", q.MaxHops)
		}
	} else if len(a.Brokers) == 0 {
		a.Message = "the sets are joined only directly or through their own members: no other actor lies between them"
	}
	return nil
}

// directRelations lists the relations that join a member of A to a member
// of B directly (set aside by the query), at most max of them, and counts
// the pairs so joined.
func (s *Service) directRelations(ctx context.Context, g *netsci.Graph, hf *hopFinder, a *BrokersAnswer, max int) error {
	inB := map[int]bool{}
	for _, m := range a.B {
		if v, ok := g.Index(m.Actor.ID); ok {
			inB[v] = true
		}
	}
	for _, m := range a.A {
		u, ok := g.Index(m.Actor.ID)
		if !ok {
			continue
		}
		for _, w := range g.Neighbors(u) {
			if !inB[int(w)] {
				continue
			}
			a.DirectCount++
			if len(a.Direct) >= max {
				continue
			}
			p, err := hf.step(ctx, m.Actor.ID, g.ID(int(w)))
			if err != nil {
				return err
			}
			a.Direct = append(a.Direct, hopView(hf.idx, p, 0))
		}
	}
	return nil
}

package analyst

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// CommunitiesQuery asks for the communities of the graph.
type CommunitiesQuery struct {
	// Seed orders the visits of Leiden: the same graph and seed give the
	// same communities.
	Seed uint64
	// Resolution is γ of the modularity (default 1); higher gives more,
	// smaller communities.
	Resolution float64
	// Top is how many communities are listed, largest first (default 20,
	// at most analysis.max_top); Members how many members each lists, the
	// most connected inside first (default 10, at most analysis.max_top).
	Top     int
	Members int
	// Actors are references whose community the answer gives.
	Actors []string
	Filter graph.RelationFilter
}

// CommunitiesEcho repeats the query as applied.
type CommunitiesEcho struct {
	Seed       uint64     `json:"seed"`
	Resolution float64    `json:"resolution"`
	Top        int        `json:"top"`
	Members    int        `json:"members"`
	Actors     []string   `json:"actors"`
	Filter     FilterEcho `json:"filter"`
	Limits     Bounds     `json:"limits"`
}

// CommunityView is one community: its number (1 for the largest), the
// name made of its first members, its size, the edges inside it and
// leaving it, and its first members.
type CommunityView struct {
	Community int          `json:"community"`
	Name      string       `json:"name"`
	Size      int          `json:"size"`
	Internal  int          `json:"internal_edges"`
	External  int          `json:"external_edges"`
	Members   []MemberView `json:"members"`
}

// MemberView is a member of a community and its number of neighbours
// inside it.
type MemberView struct {
	Actor  graph.ActorRef `json:"actor"`
	Inside int            `json:"inside"`
}

// Membership is the community of an actor the query named.
type Membership struct {
	Actor     graph.ActorRef `json:"actor"`
	Community int            `json:"community"`
	Name      string         `json:"name"`
	Size      int            `json:"size"`
	Inside    int            `json:"inside"`
}

// CommunitiesAnswer is a partition of the graph into communities.
type CommunitiesAnswer struct {
	Query  CommunitiesEcho `json:"query"`
	Graph  AnalysisGraph   `json:"graph"`
	Method string          `json:"method"`
	// Modularity of the partition (0 for a graph without edges).
	Modularity float64 `json:"modularity"`
	// Count is the number of communities; Singletons how many of them
	// hold one actor (actors with no relation that passes the filters are
	// each a community of one).
	Count      int `json:"count"`
	Singletons int `json:"singletons"`
	Passes     int `json:"passes"`
	Levels     int `json:"levels"`
	// Communities are the first Top, largest first (then by their
	// smallest member's id).
	Communities []CommunityView `json:"communities"`
	Actors      []Membership    `json:"actors"`

	g     *netsci.Graph
	p     *netsci.Partition
	names map[int]string // community index -> name, filled as needed
}

func (s *Service) normalizeCommunities(q *CommunitiesQuery) error {
	if q.Resolution == 0 {
		q.Resolution = 1
	}
	if !(q.Resolution > 0) || math.IsInf(q.Resolution, 0) {
		return graph.Errorf(graph.EINVALID, "resolution must be a positive number")
	}
	if q.Top == 0 {
		q.Top = min(20, s.alim.MaxTop)
	}
	if q.Top < 1 || q.Top > s.alim.MaxTop {
		return graph.Errorf(graph.EINVALID, "top must be between 1 and %d", s.alim.MaxTop)
	}
	if q.Members == 0 {
		q.Members = min(10, s.alim.MaxTop)
	}
	if q.Members < 1 || q.Members > s.alim.MaxTop {
		return graph.Errorf(graph.EINVALID, "members must be between 1 and %d", s.alim.MaxTop)
	}
	return analysisFilter(&q.Filter)
}

// communityNameSize is how many members name a community.
const communityNameSize = 3

// Communities partitions the graph of the relations that pass the filter
// into communities by Leiden (netsci.Communities), seeded, and names each
// by its most connected members. EINVALID, ENOTFOUND and EAMBIGUOUS (for
// Actors), ETOOLARGE (a bound, named), EUNAVAILABLE when the time limit
// stops it.
func (s *Service) Communities(ctx context.Context, q CommunitiesQuery) (*CommunitiesAnswer, error) {
	if err := s.normalizeCommunities(&q); err != nil {
		return nil, err
	}
	named, err := s.resolveRefs(ctx, "actors", q.Actors, s.alim.MaxTop)
	if err != nil {
		return nil, err
	}
	a := &CommunitiesAnswer{
		Query: CommunitiesEcho{Seed: q.Seed, Resolution: q.Resolution, Top: q.Top, Members: q.Members, Actors: nonNil(q.Actors),
			Filter: echoFilter(q.Filter), Limits: s.bounds()},
		Method: fmt.Sprintf("Leiden (Traag, Waltman and van Eck 2019), maximising the modularity Q = Σ_c [L_c/M − γ·(D_c/2M)²] with resolution γ = %g, seeded with %d: the same graph and seed give the same communities; every community is connected; each is named by its %d members with the most neighbours inside it",
			q.Resolution, q.Seed, communityNameSize),
		Communities: []CommunityView{}, Actors: []Membership{}, names: map[int]string{},
	}
	err = s.analysis(ctx, "communities", func(ctx context.Context) error {
		g, at, err := s.analysisGraph(ctx, q.Filter)
		if err != nil {
			return err
		}
		a.Graph = statement(g, at)
		p, err := netsci.Communities(ctx, g, netsci.CommunityOptions{Seed: q.Seed, Resolution: q.Resolution, MaxWork: s.alim.MaxWork})
		if err != nil {
			return err
		}
		a.g, a.p = g, p
		a.Modularity, a.Count, a.Passes, a.Levels = p.Modularity, len(p.Communities), p.Passes, p.Levels
		for _, c := range p.Communities {
			if len(c.Members) == 1 {
				a.Singletons++
			}
		}
		// The names of the members shown, and of those that name a
		// community an actor asked for belongs to.
		show := p.Communities[:min(q.Top, len(p.Communities))]
		var ids []string
		for _, c := range show {
			for _, v := range c.Members[:min(q.Members, len(c.Members))] {
				ids = append(ids, g.ID(int(v)))
			}
		}
		for _, n := range named {
			if v, ok := g.Index(n.ID); ok {
				c := p.Communities[p.Of[v]]
				for _, m := range c.Members[:min(communityNameSize, len(c.Members))] {
					ids = append(ids, g.ID(int(m)))
				}
			}
		}
		refs, err := s.refs(ctx, ids)
		if err != nil {
			return err
		}
		for ci, c := range show {
			cv := CommunityView{Community: ci + 1, Name: a.name(ci, refs), Size: len(c.Members), Internal: c.Internal,
				External: c.Degree - 2*c.Internal, Members: make([]MemberView, 0, min(q.Members, len(c.Members)))}
			for _, v := range c.Members[:min(q.Members, len(c.Members))] {
				cv.Members = append(cv.Members, MemberView{Actor: refs[g.ID(int(v))], Inside: a.inside(int(v))})
			}
			a.Communities = append(a.Communities, cv)
		}
		for _, n := range named {
			if v, ok := g.Index(n.ID); ok {
				ci := int(p.Of[v])
				a.Actors = append(a.Actors, Membership{Actor: n.Ref(), Community: ci + 1, Name: a.name(ci, refs),
					Size: len(p.Communities[ci].Members), Inside: a.inside(v)})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// name is community ci's name: its first members' names, joined.
func (a *CommunitiesAnswer) name(ci int, refs map[string]graph.ActorRef) string {
	if n, ok := a.names[ci]; ok {
		return n
	}
	c := a.p.Communities[ci]
	var parts []string
	for _, v := range c.Members[:min(communityNameSize, len(c.Members))] {
		id := a.g.ID(int(v))
		if r, ok := refs[id]; ok && r.Name != "" {
			parts = append(parts, r.Name)
		} else {
			parts = append(parts, id)
		}
	}
	n := strings.Join(parts, ", ")
	if len(c.Members) > communityNameSize {
		n += fmt.Sprintf(" and %d more", len(c.Members)-communityNameSize)
	}
	a.names[ci] = n
	return n
}

// inside is how many of v's neighbours are in its community.
func (a *CommunitiesAnswer) inside(v int) int {
	n := 0
	for _, w := range a.g.Neighbors(v) {
		if a.p.Of[w] == a.p.Of[v] {
			n++
		}
	}
	return n
}

// MemberRow is one actor's community, for the membership table.
type MemberRow struct {
	Actor         graph.Actor
	Community     int // 1 for the largest
	CommunityName string
	Size          int
	Inside        int
}

// EachMember calls fn for every actor of the answer's graph, in id order,
// with its community: the whole membership table (a CSV's rows). It reads
// the actors from the store as it goes. It stops at fn's first error.
func (s *Service) EachMember(ctx context.Context, a *CommunitiesAnswer, fn func(MemberRow) error) error {
	if a.g == nil {
		return nil
	}
	refs := map[string]graph.ActorRef{}
	nameOf := func(ci int) (string, error) {
		if n, ok := a.names[ci]; ok {
			return n, nil
		}
		c := a.p.Communities[ci]
		var ids []string
		for _, v := range c.Members[:min(communityNameSize, len(c.Members))] {
			ids = append(ids, a.g.ID(int(v)))
		}
		r, err := s.refs(ctx, ids)
		if err != nil {
			return "", err
		}
		for k, v := range r {
			refs[k] = v
		}
		return a.name(ci, refs), nil
	}
	return s.store.EachActor(ctx, func(act graph.Actor) error {
		v, ok := a.g.Index(act.ID)
		if !ok {
			return nil // written after the analysis
		}
		ci := int(a.p.Of[v])
		name, err := nameOf(ci)
		if err != nil {
			return err
		}
		return fn(MemberRow{Actor: act, Community: ci + 1, CommunityName: name, Size: len(a.p.Communities[ci].Members), Inside: a.inside(v)})
	})
}

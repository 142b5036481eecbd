package analyst

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// PathAnswer is how two actors connect: the query as applied, the paths
// with every hop's relation and its evidence named, and a message when
// there is no path.
type PathAnswer struct {
	Query     PathEcho   `json:"query"`
	Count     int        `json:"count"`
	Truncated bool       `json:"truncated"` // all_shortest found more than Limits.MaxPaths
	Message   string     `json:"message,omitempty"`
	Paths     []PathView `json:"paths"`
	// SetAside lists, when there is no path, the steps over relations no
	// claim supports (refuted, or of confidence 0) that would have joined
	// the two actors: the query left them out, and says so.
	SetAside []HopView `json:"set_aside,omitempty"`

	result graph.PathResult
}

// PathEcho repeats the query as it was applied, defaults and limits
// included, with both ends resolved.
type PathEcho struct {
	From       graph.ActorRef `json:"from"`
	To         graph.ActorRef `json:"to"`
	Mode       graph.PathMode `json:"mode"`
	K          int            `json:"k"` // k_shortest only; 0 otherwise
	MaxHops    int            `json:"max_hops"`
	FilterEcho                // the filter's fields, inline
	Limits     PathLimits     `json:"limits"`
}

// PathLimits are the bounds a path query was checked against.
type PathLimits struct {
	MaxHops  int `json:"max_hops"`
	MaxK     int `json:"max_k"`
	MaxPaths int `json:"max_paths"`
}

// PathView is one path: its length, its readable line, its actors in order
// and its hops.
type PathView struct {
	Length int              `json:"length"`
	Text   string           `json:"text"`
	Actors []graph.ActorRef `json:"actors"`
	Hops   []HopView        `json:"hops"`
}

// HopView is one step of a path: the relation as stored with its evidence
// named, the ids walked from and to, whether the walk followed the stored
// direction, and the step in words.
type HopView struct {
	Relation  RelationView `json:"relation"`
	From      string       `json:"from"`
	To        string       `json:"to"`
	Forward   bool         `json:"forward"`
	Symmetric bool         `json:"symmetric"`
	Text      string       `json:"text"`
}

// Paths answers how q.From and q.To connect; both may be ids, names or
// aliases (see Resolve). The filter, mode and bounds are those of
// graph.PathQuery, checked against the service's limits. No path is a
// normal answer with a Message. EINVALID, ENOTFOUND
// (*graph.UnresolvedError with candidates), EAMBIGUOUS.
func (s *Service) Paths(ctx context.Context, q graph.PathQuery) (*PathAnswer, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	res, err := s.paths(ctx, q)
	if err != nil {
		return nil, err
	}
	q = res.Query
	a := &PathAnswer{
		Query: PathEcho{
			From: res.From.Ref(), To: res.To.Ref(), Mode: q.Mode, MaxHops: q.MaxHops,
			FilterEcho: echoFilter(q.Filter),
			Limits:     PathLimits{MaxHops: s.limits.MaxHops, MaxK: s.limits.MaxK, MaxPaths: s.limits.MaxPaths},
		},
		Count: len(res.Paths), Truncated: res.Truncated, Paths: []PathView{}, result: res,
	}
	if q.Mode == graph.KShortest {
		a.Query.K = q.K
	}
	idx, err := s.sources(ctx)
	if err != nil {
		return nil, err
	}
	if len(res.Paths) == 0 {
		return a, s.noPath(ctx, a, q, idx)
	}
	for _, p := range res.Paths {
		pv := PathView{Length: len(p.Hops), Text: PathText(p), Actors: make([]graph.ActorRef, len(p.Actors)), Hops: make([]HopView, len(p.Hops))}
		for i := range p.Actors {
			pv.Actors[i] = p.Actors[i].Ref()
		}
		for i := range p.Hops {
			pv.Hops[i] = hopView(idx, p, i)
		}
		a.Paths = append(a.Paths, pv)
	}
	return a, nil
}

// noPath writes the message of an answer without paths. When relations
// that no claim supports would have joined the two actors, it names them:
// an analyst must know that the sources deny the link, not only that the
// graph lacks it.
func (s *Service) noPath(ctx context.Context, a *PathAnswer, q graph.PathQuery, idx sourceIndex) error {
	from, to := a.result.From.Name, a.result.To.Name
	a.Message = fmt.Sprintf("no path from %s to %s within %d hops with these filters; raise max_hops (at most %d) or relax the filters",
		from, to, q.MaxHops, s.limits.MaxHops)
	if q.Filter.IncludeRefuted || q.From == q.To {
		return nil
	}
	q.Filter.IncludeRefuted = true
	res, err := s.store.Paths(ctx, q)
	if err != nil || len(res.Paths) == 0 {
		return err
	}
	seen := map[string]bool{}
	var texts []string
	for _, p := range res.Paths {
		for i, h := range p.Hops {
			if !graph.Unsupported(&h.Relation) || seen[h.Relation.ID] {
				continue
			}
			seen[h.Relation.ID] = true
			hv := hopView(idx, p, i)
			a.SetAside = append(a.SetAside, hv)
			texts = append(texts, fmt.Sprintf("%s (%s, %s)", hv.Text, h.Relation.Status, h.Relation.ID))
		}
	}
	a.Message = fmt.Sprintf("no path from %s to %s within %d hops that rests on supported claims: set aside %s, which the sources deny; ask with include_refuted to see the path through it",
		from, to, q.MaxHops, strings.Join(texts, "; "))
	return nil
}

// paths asks the store, resolving the ends first unless both are ids, as
// they are from programs: an id wins in Resolve, so asking directly answers
// alike, and only ENOTFOUND (an id-like string that may be a name) sends
// the query on to resolving.
func (s *Service) paths(ctx context.Context, q graph.PathQuery) (graph.PathResult, error) {
	if graph.ValidActorID(q.From) && graph.ValidActorID(q.To) {
		res, err := s.store.Paths(ctx, q)
		if graph.ErrorCode(err) != graph.ENOTFOUND {
			return res, err
		}
	}
	from, err := s.Resolve(ctx, q.From)
	if err != nil {
		return graph.PathResult{}, err
	}
	to, err := s.Resolve(ctx, q.To)
	if err != nil {
		return graph.PathResult{}, err
	}
	q.From, q.To = from.ID, to.ID
	return s.store.Paths(ctx, q)
}

// hopView is hop i of p with its evidence named and its step in words.
func hopView(idx sourceIndex, p graph.Path, i int) HopView {
	h := p.Hops[i]
	return HopView{
		Relation: idx.relation(h.Relation), From: h.From, To: h.To, Forward: h.Forward,
		Symmetric: graph.IsSymmetric(h.Relation.Type),
		Text:      p.Actors[i].Name + hopArrow(h.Relation.Type, h.Forward) + p.Actors[i+1].Name,
	}
}

// Graph returns the actors and relations of every path, each once, in
// order of appearance: what the graph formats encode.
func (a *PathAnswer) Graph() ([]graph.Actor, []graph.Edge) {
	var nodes []graph.Actor
	var edges []graph.Edge
	seenA, seenR := map[string]bool{}, map[string]bool{}
	for _, p := range a.result.Paths {
		for _, act := range p.Actors {
			if !seenA[act.ID] {
				seenA[act.ID] = true
				nodes = append(nodes, act)
			}
		}
		for _, h := range p.Hops {
			if !seenR[h.Relation.ID] {
				seenR[h.Relation.ID] = true
				edges = append(edges, graph.EdgeOf(&h.Relation))
			}
		}
	}
	return nodes, edges
}

// hopArrow writes one step: " —TYPE— " for symmetric types, " —TYPE→ "
// along the stored direction, " ←TYPE— " against it.
func hopArrow(typ string, forward bool) string {
	switch {
	case graph.IsSymmetric(typ):
		return " —" + typ + "— "
	case forward:
		return " —" + typ + "→ "
	}
	return " ←" + typ + "— "
}

// PathText is the one-line readable form of a path, such as
// "Amedy Coulibaly —ASSOCIATE_OF— Chérif Kouachi —TRAINED_BY→ AQAP".
func PathText(p graph.Path) string {
	if len(p.Actors) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(p.Actors[0].Name)
	for i, h := range p.Hops {
		b.WriteString(hopArrow(h.Relation.Type, h.Forward))
		if i+1 < len(p.Actors) {
			b.WriteString(p.Actors[i+1].Name)
		}
	}
	return b.String()
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

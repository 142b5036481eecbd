package analyst

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// SearchAnswer is a page of actors matching a search, best first. Total
// counts the matches, exactly when TotalExact; otherwise the query's words
// are so common that it is an upper bound (graph.SearchResult).
type SearchAnswer struct {
	Query      string      `json:"q"`
	Kind       graph.Kind  `json:"kind,omitempty"`
	Total      int         `json:"total"`
	TotalExact bool        `json:"total_exact"`
	Limit      int         `json:"limit"`
	Offset     int         `json:"offset"`
	Hits       []SearchHit `json:"hits"`
}

// SearchHit is one actor found, without its evidence, with its score
// (0..1000: 1000 the exact name, 990 an exact alias), its degree, the name
// or alias that matched as written, and why, in words.
type SearchHit struct {
	graph.Actor
	Score   int    `json:"score"`
	Degree  int    `json:"degree"`
	Matched string `json:"matched,omitempty"`
	Why     string `json:"why,omitempty"`
}

// Search finds actors by name or alias, as analysts spell them
// (graph.Store.SearchActors). EINVALID.
func (s *Service) Search(ctx context.Context, q graph.SearchQuery) (SearchAnswer, error) {
	if err := q.Normalize(s.limits); err != nil {
		return SearchAnswer{}, err
	}
	res, err := s.store.SearchActors(ctx, q)
	if err != nil {
		return SearchAnswer{}, err
	}
	out := SearchAnswer{Query: q.Text, Kind: q.Kind, Total: res.Total, TotalExact: res.TotalExact, Limit: q.Limit, Offset: q.Offset, Hits: make([]SearchHit, len(res.Hits))}
	for i, h := range res.Hits {
		h.Actor.Evidence = nil
		out.Hits[i] = SearchHit{Actor: h.Actor, Score: h.Score, Degree: h.Degree, Matched: h.Matched, Why: h.Why}
	}
	return out, nil
}

// ActorSummary is an actor with its number of relations and their counts
// by type and direction. Like every query, the counts leave out the
// relations no claim supports (graph.RelationFilter.IncludeRefuted);
// SetAside says how many there are.
type ActorSummary struct {
	graph.Actor
	Degree          int         `json:"degree"`
	RelationsByType []TypeCount `json:"relations_by_type"`
	SetAside        int         `json:"set_aside"`
}

// TypeCount counts an actor's relations of one type; Out counts those
// where the actor is the stored from-end.
type TypeCount struct {
	Type      string `json:"type"`
	Symmetric bool   `json:"symmetric"`
	Out       int    `json:"out"`
	In        int    `json:"in"`
	Total     int    `json:"total"`
}

// Actor returns the actor ref names (see Resolve) with its relations
// counted by type and direction. It reads no evidence, so it answers for
// an actor with any number of relations. ENOTFOUND, EAMBIGUOUS.
func (s *Service) Actor(ctx context.Context, ref string) (ActorSummary, error) {
	a, err := s.Resolve(ctx, ref)
	if err != nil {
		return ActorSummary{}, err
	}
	counts, err := s.store.RelationCounts(ctx, a.ID, graph.RelationFilter{})
	if err != nil {
		return ActorSummary{}, err
	}
	all, err := s.store.RelationCounts(ctx, a.ID, graph.Everything)
	if err != nil {
		return ActorSummary{}, err
	}
	out := ActorSummary{Actor: a, RelationsByType: make([]TypeCount, len(counts))}
	for i, c := range counts {
		out.RelationsByType[i] = TypeCount{Type: c.Type, Symmetric: graph.IsSymmetric(c.Type), Out: c.Out, In: c.In, Total: c.Out + c.In}
		out.Degree += c.Out + c.In
	}
	for _, c := range all {
		out.SetAside += c.Out + c.In
	}
	out.SetAside -= out.Degree
	return out, nil
}

// RelationsAnswer is an actor's relations that pass a filter, by id, with
// their evidence named.
type RelationsAnswer struct {
	Actor     graph.ActorRef `json:"actor"`
	Count     int            `json:"count"`
	Relations []RelationView `json:"relations"`
}

// ActorRelations returns the relations of the actor ref names that pass f.
// ENOTFOUND, EAMBIGUOUS, EINVALID, ETOOLARGE past Limits.MaxRelations.
func (s *Service) ActorRelations(ctx context.Context, ref string, f graph.RelationFilter) (RelationsAnswer, error) {
	if err := f.Validate(); err != nil {
		return RelationsAnswer{}, err
	}
	a, err := s.Resolve(ctx, ref)
	if err != nil {
		return RelationsAnswer{}, err
	}
	rels, err := s.store.ActorRelations(ctx, a.ID, f)
	if err != nil {
		return RelationsAnswer{}, err
	}
	views, err := s.relations(ctx, rels)
	if err != nil {
		return RelationsAnswer{}, err
	}
	return RelationsAnswer{Actor: a.Ref(), Count: len(views), Relations: views}, nil
}

// Relation returns one relation with its evidence named. ENOTFOUND.
func (s *Service) Relation(ctx context.Context, id string) (RelationView, error) {
	r, err := s.store.Relation(ctx, id)
	if err != nil {
		return RelationView{}, err
	}
	idx, err := s.sources(ctx)
	if err != nil {
		return RelationView{}, err
	}
	return idx.relation(r), nil
}

// NetworkAnswer is the neighbourhood of one or more seed actors.
type NetworkAnswer struct {
	Seeds     []graph.ActorRef `json:"seeds"`
	Depth     int              `json:"depth"`
	Limit     int              `json:"limit"`
	Truncated bool             `json:"truncated"` // the node cap stopped the expansion
	NodeCount int              `json:"node_count"`
	EdgeCount int              `json:"edge_count"`
	Nodes     []graph.Actor    `json:"nodes"`
	Edges     []graph.Relation `json:"edges"`
}

// Network returns every actor within q.Depth hops of the seeds, which
// q.Seeds names by id, name or alias (see Resolve; repeats of one actor
// count once), and the relations among them that pass the filter.
// EINVALID, ENOTFOUND, EAMBIGUOUS.
func (s *Service) Network(ctx context.Context, q graph.NetworkQuery) (NetworkAnswer, error) {
	if err := q.Normalize(s.limits); err != nil {
		return NetworkAnswer{}, err
	}
	seeds, err := s.resolveAll(ctx, q.Seeds)
	if err != nil {
		return NetworkAnswer{}, err
	}
	out := NetworkAnswer{Seeds: make([]graph.ActorRef, len(seeds)), Depth: q.Depth, Limit: q.Limit}
	q.Seeds = make([]string, len(seeds))
	for i, a := range seeds {
		q.Seeds[i], out.Seeds[i] = a.ID, a.Ref()
	}
	sub, err := s.store.Network(ctx, q)
	if err != nil {
		return NetworkAnswer{}, err
	}
	out.Truncated, out.NodeCount, out.EdgeCount = sub.Truncated, len(sub.Nodes), len(sub.Edges)
	out.Nodes, out.Edges = sub.Nodes, sub.Edges
	if out.Nodes == nil {
		out.Nodes = []graph.Actor{}
	}
	if out.Edges == nil {
		out.Edges = []graph.Relation{}
	}
	return out, nil
}

// Graph returns the network's actors and its relations as edges: what the
// graph formats encode.
func (a *NetworkAnswer) Graph() ([]graph.Actor, []graph.Edge) {
	edges := make([]graph.Edge, len(a.Edges))
	for i := range a.Edges {
		edges[i] = graph.EdgeOf(&a.Edges[i])
	}
	return a.Nodes, edges
}

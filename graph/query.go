package graph

import "fmt"

// Direction restricts which way a relation may be followed, relative to its
// stored direction. Symmetric relation types match every direction.
type Direction string

const (
	DirectionAny Direction = "any" // the default
	DirectionOut Direction = "out" // from -> to only, as stored
	DirectionIn  Direction = "in"  // to -> from only
)

// Valid reports whether d is a known direction; "" counts as any.
func (d Direction) Valid() bool {
	switch d {
	case "", DirectionAny, DirectionOut, DirectionIn:
		return true
	}
	return false
}

// RelationFilter selects relations. The zero value selects every relation
// that rests on some claim: refuted ones (see IncludeRefuted) are left out
// unless asked for.
type RelationFilter struct {
	Types         []string  // only these types; empty means all
	ExcludeTypes  []string  // never these types
	Direction     Direction // for traversals and an actor's relations
	MinConfidence float64   // drop relations whose confidence is lower
	AsOf          Date      // only relations valid on this date; zero means any time
	// ExcludeContested drops contested relations. The default keeps them,
	// marked, because analysts must see competing claims.
	ExcludeContested bool
	// IncludeRefuted keeps the relations that no claim supports: status
	// Refuted, and any relation of confidence 0 (a denial graded A1
	// outweighs all support). By default they are left out of every path,
	// network, relation list, edge list and analysis, so that no answer
	// rests on a claim its sources deny; a whole-graph backup includes
	// them.
	IncludeRefuted bool
}

// Everything selects every relation, refuted ones included: what a backup
// reads.
var Everything = RelationFilter{IncludeRefuted: true}

// Unsupported reports whether r rests on no claim: the relations that
// RelationFilter leaves out unless IncludeRefuted is set. Refuted
// relations have confidence 0, so confidence 0 says it all.
func Unsupported(r *Relation) bool { return r.Confidence == 0 }

// Match reports whether r passes the filter's type, confidence, date and
// contested tests. Direction is for the caller, which knows which end it is
// standing on.
func (f *RelationFilter) Match(r *Relation) bool {
	if len(f.Types) > 0 && !contains(f.Types, r.Type) {
		return false
	}
	if contains(f.ExcludeTypes, r.Type) {
		return false
	}
	if r.Confidence < f.MinConfidence || !f.IncludeRefuted && Unsupported(r) {
		return false
	}
	if f.ExcludeContested && r.Contested {
		return false
	}
	return r.ValidOn(f.AsOf)
}

// Validate checks the filter's values. Errors have code EINVALID.
func (f *RelationFilter) Validate() error {
	for _, t := range append(append([]string(nil), f.Types...), f.ExcludeTypes...) {
		if _, ok := LookupType(t); !ok {
			return Errorf(EINVALID, "unknown relation type %q; GET /v1/relation-types lists them", truncate(t, 60))
		}
	}
	if !f.Direction.Valid() {
		return Errorf(EINVALID, "direction must be any, out or in, not %q", truncate(string(f.Direction), 20))
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 || f.MinConfidence != f.MinConfidence {
		return Errorf(EINVALID, "min_confidence must be between 0 and 1")
	}
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// PathMode chooses which paths a path query returns.
type PathMode string

const (
	ShortestPath PathMode = "shortest"     // one shortest path
	AllShortest  PathMode = "all_shortest" // every shortest path, up to Limits.MaxPaths
	KShortest    PathMode = "k_shortest"   // the K shortest loopless paths (Yen)
)

// Limits bound every query. Stores reject queries that exceed them with
// EINVALID, naming the bound. The service sets them from configuration.
type Limits struct {
	MaxHops      int // ceiling for PathQuery.MaxHops
	MaxK         int // ceiling for PathQuery.K
	MaxPaths     int // cap on all_shortest results
	MaxDepth     int // ceiling for NetworkQuery.Depth
	MaxNodes     int // ceiling for NetworkQuery.Limit
	MaxSeeds     int // ceiling for len(NetworkQuery.Seeds)
	MaxSearch    int // ceiling for SearchQuery.Limit
	MaxRelations int // ceiling for the relations of one actor
}

// DefaultLimits are the limits used when configuration says nothing.
var DefaultLimits = Limits{
	MaxHops:      8,
	MaxK:         10,
	MaxPaths:     100,
	MaxDepth:     3,
	MaxNodes:     5000,
	MaxSeeds:     50,
	MaxSearch:    100,
	MaxRelations: 10000,
}

// DefaultMaxHops is PathQuery.MaxHops when none is given.
const DefaultMaxHops = 4

// PathQuery asks how two actors connect.
type PathQuery struct {
	From, To string   // actor ids (resolve names first with Store.Resolve)
	Mode     PathMode // default shortest
	K        int      // for k_shortest; default 3
	MaxHops  int      // default DefaultMaxHops
	Filter   RelationFilter
}

// Normalize fills defaults and checks q against lim. Errors have code
// EINVALID and name the bound that was exceeded.
func (q *PathQuery) Normalize(lim Limits) error {
	if q.From == "" || q.To == "" {
		return Errorf(EINVALID, "both from and to are required")
	}
	if err := CheckQueryText("from", q.From); err != nil {
		return err
	}
	if err := CheckQueryText("to", q.To); err != nil {
		return err
	}
	if q.Mode == "" {
		q.Mode = ShortestPath
	}
	switch q.Mode {
	case ShortestPath, AllShortest, KShortest:
	default:
		return Errorf(EINVALID, "mode must be shortest, all_shortest or k_shortest, not %q", truncate(string(q.Mode), 20))
	}
	if q.K == 0 {
		q.K = 3
	}
	if q.K < 1 || q.K > lim.MaxK {
		return Errorf(EINVALID, "k must be between 1 and %d", lim.MaxK)
	}
	if q.MaxHops == 0 {
		q.MaxHops = min(DefaultMaxHops, lim.MaxHops)
	}
	if q.MaxHops < 1 || q.MaxHops > lim.MaxHops {
		return Errorf(EINVALID, "max_hops must be between 1 and %d", lim.MaxHops)
	}
	if q.Filter.Direction == "" {
		q.Filter.Direction = DirectionAny
	}
	return q.Filter.Validate()
}

// Hop is one step of a path: the relation, as stored, and the actors it
// was walked from and to. Forward is false when the walk went against the
// stored direction (to -> from).
type Hop struct {
	Relation Relation `json:"relation"`
	From     string   `json:"from"` // actor id walked from
	To       string   `json:"to"`   // actor id walked to
	Forward  bool     `json:"forward"`
}

// Path is a walk from the query's From to its To.
type Path struct {
	Actors []Actor `json:"actors"` // in order, len(Hops)+1 of them
	Hops   []Hop   `json:"hops"`
}

// PathResult answers a PathQuery. No path within the limits is a normal
// answer: Paths is empty and Query says which limits applied.
type PathResult struct {
	Query     PathQuery `json:"-"`
	From      Actor     `json:"from"` // the actors q.From and q.To name, found or not
	To        Actor     `json:"to"`
	Paths     []Path    `json:"paths"`
	Truncated bool      `json:"truncated"` // all_shortest hit Limits.MaxPaths
}

// NetworkQuery asks for the neighbourhood of one or more seed actors: every
// actor within Depth hops of a seed, and every relation among them that
// passes the filter. One seed gives the ego network; Depth 0 gives the
// subgraph induced by the seeds alone (what a client has on screen).
type NetworkQuery struct {
	Seeds  []string // actor ids
	Depth  int      // 0 to Limits.MaxDepth; callers default it (the HTTP API uses 1)
	Filter RelationFilter
	Limit  int // node cap; default and ceiling Limits.MaxNodes
}

// Normalize fills defaults and checks q against lim; errors have code
// EINVALID.
func (q *NetworkQuery) Normalize(lim Limits) error {
	if len(q.Seeds) == 0 {
		return Errorf(EINVALID, "at least one seed actor is required")
	}
	if len(q.Seeds) > lim.MaxSeeds {
		return Errorf(EINVALID, "at most %d seed actors are allowed", lim.MaxSeeds)
	}
	for i, s := range q.Seeds {
		if err := CheckQueryText(fmt.Sprintf("seeds[%d]", i), s); err != nil {
			return err
		}
	}
	if q.Depth < 0 || q.Depth > lim.MaxDepth {
		return Errorf(EINVALID, "depth must be between 0 and %d", lim.MaxDepth)
	}
	if q.Limit == 0 {
		q.Limit = lim.MaxNodes
	}
	if q.Limit < 1 || q.Limit > lim.MaxNodes {
		return Errorf(EINVALID, "limit must be between 1 and %d", lim.MaxNodes)
	}
	if q.Filter.Direction == "" {
		q.Filter.Direction = DirectionAny
	}
	return q.Filter.Validate()
}

// Subgraph is a set of actors and the relations among them. Truncated says
// that the node cap stopped the expansion before Depth was reached.
type Subgraph struct {
	Nodes     []Actor    `json:"nodes"`
	Edges     []Relation `json:"edges"`
	Truncated bool       `json:"truncated"`
}

// SearchQuery looks actors up by name or alias.
type SearchQuery struct {
	Text   string
	Kind   Kind // optional filter
	Limit  int  // default 20, ceiling Limits.MaxSearch
	Offset int
}

// MaxSearchDepth is how far a search by name pages at most: offset plus
// limit. The best hits of a common word are found by scoring in order of
// promise, and paging deeper would score them all.
const MaxSearchDepth = 10_000

// Normalize fills defaults and checks q against lim and Text against
// MaxQueryLen and MaxQueryWords; errors have code EINVALID.
func (q *SearchQuery) Normalize(lim Limits) error {
	if err := CheckQueryText("the search text", q.Text); err != nil {
		return err
	}
	if q.Kind != "" && !q.Kind.Valid() {
		return Errorf(EINVALID, "kind must be person, organization, event or place, not %q", truncate(string(q.Kind), 20))
	}
	if q.Limit == 0 {
		q.Limit = min(20, lim.MaxSearch)
	}
	if q.Limit < 1 || q.Limit > lim.MaxSearch {
		return Errorf(EINVALID, "limit must be between 1 and %d", lim.MaxSearch)
	}
	if q.Offset < 0 {
		return Errorf(EINVALID, "offset must not be negative")
	}
	if q.Offset > MaxSearchDepth-q.Limit && NormalizeName(q.Text) != "" {
		return Errorf(EINVALID, "a search by name pages through its best %d hits at most (offset %d + limit %d); narrow the query", MaxSearchDepth, q.Offset, q.Limit)
	}
	return nil
}

// SearchHit is one ranked search result: the actor, how well its name or
// an alias matched (Score, 0..1000 on the scale of graph/names: 1000 the
// exact name, 990 an exact alias, at most 980 otherwise), which one
// matched, as written (Matched), and why in words ("exact alias",
// "transliteration of Usama bin Ladin", "typo in Coulibaly"). A listing by
// id (empty Text) has Score 0 and no Matched or Why.
type SearchHit struct {
	Actor   Actor  `json:"actor"`
	Score   int    `json:"score"`
	Degree  int    `json:"degree"`
	Matched string `json:"matched,omitempty"`
	Why     string `json:"why,omitempty"`
}

// SearchResult is a page of hits and the number of matches. An empty Text
// lists every actor (of Kind) by id.
//
// Total is exact when TotalExact. A query whose every word is common can
// match tens of thousands of actors; past names.MaxExactTotal candidates
// the stores score only what the page needs, and Total is then an upper
// bound: the actors whose names could reach the match threshold, judged
// from their keys alone. The hits are the best ones either way.
type SearchResult struct {
	Total      int         `json:"total"`
	TotalExact bool        `json:"total_exact"`
	Hits       []SearchHit `json:"hits"`
}

// Stats summarises the graph.
type Stats struct {
	Actors    int `json:"actors"`
	Relations int `json:"relations"`
	Evidence  int `json:"evidence"`
	Contested int `json:"contested"`
	// Refuted counts the relations no claim supports (Unsupported), which
	// queries leave out unless asked for them.
	Refuted int            `json:"refuted"`
	Sources int            `json:"sources"`
	ByKind  map[Kind]int   `json:"by_kind"`
	ByType  map[string]int `json:"by_type"`
	Top     []Degree       `json:"top"` // most connected first
}

// Degree is an actor and its number of relations.
type Degree struct {
	Actor  ActorRef `json:"actor"`
	Degree int      `json:"degree"`
}

// ImportResult counts what an import wrote.
type ImportResult struct {
	Sources   int `json:"sources"`
	Actors    int `json:"actors"`
	Relations int `json:"relations"`
}

// Edge is a relation without its full evidence: what an edge list needs.
// FirstSource and FirstQuote are those of the relation's first piece of
// evidence.
type Edge struct {
	ID            string  `json:"id"`
	Type          string  `json:"type"`
	From          string  `json:"source"`
	To            string  `json:"target"`
	Role          string  `json:"role,omitempty"`
	ValidFrom     Date    `json:"valid_from,omitzero"`
	ValidTo       Date    `json:"valid_to,omitzero"`
	Contested     bool    `json:"contested"`
	Status        Status  `json:"status"`
	Confidence    float64 `json:"confidence"`
	EvidenceCount int     `json:"evidence_count"`
	FirstSource   string  `json:"first_source,omitempty"`
	FirstQuote    string  `json:"first_quote,omitempty"`
}

// EdgeOf summarises r as an Edge.
func EdgeOf(r *Relation) Edge {
	e := Edge{
		ID: r.ID, Type: r.Type, From: r.From, To: r.To, Role: r.Role,
		ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Contested: r.Contested, Status: r.Status,
		Confidence: r.Confidence, EvidenceCount: len(r.Evidence),
	}
	if len(r.Evidence) > 0 {
		e.FirstSource, e.FirstQuote = r.Evidence[0].Source, r.Evidence[0].Quote
	}
	return e
}

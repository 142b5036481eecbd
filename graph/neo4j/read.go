package neo4j

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/names"
)

// Actor returns the actor with the given id. ENOTFOUND.
func (s *Store) Actor(ctx context.Context, id string) (graph.Actor, error) {
	var a graph.Actor
	err := s.read(ctx, "actor", func(tx neo4j.ManagedTransaction) error {
		var err error
		a, err = getActor(ctx, tx, id)
		return err
	})
	return a, err
}

func getActor(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Actor, error) {
	recs, err := collect(ctx, tx, statement{Text: queryText("actor_get"), Params: map[string]any{"id": id}})
	if err != nil {
		return graph.Actor{}, err
	}
	if len(recs) == 0 {
		return graph.Actor{}, graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
	}
	return actorFromRecord(recs[0], "a")
}

// actorsByID returns the stored actors among ids, by id.
func actorsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]graph.Actor, error) {
	recs, err := collect(ctx, tx, statement{Text: queryText("actors_by_ids"), Params: map[string]any{"ids": ids}})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Actor, len(recs))
	for _, rec := range recs {
		a, err := actorFromRecord(rec, "a")
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, nil
}

// candidate is an actor considered by Resolve's third tier.
type candidate struct {
	ref  graph.ActorRef
	keys []string // folded name, then folded aliases
}

// wordCandidates returns the actors for which every word of the folded
// reference q begins a word of the folded name or of one folded alias
// (graph.MatchScore at least graph.ScoreWordsAlias: Resolve's third tier),
// found as those whose folded names contain every word, then checked.
func wordCandidates(ctx context.Context, tx neo4j.ManagedTransaction, q string) ([]candidate, error) {
	words := strings.Fields(q)
	first := ""
	for _, w := range words {
		if len(w) > len(first) {
			first = w
		}
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("resolve_candidates"),
		Params: map[string]any{"first": first, "words": words}})
	if err != nil {
		return nil, err
	}
	out := make([]candidate, 0, len(recs))
	for _, rec := range recs {
		var c candidate
		var err error
		var kind string
		if c.ref.ID, err = get[string](rec, "id"); err != nil {
			return nil, err
		}
		if c.ref.Name, err = get[string](rec, "name"); err != nil {
			return nil, err
		}
		if kind, err = get[string](rec, "kind"); err != nil {
			return nil, err
		}
		if c.keys, err = stringList(rec, "keys"); err != nil {
			return nil, err
		}
		c.ref.Kind = graph.Kind(kind)
		if len(c.keys) > 0 && graph.MatchScore(q, c.keys[0], c.keys[1:]) >= graph.ScoreWordsAlias {
			out = append(out, c)
		}
	}
	return out, nil
}

// Resolve returns the one actor that ref denotes: the actor with id ref;
// else the actors whose folded name or an alias equals the folded ref; else
// those for which every word of the ref starts a word of the name or an
// alias (graph.MatchScore >= graph.ScoreWordsAlias). ENOTFOUND when none
// match, *graph.AmbiguousError (EAMBIGUOUS) listing the candidates by id
// when several do (at most Limits.MaxSearch, the first by id). It never
// guesses: spellings are for SearchActors.
func (s *Store) Resolve(ctx context.Context, ref string) (graph.Actor, error) {
	var a graph.Actor
	err := s.read(ctx, "resolve", func(tx neo4j.ManagedTransaction) error {
		var err error
		a, err = resolve(ctx, tx, ref, s.lim.MaxSearch)
		return err
	})
	return a, err
}

// resolve is Resolve in tx; an ambiguous reference lists the first max
// candidates by id.
func resolve(ctx context.Context, tx neo4j.ManagedTransaction, ref string, max int) (graph.Actor, error) {
	if a, err := getActor(ctx, tx, ref); graph.ErrorCode(err) != graph.ENOTFOUND {
		return a, err
	}
	notFound := graph.Errorf(graph.ENOTFOUND, "no actor has the id, name or alias %q; search for it first", ref)
	q := graph.NormalizeName(ref)
	if q == "" {
		return graph.Actor{}, notFound
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("actors_by_key"), Params: map[string]any{"key": q}})
	if err != nil {
		return graph.Actor{}, err
	}
	exact := make([]graph.Actor, 0, len(recs))
	for _, rec := range recs {
		a, err := actorFromRecord(rec, "a")
		if err != nil {
			return graph.Actor{}, err
		}
		exact = append(exact, a)
	}
	switch len(exact) {
	case 0:
	case 1:
		return exact[0], nil
	default:
		amb := &graph.AmbiguousError{Name: ref}
		for i := range exact[:min(len(exact), max)] {
			amb.Candidates = append(amb.Candidates, exact[i].Ref())
		}
		return graph.Actor{}, amb
	}
	cs, err := wordCandidates(ctx, tx, q)
	if err != nil {
		return graph.Actor{}, err
	}
	slices.SortFunc(cs, func(a, b candidate) int { return strings.Compare(a.ref.ID, b.ref.ID) })
	cs = cs[:min(len(cs), max)]
	switch len(cs) {
	case 0:
		return graph.Actor{}, notFound
	case 1:
		return getActor(ctx, tx, cs[0].ref.ID)
	}
	amb := &graph.AmbiguousError{Name: ref}
	for _, c := range cs {
		amb.Candidates = append(amb.Candidates, c.ref)
	}
	return graph.Actor{}, amb
}

// SearchActors ranks the actors whose names match q.Text as graph/names
// scores them: the query is parsed (EINVALID past its caps); the
// candidates are the actors with one of its probe keys among their
// name_keys, found through the full-text index; each is scored in Go
// against its name and aliases, as the embedded store scores them, and the
// hits are ordered by score, then degree, then id. Total counts every hit,
// or, when more than names.MaxExactTotal candidates have a bound
// (names.Query.Bound) that reaches the threshold, is that number and not
// exact, as in the embedded store. An empty (folded) text lists every
// actor by id. EINVALID for bad options.
func (s *Store) SearchActors(ctx context.Context, q graph.SearchQuery) (graph.SearchResult, error) {
	if err := q.Normalize(s.lim); err != nil {
		return graph.SearchResult{}, err
	}
	if graph.NormalizeName(q.Text) == "" {
		var res graph.SearchResult
		err := s.read(ctx, "search", func(tx neo4j.ManagedTransaction) error {
			var err error
			res, err = listActors(ctx, tx, q)
			return err
		})
		return res, err
	}
	nq, err := names.Parse(q.Text)
	if err != nil {
		return graph.SearchResult{}, err
	}
	var res graph.SearchResult
	err = s.read(ctx, "search", func(tx neo4j.ManagedTransaction) error {
		var err error
		res, err = searchActors(ctx, tx, nq, q)
		return err
	})
	return res, err
}

func listActors(ctx context.Context, tx neo4j.ManagedTransaction, q graph.SearchQuery) (graph.SearchResult, error) {
	res := graph.SearchResult{Hits: []graph.SearchHit{}, TotalExact: true}
	total, _, err := single[int64](ctx, tx, statement{Text: queryText("search_count"), Params: map[string]any{"kind": string(q.Kind)}}, "total")
	if err != nil {
		return res, err
	}
	res.Total = int(total)
	recs, err := collect(ctx, tx, statement{Text: queryText("search_page"),
		Params: map[string]any{"kind": string(q.Kind), "offset": int64(q.Offset), "limit": int64(q.Limit)}})
	if err != nil {
		return res, err
	}
	for _, rec := range recs {
		a, err := actorFromRecord(rec, "a")
		if err != nil {
			return res, err
		}
		degree, err := get[int64](rec, "degree")
		if err != nil {
			return res, err
		}
		res.Hits = append(res.Hits, graph.SearchHit{Actor: a, Degree: int(degree)})
	}
	return res, nil
}

// probesPerQuery is how many probe keys one full-text query holds: Lucene
// refuses more than 1024 clauses.
const probesPerQuery = 500

// scored is a hit of a search by name.
type scored struct {
	id     string
	degree int
	hit    names.Hit
}

func searchActors(ctx context.Context, tx neo4j.ManagedTransaction, nq *names.Query, q graph.SearchQuery) (graph.SearchResult, error) {
	res := graph.SearchResult{Hits: []graph.SearchHit{}}
	probes := nq.Probes(nil)
	seen := map[string]bool{}
	var hits []scored
	bounded := 0
	for start := 0; start < len(probes); start += probesPerQuery {
		terms := probes[start:min(start+probesPerQuery, len(probes))]
		quoted := make([]string, len(terms))
		for i, k := range terms {
			quoted[i] = `"` + k + `"` // keys hold no quote, backslash or space
		}
		recs, err := collect(ctx, tx, statement{Text: queryText("search_candidates"),
			Params: map[string]any{"query": strings.Join(quoted, " "), "kind": string(q.Kind)}})
		if err != nil {
			return res, err
		}
		for _, rec := range recs {
			id, err := get[string](rec, "id")
			if err != nil {
				return res, err
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			name, err := get[string](rec, "name")
			if err != nil {
				return res, err
			}
			aliases, err := stringList(rec, "aliases")
			if err != nil {
				return res, err
			}
			degree, err := get[int64](rec, "degree")
			if err != nil {
				return res, err
			}
			if nq.Bound(name, aliases) < names.MinScore {
				continue // no hit, and not counted (Query.Bound)
			}
			bounded++
			if h := nq.Match(name, aliases); h.OK() {
				hits = append(hits, scored{id: id, degree: int(degree), hit: h})
			}
		}
	}
	slices.SortFunc(hits, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.hit.Score, a.hit.Score), cmp.Compare(b.degree, a.degree), strings.Compare(a.id, b.id))
	})
	res.Total, res.TotalExact = len(hits), true
	if bounded > names.MaxExactTotal {
		res.Total, res.TotalExact = bounded, false
	}
	page := hits[min(q.Offset, len(hits)):min(q.Offset+q.Limit, len(hits))]
	if len(page) == 0 {
		return res, nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.id
	}
	actors, err := actorsByID(ctx, tx, ids)
	if err != nil {
		return res, err
	}
	for _, h := range page {
		a, ok := actors[h.id]
		if !ok {
			continue // deleted between the two reads of this transaction: impossible
		}
		res.Hits = append(res.Hits, graph.SearchHit{Actor: a, Score: h.hit.Score, Degree: h.degree, Matched: h.hit.Matched, Why: h.hit.Why})
	}
	return res, nil
}

// Relation returns one relation with all its evidence. ENOTFOUND.
func (s *Store) Relation(ctx context.Context, id string) (graph.Relation, error) {
	var r graph.Relation
	err := s.read(ctx, "relation", func(tx neo4j.ManagedTransaction) error {
		var err error
		r, err = getRelation(ctx, tx, id)
		return err
	})
	return r, err
}

func getRelation(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Relation, error) {
	recs, err := collect(ctx, tx, statement{Text: queryText("relation_get"), Params: map[string]any{"id": id}})
	if err != nil {
		return graph.Relation{}, err
	}
	if len(recs) == 0 {
		return graph.Relation{}, graph.Errorf(graph.ENOTFOUND, "no relation with id %q", id)
	}
	return relationFromRecord(recs[0])
}

// ActorRelations returns the relations of actor id that pass f, by id.
// Direction out keeps the relations stored from id, in those stored to it;
// symmetric types match either way. ENOTFOUND, EINVALID, ETOOLARGE past
// Limits.MaxRelations.
func (s *Store) ActorRelations(ctx context.Context, id string, f graph.RelationFilter) ([]graph.Relation, error) {
	limit := s.lim.MaxRelations
	st, c, err := buildActorRelations(id, f, limit+1)
	if err != nil {
		return nil, err
	}
	var out []graph.Relation
	err = s.read(ctx, "actor relations", func(tx neo4j.ManagedTransaction) error {
		out = []graph.Relation{}
		if _, err := getActor(ctx, tx, id); err != nil {
			return err
		}
		if c.None {
			return nil
		}
		recs, err := collect(ctx, tx, st)
		if err != nil {
			return err
		}
		if len(recs) > limit {
			return graph.Errorf(graph.ETOOLARGE, "actor %q has more than %d relations passing the filter; narrow the filter (relation types, date, minimum confidence)", id, limit)
		}
		for _, rec := range recs {
			r, err := relationFromRecord(rec)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// RelationCounts counts the relations of actor id that pass f, by type and
// direction (Out: id is the stored start), reading no evidence. Sorted by
// type. ENOTFOUND, EINVALID.
func (s *Store) RelationCounts(ctx context.Context, id string, f graph.RelationFilter) ([]graph.TypeCount, error) {
	st, c, err := buildRelationCounts(id, f)
	if err != nil {
		return nil, err
	}
	var out []graph.TypeCount
	err = s.read(ctx, "relation counts", func(tx neo4j.ManagedTransaction) error {
		out = nil
		if _, err := getActor(ctx, tx, id); err != nil {
			return err
		}
		if c.None {
			return nil
		}
		recs, err := collect(ctx, tx, st)
		if err != nil {
			return err
		}
		at := map[string]int{} // type -> its place in out
		for _, rec := range recs {
			typ, err := get[string](rec, "type")
			if err != nil {
				return err
			}
			isOut, err := get[bool](rec, "out")
			if err != nil {
				return err
			}
			n, err := get[int64](rec, "n")
			if err != nil {
				return err
			}
			i, ok := at[typ]
			if !ok {
				i = len(out)
				at[typ] = i
				out = append(out, graph.TypeCount{Type: typ})
			}
			if tc := &out[i]; isOut {
				tc.Out += int(n)
			} else {
				tc.In += int(n)
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b graph.TypeCount) int { return strings.Compare(a.Type, b.Type) })
	return out, err
}

// EachActor calls fn for every actor in id order, streaming.
func (s *Store) EachActor(ctx context.Context, fn func(graph.Actor) error) error {
	return s.stream(ctx, "each actor", statement{Text: queryText("each_actor")}, func(rec *neo4j.Record) error {
		a, err := actorFromRecord(rec, "a")
		if err != nil {
			return s.fail("each actor", err)
		}
		return fn(a)
	})
}

// EachRelation calls fn for every relation that passes f (the direction
// does not apply), in id order, streaming. EINVALID.
func (s *Store) EachRelation(ctx context.Context, f graph.RelationFilter, fn func(graph.Relation) error) error {
	st, c, err := buildEach("each_relation", f)
	if err != nil || c.None {
		return err
	}
	return s.stream(ctx, "each relation", st, func(rec *neo4j.Record) error {
		r, err := relationFromRecord(rec)
		if err != nil {
			return s.fail("each relation", err)
		}
		return fn(r)
	})
}

// EachEdge is EachRelation for edge lists: the evidence stays on the
// server. EINVALID.
func (s *Store) EachEdge(ctx context.Context, f graph.RelationFilter, fn func(graph.Edge) error) error {
	st, c, err := buildEach("each_edge", f)
	if err != nil || c.None {
		return err
	}
	return s.stream(ctx, "each edge", st, func(rec *neo4j.Record) error {
		e, err := edgeFromRecord(rec)
		if err != nil {
			return s.fail("each edge", err)
		}
		return fn(e)
	})
}

// Sources lists every source by id.
func (s *Store) Sources(ctx context.Context) ([]graph.Source, error) {
	var out []graph.Source
	err := s.read(ctx, "sources", func(tx neo4j.ManagedTransaction) error {
		out = []graph.Source{}
		recs, err := collect(ctx, tx, statement{Text: queryText("sources")})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			src, err := sourceFromRecord(rec)
			if err != nil {
				return err
			}
			out = append(out, src)
		}
		return nil
	})
	return out, err
}

// Source returns one source. ENOTFOUND.
func (s *Store) Source(ctx context.Context, id string) (graph.Source, error) {
	var src graph.Source
	err := s.read(ctx, "source", func(tx neo4j.ManagedTransaction) error {
		found, err := sourcesByID(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		var ok bool
		if src, ok = found[id]; !ok {
			return graph.Errorf(graph.ENOTFOUND, "no source with id %q", id)
		}
		return nil
	})
	return src, err
}

func sourceFromRecord(rec *neo4j.Record) (graph.Source, error) {
	js, err := get[string](rec, "json")
	if err != nil {
		return graph.Source{}, err
	}
	n, err := get[int64](rec, "text_length")
	if err != nil {
		return graph.Source{}, err
	}
	src, err := sourceFromJSON(js)
	src.TextLength = int(n)
	return src, err
}

// sourcesByID returns the stored sources among ids, by id.
func sourcesByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]graph.Source, error) {
	out := map[string]graph.Source{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("sources_by_ids"), Params: map[string]any{"ids": ids}})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		src, err := sourceFromRecord(rec)
		if err != nil {
			return nil, err
		}
		out[src.ID] = src
	}
	return out, nil
}

// Stats counts actors by kind, relations by type, evidence and contested
// relations, and lists the top most connected actors (degree descending,
// then id).
func (s *Store) Stats(ctx context.Context, top int) (graph.Stats, error) {
	var st graph.Stats
	err := s.read(ctx, "stats", func(tx neo4j.ManagedTransaction) error {
		st = graph.Stats{ByKind: map[graph.Kind]int{}, ByType: map[string]int{}, Top: []graph.Degree{}}
		recs, err := collect(ctx, tx, statement{Text: queryText("stats_kinds")})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			kind, err := get[string](rec, "kind")
			if err != nil {
				return err
			}
			n, err := get[int64](rec, "n")
			if err != nil {
				return err
			}
			st.ByKind[graph.Kind(kind)] += int(n)
			st.Actors += int(n)
		}
		if recs, err = collect(ctx, tx, statement{Text: queryText("stats_types")}); err != nil {
			return err
		}
		for _, rec := range recs {
			typ, err := get[string](rec, "type")
			if err != nil {
				return err
			}
			var n, evidence, contested, refuted int64
			for key, dst := range map[string]*int64{"n": &n, "evidence": &evidence, "contested": &contested, "refuted": &refuted} {
				if *dst, err = get[int64](rec, key); err != nil {
					return err
				}
			}
			st.ByType[typ] = int(n)
			st.Relations += int(n)
			st.Evidence += int(evidence)
			st.Contested += int(contested)
			st.Refuted += int(refuted)
		}
		n, _, err := single[int64](ctx, tx, statement{Text: queryText("stats_sources")}, "n")
		if err != nil {
			return err
		}
		st.Sources = int(n)
		if top <= 0 {
			return nil
		}
		if recs, err = collect(ctx, tx, statement{Text: queryText("stats_top"), Params: map[string]any{"top": int64(top)}}); err != nil {
			return err
		}
		for _, rec := range recs {
			var d graph.Degree
			var kind string
			var degree int64
			if d.Actor.ID, err = get[string](rec, "id"); err != nil {
				return err
			}
			if d.Actor.Name, err = get[string](rec, "name"); err != nil {
				return err
			}
			if kind, err = get[string](rec, "kind"); err != nil {
				return err
			}
			if degree, err = get[int64](rec, "degree"); err != nil {
				return err
			}
			d.Actor.Kind, d.Degree = graph.Kind(kind), int(degree)
			st.Top = append(st.Top, d)
		}
		return nil
	})
	return st, err
}

// Export streams the whole graph in one explicit read transaction: the
// sources with their texts, then the actors, then the relations, each
// query in id order.
// Neo4j's transactions are read-committed, not snapshots: a write
// committed while the export runs may show in a later query. So that the
// bundle always imports, a relation is left out when one of its ends, or a
// source its evidence cites, was not streamed before it, and so is an
// actor whose evidence cites a source not streamed: they were written
// after that part was read, so they belong to a later state than the one
// exported. How many were left out is logged. The export is
// thus the graph as it was when its actors were read, give or take the
// changes to relations made while it ran.
func (s *Store) Export(ctx context.Context, w graph.BundleWriter) error {
	relations, _, err := buildEach("each_relation", graph.Everything)
	if err != nil {
		return err
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(s.longTimeout))
	if err != nil {
		return s.fail("export", err)
	}
	defer tx.Close(context.WithoutCancel(ctx))
	var werr error // w's error, returned as it is
	each := func(st statement, fn func(*neo4j.Record) error) error {
		res, err := tx.Run(ctx, st.Text, st.Params)
		if err != nil {
			return s.fail("export", err)
		}
		for res.Next(ctx) {
			if err := fn(res.Record()); err != nil {
				return err
			}
			if werr != nil {
				return werr
			}
		}
		return s.fail("export", res.Err())
	}
	var seen exported
	left := 0
	// The sources first, then their texts a batch at a time (a text can be
	// megabytes; sources are few).
	var srcs []graph.Source
	err = each(statement{Text: queryText("sources")}, func(rec *neo4j.Record) error {
		src, err := sourceFromRecord(rec)
		if err != nil {
			return s.fail("export", err)
		}
		srcs = append(srcs, src)
		return nil
	})
	if err != nil {
		return err
	}
	const textBatch = 32
	for len(srcs) > 0 {
		batch := srcs[:min(textBatch, len(srcs))]
		srcs = srcs[len(batch):]
		var ids []string
		for _, src := range batch {
			if src.TextLength > 0 {
				ids = append(ids, src.ID)
			}
		}
		texts := map[string]string{}
		if len(ids) > 0 {
			err := each(statement{Text: queryText("source_texts"), Params: map[string]any{"ids": ids}}, func(rec *neo4j.Record) error {
				id, err := get[string](rec, "id")
				if err != nil {
					return s.fail("export", err)
				}
				if texts[id], err = get[string](rec, "text"); err != nil {
					return s.fail("export", err)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		for _, src := range batch {
			src.Text = texts[src.ID]
			seen.source(src.ID)
			if werr = w.Source(src); werr != nil {
				return werr
			}
		}
	}
	err = each(statement{Text: queryText("each_actor")}, func(rec *neo4j.Record) error {
		a, err := actorFromRecord(rec, "a")
		if err != nil {
			return s.fail("export", err)
		}
		if !seen.cited(a.Evidence) {
			left++ // imported with a new source after the sources were read
			return nil
		}
		seen.actor(a.ID)
		werr = w.Actor(a)
		return nil
	})
	if err != nil {
		return err
	}
	seen.sortActors()
	err = each(relations, func(rec *neo4j.Record) error {
		r, err := relationFromRecord(rec)
		if err != nil {
			return s.fail("export", err)
		}
		if !seen.complete(&r) {
			left++
			return nil
		}
		werr = w.Relation(r)
		return nil
	})
	if left > 0 {
		s.log.Warn("neo4j export: entries written while the export ran were left out, because an end or a cited source was read before they were", "left_out", left)
	}
	if err != nil {
		return err
	}
	return s.fail("export", tx.Commit(ctx))
}

// exported remembers the ids an export has streamed, so that relations
// whose ends or sources it has not streamed are left out.
type exported struct {
	sources map[string]bool
	actors  []string // in the order streamed: by id; sortActors makes sure
}

func (e *exported) source(id string) {
	if e.sources == nil {
		e.sources = map[string]bool{}
	}
	e.sources[id] = true
}

func (e *exported) actor(id string) { e.actors = append(e.actors, id) }

// sortActors sorts the actor ids, which the query returns in id order as
// the server collates them: the same as Go's for the ASCII ids the store
// accepts, so this costs one pass.
func (e *exported) sortActors() {
	if !slices.IsSorted(e.actors) {
		slices.Sort(e.actors)
	}
}

func (e *exported) hasActor(id string) bool {
	_, ok := slices.BinarySearch(e.actors, id)
	return ok
}

// complete reports whether r's ends and every source its evidence cites
// were streamed.
func (e *exported) complete(r *graph.Relation) bool {
	return e.hasActor(r.From) && e.hasActor(r.To) && e.cited(r.Evidence)
}

// cited reports whether every source that es cites was streamed.
func (e *exported) cited(es []graph.Evidence) bool {
	for _, ev := range es {
		if !e.sources[ev.Source] {
			return false
		}
	}
	return true
}

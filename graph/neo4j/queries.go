package neo4j

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// All the Cypher of the store lives in queries/*.cypher. Templates mark the
// parts that Cypher cannot take as parameters (relationship types, the path
// selector and hop bounds) and the optional filter predicates with
// /*@name*/default/*@end*/; with their defaults in place they are complete
// queries, so the linter checks them as they are.
//
//go:embed queries/*.cypher
var queryFiles embed.FS

// marker matches one /*@name*/default/*@end*/ region of a template.
var marker = regexp.MustCompile(`/\*@([a-z_]+)\*/(.*?)/\*@end\*/`)

// queries maps a file's base name (without .cypher) to its text, with
// whole-line // comments and blank lines dropped.
var queries = func() map[string]string {
	m := map[string]string{}
	files, err := fs.Glob(queryFiles, "queries/*.cypher")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		data, err := queryFiles.ReadFile(f)
		if err != nil {
			panic(err)
		}
		m[strings.TrimSuffix(path.Base(f), ".cypher")] = stripComments(string(data))
	}
	return m
}()

func stripComments(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		out = append(out, strings.TrimRight(line, " \t\r"))
	}
	return strings.Join(out, "\n")
}

// queryText returns the named query, which must have no markers.
func queryText(name string) string {
	q, ok := queries[name]
	if !ok {
		panic("neo4j: no query " + name)
	}
	if marker.MatchString(q) {
		panic("neo4j: query " + name + " is a template; use fill")
	}
	return q
}

// fill returns the named template with each marked region replaced by
// values[name]. Every marker must have a value and every value a marker.
func fill(name string, values map[string]string) (string, error) {
	q, ok := queries[name]
	if !ok {
		return "", fmt.Errorf("neo4j: no query %s", name)
	}
	used := map[string]bool{}
	var missing []string
	out := marker.ReplaceAllStringFunc(q, func(m string) string {
		key := marker.FindStringSubmatch(m)[1]
		v, ok := values[key]
		if !ok {
			missing = append(missing, key)
			return m
		}
		used[key] = true
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("neo4j: template %s: no value for %s", name, strings.Join(missing, ", "))
	}
	for k := range values {
		if !used[k] {
			return "", fmt.Errorf("neo4j: template %s has no marker %s", name, k)
		}
	}
	return out, nil
}

// fragment returns the default text of the named region of filters.cypher.
func fragment(name string) string {
	for _, m := range marker.FindAllStringSubmatch(queries["filters"], -1) {
		if m[1] == name {
			return m[2]
		}
	}
	panic("neo4j: filters.cypher has no fragment " + name)
}

// statements splits the named multi-statement file at semicolons that end a
// line. The schema file holds no semicolon inside a statement.
func statements(name string) []string {
	var out []string
	for _, s := range strings.Split(queryText(name), ";\n") {
		if s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// statement is one query ready to run: its text and parameters.
type statement struct {
	Text   string
	Params map[string]any
}

// compiledFilter is a graph.RelationFilter in Cypher: the relationship type
// expression to put after r (":A|B", ":!A&!B" or ""), the WHERE predicate
// over r and the walker x, and its parameters. None is true when the
// filter's types leave nothing to match, so the query need not run.
type compiledFilter struct {
	Types  string
	Where  string
	Params map[string]any
	None   bool
}

// compileFilter turns f into Cypher. walker says whether the template has
// an actor x that each relation is walked from, for the direction test;
// without one the direction is ignored, as graph.RelationFilter.Match does.
// Relationship types come only from the fixed vocabulary: any other name is
// an error, so nothing from a request is ever spliced into a query.
func compileFilter(f graph.RelationFilter, walker bool) (compiledFilter, error) {
	if err := f.Validate(); err != nil {
		return compiledFilter{}, err
	}
	c := compiledFilter{Params: map[string]any{}}
	vocab := graph.Vocabulary()
	known := func(t string) bool { _, ok := graph.LookupType(t); return ok }
	switch {
	case len(f.Types) > 0:
		var allowed []string
		for _, t := range vocab {
			if slices.Contains(f.Types, t.Name) && !slices.Contains(f.ExcludeTypes, t.Name) {
				allowed = append(allowed, t.Name)
			}
		}
		if len(allowed) == 0 {
			c.None = true
		} else {
			c.Types = ":" + strings.Join(allowed, "|")
		}
	case len(f.ExcludeTypes) > 0:
		var excluded []string
		for _, t := range vocab {
			if slices.Contains(f.ExcludeTypes, t.Name) {
				excluded = append(excluded, "!"+t.Name)
			}
		}
		if len(excluded) == len(vocab) {
			c.None = true
		}
		c.Types = ":" + strings.Join(excluded, "&")
	}
	for _, t := range append(slices.Clone(f.Types), f.ExcludeTypes...) {
		if !known(t) {
			return compiledFilter{}, graph.Errorf(graph.EINVALID, "unknown relation type %q", t)
		}
	}
	var where []string
	if !f.IncludeRefuted && f.MinConfidence == 0 {
		where = append(where, fragment("exclude_refuted")) // graph.Unsupported
	}
	if f.MinConfidence > 0 {
		where = append(where, fragment("min_confidence"))
		c.Params["min_confidence"] = f.MinConfidence
	}
	if f.ExcludeContested {
		where = append(where, fragment("exclude_contested"))
	}
	if !f.AsOf.IsZero() {
		where = append(where, fragment("as_of"))
		c.Params["as_of_first"] = int64(f.AsOf.FirstDay())
		c.Params["as_of_last"] = int64(f.AsOf.LastDay())
	}
	if walker && (f.Direction == graph.DirectionOut || f.Direction == graph.DirectionIn) {
		if f.Direction == graph.DirectionOut {
			where = append(where, fragment("direction_out"))
		} else {
			where = append(where, fragment("direction_in"))
		}
		var sym []string
		for _, t := range vocab {
			if t.Symmetric {
				sym = append(sym, t.Name)
			}
		}
		c.Params["symmetric"] = sym
	}
	if len(where) == 0 {
		c.Where = "true"
	} else {
		c.Where = strings.Join(where, " AND ")
	}
	return c, nil
}

// withFilter fills a template that has the types and filter markers. When
// the filter matches nothing there is no query to run: the statement is
// empty and callers answer without asking the database.
func withFilter(name string, c compiledFilter, params map[string]any, extra map[string]string) (statement, error) {
	if c.None {
		return statement{}, nil
	}
	values := map[string]string{"types": c.Types, "filter": c.Where}
	for k, v := range extra {
		values[k] = v
	}
	text, err := fill(name, values)
	if err != nil {
		return statement{}, err
	}
	all := map[string]any{}
	for k, v := range c.Params {
		all[k] = v
	}
	for k, v := range params {
		all[k] = v
	}
	return statement{Text: text, Params: all}, nil
}

// Bounds for the integers formatted into path queries. The graph package's
// Limits are tighter; these guard the builder itself.
const (
	maxHopsBound  = 64
	maxWalksBound = 1 << 20
)

// buildPaths builds the search for the n shortest walks (SHORTEST n) from
// q.From to q.To of at most q.MaxHops hops that pass q.Filter, returning
// at most limit walks as actor id lists. n and the hop bound are validated
// integers formatted into the text; everything else is a parameter.
func buildPaths(q graph.PathQuery, n, limit int) (statement, compiledFilter, error) {
	c, err := compileFilter(q.Filter, true)
	if err != nil {
		return statement{}, c, err
	}
	if q.MaxHops < 1 || q.MaxHops > maxHopsBound {
		return statement{}, c, fmt.Errorf("neo4j: max hops %d is out of range", q.MaxHops)
	}
	if n < 1 || n > maxWalksBound {
		return statement{}, c, fmt.Errorf("neo4j: SHORTEST %d is out of range", n)
	}
	st, err := withFilter("paths", c,
		map[string]any{"from": q.From, "to": q.To, "limit": int64(limit)},
		map[string]string{"selector": fmt.Sprintf("SHORTEST %d", n), "max_hops": fmt.Sprint(q.MaxHops)})
	return st, c, err
}

// buildShortestPaths builds the search for the shortest paths from q.From
// to q.To (ALL SHORTEST): the first limit distinct actor id lists in id
// order among the first cap walks.
func buildShortestPaths(q graph.PathQuery, limit, cap int) (statement, compiledFilter, error) {
	c, err := compileFilter(q.Filter, true)
	if err != nil {
		return statement{}, c, err
	}
	if q.MaxHops < 1 || q.MaxHops > maxHopsBound {
		return statement{}, c, fmt.Errorf("neo4j: max hops %d is out of range", q.MaxHops)
	}
	st, err := withFilter("paths_shortest", c,
		map[string]any{"from": q.From, "to": q.To, "limit": int64(limit), "cap": int64(cap)},
		map[string]string{"max_hops": fmt.Sprint(q.MaxHops)})
	return st, c, err
}

// buildPathHops builds the query for every relation that can be walked
// between consecutive actors of the given pairs under f.
func buildPathHops(f graph.RelationFilter, pairs [][]string) (statement, error) {
	c, err := compileFilter(f, true)
	if err != nil {
		return statement{}, err
	}
	return withFilter("path_hops", c, map[string]any{"pairs": pairs}, nil)
}

// buildActorRelations builds the query for the relations of one actor.
func buildActorRelations(id string, f graph.RelationFilter, limit int) (statement, compiledFilter, error) {
	c, err := compileFilter(f, true)
	if err != nil {
		return statement{}, c, err
	}
	st, err := withFilter("actor_relations", c, map[string]any{"id": id, "limit": int64(limit)}, nil)
	return st, c, err
}

// buildRelationCounts builds the count of one actor's relations that pass
// f, by type and direction.
func buildRelationCounts(id string, f graph.RelationFilter) (statement, compiledFilter, error) {
	c, err := compileFilter(f, true)
	if err != nil {
		return statement{}, c, err
	}
	st, err := withFilter("actor_relation_counts", c, map[string]any{"id": id}, nil)
	return st, c, err
}

// buildEach builds the streaming scan of every relation (each_relation) or
// edge (each_edge) that passes f; the direction does not apply.
func buildEach(name string, f graph.RelationFilter) (statement, compiledFilter, error) {
	c, err := compileFilter(f, false)
	if err != nil {
		return statement{}, c, err
	}
	st, err := withFilter(name, c, nil, nil)
	return st, c, err
}

// buildNetworkExpand builds one breadth-first level of a network.
func buildNetworkExpand(f graph.RelationFilter, frontier, visited []string, limit int) (statement, compiledFilter, error) {
	c, err := compileFilter(f, true)
	if err != nil {
		return statement{}, c, err
	}
	st, err := withFilter("network_expand", c,
		map[string]any{"frontier": frontier, "visited": visited, "limit": int64(limit)}, nil)
	return st, c, err
}

// buildNetworkEdges builds the query for the relations among a set of
// actors; the direction does not apply.
func buildNetworkEdges(f graph.RelationFilter, ids []string) (statement, compiledFilter, error) {
	c, err := compileFilter(f, false)
	if err != nil {
		return statement{}, c, err
	}
	st, err := withFilter("network_edges", c, map[string]any{"ids": ids}, nil)
	return st, c, err
}

// withType fills a template whose only marker is the relationship type of a
// write, which must be in the vocabulary.
func withType(name, typ string) (string, error) {
	if _, ok := graph.LookupType(typ); !ok {
		return "", graph.Errorf(graph.EINVALID, "unknown relation type %q", typ)
	}
	return fill(name, map[string]string{"type": typ})
}

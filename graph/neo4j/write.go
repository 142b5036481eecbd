package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// importBatch is the number of rows of one UNWIND in Import.
const importBatch = 10000

// catalog is a graph.TextCatalog over the actors, sources and texts read
// from the database for one write.
type catalog struct {
	kinds   map[string]graph.Kind
	sources map[string]graph.Source
	texts   map[string]string
}

func (c *catalog) StoredText(id string) (string, bool) { t, ok := c.texts[id]; return t, ok }

func (c *catalog) ActorKind(id string) (graph.Kind, bool) { k, ok := c.kinds[id]; return k, ok }
func (c *catalog) LookupSource(id string) (graph.Source, bool) {
	s, ok := c.sources[id]
	return s, ok
}

// loadCatalog reads the kinds of the given actors, and the given sources
// with their texts.
func loadCatalog(ctx context.Context, tx neo4j.ManagedTransaction, actorIDs, sourceIDs []string) (*catalog, error) {
	c := &catalog{kinds: map[string]graph.Kind{}}
	if len(actorIDs) > 0 {
		recs, err := collect(ctx, tx, statement{Text: queryText("actor_kinds"), Params: map[string]any{"ids": actorIDs}})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			id, err := get[string](rec, "id")
			if err != nil {
				return nil, err
			}
			kind, err := get[string](rec, "kind")
			if err != nil {
				return nil, err
			}
			c.kinds[id] = graph.Kind(kind)
		}
	}
	var err error
	if c.sources, err = sourcesByID(ctx, tx, sourceIDs); err != nil {
		return nil, err
	}
	c.texts, err = sourceTexts(ctx, tx, sourceIDs)
	return c, err
}

// sourceTexts reads the texts of those of the given sources that have one.
func sourceTexts(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, statement{Text: queryText("source_texts"), Params: map[string]any{"ids": ids}})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id, err := get[string](rec, "id")
		if err != nil {
			return nil, err
		}
		text, err := get[string](rec, "text")
		if err != nil {
			return nil, err
		}
		out[id] = text
	}
	return out, nil
}

func evidenceSources(es []graph.Evidence) []string {
	var out []string
	for _, e := range es {
		if e.Source != "" && !slices.Contains(out, e.Source) {
			out = append(out, e.Source)
		}
	}
	return out
}

// CreateActor adds a new actor. EINVALID (bad fields or evidence),
// ECONFLICT (id taken).
func (s *Store) CreateActor(ctx context.Context, a graph.Actor) (graph.Actor, error) {
	var out graph.Actor
	err := s.write(ctx, "create actor", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		b := &graph.Bundle{Format: graph.BundleFormat, Actors: []graph.Actor{a.Clone()}}
		cat, err := loadCatalog(ctx, tx, nil, evidenceSources(a.Evidence))
		if err != nil {
			return err
		}
		if err := b.Validate(cat); err != nil {
			// Named as the embedded store names them: the actor, not its
			// place in a bundle of one.
			if ve, ok := err.(*graph.ValidationError); ok {
				for i := range ve.Problems {
					ve.Problems[i].Entry = fmt.Sprintf("actor %q", a.ID)
				}
			}
			return err
		}
		if _, err := getActor(ctx, tx, a.ID); err == nil {
			return graph.Errorf(graph.ECONFLICT, "actor id %q is taken", a.ID)
		} else if graph.ErrorCode(err) != graph.ENOTFOUND {
			return err
		}
		p, err := actorProps(&b.Actors[0])
		if err != nil {
			return err
		}
		recs, err := collect(ctx, tx, statement{Text: queryText("actor_create"), Params: map[string]any{"props": p}})
		if err != nil {
			return err
		}
		if len(recs) != 1 {
			return fmt.Errorf("neo4j: actor_create returned %d records", len(recs))
		}
		out, err = actorFromRecord(recs[0], "a")
		return err
	})
	return out, err
}

// UpdateActor applies p and returns the result. ENOTFOUND, EINVALID.
func (s *Store) UpdateActor(ctx context.Context, id string, p graph.ActorPatch) (graph.Actor, error) {
	var out graph.Actor
	err := s.write(ctx, "update actor", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		a, err := getActor(ctx, tx, id)
		if err != nil {
			return err
		}
		a = p.Apply(a)
		if err := graph.AsValidationError(fmt.Sprintf("actor %q", id), graph.CheckActor(&a)); err != nil {
			return err
		}
		props, err := actorProps(&a)
		if err != nil {
			return err
		}
		recs, err := collect(ctx, tx, statement{Text: queryText("actor_update"), Params: map[string]any{"id": id, "props": props}})
		if err != nil {
			return err
		}
		if len(recs) != 1 {
			return fmt.Errorf("neo4j: actor_update returned %d records", len(recs))
		}
		out, err = actorFromRecord(recs[0], "a")
		return err
	})
	return out, err
}

// DeleteActor removes an actor; with cascade its relations too, without it
// an actor that still has relations gives ECONFLICT. ENOTFOUND.
func (s *Store) DeleteActor(ctx context.Context, id string, cascade bool) error {
	return s.write(ctx, "delete actor", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		degree, found, err := single[int64](ctx, tx, statement{Text: queryText("actor_degree"), Params: map[string]any{"id": id}}, "degree")
		if err != nil {
			return err
		}
		if !found {
			return graph.Errorf(graph.ENOTFOUND, "no actor with id %q", id)
		}
		if degree > 0 && !cascade {
			return graph.Errorf(graph.ECONFLICT, "actor %q still has %d relations; delete them first or delete with cascade", id, degree)
		}
		_, err = collect(ctx, tx, statement{Text: queryText("actor_delete"), Params: map[string]any{"id": id}})
		return err
	})
}

// freeRelationID returns the conventional id of r, or that id with the
// smallest suffix --2, --3 ... that no relation has.
func freeRelationID(ctx context.Context, tx neo4j.ManagedTransaction, r *graph.Relation) (string, error) {
	base := graph.RelationID(r.From, r.Type, r.To)
	recs, err := collect(ctx, tx, statement{Text: queryText("relation_ids"), Params: map[string]any{"base": base}})
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, rec := range recs {
		id, err := get[string](rec, "id")
		if err != nil {
			return "", err
		}
		taken[id] = true
	}
	if !taken[base] {
		return base, nil
	}
	for n := 2; ; n++ {
		if id := base + "--" + strconv.Itoa(n); !taken[id] {
			return id, nil
		}
	}
}

// CreateRelation adds a relation; an empty ID gets graph.RelationID, with
// the smallest free suffix --2, --3 ... when that is taken. Confidence and
// Contested are derived from the evidence. EINVALID (type, kinds, ends that
// do not exist, evidence), ECONFLICT (id taken).
func (s *Store) CreateRelation(ctx context.Context, r graph.Relation) (graph.Relation, error) {
	var out graph.Relation
	err := s.write(ctx, "create relation", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		rel := r.Clone()
		if rel.ID == "" {
			id, err := freeRelationID(ctx, tx, &rel)
			if err != nil {
				return err
			}
			rel.ID = id
		}
		cat, err := loadCatalog(ctx, tx, []string{rel.From, rel.To}, evidenceSources(rel.Evidence))
		if err != nil {
			return err
		}
		b := &graph.Bundle{Format: graph.BundleFormat, Relations: []graph.Relation{rel}}
		if err := b.Validate(cat); err != nil {
			return err
		}
		rel = b.Relations[0]
		if _, err := getRelation(ctx, tx, rel.ID); err == nil {
			return graph.Errorf(graph.ECONFLICT, "relation id %q is taken", rel.ID)
		} else if graph.ErrorCode(err) != graph.ENOTFOUND {
			return err
		}
		text, err := withType("relation_create", rel.Type)
		if err != nil {
			return err
		}
		p, err := relationProps(&rel)
		if err != nil {
			return err
		}
		recs, err := collect(ctx, tx, statement{Text: text, Params: map[string]any{
			"id": rel.ID, "type": rel.Type, "from": rel.From, "to": rel.To, "props": p}})
		if err != nil {
			return err
		}
		if len(recs) != 1 {
			return fmt.Errorf("neo4j: relation_create returned %d records", len(recs))
		}
		out, err = relationFromRecord(recs[0])
		return err
	})
	return out, err
}

// putRelation replaces the stored properties of relation r.ID.
func putRelation(ctx context.Context, tx neo4j.ManagedTransaction, r *graph.Relation) error {
	p, err := relationProps(r)
	if err != nil {
		return err
	}
	n, _, err := single[int64](ctx, tx, statement{Text: queryText("relation_update"), Params: map[string]any{"id": r.ID, "props": p}}, "n")
	if err == nil && n != 1 {
		err = fmt.Errorf("neo4j: relation_update changed %d relationships", n)
	}
	return err
}

// UpdateRelation applies p; Confidence and Contested are derived again.
// ENOTFOUND, EINVALID.
func (s *Store) UpdateRelation(ctx context.Context, id string, p graph.RelationPatch) (graph.Relation, error) {
	var out graph.Relation
	err := s.write(ctx, "update relation", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		r, err := getRelation(ctx, tx, id)
		if err != nil {
			return err
		}
		r = p.Apply(r)
		cat, err := loadCatalog(ctx, tx, []string{r.From, r.To}, nil)
		if err != nil {
			return err
		}
		if err := graph.AsValidationError(fmt.Sprintf("relation %q", id), graph.CheckRelation(&r, cat.ActorKind)); err != nil {
			return err
		}
		if err := putRelation(ctx, tx, &r); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// DeleteRelation removes a relation and its evidence. ENOTFOUND.
func (s *Store) DeleteRelation(ctx context.Context, id string) error {
	return s.write(ctx, "delete relation", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		n, _, err := single[int64](ctx, tx, statement{Text: queryText("relation_delete"), Params: map[string]any{"id": id}}, "n")
		if err == nil && n == 0 {
			err = graph.Errorf(graph.ENOTFOUND, "no relation with id %q", id)
		}
		return err
	})
}

// AddEvidence appends a piece of evidence to a relation and returns the
// relation with its confidence recomputed. ENOTFOUND, EINVALID.
func (s *Store) AddEvidence(ctx context.Context, relationID string, e graph.Evidence) (graph.Relation, error) {
	var out graph.Relation
	err := s.write(ctx, "add evidence", s.queryTimeout, func(tx neo4j.ManagedTransaction) error {
		r, err := getRelation(ctx, tx, relationID)
		if err != nil {
			return err
		}
		cat, err := loadCatalog(ctx, tx, nil, evidenceSources([]graph.Evidence{e}))
		if err != nil {
			return err
		}
		// Named as the embedded store names them: the relation, then the
		// field of the new piece within it.
		entry := fmt.Sprintf("relation %q", relationID)
		problems := graph.CheckEvidence(&e, cat.LookupSource)
		for i := range problems {
			problems[i].Field = strings.TrimSuffix(fmt.Sprintf("evidence[%d].%s", len(r.Evidence), problems[i].Field), ".")
		}
		problems = append(problems, graph.CheckEvidenceCount(len(r.Evidence)+1)...)
		if err := graph.AsValidationError(entry, problems); err != nil {
			return err
		}
		if err := graph.NewQuotes(cat.StoredText).Check(entry, []graph.Evidence{e}); err != nil {
			return err
		}
		r.Evidence = append(r.Evidence, e)
		r.Derive()
		if err := putRelation(ctx, tx, &r); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// Import validates b against itself and the stored graph, then writes it in
// one transaction, in batches of UNWIND + MERGE: sources, actors, then
// relations by type. Entries whose id exists are replaced, so importing
// twice changes nothing. b is validated in place (relations are derived).
// *graph.ValidationError (EINVALID) listing every problem; ETOOLARGE when
// the transaction needs more memory than the server gives one (the 1M
// relation benchmark bundle needs more than the 4.2 GB of a 6 GB heap and
// fits in a 12 GB one: see bench/README.md).
func (s *Store) Import(ctx context.Context, b *graph.Bundle) (graph.ImportResult, error) {
	if b == nil {
		return graph.ImportResult{}, graph.Errorf(graph.EINVALID, "no bundle to import")
	}
	err := s.write(ctx, "import", s.longTimeout, func(tx neo4j.ManagedTransaction) error {
		cat, err := bundleCatalog(ctx, tx, b)
		if err != nil {
			return err
		}
		if err := b.Validate(cat); err != nil {
			return err
		}
		return writeBundle(ctx, tx, b)
	})
	if err != nil {
		return graph.ImportResult{}, err
	}
	s.log.Info("imported into neo4j", "sources", len(b.Sources), "actors", len(b.Actors), "relations", len(b.Relations))
	return graph.ImportResult{Sources: len(b.Sources), Actors: len(b.Actors), Relations: len(b.Relations)}, nil
}

// bundleCatalog reads what b refers to but does not hold: the kinds of
// relation ends and the sources cited.
func bundleCatalog(ctx context.Context, tx neo4j.ManagedTransaction, b *graph.Bundle) (*catalog, error) {
	inActors := map[string]bool{}
	for _, a := range b.Actors {
		inActors[a.ID] = true
	}
	inSources := map[string]bool{}
	for _, src := range b.Sources {
		inSources[src.ID] = true
	}
	var actorIDs, sourceIDs []string
	for _, src := range b.Sources {
		sourceIDs = append(sourceIDs, src.ID) // their stored texts: quotes, and texts never change
	}
	needSource := func(es []graph.Evidence) {
		for _, id := range evidenceSources(es) {
			if !inSources[id] {
				inSources[id] = true
				sourceIDs = append(sourceIDs, id)
			}
		}
	}
	for _, a := range b.Actors {
		needSource(a.Evidence)
	}
	for _, r := range b.Relations {
		for _, id := range []string{r.From, r.To} {
			if id != "" && !inActors[id] {
				inActors[id] = true
				actorIDs = append(actorIDs, id)
			}
		}
		needSource(r.Evidence)
	}
	return loadCatalog(ctx, tx, actorIDs, sourceIDs)
}

// writeBundle writes a validated bundle in batches of importBatch rows
// and checks that every row landed. Entries whose id the database does not
// hold yet (all of them, in a first import) are created by the cheap
// statements: CREATE with the kind's label or the relation's type written
// into the text, no MERGE, no unlinking. Entries that exist are replaced
// as before: MERGE, and a relation whose type or ends change is unlinked
// first.
func writeBundle(ctx context.Context, tx neo4j.ManagedTransaction, b *graph.Bundle) error {
	batches := func(text string, rows []any) error {
		for start := 0; start < len(rows); start += importBatch {
			batch := rows[start:min(start+importBatch, len(rows))]
			n, _, err := single[int64](ctx, tx, statement{Text: text, Params: map[string]any{"rows": batch}}, "n")
			if err != nil {
				return err
			}
			if int(n) != len(batch) {
				return fmt.Errorf("neo4j: import wrote %d of %d rows", n, len(batch))
			}
		}
		return nil
	}

	rows := make([]any, 0, len(b.Sources))
	for i := range b.Sources {
		src := &b.Sources[i]
		p, err := sourceProps(src)
		if err != nil {
			return err
		}
		row := map[string]any{"id": src.ID, "props": p, "text": nil, "text_length": nil}
		if src.Text != "" {
			row["text"], row["text_length"] = src.Text, int64(src.TextLength)
		}
		rows = append(rows, row)
	}
	if err := batches(queryText("import_sources"), rows); err != nil {
		return err
	}

	ids := make([]string, len(b.Actors))
	for i := range b.Actors {
		ids[i] = b.Actors[i].ID
	}
	stored, err := existing(ctx, tx, queryText("import_existing_actors"), ids)
	if err != nil {
		return err
	}
	var replace []any
	byKind := map[graph.Kind][]any{}
	for i := range b.Actors {
		a := &b.Actors[i]
		p, err := actorProps(a)
		if err != nil {
			return err
		}
		if stored[a.ID] {
			replace = append(replace, map[string]any{"id": a.ID, "props": p})
		} else {
			byKind[a.Kind] = append(byKind[a.Kind], p)
		}
	}
	if err := batches(queryText("import_actors"), replace); err != nil {
		return err
	}
	for _, k := range graph.Kinds {
		if len(byKind[k]) == 0 {
			continue
		}
		text, err := fill("import_actors_new", map[string]string{"label": kindLabel(k)})
		if err != nil {
			return err
		}
		if err := batches(text, byKind[k]); err != nil {
			return err
		}
	}

	ids = make([]string, len(b.Relations))
	for i := range b.Relations {
		ids[i] = b.Relations[i].ID
	}
	if stored, err = existing(ctx, tx, queryText("import_existing_relations"), ids); err != nil {
		return err
	}
	byType := map[string][]any{}
	newByType := map[string][]any{}
	var unlink []any
	for i := range b.Relations {
		r := &b.Relations[i]
		p, err := relationProps(r)
		if err != nil {
			return err
		}
		if !stored[r.ID] {
			newByType[r.Type] = append(newByType[r.Type], map[string]any{"type": r.Type, "from": r.From, "to": r.To, "props": p})
			continue
		}
		byType[r.Type] = append(byType[r.Type], map[string]any{"id": r.ID, "type": r.Type, "from": r.From, "to": r.To, "props": p})
		unlink = append(unlink, map[string]any{"id": r.ID, "type": r.Type, "from": r.From, "to": r.To})
	}
	for start := 0; start < len(unlink); start += importBatch {
		batch := unlink[start:min(start+importBatch, len(unlink))]
		if _, err := collect(ctx, tx, statement{Text: queryText("import_unlink"), Params: map[string]any{"rows": batch}}); err != nil {
			return err
		}
	}
	for _, t := range graph.Vocabulary() {
		if rows := byType[t.Name]; len(rows) > 0 {
			text, err := withType("import_relations", t.Name)
			if err != nil {
				return err
			}
			if err := batches(text, rows); err != nil {
				return err
			}
		}
		if rows := newByType[t.Name]; len(rows) > 0 {
			text, err := withType("import_relations_new", t.Name)
			if err != nil {
				return err
			}
			if err := batches(text, rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// existing returns which of ids the database holds, by the query text of
// import_existing_actors or import_existing_relations.
func existing(ctx context.Context, tx neo4j.ManagedTransaction, text string, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(ids); start += importBatch {
		recs, err := collect(ctx, tx, statement{Text: text, Params: map[string]any{"ids": ids[start:min(start+importBatch, len(ids))]}})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			id, err := get[string](rec, "id")
			if err != nil {
				return nil, err
			}
			out[id] = true
		}
	}
	return out, nil
}

// kindLabel is the node label of an actor kind: Person, Organization,
// Event, Place.
func kindLabel(k graph.Kind) string {
	s := string(k)
	return strings.ToUpper(s[:1]) + s[1:]
}

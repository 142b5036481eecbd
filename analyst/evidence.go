package analyst

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// EvidenceView is a piece of evidence with its source named: the title,
// publisher and date of the document (or of the piece within it that the
// quote comes from), and the Admiralty grading in one code such as "B2".
type EvidenceView struct {
	graph.Evidence
	SourceTitle string     `json:"source_title,omitempty"`
	PieceTitle  string     `json:"piece_title,omitempty"`
	Publisher   string     `json:"publisher,omitempty"`
	Date        graph.Date `json:"date,omitzero"`
	Grading     string     `json:"grading"`
}

// RelationView is a relation whose evidence names its sources.
type RelationView struct {
	graph.Relation
	Evidence []EvidenceView `json:"evidence"`
}

// Grading returns the Admiralty code of e, such as "B2"; "?" stands for a
// missing part.
func Grading(e graph.Evidence) string {
	r, c := e.Reliability, "?"
	if r == "" {
		r = "?"
	}
	if e.Credibility != 0 {
		c = strconv.Itoa(e.Credibility)
	}
	return r + c
}

// sourceIndex maps source ids to sources, for naming evidence.
type sourceIndex map[string]graph.Source

// sourceCache keeps the source index for sourceTTL: sources change only
// by import, and a title a second out of date is harmless. Imports through
// this service drop it at once.
type sourceCache struct {
	v atomic.Pointer[cachedSources]
}

type cachedSources struct {
	idx sourceIndex
	at  time.Time
}

const sourceTTL = 2 * time.Second

func (sc *sourceCache) drop() { sc.v.Store(nil) }

// sources returns the source index, from the cache when it is fresh.
func (s *Service) sources(ctx context.Context) (sourceIndex, error) {
	now := s.now()
	if cs := s.srcs.v.Load(); cs != nil && now.Sub(cs.at) < sourceTTL && now.Sub(cs.at) >= 0 {
		return cs.idx, nil
	}
	list, err := s.store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	idx := make(sourceIndex, len(list))
	for _, src := range list {
		idx[src.ID] = src
	}
	s.srcs.v.Store(&cachedSources{idx: idx, at: now})
	return idx, nil
}

// evidence names each piece of es.
func (idx sourceIndex) evidence(es []graph.Evidence) []EvidenceView {
	out := make([]EvidenceView, len(es))
	for i, e := range es {
		o := EvidenceView{Evidence: e, Grading: Grading(e)}
		if src, ok := idx[e.Source]; ok {
			o.SourceTitle, o.Publisher, o.Date = src.Title, src.Publication, src.Date
			for _, pc := range src.Pieces {
				if pc.ID == e.Piece {
					o.PieceTitle = pc.Title
					if pc.Publication != "" {
						o.Publisher = pc.Publication
					}
					if !pc.Date.IsZero() {
						o.Date = pc.Date
					}
				}
			}
		}
		out[i] = o
	}
	return out
}

func (idx sourceIndex) relation(r graph.Relation) RelationView {
	return RelationView{Relation: r, Evidence: idx.evidence(r.Evidence)}
}

// relations names the evidence of every relation of rs.
func (s *Service) relations(ctx context.Context, rs []graph.Relation) ([]RelationView, error) {
	out := make([]RelationView, len(rs))
	if len(rs) == 0 {
		return out, nil
	}
	idx, err := s.sources(ctx)
	if err != nil {
		return nil, err
	}
	for i, r := range rs {
		out[i] = idx.relation(r)
	}
	return out, nil
}

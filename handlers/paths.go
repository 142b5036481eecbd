package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// evidenceOut is a piece of evidence with its source named and its
// Admiralty grading in one code such as "B2".
type evidenceOut struct {
	graph.Evidence
	SourceTitle string `json:"source_title,omitempty"`
	PieceTitle  string `json:"piece_title,omitempty"`
	Grading     string `json:"grading"`
}

// relationOut is a relation whose evidence names its sources.
type relationOut struct {
	graph.Relation
	Evidence []evidenceOut `json:"evidence"`
}

// hopOut is one step of a path: the relation as stored, the ids walked
// from and to, whether the walk followed the stored direction, and the
// step in words.
type hopOut struct {
	Relation  relationOut `json:"relation"`
	From      string      `json:"from"`
	To        string      `json:"to"`
	Forward   bool        `json:"forward"`
	Symmetric bool        `json:"symmetric"`
	Text      string      `json:"text"`
}

type pathOut struct {
	Length int              `json:"length"`
	Text   string           `json:"text"`
	Actors []graph.ActorRef `json:"actors"`
	Hops   []hopOut         `json:"hops"`
}

// pathEcho repeats the query as it was applied, defaults and limits
// included.
type pathEcho struct {
	From             graph.ActorRef  `json:"from"`
	To               graph.ActorRef  `json:"to"`
	Mode             graph.PathMode  `json:"mode"`
	K                int             `json:"k"`
	MaxHops          int             `json:"max_hops"`
	Types            []string        `json:"types"`
	ExcludeTypes     []string        `json:"exclude_types"`
	Direction        graph.Direction `json:"direction"`
	MinConfidence    float64         `json:"min_confidence"`
	AsOf             graph.Date      `json:"as_of"`
	IncludeContested bool            `json:"include_contested"`
	Limits           pathLimits      `json:"limits"`
}

type pathLimits struct {
	MaxHops  int `json:"max_hops"`
	MaxK     int `json:"max_k"`
	MaxPaths int `json:"max_paths"`
}

type pathsAnswer struct {
	Query     pathEcho  `json:"query"`
	Count     int       `json:"count"`
	Truncated bool      `json:"truncated"`
	Message   string    `json:"message,omitempty"`
	Paths     []pathOut `json:"paths"`
}

// hopText writes one step: "A —TYPE— B" for symmetric types, "A —TYPE→ B"
// along the stored direction, "A ←TYPE— B" against it.
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

// Grading returns the Admiralty code of e, such as "B2"; "?" stands for a
// missing part.
func Grading(e graph.Evidence) string {
	r, c := e.Reliability, "?"
	if r == "" {
		r = "?"
	}
	if e.Credibility != 0 {
		c = fmt.Sprint(e.Credibility)
	}
	return r + c
}

// sourceIndex maps source ids to sources, for naming evidence.
type sourceIndex map[string]graph.Source

// sourceCache keeps the source index for sourceTTL: sources change only
// by import, and a title a second out of date is harmless. Imports through
// this server drop it at once.
type sourceCache struct {
	v atomic.Pointer[cachedSources]
}

type cachedSources struct {
	idx sourceIndex
	at  time.Time
}

const sourceTTL = 2 * time.Second

func (sc *sourceCache) drop() { sc.v.Store(nil) }

func (s *server) sourceIndex(c *gin.Context) (sourceIndex, error) {
	now := s.now()
	if cs := s.srcs.v.Load(); cs != nil && now.Sub(cs.at) < sourceTTL && now.Sub(cs.at) >= 0 {
		return cs.idx, nil
	}
	list, err := s.store.Sources(ctx(c))
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

func (idx sourceIndex) evidence(es []graph.Evidence) []evidenceOut {
	out := make([]evidenceOut, len(es))
	for i, e := range es {
		o := evidenceOut{Evidence: e, Grading: Grading(e)}
		if src, ok := idx[e.Source]; ok {
			o.SourceTitle = src.Title
			for _, pc := range src.Pieces {
				if pc.ID == e.Piece {
					o.PieceTitle = pc.Title
				}
			}
		}
		out[i] = o
	}
	return out
}

func (idx sourceIndex) relation(r graph.Relation) relationOut {
	return relationOut{Relation: r, Evidence: idx.evidence(r.Evidence)}
}

func (s *server) paths(c *gin.Context) {
	q, err := pathQuery(c.Request.URL.Query(), s.limits)
	if err != nil {
		s.fail(c, err)
		return
	}
	f, err := negotiate(c, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	var (
		from, to graph.Actor
		res      graph.PathResult
		found    bool
	)
	if graph.ValidActorID(q.From) && graph.ValidActorID(q.To) {
		// Both look like ids, as they do from programs: ask for the paths
		// directly. An id wins in Resolve, so when both are ids this
		// answers as resolving first would; only ENOTFOUND (an id-like
		// string that may be a name) sends the request on to resolving.
		r, err := s.store.Paths(ctx(c), q)
		switch {
		case err == nil:
			res, found = r, true
		case graph.ErrorCode(err) != graph.ENOTFOUND:
			s.fail(c, err)
			return
		}
	}
	switch {
	case found && len(res.Paths) > 0:
		// A found path names both ends.
		p := res.Paths[0]
		from, to = p.Actors[0], p.Actors[len(p.Actors)-1]
	default:
		var ok bool
		if from, ok = s.resolve(c, q.From); !ok {
			return
		}
		if to, ok = s.resolve(c, q.To); !ok {
			return
		}
		if !found {
			q.From, q.To = from.ID, to.ID
			var err error
			if res, err = s.store.Paths(ctx(c), q); err != nil {
				s.fail(c, err)
				return
			}
		}
	}
	if !f.native {
		var nodes []graph.Actor
		var edges []graph.Edge
		seenA, seenR := map[string]bool{}, map[string]bool{}
		for _, p := range res.Paths {
			for _, a := range p.Actors {
				if !seenA[a.ID] {
					seenA[a.ID] = true
					nodes = append(nodes, a)
				}
			}
			for _, h := range p.Hops {
				if !seenR[h.Relation.ID] {
					seenR[h.Relation.ID] = true
					edges = append(edges, graph.EdgeOf(&h.Relation))
				}
			}
		}
		s.writeSubgraph(c, f, "actorgraph-paths", nodes, edges)
		return
	}
	out := pathsAnswer{
		Query: pathEcho{
			From: from.Ref(), To: to.Ref(), Mode: q.Mode, K: q.K, MaxHops: q.MaxHops,
			Types: nonNil(q.Filter.Types), ExcludeTypes: nonNil(q.Filter.ExcludeTypes), Direction: q.Filter.Direction,
			MinConfidence: q.Filter.MinConfidence, AsOf: q.Filter.AsOf, IncludeContested: !q.Filter.ExcludeContested,
			Limits: pathLimits{MaxHops: s.limits.MaxHops, MaxK: s.limits.MaxK, MaxPaths: s.limits.MaxPaths},
		},
		Count: len(res.Paths), Truncated: res.Truncated, Paths: []pathOut{},
	}
	if q.Mode != graph.KShortest {
		out.Query.K = 0
	}
	if len(res.Paths) == 0 {
		out.Message = fmt.Sprintf("no path from %s to %s within %d hops with these filters; raise max_hops (at most %d) or relax the filters",
			from.Name, to.Name, q.MaxHops, s.limits.MaxHops)
	} else {
		idx, err := s.sourceIndex(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		for _, p := range res.Paths {
			po := pathOut{Length: len(p.Hops), Text: PathText(p), Actors: make([]graph.ActorRef, len(p.Actors)), Hops: make([]hopOut, len(p.Hops))}
			for i := range p.Actors {
				po.Actors[i] = p.Actors[i].Ref()
			}
			for i, h := range p.Hops {
				text := ""
				if i+1 < len(p.Actors) {
					text = p.Actors[i].Name + hopArrow(h.Relation.Type, h.Forward) + p.Actors[i+1].Name
				}
				po.Hops[i] = hopOut{
					Relation: idx.relation(h.Relation), From: h.From, To: h.To, Forward: h.Forward,
					Symmetric: graph.IsSymmetric(h.Relation.Type), Text: text,
				}
			}
			out.Paths = append(out.Paths, po)
		}
	}
	s.respond(c, http.StatusOK, out)
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

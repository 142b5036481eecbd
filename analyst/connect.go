package analyst

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/analyst/netsci"
	"github.com/actorgraph/actorgraph/graph"
)

// ConnectQuery asks for the connecting network of several actors: a small
// subgraph that joins them all, as i2 Analyst's Notebook's "Find
// Connecting Network" does.
type ConnectQuery struct {
	// Actors are references (ids, names, aliases): two or more, at most
	// Limits.MaxSeeds.
	Actors []string
	// MaxHops bounds each connection between two of them (default
	// netsci.DefaultConnectHops, at most Limits.MaxHops).
	MaxHops int
	Filter  graph.RelationFilter
}

// ConnectEcho repeats the query as applied.
type ConnectEcho struct {
	Actors  []string   `json:"actors"`
	MaxHops int        `json:"max_hops"`
	Filter  FilterEcho `json:"filter"`
	Limits  Bounds     `json:"limits"`
}

// ConnectPart is a tree joining some of the actors asked for: the actors
// asked for that it joins, every actor in it, and the connections it is
// made of, each a path whose every hop carries its relation and evidence.
type ConnectPart struct {
	Terminals   []graph.ActorRef `json:"terminals"`
	Actors      []graph.ActorRef `json:"actors"`
	Edges       int              `json:"edges"`
	Connections []ConnectionView `json:"connections"`
}

// ConnectionView is one connection of a network: a path between two of
// the actors asked for.
type ConnectionView struct {
	From graph.ActorRef `json:"from"`
	To   graph.ActorRef `json:"to"`
	Path PathView       `json:"path"`
}

// GapView is an actor asked for that the network does not join, and why.
type GapView struct {
	Actor   graph.ActorRef   `json:"actor"`
	Reason  netsci.GapReason `json:"reason"` // absent, unreachable or too_far
	Message string           `json:"message"`
}

// ConnectAnswer is the connecting network of the actors asked for.
type ConnectAnswer struct {
	Query     ConnectEcho      `json:"query"`
	Graph     AnalysisGraph    `json:"graph"`
	Method    string           `json:"method"`
	Terminals []graph.ActorRef `json:"terminals"`
	// Network joins the most actors asked for (on a tie, the one with the
	// actor named first).
	Network ConnectPart `json:"network"`
	// Others are trees that join two or more actors the network could not
	// reach.
	Others []ConnectPart `json:"others"`
	// Gaps are the actors asked for outside Network, each with its reason.
	Gaps    []GapView `json:"gaps"`
	Message string    `json:"message"`

	actors []graph.Actor
	edges  []graph.Edge
}

func (s *Service) normalizeConnect(q *ConnectQuery) error {
	if len(q.Actors) < 2 {
		return graph.Errorf(graph.EINVALID, "actors: name at least two actors to connect (ids or unambiguous names), e.g. {\"actors\": [\"Amedy Coulibaly\", \"AQAP\", \"Islamic State\"]}")
	}
	if q.MaxHops == 0 {
		q.MaxHops = min(netsci.DefaultConnectHops, s.limits.MaxHops)
	}
	if q.MaxHops < 1 || q.MaxHops > s.limits.MaxHops {
		return graph.Errorf(graph.EINVALID, "max_hops must be between 1 and %d", s.limits.MaxHops)
	}
	return analysisFilter(&q.Filter)
}

// Connect finds a small tree joining the actors (netsci.Connect, a
// Steiner tree approximation named in the answer) in the graph of the
// relations that pass the filter, every connection at most MaxHops long.
// Every hop carries its relation, chosen as the path queries choose it,
// and its evidence; every actor it cannot join is a gap with its reason.
// EINVALID, ENOTFOUND, EAMBIGUOUS, ETOOLARGE (a bound, named),
// EUNAVAILABLE when the time limit stops it.
func (s *Service) Connect(ctx context.Context, q ConnectQuery) (*ConnectAnswer, error) {
	if err := s.normalizeConnect(&q); err != nil {
		return nil, err
	}
	terms, err := s.resolveRefs(ctx, "actors", q.Actors, s.limits.MaxSeeds)
	if err != nil {
		return nil, err
	}
	a := &ConnectAnswer{
		Query:     ConnectEcho{Actors: q.Actors, MaxHops: q.MaxHops, Filter: echoFilter(q.Filter), Limits: s.bounds()},
		Method:    netsci.SteinerMethod,
		Terminals: make([]graph.ActorRef, len(terms)),
		Others:    []ConnectPart{}, Gaps: []GapView{},
	}
	ids := make([]string, len(terms))
	for i, t := range terms {
		ids[i], a.Terminals[i] = t.ID, t.Ref()
	}
	err = s.analysis(ctx, "the connecting network", func(ctx context.Context) error {
		g, at, err := s.analysisGraph(ctx, q.Filter)
		if err != nil {
			return err
		}
		a.Graph = statement(g, at)
		res, err := netsci.Connect(ctx, g, ids, netsci.ConnectOptions{MaxHops: q.MaxHops, MaxWork: s.alim.MaxWork})
		if err != nil {
			return err
		}
		return s.connectAnswer(ctx, g, q, res, a)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (s *Service) connectAnswer(ctx context.Context, g *netsci.Graph, q ConnectQuery, res *netsci.ConnectResult, a *ConnectAnswer) error {
	var ids []string
	for _, p := range res.Parts {
		ids = append(ids, p.Nodes...)
	}
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return err
	}
	for _, t := range a.Terminals {
		refs[t.ID] = t
	}
	hf, err := s.hopFinder(ctx, q.Filter)
	if err != nil {
		return err
	}
	seenA, seenR := map[string]bool{}, map[string]bool{}
	partOf := map[string]int{} // terminal -> part
	parts := make([]ConnectPart, len(res.Parts))
	for pi, p := range res.Parts {
		cp := ConnectPart{Terminals: []graph.ActorRef{}, Actors: []graph.ActorRef{}, Edges: len(p.Edges), Connections: []ConnectionView{}}
		for _, t := range p.Terminals {
			cp.Terminals = append(cp.Terminals, refs[t])
			partOf[t] = pi
		}
		for _, n := range p.Nodes {
			cp.Actors = append(cp.Actors, refs[n])
		}
		for _, c := range p.Connections {
			pv, err := hf.path(ctx, c.Path)
			if err != nil {
				return err
			}
			cp.Connections = append(cp.Connections, ConnectionView{From: refs[c.From], To: refs[c.To], Path: pv})
			// The actors and relations of the network, for the graph
			// formats.
			for _, h := range pv.Hops {
				if !seenR[h.Relation.ID] {
					seenR[h.Relation.ID] = true
					a.edges = append(a.edges, graph.EdgeOf(&h.Relation.Relation))
				}
			}
			for i := 0; i+1 < len(c.Path); i++ {
				st, err := hf.step(ctx, c.Path[i], c.Path[i+1])
				if err != nil {
					return err
				}
				for _, act := range st.Actors {
					if !seenA[act.ID] {
						seenA[act.ID] = true
						a.actors = append(a.actors, act)
					}
				}
			}
		}
		parts[pi] = cp
	}
	if len(parts) > 0 {
		// A part of one actor says nothing its gap does not.
		a.Network = parts[0]
		for _, p := range parts[1:] {
			if len(p.Terminals) > 1 {
				a.Others = append(a.Others, p)
			}
		}
	} else {
		a.Network = ConnectPart{Terminals: []graph.ActorRef{}, Actors: []graph.ActorRef{}, Connections: []ConnectionView{}}
	}
	// A terminal joined to nothing still belongs on the chart.
	for _, p := range res.Parts {
		if len(p.Connections) == 0 {
			for _, t := range p.Terminals {
				if !seenA[t] {
					act, err := s.store.Actor(ctx, t)
					if err == nil {
						seenA[t] = true
						a.actors = append(a.actors, act)
					}
				}
			}
		}
	}
	for _, gp := range res.Gaps {
		ref := refs[gp.ID]
		gv := GapView{Actor: ref, Reason: gp.Reason}
		switch gp.Reason {
		case netsci.GapAbsent:
			gv.Message = fmt.Sprintf("%s is not in the graph analysed (written after it was read?)", ref.Name)
		case netsci.GapUnreachable:
			v, _ := g.Index(gp.ID)
			if g.Degree(v) == 0 {
				gv.Message = fmt.Sprintf("%s has no relation that passes the filters", ref.Name)
			} else {
				gv.Message = fmt.Sprintf("no path at all joins %s to the network with these filters", ref.Name)
			}
		case netsci.GapTooFar:
			gv.Message = fmt.Sprintf("%s is joined to the network only by paths longer than %d hop%s; raise max_hops (at most %d)", ref.Name, q.MaxHops, plural(q.MaxHops), s.limits.MaxHops)
		}
		if pi, ok := partOf[gp.ID]; ok && pi > 0 && len(res.Parts[pi].Terminals) > 1 {
			var with []string
			for _, t := range res.Parts[pi].Terminals {
				if t != gp.ID {
					with = append(with, refs[t].Name)
				}
			}
			gv.Message += fmt.Sprintf("; it is joined to %s apart from the network", strings.Join(with, ", "))
		}
		a.Gaps = append(a.Gaps, gv)
	}
	joined := len(a.Network.Terminals)
	switch {
	case len(a.Gaps) == 0:
		a.Message = fmt.Sprintf("all %d actors are joined: %d actors and %d edges, every connection at most %d hop%s", joined, len(a.Network.Actors), a.Network.Edges, q.MaxHops, plural(q.MaxHops))
	case joined <= 1:
		a.Message = fmt.Sprintf("no two of the %d actors are joined within %d hop%s with these filters; see gaps", len(a.Terminals), q.MaxHops, plural(q.MaxHops))
	default:
		a.Message = fmt.Sprintf("%d of the %d actors are joined (%d actors, %d edges); %d cannot be joined within %d hop%s: see gaps", joined, len(a.Terminals), len(a.Network.Actors), a.Network.Edges, len(a.Gaps), q.MaxHops, plural(q.MaxHops))
	}
	return nil
}

// Elements returns the actors and relations of the network and the other
// parts, each once: what the graph formats encode.
func (a *ConnectAnswer) Elements() ([]graph.Actor, []graph.Edge) { return a.actors, a.edges }

package embedded

import (
	"github.com/actorgraph/actorgraph/graph"
)

// filter is a graph.RelationFilter compiled for the index: type codes in a
// table, the minimum confidence in thousandths, the as-of date as yyyymmdd
// bounds. match agrees with graph.RelationFilter.Match exactly.
type filter struct {
	all         bool // every relation passes; match need not be called
	confOnly    bool // only the confidence is tested (against minConf)
	types       [256]bool
	minConf     uint16
	asOfFirst   int32 // 0: no date filter
	asOfLast    int32
	noContested bool
	// Which stored directions may be walked, seen from the node a walk
	// leaves: out = along from->to, in = against it. Symmetric types are
	// always walkable.
	walkOut, walkIn bool
}

// compileFilter validates f and compiles it. Errors have code EINVALID.
func compileFilter(f graph.RelationFilter) (*filter, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	c := &filter{walkOut: true, walkIn: true}
	typesAll := len(f.Types) == 0
	for i := range c.types {
		c.types[i] = typesAll
	}
	for _, t := range f.Types {
		c.types[typeByName[t]] = true
	}
	for _, t := range f.ExcludeTypes {
		c.types[typeByName[t]] = false
	}
	if len(f.Types) > 0 || len(f.ExcludeTypes) > 0 {
		// A stored type the vocabulary no longer knows can only pass a
		// filter that names no types.
		c.types[typeUnknown] = len(f.Types) == 0
	}
	if !f.IncludeRefuted {
		c.minConf = 1 // graph.Unsupported: confidence 0, in thousandths
	}
	if f.MinConfidence > 0 {
		m := uint16(f.MinConfidence * 1000)
		for m > 0 && float64(m-1)/1000 >= f.MinConfidence {
			m--
		}
		for m <= 1000 && float64(m)/1000 < f.MinConfidence {
			m++
		}
		c.minConf = m
	}
	if !f.AsOf.IsZero() {
		c.asOfFirst, c.asOfLast = f.AsOf.FirstDay(), f.AsOf.LastDay()
	}
	c.noContested = f.ExcludeContested
	switch f.Direction {
	case graph.DirectionOut:
		c.walkIn = false
	case graph.DirectionIn:
		c.walkOut = false
	}
	c.all = typesAll && len(f.ExcludeTypes) == 0 && c.minConf == 0 && c.asOfFirst == 0 && !c.noContested
	c.confOnly = !c.all && typesAll && len(f.ExcludeTypes) == 0 && c.asOfFirst == 0 && !c.noContested
	return c, nil
}

// match reports whether the relation passes the type, confidence, date and
// contested tests.
func (f *filter) match(a *relAttr) bool {
	if f.all {
		return true
	}
	if !f.types[a.typ] || a.conf < f.minConf {
		return false
	}
	if f.noContested && a.flags&relContested != 0 {
		return false
	}
	if f.asOfFirst != 0 {
		if a.vf != 0 && a.vf > f.asOfLast {
			return false
		}
		if a.vt != 0 && a.vt < f.asOfFirst {
			return false
		}
	}
	return true
}

// walkable reports whether h may be walked away from the node holding it.
// backward flips the test, for a search that walks edges in reverse (from
// the target): then h must be walkable from its neighbour to the holder.
func (f *filter) walkable(h halfEdge, backward bool) bool {
	if h.sym() {
		return true
	}
	if h.out() != backward {
		return f.walkOut
	}
	return f.walkIn
}

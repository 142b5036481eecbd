package graph

import (
	"math"
	"testing"
)

func TestRelationFilterMatch(t *testing.T) {
	r := Relation{Type: "MET", Confidence: 0.5, Contested: true, ValidFrom: MustDate("2011"), ValidTo: MustDate("2012")}
	tests := []struct {
		name string
		f    RelationFilter
		want bool
	}{
		{"zero", RelationFilter{}, true},
		{"type", RelationFilter{Types: []string{"MET", "SIBLING_OF"}}, true},
		{"other type", RelationFilter{Types: []string{"SIBLING_OF"}}, false},
		{"excluded", RelationFilter{ExcludeTypes: []string{"MET"}}, false},
		{"confidence equal", RelationFilter{MinConfidence: 0.5}, true},
		{"confidence above", RelationFilter{MinConfidence: 0.51}, false},
		{"contested kept", RelationFilter{}, true},
		{"contested dropped", RelationFilter{ExcludeContested: true}, false},
		{"as of inside", RelationFilter{AsOf: MustDate("2011-06")}, true},
		{"as of after", RelationFilter{AsOf: MustDate("2013")}, false},
		{"direction is the caller's", RelationFilter{Direction: DirectionIn}, true},
	}
	for _, tt := range tests {
		if got := tt.f.Match(&r); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, f := range []RelationFilter{
		{Types: []string{"KNOWS"}}, {ExcludeTypes: []string{"met"}}, {Direction: "up"},
		{MinConfidence: -0.1}, {MinConfidence: 1.1}, {MinConfidence: math.NaN()},
	} {
		if err := f.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("Validate(%+v) = %v, want %s", f, err, EINVALID)
		}
	}
	if err := (&RelationFilter{Types: []string{"MET"}, Direction: DirectionOut, MinConfidence: 1}).Validate(); err != nil {
		t.Errorf("Validate(good) = %v", err)
	}
}

func TestQueryNormalize(t *testing.T) {
	lim := DefaultLimits
	q := PathQuery{From: "a", To: "b"}
	if err := q.Normalize(lim); err != nil || q.Mode != ShortestPath || q.K != 3 || q.MaxHops != DefaultMaxHops || q.Filter.Direction != DirectionAny {
		t.Errorf("PathQuery defaults: %+v, %v", q, err)
	}
	small := lim
	small.MaxHops = 2
	q = PathQuery{From: "a", To: "b"}
	if err := q.Normalize(small); err != nil || q.MaxHops != 2 {
		t.Errorf("default max_hops under a lower ceiling: %d, %v; want 2", q.MaxHops, err)
	}
	for _, bad := range []PathQuery{
		{To: "b"}, {From: "a"}, {From: "a", To: "b", Mode: "longest"}, {From: "a", To: "b", K: lim.MaxK + 1}, {From: "a", To: "b", K: -1},
		{From: "a", To: "b", MaxHops: lim.MaxHops + 1}, {From: "a", To: "b", MaxHops: -1}, {From: "a", To: "b", Filter: RelationFilter{Direction: "up"}},
	} {
		if err := bad.Normalize(lim); ErrorCode(err) != EINVALID {
			t.Errorf("PathQuery%+v.Normalize = %v, want %s", bad, err, EINVALID)
		}
	}
	n := NetworkQuery{Seeds: []string{"a"}}
	if err := n.Normalize(lim); err != nil || n.Depth != 0 || n.Limit != lim.MaxNodes {
		t.Errorf("NetworkQuery defaults: %+v, %v", n, err)
	}
	for _, bad := range []NetworkQuery{
		{}, {Seeds: make([]string, lim.MaxSeeds+1)}, {Seeds: []string{"a"}, Depth: lim.MaxDepth + 1}, {Seeds: []string{"a"}, Depth: -1},
		{Seeds: []string{"a"}, Limit: lim.MaxNodes + 1}, {Seeds: []string{"a"}, Limit: -1}, {Seeds: []string{"a"}, Filter: RelationFilter{MinConfidence: 2}},
	} {
		if err := bad.Normalize(lim); ErrorCode(err) != EINVALID {
			t.Errorf("NetworkQuery%+v.Normalize = %v, want %s", bad, err, EINVALID)
		}
	}
	s := SearchQuery{Text: "x"}
	if err := s.Normalize(lim); err != nil || s.Limit != 20 {
		t.Errorf("SearchQuery defaults: %+v, %v", s, err)
	}
	for _, bad := range []SearchQuery{{Kind: "group"}, {Limit: lim.MaxSearch + 1}, {Limit: -1}, {Offset: -1}} {
		if err := bad.Normalize(lim); ErrorCode(err) != EINVALID {
			t.Errorf("SearchQuery%+v.Normalize = %v, want %s", bad, err, EINVALID)
		}
	}
}

func TestEdgeOf(t *testing.T) {
	r := Relation{ID: "a--met--b", Type: "MET", From: "a", To: "b", Role: "r", ValidFrom: MustDate("2015"), Contested: true, Confidence: 0.3,
		Evidence: []Evidence{{Source: "s1", Quote: "q1"}, {Source: "s2", Quote: "q2"}}}
	want := Edge{ID: "a--met--b", Type: "MET", From: "a", To: "b", Role: "r", ValidFrom: MustDate("2015"), Contested: true, Confidence: 0.3,
		EvidenceCount: 2, FirstSource: "s1", FirstQuote: "q1"}
	if got := EdgeOf(&r); got != want {
		t.Errorf("EdgeOf = %+v, want %+v", got, want)
	}
	if got := EdgeOf(&Relation{ID: "x"}); got.EvidenceCount != 0 || got.FirstSource != "" {
		t.Errorf("EdgeOf(no evidence) = %+v", got)
	}
}

package extract

import (
	"context"
	"testing"
)

// TestTrailingSymbol: a paragraph whose last sentence is followed by an
// emoji is prose, not a headline: its names and relations are read.
func TestTrailingSymbol(t *testing.T) {
	g := seedLike()
	for _, text := range []string{
		"AQAP trained Cherif Kouachi in Yemen in 2011. 😐",
		"AQAP trained Cherif Kouachi in Yemen in 2011.™",
	} {
		res, err := Extract(context.Background(), g, text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Count(KindRelation) == 0 || res.Sentences[0].Headline {
			t.Errorf("%q: %d relations, first sentence headline %v; want prose with relations", text, res.Count(KindRelation), res.Sentences[0].Headline)
		}
	}
}

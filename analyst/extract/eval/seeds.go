package eval

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seeds"
)

// HeldOut are the seed sources kept out of tuning: the rules were written
// looking only at the other three, and these two are measured apart.
var HeldOut = map[string]bool{"timep-hassan-2015-11": true, "vice-2015-11-14": true}

// SeedDocs loads the seed bundle (embedded, or from dir when not empty)
// and the texts of its sources.
func SeedDocs(dir string) ([]Doc, *graph.Bundle, error) {
	var b *graph.Bundle
	var err error
	if dir != "" {
		b, err = seeds.LoadDir(dir)
	} else {
		b, err = seeds.Bundle()
	}
	if err != nil {
		return nil, nil, err
	}
	var docs []Doc
	for _, s := range b.Sources {
		text, ok := seeds.SourceText(s.File)
		if !ok {
			return nil, nil, fmt.Errorf("no text for source %s (file %q)", s.ID, s.File)
		}
		part := "dev"
		if HeldOut[s.ID] {
			part = "held-out"
		}
		docs = append(docs, Doc{Source: s, Text: text, Part: part})
	}
	return docs, b, nil
}

package eval

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/analyst/extract"
	"github.com/actorgraph/actorgraph/graph"
)

// Dump writes every sentence of the source id with the mentions and
// relations proposed in it, and marks each relation right (+) or wrong
// (-) against the gold relations of the source: for reading, not scoring.
func Dump(w io.Writer, b *graph.Bundle, docs []Doc, id string) error {
	for _, doc := range docs {
		if doc.Source.ID != id {
			continue
		}
		gold := map[triple]bool{}
		for _, r := range b.Relations {
			for _, e := range r.Evidence {
				if e.Source == id {
					gold[key(r.Type, r.From, r.To)] = true
				}
			}
		}
		g := extract.NewGazetteer(b.Actors)
		res, err := extract.Extract(context.Background(), g, doc.Text, extract.Options{Published: doc.Source.Date, Matcher: extract.NewNamesMatcher(b.Actors)})
		if err != nil {
			return err
		}
		runes := []rune(doc.Text)
		for si, s := range res.Sentences {
			fmt.Fprintf(w, "\n[%d] %s\n", si, string(runes[s.Start:s.End]))
			var ms []string
			for _, p := range res.Proposals {
				if p.Sentence != si {
					continue
				}
				switch p.Kind {
				case extract.KindMention:
					ms = append(ms, fmt.Sprintf("%s=%s", p.Mention.Text, p.Mention.ActorID))
				case extract.KindActor:
					ms = append(ms, fmt.Sprintf("%s=NEW:%s", p.Actor.Text, p.Actor.Kind))
				}
			}
			if len(ms) > 0 {
				fmt.Fprintf(w, "    mentions: %s\n", strings.Join(ms, "; "))
			}
			for _, p := range res.Proposals {
				if p.Sentence != si || p.Kind != extract.KindRelation {
					continue
				}
				r := p.Relation
				mark := "-"
				if r.From.ID != "" && r.To.ID != "" && gold[key(r.Type, r.From.ID, r.To.ID)] {
					mark = "+"
				}
				from, to := r.From.ID, r.To.ID
				if from == "" {
					from = "NEW " + r.From.Name
				}
				if to == "" {
					to = "NEW " + r.To.Name
				}
				fmt.Fprintf(w, "    %s %s %s -> %s  %s %.2f words=%q claimant=%q date=%s [%s]\n", mark, r.Type, from, to, p.Stance, p.Score, p.Words, p.Claimant, r.ValidFrom, r.Pattern)
			}
		}
	}
	return nil
}

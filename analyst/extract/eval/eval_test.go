package eval

import (
	"context"
	"testing"
)

// The goals of issue 14, and where extraction stands. A goal that is met
// is asserted; the relation recall goal is not met yet (see EVAL.md), so
// the test asserts the level reached instead, to catch regressions, and
// logs the gap.
const (
	goalPrecision     = 0.6
	goalRecall        = 0.5
	goalMentionRecall = 0.95
	floorRecall       = 0.41 // under the recall reached (0.43), leaving room for the seed audit; raise it when rules improve
)

func TestSeedEvaluation(t *testing.T) {
	docs, b, err := SeedDocs("")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), b, docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Table(false))
	all := rep.Totals("")
	if p := all.Relations.Precision(); p < goalPrecision {
		t.Errorf("relation precision %.2f, goal ≥ %.2f", p, goalPrecision)
	}
	if r := all.MentionRecall(); r < goalMentionRecall {
		t.Errorf("mention recall %.2f, goal ≥ %.2f; missed: %v", r, goalMentionRecall, missed(rep))
	}
	r := all.Relations.Recall()
	if r < floorRecall {
		t.Errorf("relation recall %.2f fell below the %.2f reached before", r, floorRecall)
	}
	if r < goalRecall {
		t.Logf("relation recall %.2f: the goal of %.2f is NOT met (see analyst/extract/EVAL.md)", r, goalRecall)
	}
	for _, part := range []string{"dev", "held-out"} {
		tot := rep.Totals(part)
		if tot.Named == 0 || tot.Relations.TP+tot.Relations.FN == 0 {
			t.Errorf("part %s has no gold relations or named actors: the split is broken", part)
		}
	}
}

func missed(rep *Report) []string {
	var out []string
	for _, d := range rep.Docs {
		for _, m := range d.Missed {
			out = append(out, d.Source+":"+m)
		}
	}
	return out
}

func TestNamed(t *testing.T) {
	docs, b, err := SeedDocs("")
	if err != nil || len(docs) == 0 {
		t.Fatal(err)
	}
	for _, a := range b.Actors {
		switch a.ID {
		case "islamic-state":
			if Named(a, "it is what it is") {
				t.Error("'is' names the Islamic State")
			}
			if !Named(a, "IS claimed it") {
				t.Error("'IS' does not name the Islamic State")
			}
		case "hafiz-muhammad-saeed":
			if NewNamer(b.Actors, "Omar Saeed Sheikh was freed.").Named(a) {
				t.Error("'Saeed' inside another person's full name names Hafiz Saeed")
			}
			if !NewNamer(b.Actors, "Omar Saeed Sheikh met Saeed.").Named(a) {
				t.Error("'Saeed' alone does not name Hafiz Saeed")
			}
		case "cherif-kouachi":
			if !Named(a, "CHÉRIF  kouachi was there") {
				t.Error("folded name not found")
			}
			if Named(a, "Cherif Kouachis") {
				t.Error("a name inside a longer word counts")
			}
		}
	}
}

package extract

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestGeography: a place the text names gets LOCATED_IN its country, from
// the place table, once per text; the text's voice when a sentence names
// both, reference geography otherwise; never for a country itself, nor a
// second time for a LOCATED_IN a rule read from the words.
func TestGeography(t *testing.T) {
	g := NewGazetteer([]graph.Actor{
		{ID: "lyon", Kind: graph.Place, Name: "Lyon"},
		{ID: "france", Kind: graph.Place, Name: "France"},
		{ID: "kobane", Kind: graph.Place, Name: "Kobane"},
		{ID: "syria", Kind: graph.Place, Name: "Syria"},
		{ID: "georgia", Kind: graph.Place, Name: "Georgia"},
		{ID: "mosul", Kind: graph.Place, Name: "Mosul"},
		{ID: "red-cell", Kind: graph.Organization, Name: "Red Cell"},
	})
	text := "The Red Cell met in Lyon in 2014. Its members later went to Kobane, Syria. " +
		"French police said the cell had planned more attacks in Lyon. Two of them were born in Georgia. " +
		"One was killed in Mosul."
	res := extractOK(t, g, text, Options{})
	got := map[string]Proposal{}
	for _, p := range res.Proposals {
		if p.Kind == KindRelation && p.Relation.Type == "LOCATED_IN" {
			k := p.Relation.From.ID + ">" + p.Relation.To.ID
			if _, dup := got[k]; dup {
				t.Errorf("LOCATED_IN %s proposed twice", k)
			}
			got[k] = p
		}
	}
	lyon, ok := got["lyon>france"]
	if !ok || lyon.Claimant != "" || lyon.Quote != "French police said the cell had planned more attacks in Lyon." {
		t.Errorf("Lyon in France: %+v; want the sentence that names both (by the demonym), in the text's voice", lyon)
	}
	if k, ok := got["kobane>syria"]; !ok || k.Relation.Pattern == "geography: place table" {
		t.Errorf("Kobane, Syria: %+v; want the comma rule's proposal only", k)
	}
	if _, ok := got["georgia>united-states"]; ok || len(got) != 2 {
		t.Errorf("LOCATED_IN proposals: %v; want Lyon and Kobane only (Mosul's country, Iraq, is no actor; Georgia is a country)", mapKeys(got))
	}
	g2 := NewGazetteer([]graph.Actor{{ID: "mosul", Kind: graph.Place, Name: "Mosul"}, {ID: "iraq", Kind: graph.Place, Name: "Iraq"}})
	res = extractOK(t, g2, "One was killed in Mosul.", Options{})
	if res.Count(KindRelation) != 1 || res.Proposals[len(res.Proposals)-1].Claimant != referenceGeography {
		t.Errorf("Mosul alone: %+v; want LOCATED_IN Iraq from reference geography", res.Proposals)
	}
}

func mapKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBornIn: "X, a Leeds-born convert" and "X was born in Leeds" give the
// nationality of Leeds's country, not Leeds.
func TestBornIn(t *testing.T) {
	g := NewGazetteer([]graph.Actor{
		{ID: "leeds", Kind: graph.Place, Name: "Leeds"},
		{ID: "united-kingdom", Kind: graph.Place, Name: "United Kingdom", Aliases: []string{"UK", "Britain"}},
		{ID: "omar-hakim", Kind: graph.Person, Name: "Omar Hakim"},
		{ID: "sami-darwish", Kind: graph.Person, Name: "Sami Darwish"},
	})
	res := extractOK(t, g, "Omar Hakim, a Leeds-born convert, left in 2014. Sami Darwish was born in Leeds.", Options{})
	got := map[string]string{}
	for _, p := range res.Proposals {
		if p.Kind == KindRelation && p.Relation.Type == "NATIONAL_OF" {
			got[p.Relation.From.ID] = p.Relation.To.ID
		}
	}
	if got["omar-hakim"] != "united-kingdom" || got["sami-darwish"] != "united-kingdom" {
		t.Errorf("NATIONAL_OF: %v; want both of the United Kingdom", got)
	}
}

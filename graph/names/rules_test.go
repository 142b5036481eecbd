package names

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestRuleExamples checks that every rule's example is two spellings that
// fold to one phonetic form.
func TestRuleExamples(t *testing.T) {
	for i, r := range Rules {
		a, b, ok := strings.Cut(r.Example, " / ")
		if !ok {
			t.Errorf("rule %d (%q): example %q is not two spellings separated by \" / \"", i, r.From, r.Example)
			continue
		}
		pa := Phonetic(nil, graph.NormalizeName(a))
		pb := Phonetic(nil, graph.NormalizeName(b))
		if string(pa) != string(pb) {
			t.Errorf("rule %d (%q): %q folds to %q but %q to %q", i, r.From, a, pa, b, pb)
		}
	}
}

// TestRulesClosed checks that every ASCII letter has an unconditional
// one-letter rule and that rules only write the phonetic alphabet.
func TestRulesClosed(t *testing.T) {
	for c := byte('a'); c <= 'z'; c++ {
		found := false
		for _, r := range Rules {
			if r.From == string(c) && r.At == Anywhere && r.Before == "" && r.After == "" {
				found = true
			}
		}
		if !found {
			t.Errorf("no unconditional rule for %q", c)
		}
	}
	for i, r := range Rules {
		if strings.Trim(r.To, string(vowel)+skelAlphabet) != "" {
			t.Errorf("rule %d (%q) writes %q, outside the phonetic alphabet", i, r.From, r.To)
		}
		if r.From == "" || !isLatinWord(r.From) {
			t.Errorf("rule %d: From %q is not lower-case ASCII letters", i, r.From)
		}
	}
}

// TestRulesNotHidden checks that no rule comes after an unconditional rule
// for a prefix of its letters, which would always apply first.
func TestRulesNotHidden(t *testing.T) {
	for i, r := range Rules {
		for j, e := range Rules[:i] {
			if strings.HasPrefix(r.From, e.From) && e.At == Anywhere && e.Before == "" && e.After == "" {
				t.Errorf("rule %d (%q) is hidden by rule %d (%q)", i, r.From, j, e.From)
			}
		}
	}
}

func TestPhonetic(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mohammed", "mahamad"},
		{"muhammad", "mahamad"},
		{"oussama", "asama"},
		{"jawlani", "jalana"},
		{"golani", "jalana"},
		{"albaghdadi", "bajdada"},
		{"alan", "alan"},  // too short for the article
		{"assad", "asad"}, // too short for the assimilated article
		{"abdelbaki", "abdbaka"},
		{"nusrah", "nasra"},
		{"2015", "2015"},         // literal
		{"البغدادي", "البغدادي"}, // another script: literal
	}
	for _, tt := range tests {
		if got := string(Phonetic(nil, tt.in)); got != tt.want {
			t.Errorf("Phonetic(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPhonetic(f *testing.F) {
	for _, s := range []string{"mohammed", "Abdelbaki", "x", "al", "hhhh", "ééé", "2015", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range strings.Fields(graph.NormalizeName(s)) {
			p := Phonetic(nil, w)
			if len(p) == 0 || len(p) > 2*len(w) {
				t.Fatalf("Phonetic(%q) = %q: empty or longer than twice the word", w, p)
			}
			if isLatinWord(w) {
				if strings.Trim(string(p), string(vowel)+skelAlphabet) != "" {
					t.Fatalf("Phonetic(%q) = %q: outside the alphabet", w, p)
				}
				for i := 1; i < len(p); i++ {
					if p[i] == p[i-1] {
						t.Fatalf("Phonetic(%q) = %q: a doubled letter", w, p)
					}
				}
			}
		}
	})
}

// Package namedist compares the bounded edit distance of graph/names with
// two edit-distance libraries, on the word pairs the scorer compares. It
// is a module of its own so that the project does not depend on them.
//
//	cd bench/namedist && go test -bench . -benchmem
package namedist

import (
	"testing"

	"github.com/agnivade/levenshtein"
	"github.com/hbollon/go-edlib"

	"github.com/actorgraph/actorgraph/graph/names"
)

// pairs are phonetic forms (names.Phonetic) of spellings the scorer
// compares: equal, one edit, a swap, and unrelated words.
var pairs = func() [][2]string {
	words := [][2]string{
		{"coulibaby", "coulibaly"}, {"zawahri", "zawahiri"}, {"kouachi", "kouachy"}, {"boumediene", "boumeddiene"},
		{"mohammed", "ahmed"}, {"reyaad", "reyaad"}, {"jawlani", "maqdisi"}, {"emwazi", "emwazy"},
		{"baghdadi", "bagdadi"}, {"abdelbaki", "abdulbaqi"}, {"kahn", "khan"}, {"tanweer", "tanveer"},
		{"seifeddine", "saifuddin"}, {"soleimani", "suleimani"}, {"raqqa", "kobane"}, {"altintas", "altintash"},
	}
	out := make([][2]string, len(words))
	for i, w := range words {
		out[i] = [2]string{string(names.Phonetic(nil, w[0])), string(names.Phonetic(nil, w[1]))}
	}
	return out
}()

// TestAgree shows where the libraries' distances differ from the
// scorer's (optimal string alignment: a swap of two letters is one edit).
func TestAgree(t *testing.T) {
	for _, p := range pairs {
		own := names.Distance(p[0], p[1], 64)
		lev := levenshtein.ComputeDistance(p[0], p[1])
		osa := edlib.OSADamerauLevenshteinDistance(p[0], p[1])
		if osa != own {
			t.Errorf("%q %q: names %d, go-edlib OSA %d", p[0], p[1], own, osa)
		}
		if lev != own {
			t.Logf("%q %q: names (OSA) %d, agnivade (Levenshtein) %d", p[0], p[1], own, lev)
		}
	}
}

func BenchmarkNamesBounded(b *testing.B) {
	for b.Loop() {
		for _, p := range pairs {
			names.Distance(p[0], p[1], 2)
		}
	}
}

func BenchmarkNamesUnbounded(b *testing.B) {
	for b.Loop() {
		for _, p := range pairs {
			names.Distance(p[0], p[1], 64)
		}
	}
}

func BenchmarkAgnivadeLevenshtein(b *testing.B) {
	for b.Loop() {
		for _, p := range pairs {
			levenshtein.ComputeDistance(p[0], p[1])
		}
	}
}

func BenchmarkEdlibOSA(b *testing.B) {
	for b.Loop() {
		for _, p := range pairs {
			edlib.OSADamerauLevenshteinDistance(p[0], p[1])
		}
	}
}

func BenchmarkEdlibDamerau(b *testing.B) {
	for b.Loop() {
		for _, p := range pairs {
			edlib.DamerauLevenshteinDistance(p[0], p[1])
		}
	}
}

package graph

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chérif", "cherif"},
		{"Chérif Kouachi", "cherif kouachi"},
		{"cherif  kouachi", "cherif kouachi"},
		{"CHERIF-KOUACHI", "cherif kouachi"},
		{"  Saïd   Kouachi  ", "said kouachi"},
		{"Al-Qa'ida", "al qaida"},
		{"Al-Qaʿida", "al qaida"},
		{"Al-Qa’ida", "al qaida"},
		{"Al Qaida", "al qaida"},
		{"Abu Du'a", "abu dua"},
		{"Straße", "strasse"},
		{"Æthelred Œuvre", "aethelred oeuvre"},
		{"Łódź", "lodz"},
		{"Ørsted", "orsted"},
		{"İstanbul", "istanbul"},
		{"ISIS/ISIL (Daesh)", "isis isil daesh"},
		{"7/7", "7 7"},
		{"Jaish-e-Mohammed", "jaish e mohammed"},
		{"أبو بكر البغدادي", "ابو بكر البغدادي"}, // hamza is a mark: أ folds to ا
		{"ابو بكر البغدادي", "ابو بكر البغدادي"},
		{"أبـو", "ابو"}, // tatweel dropped
		{"Абу Бакр", "абу бакр"},
		{"", ""},
		{"  --  ", ""},
		{"\xf1ä", "a"},                            // invalid UTF-8 does not stop accents from being removed
		{"Chérif", NormalizeName("Che\u0301rif")}, // precomposed and combining forms agree
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a  b", "a b"},
		{"  a \n\t b  ", "a b"},
		{"line one\r\nline two", "line one line two"},
		{"Al-Qaeda’s “sent”", `Al-Qaeda's "sent"`},
		{"‘single’ „low“ ‛rev‟", `'single' "low" 'rev"`},
		{"Chérif", "Chérif"}, // accents are kept: quotes are verbatim
		{"Ellipsis…", "Ellipsis…"},
		{"a\u00a0b", "a b"}, // no-break space is white space
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeQuote(tt.in); got != tt.want {
			t.Errorf("NormalizeQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchScore(t *testing.T) {
	n := NormalizeName
	tests := []struct {
		q, name string
		aliases []string
		want    int
	}{
		{"cherif kouachi", "cherif kouachi", nil, ScoreExactName},
		{"cherif kouachi", "said kouachi", []string{"cherif kouachi"}, ScoreExactAlias},
		{"cherif", "cherif kouachi", nil, ScorePrefixName},
		{"cherif kou", "cherif kouachi", nil, ScorePrefixName},
		{"daesh", "islamic state", []string{"isis", "daesh"}, ScoreExactAlias},
		{"dae", "islamic state", []string{"isis", "daesh"}, ScorePrefixAlias},
		{"kouachi", "cherif kouachi", nil, ScoreWordsName},
		{"kouachi cherif", "cherif kouachi", nil, ScoreWordsName},
		{"kou", "said kouachi", nil, ScoreWordsName},
		{"baghdadi", "abu bakr", []string{"abu bakr al baghdadi"}, ScoreWordsAlias},
		{"ouachi", "cherif kouachi", nil, ScoreSubstring},
		{"ouachi", "x", []string{"said kouachi"}, ScoreSubstring},
		{"zzz", "cherif kouachi", []string{"said"}, 0},
		{"", "cherif kouachi", nil, 0},
		{"is", "islamic state", []string{"isis", "is"}, ScoreExactAlias}, // the best of name and aliases
		{"islamic", "islamic state", []string{"islamic state of iraq"}, ScorePrefixName},
		{"state islamic", "islamic state", []string{"state"}, ScoreWordsName},
		{n("Chérif"), n("Chérif Kouachi"), nil, ScorePrefixName},
		{n("AL-QA'IDA"), n("Al-Qaʿida"), nil, ScoreExactName},
		{n("البغدادي"), n("Abu Bakr"), []string{n("أبو بكر البغدادي")}, ScoreWordsAlias},
	}
	for _, tt := range tests {
		if got := MatchScore(tt.q, tt.name, tt.aliases); got != tt.want {
			t.Errorf("MatchScore(%q, %q, %q) = %d, want %d", tt.q, tt.name, tt.aliases, got, tt.want)
		}
	}
	// The scores are ordered as documented.
	order := []int{ScoreExactName, ScoreExactAlias, ScorePrefixName, ScorePrefixAlias, ScoreWordsName, ScoreWordsAlias, ScoreSubstring, 0}
	for i := 1; i < len(order); i++ {
		if order[i-1] <= order[i] {
			t.Errorf("score %d is not above score %d", order[i-1], order[i])
		}
	}
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"Chérif Kouachi", "CHERIF--KOUACHI", "Al-Qaʿida", "Straße", "Æ œ ß İ ı", "أبو بكر البغدادي", "Абу",
		"  ", "a\u0301\u0301", "ǅemal", "\xff\xfe", "ﬁnance", "Ⅻ", "ß̂", "ʿAbd", "x\u0640y", "1st 2nd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := NormalizeName(s)
		if again := NormalizeName(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("NormalizeName(%q) = %q is not valid UTF-8", s, out)
		}
		if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
			t.Fatalf("NormalizeName(%q) = %q has a double, leading or trailing space", s, out)
		}
		// No upper case: lower-casing the output changes nothing.
		if strings.ToLower(out) != out {
			t.Fatalf("NormalizeName(%q) = %q has upper case", s, out)
		}
		for _, r := range norm.NFD.String(out) {
			switch {
			case unicode.Is(unicode.Mn, r):
				t.Fatalf("NormalizeName(%q) = %q keeps the mark %U", s, out, r)
			case r != ' ' && !unicode.IsLetter(r) && !unicode.IsDigit(r):
				t.Fatalf("NormalizeName(%q) = %q keeps %q, neither letter, digit nor space", s, out, r)
			}
		}
		// Composed and decomposed spellings fold alike.
		if utf8.ValidString(s) {
			if c, d := NormalizeName(norm.NFC.String(s)), NormalizeName(norm.NFD.String(s)); c != out || d != out {
				t.Fatalf("NormalizeName(%q) = %q, but its NFC form gives %q and its NFD form %q", s, out, c, d)
			}
		}
	})
}

func FuzzNormalizeQuote(f *testing.F) {
	for _, s := range []string{"a  b", "“sent”", "line\r\nline", " \t ", "’‘‚‛′“”„‟″"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := NormalizeQuote(s)
		if again := NormalizeQuote(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if strings.Contains(out, "  ") || strings.TrimSpace(out) != out && utf8.ValidString(out) {
			t.Fatalf("NormalizeQuote(%q) = %q keeps a run of white space or an end space", s, out)
		}
		if strings.ContainsAny(out, "’‘‚‛′“”„‟″\n\t") {
			t.Fatalf("NormalizeQuote(%q) = %q keeps a typographic quote or a newline", s, out)
		}
		// Any text contains its own normalized form, normalized.
		if !strings.Contains(NormalizeQuote(s+" tail"), out) {
			t.Fatalf("NormalizeQuote(%q) is not found in a longer text", s)
		}
	})
}

// wordsMatchFields is wordsMatch as first written, with strings.Fields:
// the reference for FuzzWordsMatch.
func wordsMatchFields(q, s string) bool {
	sw := strings.Fields(s)
	for _, w := range strings.Fields(q) {
		found := false
		for _, x := range sw {
			if strings.HasPrefix(x, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func FuzzWordsMatch(f *testing.F) {
	for _, c := range [][2]string{
		{"cherif kou", "cherif kouachi"}, {"kou cherif", "cherif kouachi"}, {"ach", "cherif kouachi"},
		{"", "x"}, {"  ", ""}, {"a\u0085b", "a b"}, {"\xff", "\xffx"}, {"node 1", "node 12345"},
		{"a\u3000b", "ab b"}, {"x\ty", "y x"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, q, s string) {
		if got, want := wordsMatch(q, s), wordsMatchFields(q, s); got != want {
			t.Errorf("wordsMatch(%q, %q) = %v, strings.Fields gives %v", q, s, got, want)
		}
	})
}

func BenchmarkMatchScore(b *testing.B) {
	names := make([]string, 1000)
	for i := range names {
		names[i] = NormalizeName(fmt.Sprintf("Node %d", i*97))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			MatchScore("node 1", n, nil)
		}
	}
}

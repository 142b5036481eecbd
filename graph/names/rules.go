package names

import "strings"

// Position says where in a word a Rule may apply.
type Position uint8

const (
	Anywhere Position = iota // at any position
	Start                    // only at the first letter of the word
	End                      // only when the pattern ends the word
	Whole                    // only when the pattern is the whole word
)

// Rule rewrites letters of a folded word (graph.NormalizeName output:
// lower case ASCII for Latin script) into the phonetic alphabet in which
// spellings are compared.
//
// The phonetic alphabet has one vowel, 'a', standing for any run of vowels
// and semivowels, and sixteen consonant classes:
//
//	b c d f h j k l m n p r s t x z
//
// where c is the sound written sh (English), ch (French) or sch (German),
// x is kh, j is the letter written j, g, gh or dj, and k is k, q, ck or a
// hard c. Every other consonant is itself.
type Rule struct {
	From    string   // folded letters to match
	To      string   // what they become: phonetic letters, or "" to drop them
	At      Position // where the rule may apply
	Before  string   // if set, the letter after From must be one of these
	After   string   // if set, the letter before From must be one of these
	MinRest int      // for At == Start: at least this many letters must follow From
	Example string   // spellings the rule makes equal, for readers and tests
}

// Rules is THE transliteration table: how a folded Latin-script word
// becomes its phonetic form. To fold a word, Phonetic walks it from the
// first letter; at each position the first rule in this order that matches
// is applied and the walk moves past its From. So longer patterns come
// before shorter ones that start with the same letter (a test checks that
// no rule is hidden by an earlier one), and every ASCII letter has a
// one-letter rule at the end, so the alphabet stays closed.
//
// After the walk, runs of the same phonetic letter are collapsed: doubled
// letters (Boumeddiene, Boumediene) and runs of vowels (Oussama, Usama).
//
// To extend the table, add a rule with an Example of two spellings
// separated by " / " that it makes equal: TestRuleExamples checks that
// every example folds to one phonetic form.
var Rules = []Rule{
	// The article written onto the word (al-, el- and the assimilated
	// forms before sun letters), when at least four letters follow.
	{From: "al", At: Start, MinRest: 4, Example: "Albaghdadi / Baghdadi"},
	{From: "el", At: Start, MinRest: 4, Example: "Elbaghdadi / Baghdadi"},
	{From: "ad", At: Start, Before: "d", MinRest: 4, Example: "Addawla / Dawla"},
	{From: "ar", At: Start, Before: "r", MinRest: 4, Example: "Arrahman / Rahman"},
	{From: "as", At: Start, Before: "s", MinRest: 4, Example: "Assahab / Sahab"},
	{From: "at", At: Start, Before: "t", MinRest: 4, Example: "Attawhid / Tawhid"},
	{From: "az", At: Start, Before: "z", MinRest: 4, Example: "Azzawahiri / Zawahiri"},
	{From: "an", At: Start, Before: "n", MinRest: 4, Example: "Annusra / Nusra"},
	{From: "es", At: Start, Before: "s", MinRest: 4, Example: "Essatty / Satty"},
	{From: "en", At: Start, Before: "n", MinRest: 4, Example: "Ennahda / Nahda"},
	// "Servant of": Abd al-, Abdel, Abdul, Abdoul all begin Abd.
	{From: "abdel", To: "abd", At: Start, Example: "Abdelbaki / Abdulbaqi"},
	{From: "abdul", To: "abd", At: Start, Example: "Abdullatif / Abdellatif"},
	{From: "abdal", To: "abd", At: Start, Example: "Abdalrahman / Abdulrahman"},
	{From: "abdoul", To: "abd", At: Start, Example: "Abdoulaye / Abdulaye"},
	{From: "abdol", To: "abd", At: Start, Example: "Abdolreza / Abdulreza"},
	// "Son of".
	{From: "ibn", To: "ban", At: Whole, Example: "Ibn / Bin"},

	// Consonants written with several letters.
	{From: "dsch", To: "j", Example: "Dschihad / Jihad"},
	{From: "tsch", To: "c", Example: "Tschetschenien / Chechenien"},
	{From: "sch", To: "c", Example: "Schmidt / Shmidt"},
	{From: "tch", To: "c", Example: "Tchetchenie / Chechenie"},
	{From: "sh", To: "c", Example: "Rashid / Rachid"},
	{From: "ch", To: "c", Example: "Cherif / Sharif"},
	{From: "kh", To: "x", Example: "Khaled / Khalid"},
	{From: "gh", To: "j", Example: "Baghdadi / Bagdadi"},
	{From: "dj", To: "j", Example: "Djamel / Jamal"},
	{From: "dh", To: "d", Example: "Riyadh / Riyad"},
	{From: "th", To: "t", Example: "Uthman / Utman"},
	{From: "ph", To: "f", Example: "Mustapha / Mustafa"},
	{From: "ck", To: "k", Example: "Zack / Zak"},
	// A final h after a vowel is silent (ta marbuta, -ah, -eh).
	{From: "h", At: End, After: "aeiouy", Example: "Nusrah / Nusra"},

	// Vowels and semivowels: one vowel class.
	{From: "a", To: "a", Example: "Muhammad / Muhammed"},
	{From: "e", To: "a", Example: "Laden / Ladin"},
	{From: "i", To: "a", Example: "Saeed / Said"},
	{From: "o", To: "a", Example: "Osama / Usama"},
	{From: "u", To: "a", Example: "Oussama / Usama"},
	{From: "y", To: "a", Example: "Reyaad / Riad"},
	{From: "w", To: "a", Example: "Awlaki / Aulaqi"},
	{From: "v", To: "a", Example: "Tanveer / Tanweer"},

	// Single consonants.
	{From: "c", To: "s", Before: "eiy", Example: "Cisse / Sisse"},
	{From: "c", To: "k", Example: "Coulibaly / Koulibaly"},
	{From: "g", To: "j", Example: "Golani / Jawlani"},
	{From: "q", To: "k", Example: "Qassem / Kassem"},
	{From: "x", To: "ks", Example: "Alexander / Aleksander"},
	{From: "b", To: "b", Example: "Abu / Abou"},
	{From: "d", To: "d", Example: "Adnani / Adnany"},
	{From: "f", To: "f", Example: "Hafiz / Hafez"},
	{From: "h", To: "h", Example: "Hamza / Hamzah"},
	{From: "j", To: "j", Example: "Jolani / Julani"},
	{From: "k", To: "k", Example: "Kassim / Qasim"},
	{From: "l", To: "l", Example: "Julani / Jolani"},
	{From: "m", To: "m", Example: "Mohamed / Mohammed"},
	{From: "n", To: "n", Example: "Hussain / Hussein"},
	{From: "p", To: "p", Example: "Pasdaran / Pasdaraan"},
	{From: "r", To: "r", Example: "Rauf / Raouf"},
	{From: "s", To: "s", Example: "Hassan / Hasan"},
	{From: "t", To: "t", Example: "Tanweer / Tanwir"},
	{From: "z", To: "z", Example: "Zarqawi / Zarqaoui"},
}

// vowel is the phonetic vowel.
const vowel = 'a'

// rulesByFirst indexes Rules by the first letter of From, keeping their
// order, so that folding a letter tries only the rules that can match.
var rulesByFirst = func() (t [128][]int) {
	for i, r := range Rules {
		c := r.From[0]
		t[c] = append(t[c], i)
	}
	return t
}()

// isLatinWord reports whether w holds only ASCII letters a-z: the words
// that the table folds. Words with digits or other scripts are literal.
func isLatinWord(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Phonetic returns the phonetic form of a folded Latin-script word (see
// Rules), appending it to dst. Words that are not all ASCII letters come
// back unchanged. The result is never longer than twice the word.
func Phonetic(dst []byte, w string) []byte {
	if !isLatinWord(w) {
		return append(dst, w...)
	}
	start := len(dst)
	for i := 0; i < len(w); {
		applied := false
		for _, ri := range rulesByFirst[w[i]] {
			r := &Rules[ri]
			if !r.matches(w, i) {
				continue
			}
			for j := 0; j < len(r.To); j++ {
				if c := r.To[j]; len(dst) == start || dst[len(dst)-1] != c {
					dst = append(dst, c)
				}
			}
			i += len(r.From)
			applied = true
			break
		}
		if !applied { // unreachable: every letter has a rule (TestRulesClosed)
			dst = append(dst, w[i])
			i++
		}
	}
	return dst
}

// matches reports whether r applies to w at position i.
func (r *Rule) matches(w string, i int) bool {
	end := i + len(r.From)
	switch r.At {
	case Start:
		if i != 0 || len(w)-end < r.MinRest {
			return false
		}
	case End:
		if end != len(w) {
			return false
		}
	case Whole:
		if i != 0 || end != len(w) {
			return false
		}
	}
	if end > len(w) || w[i:end] != r.From {
		return false
	}
	if r.Before != "" && (end >= len(w) || strings.IndexByte(r.Before, w[end]) < 0) {
		return false
	}
	if r.After != "" && (i == 0 || strings.IndexByte(r.After, w[i-1]) < 0) {
		return false
	}
	return true
}

// skeleton appends the consonants of a phonetic form to dst.
func skeleton(dst []byte, phon []byte) []byte {
	for _, c := range phon {
		if c != vowel {
			dst = append(dst, c)
		}
	}
	return dst
}

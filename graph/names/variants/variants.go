// Package variants makes names and variant spellings of them, for the
// property tests and benchmarks of package names: names built from parts
// of Arabic, South Asian, French and English names, and spellings changed
// the way transliterations and typing change them.
package variants

import (
	"math/rand/v2"
	"strings"
)

var (
	given = []string{
		"Mohammed", "Ahmed", "Ali", "Omar", "Abdullah", "Youssef", "Khalid", "Hassan", "Hussein", "Ibrahim",
		"Mustafa", "Tariq", "Karim", "Rachid", "Said", "Samir", "Nabil", "Walid", "Hamza", "Bilal",
		"Ayman", "Osama", "Anwar", "Amedy", "Cherif", "Hayat", "Fatima", "Aisha", "Khadija", "Zainab",
		"Junaid", "Shehzad", "Tanveer", "Imran", "Asif", "Faisal", "Salman", "Reyaad", "Qassem", "Jalal",
		"Abdelhamid", "Abdelkader", "Seifeddine", "Nasreddine", "Djamel", "Mehdi", "Yacine", "Sofiane", "Karima", "Samira",
		"James", "Thomas", "Daniel", "Michael", "Sarah", "Emma", "Pierre", "Jean", "Nicolas", "Sophie",
	}
	family = []string{
		"Kouachi", "Coulibaly", "Boumeddiene", "Zawahiri", "Baghdadi", "Adnani", "Jawlani", "Maqdisi", "Zarqawi", "Awlaki",
		"Emwazi", "Rezgui", "Kassim", "Rauf", "Hussain", "Khan", "Mateen", "Azhar", "Tanweer", "Sheikh",
		"Siddiqui", "Masood", "Abedi", "Butt", "Uddin", "Shah", "Soleimani", "Azizi", "Mourafik", "Satty",
		"Abaaoud", "Abdeslam", "Benali", "Belkacem", "Bouhlel", "Haddad", "Mansour", "Nasser", "Qureshi", "Rahman",
		"Saleh", "Tahir", "Yusuf", "Zaidi", "Ansari", "Bakri", "Darwish", "Farouk", "Ghanem", "Hamdan",
		"Smith", "Jones", "Brown", "Taylor", "Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefebvre",
	}
	nisba = []string{"Masri", "Suri", "Iraqi", "Libi", "Britani", "Tunisi", "Shami", "Yemeni", "Maghribi", "Hindi"}
)

// Name returns a person's name built from the lists above and a random
// number of parts: a given name and a family name, sometimes a second
// given name, a kunya (Abu ...), an article, a nisba.
func Name(rng *rand.Rand) string {
	var parts []string
	if rng.IntN(6) == 0 {
		parts = append(parts, "Abu")
	}
	parts = append(parts, given[rng.IntN(len(given))])
	if rng.IntN(4) == 0 {
		parts = append(parts, given[rng.IntN(len(given))])
	}
	if rng.IntN(8) == 0 {
		parts = append(parts, "bin", given[rng.IntN(len(given))])
	}
	f := family[rng.IntN(len(family))]
	if rng.IntN(4) != 0 {
		f = Surname(rng)
	}
	if rng.IntN(3) == 0 {
		f = "al-" + f
	}
	parts = append(parts, f)
	if rng.IntN(10) == 0 {
		parts = append(parts, "al-"+nisba[rng.IntN(len(nisba))])
	}
	return strings.Join(parts, " ")
}

var (
	syllables = []string{
		"ba", "bou", "da", "dja", "fa", "ga", "gha", "ha", "ja", "ka", "kha", "la", "ma", "mou", "na", "qa",
		"ra", "sa", "sha", "ta", "wa", "ya", "za", "be", "de", "fe", "he", "ke", "le", "me", "ne", "re",
		"se", "te", "bi", "di", "fi", "hi", "ki", "li", "mi", "ni", "ri", "si", "ti", "zi", "bo", "do",
		"ko", "lo", "mo", "no", "ro", "so", "to", "bu", "du", "ku", "lu", "mu", "nu", "ru", "su", "tu",
	}
	codas   = []string{"", "", "r", "l", "n", "m", "d", "b", "s", "k", "q", "z", "t", "h"}
	endings = []string{"i", "ani", "awi", "ouni", "iri", "ari", "aoui", "et", "ar", "an", "ia", "ine", "oud", "el", "a", ""}
)

// Surname returns a made-up surname of two or three syllables with an
// Arabic, Maghrebi or South Asian ending: about a hundred thousand of them
// occur, so that a million generated names are as varied as real ones.
func Surname(rng *rand.Rand) string {
	var b []byte
	for n := 2 + rng.IntN(2); n > 0; n-- {
		b = append(b, syllables[rng.IntN(len(syllables))]...)
		b = append(b, codas[rng.IntN(len(codas))]...)
	}
	b = append(b, endings[rng.IntN(len(endings))]...)
	b[0] -= 'a' - 'A'
	return string(b)
}

// swaps are spellings that transliterations exchange, both ways.
var swaps = [][2]string{
	{"ou", "u"}, {"o", "u"}, {"sh", "ch"}, {"q", "k"}, {"ee", "i"}, {"j", "g"}, {"e", "a"}, {"i", "e"},
	{"y", "i"}, {"w", "u"}, {"ph", "f"}, {"kh", "h"}, {"dh", "d"}, {"aa", "a"}, {"ss", "s"}, {"mm", "m"},
	{"dd", "d"}, {"al-", "el-"}, {"al-", ""}, {"Abu", "Abou"}, {"bin", "ben"}, {"-", " "}, {"'", ""},
}

// Mutate returns s changed once or twice the way spellings vary: a
// transliteration swap, a doubled or dropped letter, a typo, words
// swapped, a word dropped or added. It may return s unchanged.
func Mutate(rng *rand.Rand, s string) string {
	for n := 1 + rng.IntN(2); n > 0; n-- {
		s = mutateOnce(rng, s)
	}
	return s
}

func mutateOnce(rng *rand.Rand, s string) string {
	if s == "" {
		return s
	}
	switch rng.IntN(8) {
	case 0, 1, 2: // transliteration swap
		sw := swaps[rng.IntN(len(swaps))]
		if rng.IntN(2) == 0 {
			sw[0], sw[1] = sw[1], sw[0]
		}
		if sw[0] != "" && strings.Contains(s, sw[0]) {
			return strings.Replace(s, sw[0], sw[1], 1)
		}
		return s
	case 3: // double a letter
		i := rng.IntN(len(s))
		return s[:i+1] + s[i:]
	case 4: // drop a letter
		i := rng.IntN(len(s))
		return s[:i] + s[i+1:]
	case 5: // typo: replace a letter
		i := rng.IntN(len(s))
		return s[:i] + string(rune('a'+rng.IntN(26))) + s[i+1:]
	case 6: // word order
		w := strings.Fields(s)
		if len(w) > 1 {
			i := rng.IntN(len(w) - 1)
			w[i], w[i+1] = w[i+1], w[i]
		}
		return strings.Join(w, " ")
	default: // drop or add a word
		w := strings.Fields(s)
		if len(w) > 1 && rng.IntN(2) == 0 {
			i := rng.IntN(len(w))
			w = append(w[:i], w[i+1:]...)
		} else {
			w = append(w, family[rng.IntN(len(family))])
		}
		return strings.Join(w, " ")
	}
}

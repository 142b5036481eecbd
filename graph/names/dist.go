package names

// osa returns the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent
// letters, each costing one, no substring edited twice), or max+1 when it
// is more than max. It allocates nothing for words up to 64 letters; longer
// ones are compared on their first 64 letters.
//
// This is the Damerau-Levenshtein distance that names needs: one typo is
// one edit, including two swapped letters ("Zawahrii"). It is bounded and
// works on three rows on the stack, which BenchmarkDistance measures
// against github.com/agnivade/levenshtein and github.com/hbollon/go-edlib.
func osa(a, b []byte, max int) int {
	const maxLen = 64
	if len(a) > maxLen {
		a = a[:maxLen]
	}
	if len(b) > maxLen {
		b = b[:maxLen]
	}
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if len(a) == 0 || len(b) == 0 {
		return len(a) + len(b)
	}
	var r0, r1, r2 [maxLen + 1]uint8
	prev2, prev, cur := r0[:len(b)+1], r1[:len(b)+1], r2[:len(b)+1]
	for j := range prev {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(i)
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if int(low) > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if d := int(prev[len(b)]); d <= max {
		return d
	}
	return max + 1
}

// within1 reports whether osa(a, b, 1) <= 1, in one pass: after their
// common prefix and suffix, what is left must be one letter on one side
// (inserted), one on each (replaced), or two swapped.
func within1(a, b []byte) bool {
	if d := len(a) - len(b); d > 1 || d < -1 {
		return false
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	a, b = a[p:], b[p:]
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	switch {
	case len(a)+len(b) <= 1:
		return true
	case len(a) == 1 && len(b) == 1:
		return true
	case len(a) == 2 && len(b) == 2:
		return a[0] == b[1] && a[1] == b[0]
	}
	return false
}

// Distance returns the optimal string alignment distance between the
// bytes of a and b (see osa), or max+1 when it is more than max; words
// longer than 64 bytes are compared on their first 64. The scorer uses it
// on phonetic forms; it is exported for comparison with other libraries
// (bench/namedist).
func Distance(a, b string, max int) int { return osa([]byte(a), []byte(b), max) }

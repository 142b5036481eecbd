package names

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// The exact lookups of name resolution (a store's Resolve), which never
// guess: the ids with a name or alias equal to a reference, and those
// with a name or alias of which every word of the reference begins a
// word. Each first finds a superset of the answer through the keys, then
// checks every id of it against its names, in chunks: the read lock is
// released between chunks, so that a reference matching many actors holds
// up no writer. An id changed between two chunks is checked as it is
// then.

// lookupChunk is how many ids are checked under one hold of the lock.
const lookupChunk = 1024

// Exact returns, in increasing order, the ids with a name or alias whose
// folded form (graph.NormalizeName) is folded.
func (ix *Index) Exact(ctx context.Context, folded string) ([]uint32, error) {
	var f form
	f.parse(folded)
	if len(f.toks) == 0 {
		return nil, nil
	}
	// A name equal to folded has every one of its words: probe the word
	// whose key is rarest.
	ix.mu.RLock()
	var key []byte
	best := -1
	for i := range f.toks {
		k := storedKey(&f.toks[i])
		if c := ix.count(k); best < 0 || c < best {
			key, best = k, c
		}
	}
	var cands []uint32
	ix.eachPosting(key, func(id uint32, _ payload) { cands = append(cands, id) })
	ix.mu.RUnlock()
	return ix.check(ctx, cands, func(names []string) bool { return slices.Contains(names, folded) })
}

// WordPrefix returns, in increasing order, the ids with a name or alias
// of which every word of folded begins a word (graph.MatchScore at least
// graph.ScoreWordsAlias: the third tier of Resolve).
//
// A word of three letters or more begins a stored word only if the stored
// word has the prefix key of its first three letters, or is the word
// itself (three letters, its own key); the rarest such word of folded
// gives the candidates, with the ids whose names are too long to have
// keys for all their words. A reference of shorter words only (or of the
// three-letter forms of the article, which are not keyed) is checked
// against every id.
func (ix *Index) WordPrefix(ctx context.Context, folded string) ([]uint32, error) {
	if folded == "" {
		return nil, nil
	}
	match := func(names []string) bool {
		return len(names) > 0 && graph.MatchScore(folded, names[0], names[1:]) >= graph.ScoreWordsAlias
	}
	var keys [][]byte
	for _, w := range strings.Fields(folded) {
		n := utf8.RuneCountInString(w)
		if n < prefixLen || n == prefixLen && (articles[w] || assimilated[w] != "") {
			continue
		}
		wk := [][]byte{[]byte(string(prefixMark) + firstRunes(w, prefixLen))}
		if n == prefixLen {
			var f form
			f.parse(w)
			wk = append(wk, slices.Clone(storedKey(&f.toks[0])))
		}
		if len(keys) == 0 || ix.costOf(wk) < ix.costOf(keys) {
			keys = wk
		}
	}
	if len(keys) == 0 {
		return ix.scan(ctx, match)
	}
	ix.mu.RLock()
	var cands []uint32
	for _, k := range keys {
		ix.eachPosting(k, func(id uint32, _ payload) { cands = append(cands, id) })
	}
	for id := range ix.long {
		cands = append(cands, id)
	}
	ix.mu.RUnlock()
	slices.Sort(cands)
	return ix.check(ctx, slices.Compact(cands), match)
}

// costOf is the number of postings of keys.
func (ix *Index) costOf(keys [][]byte) int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := 0
	for _, k := range keys {
		n += ix.count(k)
	}
	return n
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// check returns, in increasing order, the ids of cands whose folded names
// satisfy match.
func (ix *Index) check(ctx context.Context, cands []uint32, match func(names []string) bool) ([]uint32, error) {
	slices.Sort(cands)
	cands = slices.Compact(cands)
	var out []uint32
	var names []string
	for start := 0; start < len(cands); start += lookupChunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ix.mu.RLock()
		for _, id := range cands[start:min(start+lookupChunk, len(cands))] {
			names = names[:0]
			entryNames(ix.entry(id), func(f string) { names = append(names, f) })
			if match(names) {
				out = append(out, id)
			}
		}
		ix.mu.RUnlock()
	}
	return out, nil
}

// scan returns, in increasing order, the ids whose folded names satisfy
// match, checking every id.
func (ix *Index) scan(ctx context.Context, match func(names []string) bool) ([]uint32, error) {
	var out []uint32
	var names []string
	for start := 0; ; start += lookupChunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ix.mu.RLock()
		n := len(ix.offs)
		for id := start; id < min(start+lookupChunk, n); id++ {
			names = names[:0]
			entryNames(ix.entry(uint32(id)), func(f string) { names = append(names, f) })
			if len(names) > 0 && match(names) {
				out = append(out, uint32(id))
			}
		}
		ix.mu.RUnlock()
		if start+lookupChunk >= n {
			return out, nil
		}
	}
}

package names

import (
	"slices"
)

// Probes returns the keys whose actors a store must fetch and score for
// this query, sorted and without repeats. freq, if not nil, says how many
// stored actors have a key (it may be an estimate, or count repeats): it
// only decides which words to probe, so that the rarest are chosen, and
// never changes the hits (see the package documentation). A nil freq
// prefers the words with the longest skeletons.
func (q *Query) Probes(freq func(key string) int) []string {
	var cost func(k []byte) int
	if freq != nil {
		cost = func(k []byte) int { return freq(string(k)) }
	}
	chosen := q.choose(cost)
	var out []string
	q.visitChosen(chosen, func(k []byte) { out = append(out, string(k)) })
	slices.Sort(out)
	return slices.Compact(out)
}

// choose picks the query tokens to probe: the cheapest first (by cost,
// summed over each token's probes; by a skeleton-length estimate when cost
// is nil) until the tokens left out weigh too little for a name matching
// only them to reach MinScore. The scorer gives a name that matches only
// query words of total weight M at most ScoreSimilar×M/W (W: the query's
// weight), and an exact match matches every word; so a name that scores
// at least MinScore matches a chosen token, and with it shares a key.
func (q *Query) choose(cost func(k []byte) int) []bool {
	toks := q.f.toks
	chosen := make([]bool, len(toks))
	if len(toks) == 0 {
		return chosen
	}
	costs := make([]int, len(toks))
	for i := range toks {
		t := &toks[i]
		if cost == nil {
			costs[i] = estimate(t)
			continue
		}
		c := 0
		visitProbes(t, func(k []byte) { c += cost(k) })
		for _, j := range q.joinsOf(i) {
			visitProbes(&q.f.joins[j], func(k []byte) { c += cost(k) })
		}
		costs[i] = c
	}
	order := make([]int, len(toks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if costs[a] != costs[b] {
			return costs[a] - costs[b]
		}
		return toks[b].weight - toks[a].weight
	})
	left := q.f.weight
	for _, i := range order {
		if ScoreSimilar*left/q.f.weight < MinScore {
			break
		}
		chosen[i] = true
		left -= toks[i].weight
	}
	return chosen
}

// estimate guesses how common a token's keys are without counting: words
// with more consonants are rarer; literal words (numbers) are rare.
func estimate(t *token) int {
	if t.literal {
		return 1
	}
	return 1 << max(0, 12-2*len(t.skel))
}

// joinsOf returns the joins that token i is part of.
func (q *Query) joinsOf(i int) []int {
	var out []int
	if i > 0 && q.f.joins[i-1].weight > 0 {
		out = append(out, i-1)
	}
	if i < len(q.f.joins) && q.f.joins[i].weight > 0 {
		out = append(out, i)
	}
	return out
}

// visitChosen visits the probes of the chosen tokens and of every join
// with a chosen token in it.
func (q *Query) visitChosen(chosen []bool, visit func([]byte)) {
	for i := range q.f.toks {
		if chosen[i] {
			visitProbes(&q.f.toks[i], visit)
		}
	}
	for j := range q.f.joins {
		if q.f.joins[j].weight > 0 && (chosen[j] || chosen[j+1]) {
			visitProbes(&q.f.joins[j], visit)
		}
	}
}

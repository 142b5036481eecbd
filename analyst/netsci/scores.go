package netsci

import "sort"

// Scores holds one value per node of a graph: a centrality measure.
type Scores struct {
	g *Graph
	// Values[v] is node v's score; see the function that made it for the
	// definition.
	Values []float64
}

// Ranked is a node with its score and its rank (1 for the highest).
type Ranked struct {
	Rank  int     `json:"rank"`
	Node  int     `json:"-"`
	ID    string  `json:"id"`
	Value float64 `json:"value"`
}

// Of returns the score of the node with the given id, and false if the id
// is not in the graph.
func (s Scores) Of(id string) (float64, bool) {
	v, ok := s.g.Index(id)
	if !ok {
		return 0, false
	}
	return s.Values[v], true
}

// Top returns the k best nodes (all of them if k <= 0 or k > N) in a total
// order: score descending, then id ascending. Equal scores share nothing:
// ranks are 1, 2, 3... in that order.
func (s Scores) Top(k int) []Ranked {
	return top(s.g, s.Values, k)
}

func top(g *Graph, vals []float64, k int) []Ranked {
	n := len(vals)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	// Node numbers follow id order, so comparing numbers compares ids.
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if vals[a] != vals[b] {
			return vals[a] > vals[b]
		}
		return a < b
	})
	if k <= 0 || k > n {
		k = n
	}
	out := make([]Ranked, k)
	for i := range out {
		v := int(order[i])
		out[i] = Ranked{Rank: i + 1, Node: v, ID: g.ids[v], Value: vals[v]}
	}
	return out
}

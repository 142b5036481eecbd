package netsci

import (
	"math/bits"
	"math/rand/v2"
)

// rng is the package's seeded random source: PCG (math/rand/v2, whose
// output for a given seed is fixed by its specification) with the bounded
// draws written here, so that a seed gives the same samples and the same
// communities with every Go release.
type rng struct{ src *rand.PCG }

// seedStream separates this package's streams from other users of PCG
// with the same seed.
const seedStream = 0x6e65747363692d31 // "netsci-1"

func newRNG(seed uint64) *rng { return &rng{src: rand.NewPCG(seed, seedStream)} }

// below returns a uniform integer in [0, n), n > 0 (Lemire's method with
// rejection, so there is no modulo bias).
func (r *rng) below(n int) int {
	bound := uint64(n)
	for {
		x := r.src.Uint64()
		hi, lo := bits.Mul64(x, bound)
		if lo >= bound || lo >= (-bound)%bound {
			return int(hi)
		}
	}
}

// shuffle permutes xs uniformly (Fisher–Yates).
func (r *rng) shuffle(xs []int32) {
	for i := len(xs) - 1; i > 0; i-- {
		j := r.below(i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// sample returns k distinct nodes of 0..n-1 chosen uniformly, k <= n, in
// the order drawn (a partial Fisher–Yates shuffle).
func (r *rng) sample(n, k int) []int32 {
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	for i := 0; i < k; i++ {
		j := i + r.below(n-i)
		all[i], all[j] = all[j], all[i]
	}
	return all[:k:k]
}

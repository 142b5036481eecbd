package names

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph/names/variants"
)

func TestDiagBound(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rng := rand.New(rand.NewPCG(1, 7))
	q, _ := Parse("Abu Ayman Imran al-Surtadani")
	shown := 0
	hist := map[string]int{}
	for range 300000 {
		name := variants.Name(rng)
		b := q.Bound(name, nil)
		if b < MinScore {
			continue
		}
		h := q.Match(name, nil)
		key := fmt.Sprintf("%d->%d", b/20*20, h.Score/20*20)
		hist[key]++
		if shown < 15 && h.Score < MinScore {
			fmt.Println(b, h.Score, name)
			shown++
		}
	}
	fmt.Println(hist)
}

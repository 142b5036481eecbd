package analyst

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// TestSeriesMemoryBound: a series that would keep more than
// seriesMaxValues values (actors × years) is refused, naming the bound and
// the years that fit.
func TestSeriesMemoryBound(t *testing.T) {
	st, err := embedded.Open(t.Context(), embedded.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	b := graphtest.Fixture()
	if _, err := st.Import(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	svc := New(Deps{Store: st})
	defer func(v int64) { seriesMaxValues = v }(seriesMaxValues)
	seriesMaxValues = int64(len(b.Actors)) * 10
	_, err = svc.Centrality(t.Context(), CentralityQuery{Series: Years{From: 2001, To: 2011}})
	if graph.ErrorCode(err) != graph.ETOOLARGE || !strings.Contains(err.Error(), "at most 10 years, not 11") || !strings.Contains(err.Error(), "analysis.max_years") {
		t.Errorf("11 years: %v", err)
	}
	if _, err := svc.Centrality(t.Context(), CentralityQuery{Series: Years{From: 2001, To: 2010}}); err != nil {
		t.Errorf("10 years: %v", err)
	}
}

package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestSummarise(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 200)
	for i := range hundred {
		hundred[i] = 200 - i // 200 .. 1, unsorted
	}
	tests := []struct {
		in   []time.Duration
		want Timings
	}{
		{nil, Timings{}},
		{ms(5), Timings{N: 1, P50: 5, P99: 5, Mean: 5, Max: 5}},
		{ms(4, 1, 3, 2), Timings{N: 4, P50: 2.5, P99: 4, Mean: 2.5, Max: 4}},
		{ms(hundred...), Timings{N: 200, P50: 100.5, P99: 198, Mean: 100.5, Max: 200}},
	}
	for _, tt := range tests {
		if got := Summarise(tt.in); got != tt.want {
			t.Errorf("Summarise(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPairsRoundTrip(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e"}
	pairs := RandomPairs(ids, 50, 42)
	for _, p := range pairs {
		if p.From == p.To {
			t.Fatalf("pair joins %s to itself", p.From)
		}
	}
	if !reflect.DeepEqual(pairs, RandomPairs(ids, 50, 42)) {
		t.Fatal("RandomPairs is not deterministic")
	}
	path := filepath.Join(t.TempDir(), "p")
	var buf bytes.Buffer
	if err := WritePairs(&buf, "test", pairs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPairs(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, pairs) {
		t.Fatalf("read %v, wrote %v", got, pairs)
	}
	if err := os.WriteFile(path, []byte("a b c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadPairs(path); err == nil {
		t.Fatal("ReadPairs accepted a line with three fields")
	}
}

func TestRSS(t *testing.T) {
	total, anon, file, err := RSS()
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	if total <= 0 || anon <= 0 || anon+file > total+(1<<20) {
		t.Fatalf("RSS() = %d, %d, %d: want a positive total of at least its parts", total, anon, file)
	}
}

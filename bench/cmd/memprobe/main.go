// Command memprobe measures the memory of a loaded embedded store in a
// process of its own, so that nothing else (the bundle, the import) is in
// it:
//
//	go run ./bench/cmd/memprobe -dir bench/data/store-ba100k
//
// It reads the process's resident set (VmRSS, and its anonymous and
// file-backed parts, from /proc/self/status) after a GC at start, opens the
// store in -dir (which builds the in-memory index from the bbolt file),
// collects garbage and returns freed memory to the OS, reads it again, and
// divides the difference by the store's relations. The file-backed part is
// the bbolt memory map of the pages the open touched: it holds every
// relation's evidence and can be dropped by the kernel; the anonymous part
// is the index, which holds no evidence.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"github.com/actorgraph/actorgraph/bench"
	"github.com/actorgraph/actorgraph/bench/benchstore"
)

type sample struct {
	RSS, Anon, File int64
	HeapInuse       uint64
}

func measure() (sample, error) {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t, a, f, err := bench.RSS()
	return sample{t, a, f, ms.HeapInuse}, err
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "memprobe:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", "", "store directory written by pathbench -keep")
	out := flag.String("out", "", "write the result as JSON here")
	flag.Parse()
	if *dir == "" {
		return fmt.Errorf("-dir is required")
	}
	ctx := context.Background()
	before, err := measure()
	if err != nil {
		return err
	}
	s, err := benchstore.OpenStore(ctx, *dir)
	if err != nil {
		return err
	}
	after, err := measure()
	if err != nil {
		return err
	}
	st, err := s.Stats(ctx, 1)
	if err != nil {
		return err
	}
	runtime.KeepAlive(s)
	if err := s.Close(); err != nil {
		return err
	}
	rel := float64(st.Relations)
	res := map[string]any{
		"actors": st.Actors, "relations": st.Relations, "evidence": st.Evidence,
		"rss_before": before.RSS, "rss_after": after.RSS,
		"bytes_per_relation":      float64(after.RSS-before.RSS) / rel,
		"anon_bytes_per_relation": float64(after.Anon-before.Anon) / rel,
		"file_bytes_per_relation": float64(after.File-before.File) / rel,
		"heap_bytes_per_relation": float64(after.HeapInuse-before.HeapInuse) / rel,
	}
	mib := func(b int64) float64 { return float64(b) / (1 << 20) }
	fmt.Printf("%s: %d actors, %d relations\n", *dir, st.Actors, st.Relations)
	fmt.Printf("RSS %.0f MiB -> %.0f MiB (anon %.0f -> %.0f, file %.0f -> %.0f)\n",
		mib(before.RSS), mib(after.RSS), mib(before.Anon), mib(after.Anon), mib(before.File), mib(after.File))
	fmt.Printf("per relation: %.0f B whole-process RSS (%.0f B anonymous, %.0f B file-backed bbolt map; Go heap in use %.0f B)\n",
		res["bytes_per_relation"], res["anon_bytes_per_relation"], res["file_bytes_per_relation"], res["heap_bytes_per_relation"])
	if *out != "" {
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return err
		}
		data, err := json.MarshalIndent(res, "", " ")
		if err != nil {
			return err
		}
		return os.WriteFile(*out, data, 0o644)
	}
	return nil
}

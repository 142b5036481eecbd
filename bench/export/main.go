// Command export measures whole-graph exports through the HTTP API:
// relations per second and the server's resident memory before, during and
// after each download.
//
// Against a running server (the real measurement; run.sh sets it up):
//
//	go run ./bench/export -url http://127.0.0.1:8080 -pid $(pidof actorgraph) -formats csv,ndjson,gexf
//
// It GETs <url>/v1/export?format=F for each format, streams the body to
// nothing while sampling VmRSS of the server process from /proc/<pid>/status
// every 50 ms, and prints one line per format. The relation count comes
// from GET /v1/stats. VmHWM is the process's lifetime peak, so the peak
// during a download is the largest VmRSS sample taken during it.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "server base URL")
	pid := flag.Int("pid", 0, "server process id, for /proc/<pid>/status")
	formats := flag.String("formats", "csv,ndjson,gexf", "comma-separated formats")
	path := flag.String("path", "/v1/export", "endpoint that takes ?format=")
	synthetic := flag.Bool("synthetic", false, "measure the writers alone: start a store-less child server that generates the graph")
	serve := flag.Bool("serve-synthetic", false, "(internal) be that child server")
	actors := flag.Int("actors", 1_000_000, "actors of the -synthetic graph")
	relations := flag.Int("relations", 5_000_000, "relations of the -synthetic graph")
	flag.Parse()
	if *serve {
		if err := serveSynthetic(*actors, *relations); err != nil {
			fmt.Fprintln(os.Stderr, "export:", err)
			os.Exit(1)
		}
		return
	}
	if *synthetic {
		u, cmd, err := startSynthetic(*actors, *relations)
		if err != nil {
			fmt.Fprintln(os.Stderr, "export:", err)
			os.Exit(1)
		}
		*url, *pid = u, cmd.Process.Pid
		fmt.Println("store-less synthetic server (graph/encoding over net/http, no store):")
		err = measure(*url, *path, *pid, strings.Split(*formats, ","))
		cmd.Process.Kill()
		cmd.Wait()
		if err != nil {
			fmt.Fprintln(os.Stderr, "export:", err)
			os.Exit(1)
		}
		return
	}
	if *pid == 0 {
		fmt.Fprintln(os.Stderr, "export: -pid is required (the server's process id)")
		os.Exit(2)
	}
	if err := measure(*url, *path, *pid, strings.Split(*formats, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
}

// mem is a process's resident memory, in KiB: VmRSS, its anonymous part
// (RssAnon: the Go heap and stacks) and its file-backed part (RssFile:
// chiefly bbolt's read-only map of the data file, which is page cache the
// kernel can reclaim), and VmHWM, the lifetime peak of VmRSS.
type mem struct{ rss, anon, file, hwm int64 }

// memory reads process pid's mem from /proc/<pid>/status.
func memory(pid int) (m mem, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			m.rss = v
		case "RssAnon:":
			m.anon = v
		case "RssFile:":
			m.file = v
		case "VmHWM:":
			m.hwm = v
		}
	}
	return m, sc.Err()
}

// peakOf keeps the largest of each field.
func peakOf(a, b mem) mem {
	return mem{max(a.rss, b.rss), max(a.anon, b.anon), max(a.file, b.file), max(a.hwm, b.hwm)}
}

func measure(url, path string, pid int, formats []string) error {
	resp, err := http.Get(url + "/v1/stats")
	if err != nil {
		return err
	}
	var stats struct{ Actors, Relations int }
	err = json.NewDecoder(resp.Body).Decode(&stats)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("/v1/stats: %w", err)
	}
	fmt.Printf("graph: %d actors, %d relations; server pid %d\n", stats.Actors, stats.Relations, pid)
	fmt.Printf("%-8s %8s %9s %12s | %-26s | %-26s | %-26s\n", "", "", "", "", "RSS MiB before/peak/after", "anon MiB before/peak/after", "file MiB before/peak/after")
	fmt.Printf("%-8s %8s %9s %12s |\n", "format", "seconds", "MiB out", "relations/s")
	for _, f := range formats {
		m0, err := memory(pid)
		if err != nil {
			return err
		}
		var mu sync.Mutex
		peak := m0
		done := make(chan struct{})
		go func() {
			t := time.NewTicker(50 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					if m, err := memory(pid); err == nil {
						mu.Lock()
						peak = peakOf(peak, m)
						mu.Unlock()
					}
				}
			}
		}()
		start := time.Now()
		resp, err := http.Get(url + path + "?format=" + f)
		if err != nil {
			close(done)
			return err
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		secs := time.Since(start).Seconds()
		close(done)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %s", f, resp.Status)
		}
		m1, _ := memory(pid)
		mu.Lock()
		p := peakOf(peak, m1)
		mu.Unlock()
		mib := func(a, b, c int64) string {
			return fmt.Sprintf("%6.0f / %6.0f / %6.0f", float64(a)/1024, float64(b)/1024, float64(c)/1024)
		}
		fmt.Printf("%-8s %8.1f %9.1f %12.0f | %-26s | %-26s | %-26s\n", f, secs, float64(n)/(1<<20), float64(stats.Relations)/secs,
			mib(m0.rss, p.rss, m1.rss), mib(m0.anon, p.anon, m1.anon), mib(m0.file, p.file, m1.file))
	}
	return nil
}

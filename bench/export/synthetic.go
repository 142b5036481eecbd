package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

// The -synthetic mode measures the writers alone over HTTP, without a
// store: a child process (this program with -serve-synthetic) generates a
// graph of -actors actors and -relations relations on the fly, in id
// order, and streams it through graph/encoding at /v1/export?format=.
// It isolates the formats' cost and memory from the store's; the numbers
// for the real server come from the -url/-pid mode.

// synthActor is actor i of the generated graph.
func synthActor(i int) graph.Actor {
	kinds := []graph.Kind{graph.Person, graph.Person, graph.Organization, graph.Event, graph.Place}
	a := graph.Actor{ID: fmt.Sprintf("a%07d", i), Kind: kinds[i%len(kinds)], Name: fmt.Sprintf("Actor %d «Ünïcode» عبد", i)}
	if i%3 == 0 {
		a.Aliases = []string{fmt.Sprintf("A-%d", i), "alias, with comma"}
	}
	if i%4 == 0 {
		a.Start = graph.Date{Year: 1950 + i%60}
	}
	return a
}

var synthTypes = []string{"MEMBER_OF", "ASSOCIATE_OF", "FINANCED_BY", "INSPIRED_BY", "BASED_IN"}

// synthEdge is relation i; r supplies the endpoints (a power law on the
// source: low ids are hubs).
func synthEdge(i, actors int, r *rand.Rand) graph.Edge {
	from := int(float64(actors) * r.Float64() * r.Float64() * r.Float64())
	to := r.IntN(actors)
	e := graph.Edge{
		ID: fmt.Sprintf("r%08d", i), Type: synthTypes[i%len(synthTypes)],
		From: fmt.Sprintf("a%07d", from), To: fmt.Sprintf("a%07d", to),
		Confidence: float64(r.IntN(1000)) / 1000, Contested: i%17 == 0, EvidenceCount: 1 + i%3,
		FirstSource: "clarion-2015-01", FirstQuote: "Said and Cherif Kouachi were trained in Yemen in 2011, \"reportedly\" & <more>",
	}
	if i%2 == 0 {
		e.ValidFrom = graph.Date{Year: 2000 + i%20, Month: 1 + i%12}
	}
	return e
}

// serveSynthetic runs the child server on a free port, printing it.
func serveSynthetic(actors, relations int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Println(ln.Addr().String())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/stats", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]int{"actors": actors, "relations": relations})
	})
	mux.HandleFunc("GET /v1/export", func(w http.ResponseWriter, r *http.Request) {
		f, err := encoding.Parse(r.URL.Query().Get("format"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		opts := encoding.Options{Part: r.URL.Query().Get("part")}
		w.Header().Set("Content-Type", f.ContentType(opts))
		ew, err := encoding.NewWriter(w, f, opts)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for i := range actors {
			if ew.Node(synthActor(i)) != nil {
				return
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range relations {
			if ew.Edge(synthEdge(i, actors, rng)) != nil {
				return
			}
		}
		ew.Close()
	})
	return (&http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
}

// startSynthetic starts the child and returns its URL and pid.
func startSynthetic(actors, relations int) (url string, cmd *exec.Cmd, err error) {
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd = exec.Command(self, "-serve-synthetic", "-actors", strconv.Itoa(actors), "-relations", strconv.Itoa(relations))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	var addr string
	if _, err := fmt.Fscanln(out, &addr); err != nil {
		cmd.Process.Kill()
		return "", nil, fmt.Errorf("synthetic server did not start: %w", err)
	}
	return "http://" + addr, cmd, nil
}

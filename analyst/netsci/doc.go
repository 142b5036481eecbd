// Package netsci is the network analysis of actorgraph: centrality,
// communities, brokers between two sets of actors, and the connecting
// network of several actors, over a compact in-memory graph. It depends on
// the standard library and the domain package graph (for error codes)
// only; it knows nothing of stores, HTTP or evidence. The application
// layer builds a Graph from the relations that pass a query's filters,
// runs one of the functions below, and attaches evidence to the node ids
// and node pairs they return.
//
// # The graph the measures run on
//
// Every function runs on a Graph made by a Builder: the undirected simple
// graph of the relations added. Its nodes are the ids given to AddNode plus
// both ends of every AddEdge; two nodes are joined by one edge when at
// least one relation joins them, in either direction; self-loops are
// dropped; parallel and opposite relations are merged into that one edge.
// There are no weights: confidence, dates and types only decide which
// relations are added (the caller filters; for example with
// graph.Store.EachEdge and the query's graph.RelationFilter), and a hop
// is a hop. Nodes are numbered in ascending order of their ids, so the
// same ids and relations give the same Graph in whatever order they were
// added, and every result is the same for the same graph. Whether actors
// without any passing relation are added as isolated nodes is the
// caller's choice; it matters for the measures normalized by N (degree,
// betweenness, closeness, PageRank). Graph.Stats says how many relations
// were offered, dropped as self-loops and merged.
//
// # What each function computes
//
//   - Degree: neighbours/(N-1), networkx's degree_centrality.
//   - Betweenness: shortest-path betweenness normalized as networkx's
//     betweenness_centrality (normalized=True, endpoints=False); exact
//     (Brandes) up to BetweennessOptions.ExactMaxNodes, otherwise
//     estimated from k seeded sources exactly as networkx's
//     betweenness_centrality(k=…) estimates it, with a bound Epsilon that
//     holds for every node at once with probability Confidence
//     (Hoeffding–Serfling and a union bound; see Betweenness).
//   - Closeness: networkx's closeness_centrality (Wasserman–Faust
//     scaling for disconnected graphs: (r-1)/d · (r-1)/(N-1)).
//   - PageRank: networkx's pagerank (alpha 0.85, uniform teleport and
//     dangling redistribution), iterated to a tolerance given in
//     PowerOptions (default far tighter than networkx's).
//   - Eigenvector: networkx's eigenvector_centrality (power iteration on
//     A+I from the uniform vector, Euclidean norm 1).
//   - Communities: Leiden (modularity, resolution γ), seeded, with its
//     modularity, communities ordered by size and members by their
//     neighbours inside (the first members name a community well).
//   - Brokers: actors on the shortest paths between two sets A and B,
//     ranked by the share of those paths through them, with path counts
//     and example paths (AllPairs: every pair (a, b); Nearest: the
//     set-to-set shortest paths); see Brokers and BrokerMode.
//   - Connect: a Steiner tree (Mehlhorn's 2-approximation, SteinerMethod)
//     joining three or more actors, each connection of at most MaxHops
//     edges, returned as edges (node id pairs) and connections (node id
//     paths), with every actor it cannot join named as a Gap with its
//     reason.
//
// These definitions are checked in the package tests against networkx
// (to 1e-9; testdata/reference.py) on the seed graph and on random,
// disconnected and degenerate graphs, and the communities' modularity
// against igraph's multilevel (within 1%).
//
// # Determinism
//
// The same graph and options (seeds included) give the same result, bit
// for bit, whatever the number of goroutines: parallel work is split into
// a fixed number of parts summed in a fixed order. Ranked lists use a
// total order: score descending, then id ascending (Scores.Top, Brokers);
// communities by size, then by their smallest member's id.
//
// # Bounds, cancellation, errors
//
// Every analysis takes a context and checks it every few tens of
// thousands of steps of work; when it is done the function returns its
// error wrapped (errors.Is(err, context.DeadlineExceeded) or
// context.Canceled holds). Every analysis also estimates its work before
// starting (steps: node visits and adjacency entries scanned, see each
// MaxWork option) and refuses work above its MaxWork (DefaultMaxWork when
// zero; negative means no bound) with a *LimitError, which names the bound
// and unwraps to a *graph.Error with code graph.ETOOLARGE; a Builder
// refuses graphs above its BuildLimits the same way. Meaningless options
// give a *graph.Error with code graph.EINVALID. Nothing else fails.
//
// # Concurrency
//
// A Graph is immutable and may be shared by any number of analyses at
// once. Betweenness, Closeness and the AllPairs mode of Brokers use up to
// GOMAXPROCS goroutines (their Workers option); the others use one.
package netsci

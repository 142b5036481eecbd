// Package synth generates synthetic actorgraph bundles for benchmarks and
// load tests: `actorgraph gen` and bench/ use it.
//
// # Degree process
//
// Write uses the Chung–Lu model in its edge-sampling form: every actor gets
// a weight that falls as a power of its rank, and each relation draws its
// two ends independently with probability proportional to those weights.
// The weight of rank r (from 1) is r^(-1/(γ-1)) with γ = Exponent, which
// gives an expected degree distribution P(k) ∝ k^(-γ): a few hubs with
// thousands of relations, a long tail of actors with a handful. Ends are
// drawn by inverting the weights' continuous cumulative distribution in
// closed form, so the process needs no table and no memory: the generator
// holds one relation at a time whatever Options.Relations is.
//
// # Kinds and types
//
// Actors repeat a fixed pattern of kinds every 20 ids: 14 persons, 2
// organizations, 2 events and 2 places. Each relation first draws a type
// from a fixed mix (personal ties, membership, attacks and places weigh
// most) and an allowed (from kind, to kind) pair of that type, then draws
// each end by the power law among the actors of that kind, so every
// relation obeys graph.LookupType(t).Allows(fromKind, toKind) and every
// kind has its own hubs (a few big organizations, countries, attacks). The
// same pair of actors may be joined more than once, as in real data.
//
// # Content
//
// The bundle has one source (SourceID). Every relation carries one short
// piece of evidence quoting it, with a claimant, a stance, a reliability
// and a credibility; about 40% of relations are dated (valid_from, some
// with valid_to) and about 6% are contested, a third of those with refuting
// evidence. Actor ids are a kind letter and the id's number in base 36
// ("p0", "o1", "e2", "l3", "p4"...; see ActorID); relation ids follow the
// from--type--to convention with the relation's number in base 36 as a
// suffix, which keeps them unique without remembering what was written.
//
// Output is deterministic for a given Options (math/rand/v2 PCG seeded
// with Options.Seed).
package synth

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Exponent is γ, the exponent of the degree distribution P(k) ∝ k^(-γ) that
// Write aims for. Real social and terrorist networks measure between 2 and 3;
// Barabási–Albert graphs have 3.
const Exponent = 2.5

// SourceID is the id of the one source that every synthetic relation cites.
const SourceID = "synthetic"

// MinActors is the fewest actors Write accepts when it has relations to
// write: every kind then has at least two actors, so no relation type is
// forced to join an actor to itself.
const MinActors = 20

// Options says what to generate.
type Options struct {
	Actors    int   // number of actors, exactly
	Relations int   // number of relations, exactly
	Seed      int64 // the same seed gives the same bundle
}

// kindPattern is the kind of actor i: kindPattern[i%20]. The first five
// ids already hold every kind and two persons.
var kindPattern = [20]graph.Kind{
	graph.Person, graph.Organization, graph.Event, graph.Place, graph.Person,
	graph.Person, graph.Person, graph.Organization, graph.Person, graph.Person,
	graph.Event, graph.Person, graph.Person, graph.Place, graph.Person,
	graph.Person, graph.Person, graph.Person, graph.Person, graph.Person,
}

// kindIndex numbers the kinds for the tables below.
func kindIndex(k graph.Kind) int {
	switch k {
	case graph.Person:
		return 0
	case graph.Organization:
		return 1
	case graph.Event:
		return 2
	}
	return 3
}

var (
	kindPrefix = [4]string{"p", "o", "e", "l"}
	kindName   = [4]string{"Person", "Organization", "Event", "Place"}
	// slots[k] lists the positions in kindPattern that hold kind k.
	slots = func() (s [4][]int) {
		for i, k := range kindPattern {
			s[kindIndex(k)] = append(s[kindIndex(k)], i)
		}
		return s
	}()
)

// KindOf returns the kind of the actor with number i.
func KindOf(i int) graph.Kind { return kindPattern[i%len(kindPattern)] }

// ActorID returns the id of the actor with number i (0 ≤ i < Actors): its
// kind's letter (p, o, e, l for place) and i in base 36.
func ActorID(i int) string {
	return kindPrefix[kindIndex(KindOf(i))] + strconv.FormatInt(int64(i), 36)
}

// kindCount returns how many of the actors 0..n-1 have kind k.
func kindCount(n, k int) int {
	c := n / len(kindPattern) * len(slots[k])
	for _, s := range slots[k] {
		if s < n%len(kindPattern) {
			c++
		}
	}
	return c
}

// member returns the number of the r-th actor (from 0) of kind k.
func member(k, r int) int {
	per := len(slots[k])
	return r/per*len(kindPattern) + slots[k][r%per]
}

// powerLaw draws ranks 0..n-1 with probability proportional to
// (rank+1)^(-alpha), alpha = 1/(Exponent-1), by inverting the continuous
// distribution x^(-alpha) on [1, n+1).
type powerLaw struct {
	n     int
	span  float64 // (n+1)^(1-alpha) - 1
	power float64 // 1/(1-alpha)
}

func newPowerLaw(n int) powerLaw {
	alpha := 1 / (Exponent - 1)
	return powerLaw{n: n, span: math.Pow(float64(n)+1, 1-alpha) - 1, power: 1 / (1 - alpha)}
}

func (p powerLaw) draw(rng *rand.Rand) int {
	x := math.Pow(1+rng.Float64()*p.span, p.power)
	r := int(x) - 1
	if r >= p.n {
		r = p.n - 1
	}
	if r < 0 {
		r = 0
	}
	return r
}

// typeWeights is the relative frequency of each relation type; types of
// the vocabulary missing here weigh 1.
var typeWeights = map[string]float64{
	"MEMBER_OF": 14, "ASSOCIATE_OF": 12, "COMMUNICATED_WITH": 10, "MET": 6, "TRAVELLED_TO": 6,
	"NATIONAL_OF": 5, "BASED_IN": 5, "PERPETRATED": 4, "OCCURRED_IN": 4, "INSPIRED_BY": 4,
	"PLANNED": 3, "FACILITATED_BY": 3, "RECRUITED_BY": 3, "FINANCED_BY": 2, "DIRECTED_BY": 2,
	"TRAINED_IN": 2, "TRAINED_BY": 2, "TRAINED_WITH": 2, "PLEDGED_ALLEGIANCE_TO": 2, "CLAIMED_BY": 2,
	"ATTRIBUTED_TO": 2, "TARGETED": 2,
}

// kindWeights prefers persons, then organizations, at ends that allow
// several kinds.
var kindWeights = [4]float64{3, 2, 1, 1}

// combo is one relation type with one allowed pair of end kinds.
type combo struct {
	typ      string
	words    string // "member of", for quotes
	kebab    string // "member-of", for ids
	from, to int    // kind indexes
	cum      float64
}

// combos is the cumulative table that relation types and end kinds are
// drawn from; it is built from the vocabulary so it cannot break it.
var combos = func() []combo {
	var out []combo
	total := 0.0
	for _, t := range graph.Vocabulary() {
		w, ok := typeWeights[t.Name]
		if !ok {
			w = 1
		}
		sum := 0.0
		for _, f := range t.From {
			for _, to := range t.To {
				sum += kindWeights[kindIndex(f)] * kindWeights[kindIndex(to)]
			}
		}
		kebab := strings.ToLower(strings.ReplaceAll(t.Name, "_", "-"))
		for _, f := range t.From {
			for _, to := range t.To {
				total += w * kindWeights[kindIndex(f)] * kindWeights[kindIndex(to)] / sum
				out = append(out, combo{typ: t.Name, words: strings.ReplaceAll(kebab, "-", " "), kebab: kebab,
					from: kindIndex(f), to: kindIndex(to), cum: total})
			}
		}
	}
	for i := range out {
		out[i].cum /= total
	}
	return out
}()

func drawCombo(rng *rand.Rand) *combo {
	u := rng.Float64()
	i := sort.Search(len(combos), func(i int) bool { return combos[i].cum > u })
	if i == len(combos) {
		i--
	}
	return &combos[i]
}

var (
	claimants   = []string{"Synthetic analyst", "Synthetic police report", "Synthetic court record", "Synthetic news desk", "Synthetic group claim"}
	memberRoles = []string{"member", "leader", "emir", "spokesman", "commander", "recruiter", "founder"}
	kinRoles    = []string{"cousin", "brother-in-law", "uncle", "nephew"}
)

// Bundle is the bundle Write generates with o, decoded in memory: for
// tests and benchmarks that want the graph rather than its JSON. Write's
// errors, or EINTERNAL if the generated JSON does not decode (a bug).
func Bundle(o Options) (*graph.Bundle, error) {
	var buf bytes.Buffer
	if err := Write(&buf, o); err != nil {
		return nil, err
	}
	b, problems := graph.DecodeBundle(&buf, "synth")
	if len(problems) > 0 {
		return nil, graph.Errorf(graph.EINTERNAL, "the generated bundle does not decode: %v", problems[0])
	}
	return b, nil
}

// Write streams a bundle generated as the package documentation describes
// to w: the source, o.Actors actors, then o.Relations relations. It holds
// one entry at a time, so its memory does not grow with the bundle.
// EINVALID for negative counts, or relations with fewer than MinActors
// actors; otherwise only w's errors, returned as they are.
func Write(w io.Writer, o Options) error {
	if o.Actors < 0 || o.Relations < 0 {
		return graph.Errorf(graph.EINVALID, "actors and relations must not be negative")
	}
	if o.Relations > 0 && o.Actors < MinActors {
		return graph.Errorf(graph.EINVALID, "relations need at least %d actors, so that every kind has two", MinActors)
	}
	out := newOut(w)
	out.header("Synthetic bundle (actorgraph gen, seed " + strconv.FormatInt(o.Seed, 10) + ")")

	// Actors draw from their own stream, so that the relations do not
	// depend on how many random numbers the actors used.
	arng := rand.New(rand.NewPCG(uint64(o.Seed), 0x61637430))
	for i := 0; i < o.Actors; i++ {
		if i > 0 {
			out.b = append(out.b, ',')
		}
		out.actor(i, arng)
		if err := out.flush(false); err != nil {
			return err
		}
	}
	out.b = append(out.b, "],\"relations\":["...)

	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x72656c30))
	var laws [4]powerLaw
	for k := range laws {
		laws[k] = newPowerLaw(kindCount(o.Actors, k))
	}
	for i := 0; i < o.Relations; i++ {
		c := drawCombo(rng)
		from := member(c.from, laws[c.from].draw(rng))
		to := member(c.to, laws[c.to].draw(rng))
		for to == from {
			to = member(c.to, laws[c.to].draw(rng))
		}
		if i > 0 {
			out.b = append(out.b, ',')
		}
		out.relation(rng, i, c, ActorID(from), ActorID(to), true)
		if err := out.flush(false); err != nil {
			return err
		}
	}
	out.b = append(out.b, "]}\n"...)
	return out.flush(true)
}

// out builds the JSON text in b and hands it to a buffered writer. Every
// string it writes is generated here and needs no escaping except the few
// that go through str.
type out struct {
	bw *bufio.Writer
	b  []byte
}

func newOut(w io.Writer) *out {
	return &out{bw: bufio.NewWriterSize(w, 256<<10), b: make([]byte, 0, 4096)}
}

func (o *out) flush(final bool) error {
	if len(o.b) >= 2048 || final {
		if _, err := o.bw.Write(o.b); err != nil {
			return err
		}
		o.b = o.b[:0]
	}
	if final {
		return o.bw.Flush()
	}
	return nil
}

// str appends s as a JSON string.
func (o *out) str(s string) {
	o.b = append(o.b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			o.b = append(o.b, '\\', c)
		case c < 0x20:
			o.b = append(o.b, `\u00`...)
			o.b = append(o.b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			o.b = append(o.b, c)
		}
	}
	o.b = append(o.b, '"')
}

func (o *out) header(title string) {
	o.b = append(o.b, `{"format":"`+graph.BundleFormat+`","sources":[{"id":"`+SourceID+`","title":`...)
	o.str(title)
	o.b = append(o.b, `,"author":"graph/synth"}],"actors":[`...)
}

// year appends a four-digit year.
func (o *out) year(y int) {
	o.b = append(o.b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

func (o *out) two(n int) { o.b = append(o.b, byte('0'+n/10), byte('0'+n%10)) }

func (o *out) actor(i int, rng *rand.Rand) {
	k := kindIndex(KindOf(i))
	num := strconv.FormatInt(int64(i), 36)
	o.b = append(o.b, `{"id":"`...)
	o.b = append(o.b, kindPrefix[k]...)
	o.b = append(o.b, num...)
	o.b = append(o.b, `","kind":"`...)
	o.b = append(o.b, KindOf(i)...)
	o.b = append(o.b, `","name":"`...)
	o.b = append(o.b, kindName[k]...)
	o.b = append(o.b, ' ')
	o.b = strconv.AppendInt(o.b, int64(i), 10)
	o.b = append(o.b, '"')
	if rng.IntN(10) == 0 {
		o.b = append(o.b, `,"aliases":["`...)
		o.b = append(o.b, kindName[k]...)
		o.b = append(o.b, ' ')
		o.b = append(o.b, strings.ToUpper(num)...)
		o.b = append(o.b, `"]`...)
	}
	switch KindOf(i) {
	case graph.Person:
		if rng.IntN(10) < 3 {
			o.b = append(o.b, `,"start":"`...)
			o.year(1950 + rng.IntN(50))
			o.b = append(o.b, '"')
		}
	case graph.Organization:
		if rng.IntN(10) < 3 {
			o.b = append(o.b, `,"start":"`...)
			o.year(1980 + rng.IntN(36))
			o.b = append(o.b, '"')
		}
	case graph.Event:
		if rng.IntN(10) < 9 {
			o.b = append(o.b, `,"start":"`...)
			o.year(1995 + rng.IntN(26))
			o.b = append(o.b, '-')
			o.two(1 + rng.IntN(12))
			o.b = append(o.b, '-')
			o.two(1 + rng.IntN(28))
			o.b = append(o.b, '"')
		}
	}
	o.b = append(o.b, '}')
}

// relation appends relation number i of combo c between the actors from
// and to, with one piece of evidence. With extras it may be dated, have a
// role or be contested; without, it is a plain supported relation.
func (o *out) relation(rng *rand.Rand, i int, c *combo, from, to string, extras bool) {
	num := strconv.FormatInt(int64(i), 36)
	o.b = append(o.b, `{"id":"`...)
	o.b = append(o.b, from...)
	o.b = append(o.b, "--"...)
	o.b = append(o.b, c.kebab...)
	o.b = append(o.b, "--"...)
	o.b = append(o.b, to...)
	o.b = append(o.b, "--"...)
	o.b = append(o.b, num...)
	o.b = append(o.b, `","type":"`...)
	o.b = append(o.b, c.typ...)
	o.b = append(o.b, `","from":"`...)
	o.b = append(o.b, from...)
	o.b = append(o.b, `","to":"`...)
	o.b = append(o.b, to...)
	o.b = append(o.b, '"')
	stance := "supports"
	if extras {
		switch c.typ {
		case "MEMBER_OF":
			if rng.IntN(2) == 0 {
				o.b = append(o.b, `,"role":"`...)
				o.b = append(o.b, memberRoles[rng.IntN(len(memberRoles))]...)
				o.b = append(o.b, '"')
			}
		case "RELATIVE_OF":
			o.b = append(o.b, `,"role":"`...)
			o.b = append(o.b, kinRoles[rng.IntN(len(kinRoles))]...)
			o.b = append(o.b, '"')
		}
		if rng.IntN(10) < 4 {
			y := 1990 + rng.IntN(31)
			o.b = append(o.b, `,"valid_from":"`...)
			o.year(y)
			if rng.IntN(2) == 0 {
				o.b = append(o.b, '-')
				o.two(1 + rng.IntN(12))
			}
			o.b = append(o.b, '"')
			if rng.IntN(7) == 0 {
				o.b = append(o.b, `,"valid_to":"`...)
				o.year(y + 1 + rng.IntN(5))
				o.b = append(o.b, '"')
			}
		}
		if rng.IntN(100) < 6 {
			o.b = append(o.b, `,"contested":true`...)
			if rng.IntN(3) == 0 {
				stance = "refutes"
			}
		}
	}
	o.b = append(o.b, `,"evidence":[{"source":"`+SourceID+`","quote":"Synthetic report `...)
	o.b = append(o.b, num...)
	o.b = append(o.b, ": "...)
	o.b = append(o.b, from...)
	o.b = append(o.b, ' ')
	o.b = append(o.b, c.words...)
	o.b = append(o.b, ' ')
	o.b = append(o.b, to...)
	o.b = append(o.b, `.","claimant":"`...)
	o.b = append(o.b, claimants[rng.IntN(len(claimants))]...)
	o.b = append(o.b, `","stance":"`...)
	o.b = append(o.b, stance...)
	o.b = append(o.b, `","reliability":"`...)
	o.b = append(o.b, "AABBBBCCCDEF"[rng.IntN(12)])
	o.b = append(o.b, `","credibility":`...)
	o.b = append(o.b, "112222333456"[rng.IntN(12)])
	o.b = append(o.b, "}]}"...)
}

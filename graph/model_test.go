package graph

import (
	"regexp"
	"strings"
	"testing"
)

func TestEvidenceScore(t *testing.T) {
	tests := []struct {
		rel  string
		cred int
		want float64
	}{
		{"A", 1, 1},
		{"B", 2, 0.64},
		{"C", 3, 0.36},
		{"D", 3, 0.24},
		{"E", 5, 0.04},
		{"F", 6, 0.25}, // cannot be judged counts as an even chance
		{"", 0, 0.25},  // ungraded likewise
		{"A", 6, 0.5},
		{"Z", 9, 0.25},
	}
	for _, tt := range tests {
		got := Evidence{Reliability: tt.rel, Credibility: tt.cred}.Score()
		if diff := got - tt.want; diff > 1e-12 || diff < -1e-12 {
			t.Errorf("Score(%s%d) = %v, want %v", tt.rel, tt.cred, got, tt.want)
		}
	}
}

func TestRelationDerive(t *testing.T) {
	ev := func(rel string, cred int, stance Stance) Evidence {
		return Evidence{Source: "s", Quote: "q", Claimant: "c", Reliability: rel, Credibility: cred, Stance: stance}
	}
	tests := []struct {
		name      string
		evidence  []Evidence
		contested bool // set before Derive
		want      float64
		wantCont  bool
	}{
		{"none", nil, false, 0, false},
		{"one B2", []Evidence{ev("B", 2, "")}, false, 0.64, false},
		{"one A1", []Evidence{ev("A", 1, Supports)}, false, 1, false},
		{"two B2: noisy-or", []Evidence{ev("B", 2, ""), ev("B", 2, "")}, false, 0.87, false},                   // 1-0.36^2 = 0.8704
		{"three C3: rounded", []Evidence{ev("C", 3, ""), ev("C", 3, ""), ev("C", 3, "")}, false, 0.738, false}, // 1-0.64^3 = 0.737856
		{"D3 claim", []Evidence{ev("D", 3, "")}, false, 0.24, false},
		{"supported and refuted", []Evidence{ev("B", 2, ""), ev("C", 3, Refutes)}, false, 0.41, true}, // 0.64*0.64 = 0.4096
		{"refuted twice", []Evidence{ev("D", 3, ""), ev("B", 3, Refutes), ev("C", 3, Refutes)}, false, 0.08, true},
		// 0.24 * 0.52 * 0.64 = 0.079872
		{"only refuted", []Evidence{ev("A", 1, Refutes)}, false, 0, true},
		{"contested in the data stays contested", []Evidence{ev("D", 3, "")}, true, 0.24, true},
		{"ungraded", []Evidence{{Source: "s", Quote: "q"}}, false, 0.25, false},
	}
	for _, tt := range tests {
		r := Relation{Evidence: tt.evidence, Contested: tt.contested, Confidence: 0.5}
		r.Derive()
		if r.Confidence != tt.want || r.Contested != tt.wantCont {
			t.Errorf("%s: Derive gives confidence %v contested %v; want %v %v", tt.name, r.Confidence, r.Contested, tt.want, tt.wantCont)
		}
		for i, e := range r.Evidence {
			if e.Stance == "" {
				t.Errorf("%s: evidence %d has no stance after Derive; want supports", tt.name, i)
			}
		}
		again := r
		again.Derive()
		if again.Confidence != r.Confidence || again.Contested != r.Contested {
			t.Errorf("%s: Derive is not idempotent", tt.name)
		}
	}
}

func TestPatches(t *testing.T) {
	a := Actor{ID: "a", Kind: Person, Name: "A", Aliases: []string{"x"}}
	aliases := []string{"y", "z"}
	name := "B"
	got := ActorPatch{Name: &name, Aliases: &aliases}.Apply(a)
	aliases[0] = "changed"
	if got.Name != "B" || len(got.Aliases) != 2 || got.Aliases[0] != "y" || a.Name != "A" {
		t.Errorf("ActorPatch.Apply = %+v (original %+v)", got, a)
	}
	if got := (ActorPatch{}).Apply(a); got.Name != "A" || got.Aliases[0] != "x" {
		t.Errorf("empty ActorPatch changed the actor: %+v", got)
	}

	r := Relation{ID: "r", Evidence: []Evidence{{Reliability: "B", Credibility: 2}, {Reliability: "C", Credibility: 3, Stance: Refutes}}}
	no := false
	role := "emir"
	got2 := RelationPatch{Contested: &no, Role: &role}.Apply(r)
	if got2.Role != "emir" || !got2.Contested || got2.Confidence != 0.41 {
		t.Errorf("RelationPatch.Apply = %+v; want role emir, contested (refuted) and confidence 0.41", got2)
	}
	got2.Evidence[0].Quote = "changed"
	if r.Evidence[0].Quote != "" {
		t.Error("RelationPatch.Apply shares the evidence slice with its input")
	}
}

func TestIDs(t *testing.T) {
	if got := RelationID("cherif-kouachi", "TRAINED_BY", "aqap"); got != "cherif-kouachi--trained-by--aqap" {
		t.Errorf("RelationID = %q", got)
	}
	if got := RelationID("a", "PLEDGED_ALLEGIANCE_TO", "b"); got != "a--pledged-allegiance-to--b" || !ValidRelationID(got) {
		t.Errorf("RelationID = %q", got)
	}
	actorIDs := map[string]bool{
		"cherif-kouachi": true, "aqap": true, "7-7-bombings": true, "a": true,
		"": false, "Cherif": false, "cherif--kouachi": false, "-a": false, "a-": false, "a_b": false, "chérif": false, "a b": false,
		string(make([]byte, 121)): false,
	}
	for id, want := range actorIDs {
		if got := ValidActorID(id); got != want {
			t.Errorf("ValidActorID(%q) = %v, want %v", id, got, want)
		}
	}
	relIDs := map[string]bool{
		"a--met--b": true, "a--met--b--2": true, "a.b_c-d": true,
		"": false, "a---b": false, "A--met--b": false, "a--met--b-": false, "--a": false, "a b": false,
	}
	for id, want := range relIDs {
		if got := ValidRelationID(id); got != want {
			t.Errorf("ValidRelationID(%q) = %v, want %v", id, got, want)
		}
	}
	for _, k := range Kinds {
		if !k.Valid() {
			t.Errorf("%s is not valid", k)
		}
	}
	for _, k := range []Kind{"", "Person", "group"} {
		if k.Valid() {
			t.Errorf("%q is valid", k)
		}
	}
}

func TestVocabulary(t *testing.T) {
	v := Vocabulary()
	if len(v) != 33 {
		t.Errorf("%d relation types, want the 33 of the bundle format", len(v))
	}
	for i, rt := range v {
		if i > 0 && v[i-1].Name >= rt.Name {
			t.Errorf("Vocabulary not sorted at %s", rt.Name)
		}
		if got, ok := LookupType(rt.Name); !ok || got.Name != rt.Name {
			t.Errorf("LookupType(%s) = %+v, %v", rt.Name, got, ok)
		}
		if IsSymmetric(rt.Name) != rt.Symmetric {
			t.Errorf("IsSymmetric(%s) = %v", rt.Name, !rt.Symmetric)
		}
		if rt.Symmetric && !(len(rt.From) == len(rt.To)) {
			t.Errorf("symmetric %s has different kinds at its ends", rt.Name)
		}
	}
	v[0].Name = "CHANGED"
	if _, ok := LookupType("CHANGED"); ok {
		t.Error("Vocabulary returned the package's own slice")
	}
	tests := []struct {
		typ      string
		from, to Kind
		want     bool
	}{
		{"MEMBER_OF", Person, Organization, true},
		{"MEMBER_OF", Organization, Person, false},
		{"MEMBER_OF", Person, Place, false},
		{"CLAIMED_BY", Event, Organization, true},
		{"CLAIMED_BY", Event, Person, false},
		{"MET", Person, Person, true},
		{"MET", Person, Organization, false},
		{"RIVAL_OF", Organization, Person, true}, // symmetric, mixed kinds
		{"TARGETED", Event, Place, true},
		{"LOCATED_IN", Place, Place, true},
		{"INSPIRED_BY", Event, Event, true},
	}
	for _, tt := range tests {
		rt, ok := LookupType(tt.typ)
		if !ok {
			t.Fatalf("no type %s", tt.typ)
		}
		if got := rt.Allows(tt.from, tt.to); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.typ, tt.from, tt.to, got, tt.want)
		}
	}
	for _, name := range []string{"", "met", "KNOWS"} {
		if _, ok := LookupType(name); ok || IsSymmetric(name) {
			t.Errorf("LookupType(%q) found a type", name)
		}
	}
}

// The id checks are written out for speed; they must accept exactly what
// these patterns accept.
var (
	actorIDPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	relationIDPattern = regexp.MustCompile(`^[a-z0-9]+([._-]{1,2}[a-z0-9]+)*$`)
)

func checkIDAgainstPatterns(t *testing.T, id string) {
	t.Helper()
	if got, want := ValidActorID(id), len(id) <= 120 && actorIDPattern.MatchString(id); got != want {
		t.Errorf("ValidActorID(%q) = %v, the pattern says %v", id, got, want)
	}
	if got, want := ValidRelationID(id), len(id) <= 300 && relationIDPattern.MatchString(id); got != want {
		t.Errorf("ValidRelationID(%q) = %v, the pattern says %v", id, got, want)
	}
}

func TestIDsMatchPatterns(t *testing.T) {
	// Every string of up to 5 bytes over an alphabet with each class.
	alphabet := []byte("a9-._A \xc3")
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		checkIDAgainstPatterns(t, string(prefix))
		if len(prefix) == 5 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix, c))
		}
	}
	gen(nil)
	for _, id := range []string{"a--met--b--2", "a._b", "a.__b", "a-.-b", "n0--associate-of--n1--0", string(make([]byte, 300)), strings.Repeat("a", 120), strings.Repeat("a", 121), strings.Repeat("a", 301)} {
		checkIDAgainstPatterns(t, id)
	}
}

func FuzzIDs(f *testing.F) {
	for _, s := range []string{"a--met--b", "cherif-kouachi", "a---b", "-a", "a.b_c-d", "a_"} {
		f.Add(s)
	}
	f.Fuzz(checkIDAgainstPatterns)
}

// TestRefutingLowersConfidence checks the formula of Relation.Derive on
// every grading: a refuting piece never raises a relation's confidence,
// and lowers it whenever there is some; a supporting piece never lowers it.
func TestRefutingLowersConfidence(t *testing.T) {
	var grades []Evidence
	for _, r := range []string{"A", "B", "C", "D", "E", "F"} {
		for c := 1; c <= 6; c++ {
			grades = append(grades, Evidence{Source: "s", Quote: "q", Reliability: r, Credibility: c})
		}
	}
	for _, base := range grades {
		for _, extra := range grades {
			r := Relation{Evidence: []Evidence{base}}
			r.Derive()
			refuted := Relation{Evidence: []Evidence{base, extra}}
			refuted.Evidence[1].Stance = Refutes
			refuted.Derive()
			supported := Relation{Evidence: []Evidence{base, extra}}
			supported.Derive()
			if refuted.Confidence > r.Confidence || r.Confidence > 0.001 && refuted.Confidence >= r.Confidence {
				t.Errorf("%s%d refuted by %s%d: confidence %v -> %v; a denial must lower it",
					base.Reliability, base.Credibility, extra.Reliability, extra.Credibility, r.Confidence, refuted.Confidence)
			}
			if supported.Confidence < r.Confidence {
				t.Errorf("%s%d supported by %s%d: confidence %v -> %v", base.Reliability, base.Credibility, extra.Reliability, extra.Credibility, r.Confidence, supported.Confidence)
			}
			if refuted.Status != Contested || supported.Status != Supported || r.Status != Supported {
				t.Errorf("statuses %s, %s, %s; want contested, supported, supported", refuted.Status, supported.Status, r.Status)
			}
		}
	}
}

func TestStatusOf(t *testing.T) {
	s, r := Evidence{Stance: Supports}, Evidence{Stance: Refutes}
	for _, tc := range []struct {
		es   []Evidence
		want Status
	}{
		{nil, Supported},
		{[]Evidence{{}}, Supported}, // an empty stance supports
		{[]Evidence{s, s}, Supported},
		{[]Evidence{r}, Refuted},
		{[]Evidence{r, r}, Refuted},
		{[]Evidence{s, r}, Contested},
		{[]Evidence{r, {}}, Contested},
	} {
		if got := StatusOf(tc.es); got != tc.want {
			t.Errorf("StatusOf(%v) = %s, want %s", tc.es, got, tc.want)
		}
		rel := Relation{Evidence: tc.es}
		rel.Derive()
		if rel.Status != tc.want || (tc.want == Refuted) != (rel.Confidence == 0 && len(tc.es) > 0) {
			t.Errorf("Derive of %v: status %s, confidence %v", tc.es, rel.Status, rel.Confidence)
		}
	}
}

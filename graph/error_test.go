package graph

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestErrorCode(t *testing.T) {
	amb := &AmbiguousError{Name: "Abu Muhammad", Candidates: []ActorRef{{ID: "a", Name: "A", Kind: Person}, {ID: "b", Name: "B", Kind: Person}}}
	val := &ValidationError{Problems: []Problem{{File: "f.json", Entry: `actors[0] "x"`, Field: "name", Message: "is required"}}}
	tests := []struct {
		name string
		err  error
		code string
		msg  string
	}{
		{"nil", nil, "", ""},
		{"domain error", Errorf(ENOTFOUND, "no actor %q", "x"), ENOTFOUND, `no actor "x"`},
		{"wrapped domain error", fmt.Errorf("store: %w", Errorf(ECONFLICT, "id taken")), ECONFLICT, "id taken"},
		{"ambiguous", amb, EAMBIGUOUS, `"Abu Muhammad" matches 2 actors (a, b); use an id instead`},
		{"wrapped ambiguous", fmt.Errorf("resolve: %w", amb), EAMBIGUOUS, "matches 2 actors"},
		{"validation", val, EINVALID, `f.json: actors[0] "x".name: is required`},
		{"wrapped validation", fmt.Errorf("import: %w", val), EINVALID, "is required"},
		{"internal", errors.New("bolt: database not open at /var/lib/secret"), EINTERNAL, "internal error"},
		{"wrapped internal", fmt.Errorf("x: %w", io.ErrUnexpectedEOF), EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: ErrorCode = %q, want %q", tt.name, got, tt.code)
		}
		if got := ErrorMessage(tt.err); !strings.Contains(got, tt.msg) || (tt.msg == "" && got != "") {
			t.Errorf("%s: ErrorMessage = %q, want %q", tt.name, got, tt.msg)
		}
		if tt.code == EINTERNAL && strings.Contains(ErrorMessage(tt.err), "secret") {
			t.Errorf("%s: ErrorMessage leaks internal details", tt.name)
		}
	}
	if got := Errorf(EINVALID, "bad %s", "thing").Error(); got != "invalid_argument: bad thing" {
		t.Errorf("Error() = %q", got)
	}
	if got := amb.Error(); !strings.HasPrefix(got, "ambiguous: ") {
		t.Errorf("AmbiguousError.Error() = %q", got)
	}
}

func TestValidationErrorText(t *testing.T) {
	ps := []Problem{
		{File: "a.json", Entry: `actors[0] "x"`, Field: "name", Message: "is required"},
		{Entry: `relations[1] "y"`, Message: "bad"},
	}
	v := &ValidationError{Problems: ps}
	if got := ErrorMessage(v); got != `2 problems; the first: a.json: actors[0] "x".name: is required` {
		t.Errorf("ErrorMessage = %q", got)
	}
	want := "invalid_argument: 2 problem(s)\n  a.json: actors[0] \"x\".name: is required\n  relations[1] \"y\": bad"
	if got := v.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if err := AsValidationError("relation", nil); err != nil {
		t.Errorf("AsValidationError(no problems) = %v", err)
	}
	err := AsValidationError(`relation "r"`, []Problem{{Field: "type", Message: "unknown"}, {Field: "to", Message: "missing"}})
	var got *ValidationError
	if !errors.As(err, &got) || len(got.Problems) != 2 || got.Problems[1].Entry != `relation "r"` || got.Problems[1].Field != "to" {
		t.Errorf("AsValidationError = %v", err)
	}
}

func TestCheckEvidenceList(t *testing.T) {
	lookup := func(id string) (Source, bool) {
		if id == "news" {
			return Source{ID: "news", Title: "N"}, true
		}
		return Source{}, false
	}
	ok := Evidence{Source: "news", Quote: "q", Claimant: "c", Reliability: "A", Credibility: 1}
	if err := CheckEvidenceList("r", []Evidence{ok}, lookup); err != nil {
		t.Errorf("CheckEvidenceList(good) = %v", err)
	}
	bad := Evidence{Source: "tv", Quote: ""}
	err := CheckEvidenceList("r", []Evidence{ok, bad}, lookup)
	var v *ValidationError
	if !errors.As(err, &v) || ErrorCode(err) != EINVALID {
		t.Fatalf("CheckEvidenceList(bad) = %v", err)
	}
	fields := map[string]bool{}
	for _, p := range v.Problems {
		fields[p.Field] = true
	}
	for _, f := range []string{"evidence[1].source", "evidence[1].quote", "evidence[1].claimant", "evidence[1].reliability", "evidence[1].credibility"} {
		if !fields[f] {
			t.Errorf("no problem for %s in %v", f, v.Problems)
		}
	}
	if ps := CheckEvidence(&bad, lookup); len(ps) != 5 {
		t.Errorf("CheckEvidence(bad) = %v; want 5 problems", ps)
	}
}

package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. They are stable and part of the public API: the HTTP layer
// maps each one to a status and sends it to clients as the problem "code".
const (
	EINVALID      = "invalid_argument" // the request or data breaks a rule; the message says which
	ENOTFOUND     = "not_found"        // the named actor, relation or source does not exist
	EAMBIGUOUS    = "ambiguous"        // a name matched more than one actor; see AmbiguousError
	EUNAUTHORIZED = "unauthorized"     // no valid credentials
	EFORBIDDEN    = "forbidden"        // valid credentials without the needed role
	ECONFLICT     = "conflict"         // the write clashes with existing data (duplicate id, actor still linked)
	ETOOLARGE     = "too_large"        // the request or result exceeds a configured limit
	EUNAVAILABLE  = "unavailable"      // the store cannot be reached or timed out; retrying may help
	EINTERNAL     = "internal"         // a bug or an unexpected failure; details are logged, never sent
)

// Error is a domain error: a code from the list above and a message written
// for the person who has to fix the request. Messages never contain internal
// details such as driver errors or file paths of the server.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain error in err's chain:
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var a *AmbiguousError
	if errors.As(err, &a) {
		return EAMBIGUOUS
	}
	var u *UnresolvedError
	if errors.As(err, &u) {
		return ENOTFOUND
	}
	var v *ValidationError
	if errors.As(err, &v) {
		return EINVALID
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: the domain error's
// message, or a generic text for internal errors.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var a *AmbiguousError
	if errors.As(err, &a) {
		return a.message()
	}
	var u *UnresolvedError
	if errors.As(err, &u) {
		return u.message()
	}
	var v *ValidationError
	if errors.As(err, &v) {
		return v.summary()
	}
	return "internal error"
}

// AmbiguousError reports that a name matched several actors. It lists the
// candidates so the caller can choose; the store never guesses.
type AmbiguousError struct {
	Name       string
	Candidates []ActorRef
}

func (e *AmbiguousError) message() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = c.ID
	}
	return fmt.Sprintf("%q matches %d actors (%s); use an id instead", e.Name, len(e.Candidates), strings.Join(ids, ", "))
}

func (e *AmbiguousError) Error() string { return EAMBIGUOUS + ": " + e.message() }

// UnresolvedError reports that a reference names no actor: it is no
// actor's id, and no name or alias matches it. Candidates lists the actors
// whose names come closest, best first, each with the name or alias that
// came close and why, so that the caller can ask "did you mean"; it may be
// empty. Its code is ENOTFOUND. Nothing is guessed: the caller must
// choose.
type UnresolvedError struct {
	Ref        string
	Candidates []Candidate
}

func (e *UnresolvedError) message() string {
	msg := fmt.Sprintf("no actor has the id, name or alias %q", truncate(e.Ref, 120))
	if len(e.Candidates) == 0 {
		return msg + "; search for part of the name"
	}
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = fmt.Sprintf("%s (%s)", c.Name, c.ID)
	}
	return msg + "; did you mean " + strings.Join(names, ", ") + "?"
}

func (e *UnresolvedError) Error() string { return ENOTFOUND + ": " + e.message() }

// Problem is one thing wrong with a bundle or a write: where it is and what
// to fix. File is empty for data that did not come from a file.
type Problem struct {
	File    string `json:"file,omitempty"`
	Entry   string `json:"entry"` // e.g. `relations[12] "a--met--b"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	b.WriteString(p.Entry)
	if p.Field != "" {
		b.WriteString(".")
		b.WriteString(p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError carries every problem found, not only the first.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) summary() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].String()
	}
	return fmt.Sprintf("%d problems; the first: %s", len(e.Problems), e.Problems[0])
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem(s)", EINVALID, len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems while validating.
type problems struct {
	file string
	list []Problem
}

func (ps *problems) add(entry, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Entry: entry, Field: field, Message: fmt.Sprintf(format, args...)})
}

// name sets the Entry of the problems added since mark to kind[index] "id",
// as in `relations[12] "a--met--b"`.
func (ps *problems) name(mark int, kind string, index int, id string) {
	if len(ps.list) == mark {
		return
	}
	entry := fmt.Sprintf("%s[%d] %q", kind, index, id)
	for i := mark; i < len(ps.list); i++ {
		ps.list[i].Entry = entry
	}
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}

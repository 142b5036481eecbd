package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const cliArticle = `New details emerge on the Paris network

Investigators said on Tuesday that Hayat Boumeddine travelled to Syria in January 2015, days before the attacks.

According to the prosecutor, Karim Benyahia, a Belgian recruiter, trained Amedy Coulibaly in Brussels in 2013.
`

// runWithInput runs one command line with stdin.
func runWithInput(t *testing.T, dir, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb syncBuffer
	a := newApp(&out, &errb, nil)
	a.stdin = strings.NewReader(stdin)
	t.Chdir(dir)
	err := a.execute(context.Background(), args)
	return out.String(), errb.String(), err
}

// within80 fails for every line of out over 80 columns.
func within80(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("%s: a line of %d columns: %q", what, n, line)
		}
	}
}

// TestIngestAndReviewCLI stores an article, reviews its proposals from
// commands on stdin, and finds the accepted relation in a path with its
// quote.
func TestIngestAndReviewCLI(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(file, []byte(cliArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	data := "--data-dir=" + filepath.Join(dir, "data")
	out, errOut, err := runWithInput(t, dir, "", "ingest", file, "--title", "New details emerge on the Paris network",
		"--publisher", "The Daily Example", "--published", "2016-03-01", "--reliability", "b", "--credibility", "2", data)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Stored source the-daily-2016-03-01-new-details-emerge-on", "Hayat Boumeddiene —TRAVELLED_TO→ Syria (2015-01)",
		"Amedy Coulibaly —TRAINED_BY→ Karim Benyahia [new person] (2013)", "new person: Karim Benyahia",
		`"Hayat Boumeddine" → Hayat Boumeddiene (hayat-boumeddiene): transliteration`, "actorgraph review --source"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest output lacks %q:\n%s", want, out)
		}
	}
	within80(t, "ingest", out)

	// The actors first: accept Karim Benyahia, reject Belgium; then the
	// relations in text order: Paris in France (reference geography, from
	// the headline); TRAVELLED_TO with edits; the nationality,
	// whose end was rejected: an unknown edit, a refused acceptance, a
	// rejection whose reason is asked for; TRAINED_BY, its end now
	// resolved; then stop.
	script := strings.Join([]string{
		"a",
		"r not a place the article is about",
		"a",
		"e credibility=3 \"claimant=investigators in Paris\"",
		"e colour=red",
		"a",
		"r",
		"Belgium was rejected",
		"a",
		"q",
	}, "\n") + "\n"
	out, errOut, err = runWithInput(t, dir, script, "review", "--reviewer", "alice", data)
	if err != nil {
		t.Fatalf("review: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Accepted: new actor karim-benyahia; 2 pending proposals now name it",
		"Rejected (audit record 3)",
		"Paris —LOCATED_IN→ France",
		"Accepted: evidence added to paris--located-in--france",
		"Accepted: evidence added to hayat-boumeddiene--travelled-to--syria",
		`unknown edit "colour"`,
		"Amedy Coulibaly —TRAINED_BY→ Karim Benyahia (2013)",
		"Accepted: new relation amedy-coulibaly--trained-by--karim-benyahia",
		"not accepted: the to end, \"Belgium\", is a new actor",
		"Accepted 4, rejected 2, skipped 0."} {
		if !strings.Contains(out, want) {
			t.Errorf("review output lacks %q:\n%s", want, out)
		}
	}
	within80(t, "review", out)

	out, _, err = runCLI(t, dir, nil, "path", "Amedy Coulibaly", "Karim Benyahia", data)
	if err != nil || !strings.Contains(out, "According to the prosecutor, Karim Benyahia, a Belgian recruiter, trained") ||
		!strings.Contains(out, "the prosecutor, \"New details emerge on the Paris network\", The Daily Example, 2016-03-01; graded B2") {
		t.Errorf("path after review: %v\n%s", err, out)
	}
	// Nothing left to review for TRAINED_BY; a second session starts at
	// the mentions.
	out, _, err = runWithInput(t, dir, "q\n", "review", "--kind", "relation", data)
	if err != nil || !strings.Contains(out, "No pending proposals.") {
		t.Errorf("second review: %v\n%s", err, out)
	}
	out, _, err = runWithInput(t, dir, "s\nq\n", "review", "--kind", "mention", data)
	if err != nil || !strings.Contains(out, "5 pending proposals.") || !strings.Contains(out, "Accepted 0, rejected 0, skipped 1.") {
		t.Errorf("second review: %v\n%s", err, out)
	}
	_, errOut, err = runWithInput(t, dir, "", "ingest", filepath.Join(dir, "missing.txt"), "--title", "x", data)
	if err == nil || !strings.Contains(err.Error()+errOut, "missing.txt") {
		t.Errorf("ingest of a missing file: %v %s", err, errOut)
	}
	_, errOut, err = runWithInput(t, dir, "", "ingest", file, "--title", "No grading", "--publisher", "P", "--published", "2016", data)
	if err == nil || !strings.Contains(errOut, "reliability") {
		t.Errorf("ingest without a grading: %v %s", err, errOut)
	}
}

func TestParseEdits(t *testing.T) {
	ed, err := parseEdits(`type=affiliate_of reverse valid_from=2013-05 "claimant=the Paris prosecutor" quote=10-42 aliases=A|B credibility=3`)
	if err != nil {
		t.Fatal(err)
	}
	if ed.Type != "affiliate_of" || !ed.Reverse || ed.ValidFrom.String() != "2013-05" || ed.Claimant != "the Paris prosecutor" ||
		*ed.QuoteStart != 10 || *ed.QuoteEnd != 42 || len(ed.Aliases) != 2 || ed.Credibility != 3 {
		t.Errorf("parseEdits = %+v", ed)
	}
	for _, bad := range []string{"", "type", "quote=12", "valid_from=soon", `claimant="open`, "colour=red", "credibility=high"} {
		if _, err := parseEdits(bad); err == nil {
			t.Errorf("parseEdits(%q) gave no error", bad)
		}
	}
}

func TestWrap(t *testing.T) {
	long := strings.Repeat("word ", 40) + strings.Repeat("x", 100)
	for _, line := range wrap(long, 40) {
		if utf8.RuneCountInString(line) > 40 {
			t.Errorf("wrap gave a line of %d: %q", utf8.RuneCountInString(line), line)
		}
	}
	if got := wrap("“é” à", 20); len(got) != 1 || got[0] != "“é” à" {
		t.Errorf("wrap(short) = %q", got)
	}
}

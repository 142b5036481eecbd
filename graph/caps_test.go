package graph

import (
	"strings"
	"testing"
)

// TestCheckQueryText is the regression test of issue 13's long queries: a
// search text or a reference of thousands of words held a CPU for half a
// minute. The caps reject it before any name is scanned, and the message
// names them.
func TestCheckQueryText(t *testing.T) {
	tests := []struct {
		text string
		want string // "" for accepted
	}{
		{"Amedy Coulibaly", ""},
		{strings.Repeat("x", MaxQueryLen), ""},
		{strings.Repeat("a ", MaxQueryWords), ""},
		{strings.Repeat("x", MaxQueryLen+1), "is 257 bytes long; at most 256 bytes and 12 words"},
		{strings.Repeat("kouachi ", 7500), "is 60000 bytes long; at most 256 bytes"},
		{strings.Repeat("a ", MaxQueryWords+1), "has 13 words; at most 12 words"},
		{strings.Repeat("a-", 60), "has 60 words; at most 12"}, // punctuation separates words
	}
	for _, tt := range tests {
		err := CheckQueryText("the search text", tt.text)
		if tt.want == "" {
			if err != nil {
				t.Errorf("CheckQueryText(%.40q): %v", tt.text, err)
			}
			continue
		}
		if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), tt.want) || !strings.HasPrefix(ErrorMessage(err), "the search text") {
			t.Errorf("CheckQueryText(%.40q) = %v; want invalid_argument with %q", tt.text, err, tt.want)
		}
	}
}

// TestSearchQueryCaps checks that SearchQuery.Normalize, which both stores
// and the application layer call, applies the caps.
func TestSearchQueryCaps(t *testing.T) {
	q := SearchQuery{Text: strings.Repeat("word ", 12_000)}
	if err := q.Normalize(DefaultLimits); ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "at most 256 bytes") {
		t.Errorf("Normalize of a 60 KB text: %v", err)
	}
	q = SearchQuery{Text: "Kouachi"}
	if err := q.Normalize(DefaultLimits); err != nil {
		t.Errorf("Normalize: %v", err)
	}
}

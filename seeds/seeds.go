// Package seeds holds actorgraph's seed dataset and its loader.
//
// The dataset is the directory data/: every *.json file in it is a partial
// bundle (graph.BundleFormat) and the seed bundle is their union. The texts
// that evidence quotes are in sources/, one file per source, named by the
// source's "file" field. Both directories are embedded in the binary.
//
// The same loader reads bundles from disk (LoadDir), for `actorgraph import`
// and `actorgraph seed --check`.
package seeds

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

//go:embed data/*.json
var dataFS embed.FS

//go:embed sources/*.txt
var sourcesFS embed.FS

// dataPrefix is how problems name the embedded data files, relative to the
// repository root, so that a problem points at the file to edit.
const dataPrefix = "seeds/"

// Bundle decodes, merges and validates the embedded seed bundle. Every call
// returns a fresh copy that the caller may modify. Each source carries its
// text (Source.Text, from sources/), so the stores keep the texts and
// check quotes against them, and validation checks every quote.
//
// If anything is wrong it returns a *graph.ValidationError (code
// graph.EINVALID) listing every problem: entries that do not decode and
// entries that break a rule, each with its file, such as
// "seeds/data/uk-and-south-asia.json".
func Bundle() (*graph.Bundle, error) {
	names, err := fs.Glob(dataFS, "data/*.json")
	if err != nil {
		return nil, fmt.Errorf("seeds: listing the embedded data: %w", err)
	}
	sort.Strings(names)
	files := make([]namedFile, len(names))
	for i, n := range names {
		files[i] = namedFile{name: dataPrefix + n, open: func() (io.ReadCloser, error) { return dataFS.Open(n) }}
	}
	return load(files, true)
}

// LoadDir does what Bundle does for bundle files on disk: path is either a
// single .json file or a directory whose *.json files (not recursive) are
// merged in name order. Problems name the files as path/name.
//
// It validates the bundle on its own (graph.Bundle.Validate with a nil
// catalog): references to actors or sources that are not in the files are
// problems. Errors: *graph.ValidationError (EINVALID) listing every
// problem; ENOTFOUND if path does not exist; EINVALID if a directory holds
// no .json file.
func LoadDir(dir string) (*graph.Bundle, error) {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, graph.Errorf(graph.ENOTFOUND, "no file or directory %q", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("seeds: %w", err)
	}
	var paths []string
	if info.IsDir() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("seeds: %w", err)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
		if len(paths) == 0 {
			return nil, graph.Errorf(graph.EINVALID, "directory %q holds no .json bundle file", dir)
		}
		sort.Strings(paths)
	} else {
		paths = []string{dir}
	}
	files := make([]namedFile, len(paths))
	for i, p := range paths {
		files[i] = namedFile{name: p, open: func() (io.ReadCloser, error) { return os.Open(p) }}
	}
	return load(files, false)
}

type namedFile struct {
	name string
	open func() (io.ReadCloser, error)
}

// load decodes every file, merges the entries that decode and validates the
// result, collecting every problem on the way. With texts, each source that
// names a file of sources/ and has no text gets that file's text.
func load(files []namedFile, texts bool) (*graph.Bundle, error) {
	var problems []graph.Problem
	b := &graph.Bundle{Format: graph.BundleFormat}
	for _, f := range files {
		r, err := f.open()
		if err != nil {
			return nil, fmt.Errorf("seeds: opening %s: %w", f.name, err)
		}
		part, _ := graph.DecodeBundle(r, f.name) // Validate reports the problems
		r.Close()
		b.Append(part)
	}
	for i := range b.Sources {
		src := &b.Sources[i]
		if !texts || src.Text != "" || src.File == "" {
			continue
		}
		t, ok := SourceText(src.File)
		if !ok {
			problems = append(problems, graph.Problem{File: b.SourceFile(i), Entry: fmt.Sprintf("sources[%d] %q", i, src.ID), Field: "file",
				Message: fmt.Sprintf("no text %q in seeds/sources", src.File)})
			continue
		}
		src.Text = t
	}
	if err := b.Validate(nil); err != nil {
		var v *graph.ValidationError
		if !errors.As(err, &v) {
			return nil, err
		}
		problems = append(problems, v.Problems...)
	}
	if len(problems) > 0 {
		return nil, &graph.ValidationError{Problems: problems}
	}
	return b, nil
}

// SourceText returns the embedded text of a source, by its file name (the
// source's "file" field, such as "000_2100fd46e26e1fc8.txt").
func SourceText(file string) (string, bool) {
	if file == "" || strings.ContainsAny(file, `/\`) {
		return "", false
	}
	data, err := sourcesFS.ReadFile(path.Join("sources", file))
	if err != nil {
		return "", false
	}
	return string(data), true
}

// SourceTexts returns a lookup from source id to embedded text for the
// sources of b, suitable for VerifyQuotes.
func SourceTexts(b *graph.Bundle) func(sourceID string) (string, bool) {
	files := map[string]string{}
	for _, s := range b.Sources {
		files[s.ID] = s.File
	}
	return func(id string) (string, bool) {
		f, ok := files[id]
		if !ok {
			return "", false
		}
		return SourceText(f)
	}
}

// VerifyQuotes checks that every evidence quote of b, of actors and of
// relations, appears word for word in the text of the source it cites.
// Both sides are compared after graph.NormalizeQuote, so only runs of white
// space and typographic quote marks may differ. text returns a source's
// text by source id. It returns one problem per quote that is not found (or
// whose source has no text), naming the file, the entry and the evidence.
func VerifyQuotes(b *graph.Bundle, text func(sourceID string) (string, bool)) []graph.Problem {
	quotes := graph.NewQuotes(text)
	var out []graph.Problem
	check := func(file, entry string, es []graph.Evidence) {
		for j, e := range es {
			if !quotes.Known(e.Source) {
				out = append(out, graph.Problem{File: file, Entry: entry, Field: fmt.Sprintf("evidence[%d].source", j),
					Message: fmt.Sprintf("source %q has no text to check the quote against", e.Source)})
				continue
			}
			if p := quotes.Problem(&e, fmt.Sprintf("evidence[%d].quote", j)); p != nil {
				p.File, p.Entry = file, entry
				out = append(out, *p)
			}
		}
	}
	for i := range b.Actors {
		a := &b.Actors[i]
		check(b.ActorFile(i), fmt.Sprintf("actors[%d] %q", i, a.ID), a.Evidence)
	}
	for i := range b.Relations {
		r := &b.Relations[i]
		check(b.RelationFile(i), fmt.Sprintf("relations[%d] %q", i, r.ID), r.Evidence)
	}
	return out
}

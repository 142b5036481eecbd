package encoding_test

import (
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/encoding"
)

func ExampleNewWriter() {
	w, err := encoding.NewWriter(os.Stdout, encoding.NDJSON, encoding.Options{})
	if err != nil {
		panic(err)
	}
	w.Node(graph.Actor{ID: "aqap", Kind: graph.Organization, Name: "al-Qaeda in the Arabian Peninsula", Aliases: []string{"AQAP"}})
	w.Node(graph.Actor{ID: "yemen", Kind: graph.Place, Name: "Yemen"})
	w.Edge(graph.Edge{ID: "aqap--based-in--yemen", Type: "BASED_IN", From: "aqap", To: "yemen", Confidence: 0.8, Status: graph.Supported, EvidenceCount: 1,
		FirstSource: "clarion-2015-01", FirstQuote: "AQAP, based in Yemen"})
	if err := w.Close(); err != nil {
		panic(err)
	}
	// Output:
	// {"type":"node","id":"aqap","name":"al-Qaeda in the Arabian Peninsula","kind":"organization","aliases":["AQAP"],"description":"","start":null,"end":null}
	// {"type":"node","id":"yemen","name":"Yemen","kind":"place","aliases":[],"description":"","start":null,"end":null}
	// {"type":"edge","relation":"BASED_IN","id":"aqap--based-in--yemen","source":"aqap","target":"yemen","role":"","confidence":0.8,"contested":false,"status":"supported","valid_from":null,"valid_to":null,"evidence_count":1,"first_source":"clarion-2015-01","first_quote":"AQAP, based in Yemen"}
}

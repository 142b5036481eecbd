module github.com/actorgraph/actorgraph/analyst/extract/libeval

go 1.26.8

replace github.com/actorgraph/actorgraph => ../../..

require (
	github.com/actorgraph/actorgraph v0.0.0-00010101000000-000000000000
	github.com/jdkato/prose/v2 v2.0.0
	github.com/neurosnap/sentences v1.1.2
)

require (
	github.com/deckarep/golang-set v1.7.1 // indirect
	github.com/mingrammer/commonregex v1.0.1 // indirect
	golang.org/x/text v0.44.0 // indirect
	gonum.org/v1/gonum v0.7.0 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)

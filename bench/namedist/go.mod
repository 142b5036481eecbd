module github.com/actorgraph/actorgraph/bench/namedist

go 1.26.8

replace github.com/actorgraph/actorgraph => ../..

require (
	github.com/actorgraph/actorgraph v0.0.0-00010101000000-000000000000
	github.com/agnivade/levenshtein v1.2.2
	github.com/hbollon/go-edlib v1.7.0
)

require golang.org/x/text v0.44.0 // indirect

package graph

import (
	"encoding/json"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		prec Precision
		ok   bool
	}{
		{"", Date{}, PrecisionNone, true},
		{"2015", Date{Year: 2015}, PrecisionYear, true},
		{"2015-01", Date{Year: 2015, Month: 1}, PrecisionMonth, true},
		{"2015-01-07", Date{Year: 2015, Month: 1, Day: 7}, PrecisionDay, true},
		{"2016-02-29", Date{Year: 2016, Month: 2, Day: 29}, PrecisionDay, true},
		{"2000-02-29", Date{Year: 2000, Month: 2, Day: 29}, PrecisionDay, true},
		{"0001", Date{Year: 1}, PrecisionYear, true},
		{"9999-12-31", Date{Year: 9999, Month: 12, Day: 31}, PrecisionDay, true},
		{"2015-02-29", Date{}, 0, false}, // not a leap year
		{"1900-02-29", Date{}, 0, false},
		{"2015-04-31", Date{}, 0, false},
		{"2015-01-32", Date{}, 0, false},
		{"2015-01-00", Date{}, 0, false},
		{"2015-00", Date{}, 0, false},
		{"2015-13", Date{}, 0, false},
		{"0000", Date{}, 0, false},
		{"15", Date{}, 0, false},
		{"20150", Date{}, 0, false},
		{"2015-1-07", Date{}, 0, false},
		{"2015-01-7", Date{}, 0, false},
		{"15-01-2015", Date{}, 0, false},
		{"2015/01/07", Date{}, 0, false},
		{"2015-01/07", Date{}, 0, false},
		{" 2015", Date{}, 0, false},
		{"2015 ", Date{}, 0, false},
		{"+015", Date{}, 0, false},
		{"-015", Date{}, 0, false},
		{"2015-+1", Date{}, 0, false},
		{"2015-01-+7", Date{}, 0, false},
		{"２０１５", Date{}, 0, false}, // full-width digits
		{"2015-01-07T00:00:00Z", Date{}, 0, false},
		{"January 2015", Date{}, 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if !tt.ok {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, got)
			} else if ErrorCode(err) != EINVALID {
				t.Errorf("ParseDate(%q) error %v has code %q, want %q", tt.in, err, ErrorCode(err), EINVALID)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.Precision() != tt.prec {
			t.Errorf("ParseDate(%q).Precision() = %v, want %v", tt.in, got.Precision(), tt.prec)
		}
		if got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestDateDays(t *testing.T) {
	tests := []struct {
		in          string
		first, last int32
	}{
		{"", 0, 0},
		{"2015", 20150101, 20151231},
		{"2015-02", 20150201, 20150228},
		{"2016-02", 20160201, 20160229},
		{"2015-04", 20150401, 20150430},
		{"2015-12", 20151201, 20151231},
		{"2015-01-07", 20150107, 20150107},
		{"9999", 99990101, 99991231},
	}
	for _, tt := range tests {
		d := MustDate(tt.in)
		if d.FirstDay() != tt.first || d.LastDay() != tt.last {
			t.Errorf("%q: FirstDay %d LastDay %d; want %d %d", tt.in, d.FirstDay(), d.LastDay(), tt.first, tt.last)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var a struct {
		D Date  `json:"d"`
		E Date  `json:"e,omitzero"`
		P *Date `json:"p"`
	}
	a.D = MustDate("2015-01")
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2015-01","p":null}` {
		t.Errorf("Marshal = %s", b)
	}
	zero, _ := json.Marshal(Date{})
	if string(zero) != "null" {
		t.Errorf("Marshal(zero Date) = %s, want null", zero)
	}
	for in, want := range map[string]Date{`"2015-01-07"`: MustDate("2015-01-07"), `""`: {}, `null`: {}} {
		d := Date{Year: 1999}
		if err := json.Unmarshal([]byte(in), &d); err != nil || d != want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", in, d, err, want)
		}
	}
	for _, in := range []string{`2015`, `"2015-13"`, `{}`, `["2015"]`, `true`} {
		var d Date
		err := json.Unmarshal([]byte(in), &d)
		if ErrorCode(err) != EINVALID {
			t.Errorf("Unmarshal(%s) error %v, want code %s", in, err, EINVALID)
		}
	}
}

func TestValidOn(t *testing.T) {
	d := MustDate
	tests := []struct {
		from, to, asOf string
		want           bool
	}{
		{"", "", "", true},
		{"", "", "2015", true},
		{"2015", "", "", true}, // no asOf: any time
		{"2015", "", "2015-06-01", true},
		{"2015", "", "2014-12-31", false},
		{"2015", "", "2014", false},
		{"2015", "", "2016", true},
		{"2015-06", "", "2015", true}, // the year 2015 overlaps June 2015
		{"2015-06", "", "2015-05", false},
		{"2015-06", "", "2015-06-30", true},
		{"2015-06-15", "", "2015-06", true},
		{"2015-06-15", "", "2015-06-14", false},
		{"", "2011-09-30", "2011", true},
		{"", "2011-09-30", "2011-10", false},
		{"", "2011-09-30", "2011-09-30", true},
		{"", "2011-09-30", "2012", false},
		{"", "2011", "2011-12-31", true},
		{"", "2011", "2012-01-01", false},
		{"2009", "2011-09-30", "2010", true},
		{"2009", "2011-09-30", "2008", false},
		{"2009", "2011-09-30", "2011-10-01", false},
		{"2015-01-07", "2015-01-07", "2015-01-07", true},
		{"2015-01-07", "2015-01-07", "2015-01-08", false},
		{"2015-01-07", "2015-01-09", "2015-01", true},
	}
	for _, tt := range tests {
		if got := ValidOn(d(tt.from), d(tt.to), d(tt.asOf)); got != tt.want {
			t.Errorf("ValidOn(%q, %q, %q) = %v, want %v", tt.from, tt.to, tt.asOf, got, tt.want)
		}
		r := Relation{ValidFrom: d(tt.from), ValidTo: d(tt.to)}
		if got := r.ValidOn(d(tt.asOf)); got != tt.want {
			t.Errorf("Relation.ValidOn(%q, %q, %q) = %v, want %v", tt.from, tt.to, tt.asOf, got, tt.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"", "2015", "2015-01", "2015-01-07", "2016-02-29", "2015-02-29", "0001", "9999-12-31",
		"0000", "2015-13", "2015-1-7", "15-01-2015", "+015", "２０１５", "2015-01-07T00:00", "\xff\xfe\xfd\xfc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParseDate(%q) error %v has code %q", s, err, ErrorCode(err))
			}
			if d != (Date{}) {
				t.Fatalf("ParseDate(%q) failed but returned %+v", s, d)
			}
			return
		}
		// The forms are fixed-width, so a parsed date prints as its input.
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %+v; its String %q re-parses to %+v, %v", s, d, d.String(), again, err)
		}
		if d.FirstDay() > d.LastDay() {
			t.Fatalf("ParseDate(%q): FirstDay %d > LastDay %d", s, d.FirstDay(), d.LastDay())
		}
		if s != "" && (d.IsZero() || d.Precision() == PrecisionNone) {
			t.Fatalf("ParseDate(%q) = %+v is zero", s, d)
		}
		if !ValidOn(d, d, d) {
			t.Fatalf("a date is not valid on itself: %v", d)
		}
		// JSON round trip.
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back Date
		if err := json.Unmarshal(b, &back); err != nil || back != d {
			t.Fatalf("JSON round trip of %+v: %s -> %+v, %v", d, b, back, err)
		}
	})
}

func TestDateAppendString(t *testing.T) {
	dates := []Date{{}, {Year: 2015}, {Year: 2015, Month: 1}, {Year: 2015, Month: 1, Day: 7}, {Year: 1, Month: 12, Day: 31},
		{Year: 9999}, {Year: 10000}, {Year: -5, Month: 3}, {Year: 2015, Month: 123}, {Year: 2015, Month: 1, Day: -1}, {Month: 5}}
	for _, d := range dates {
		if got := string(d.AppendString([]byte("x"))); got != "x"+d.String() {
			t.Errorf("%#v.AppendString = %q, want %q", d, got, "x"+d.String())
		}
	}
}

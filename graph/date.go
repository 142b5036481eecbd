package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

const (
	PrecisionNone  Precision = iota // the zero Date: no date
	PrecisionYear                   // "2015"
	PrecisionMonth                  // "2015-01"
	PrecisionDay                    // "2015-01-07"
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// Date is a partial calendar date: a year, a month of a year, or a day.
// Sources often date things only to the year, and that imprecision is kept
// rather than invented away. The zero Date means "no date" and encodes as
// JSON null / an empty string.
type Date struct {
	Year  int
	Month int // 0 when Precision is year
	Day   int // 0 unless Precision is day
}

// ParseDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1 to 9999).
// An empty string gives the zero Date. Errors have code EINVALID.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	bad := func() (Date, error) {
		return Date{}, Errorf(EINVALID, "bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", truncate(s, 40))
	}
	digits := func(s string) (int, bool) {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad()
	}
	y, ok := digits(s[:4])
	if !ok || y < 1 {
		return bad()
	}
	d := Date{Year: y}
	if len(s) >= 7 {
		if s[4] != '-' {
			return bad()
		}
		m, ok := digits(s[5:7])
		if !ok || m < 1 || m > 12 {
			return bad()
		}
		d.Month = m
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return bad()
		}
		day, ok := digits(s[8:10])
		if !ok || day < 1 || day > daysIn(y, d.Month) {
			return bad()
		}
		d.Day = day
	}
	return d, nil
}

// MustDate is ParseDate for literals in code and tests; it panics on error.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how much of d is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// String formats d as it was parsed: "2015", "2015-01" or "2015-01-07";
// "" for the zero Date.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// AppendString appends d's String form to b, without allocating for the
// dates ParseDate accepts.
func (d Date) AppendString(b []byte) []byte {
	p := d.Precision()
	if p == PrecisionNone {
		return b
	}
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return append(b, d.String()...)
	}
	y := d.Year
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if p == PrecisionYear {
		return b
	}
	b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10))
	if p == PrecisionMonth {
		return b
	}
	return append(b, '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// FirstDay returns the earliest day d covers as yyyymmdd ("2015" -> 20150101);
// 0 for the zero Date.
func (d Date) FirstDay() int32 {
	if d.IsZero() {
		return 0
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return int32(d.Year*10000 + m*100 + day)
}

// LastDay returns the latest day d covers as yyyymmdd ("2015" -> 20151231);
// 0 for the zero Date.
func (d Date) LastDay() int32 {
	if d.IsZero() {
		return 0
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 12
	}
	if day == 0 {
		day = daysIn(d.Year, m)
	}
	return int32(d.Year*10000 + m*100 + day)
}

// MarshalJSON encodes d as its string form, or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON accepts a string in ParseDate's forms, "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "a date must be a string such as \"2015-01-07\"")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ValidOn reports whether an interval [from, to] of partial dates may hold on
// the day or period asOf: the interval starts no later than asOf ends, and
// ends no earlier than asOf starts. A zero from or to is open-ended.
func ValidOn(from, to, asOf Date) bool {
	if asOf.IsZero() {
		return true
	}
	if !from.IsZero() && from.FirstDay() > asOf.LastDay() {
		return false
	}
	if !to.IsZero() && to.LastDay() < asOf.FirstDay() {
		return false
	}
	return true
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

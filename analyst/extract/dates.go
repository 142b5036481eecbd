package extract

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// dateExpr is a date a sentence gives, over tokens [i, j).
type dateExpr struct {
	i, j int
	date graph.Date
	abs  bool   // the text gives the year itself
	note string // how a date without its own year was dated
}

// findDates reads the dates of sentence si:
//
//   - "2011", "January 2015", "8 January 2015", "January 8, 2015", "Nov. 2008",
//     "Christmas Day 2000": absolute;
//   - "January 8", "on 14 March", "in February": the year of the last
//     absolute date before it in the text, or of Options.Published;
//   - "last year", "this year", "last month": from Options.Published;
//   - "soon afterwards", "later", "the following year", "a year later":
//     from the last absolute date before it, said in the note.
//
// Decades ("the late 1990s") and weekdays give no date.
func (d *doc) findDates(si int) []dateExpr {
	toks := d.toks[si]
	var out []dateExpr
	word := func(k int) string {
		if k >= 0 && k < len(toks) && toks[k].word {
			return toks[k].fold
		}
		return ""
	}
	year := func(k int) int {
		if k < 0 || k >= len(toks) || !toks[k].digit || len(toks[k].fold) != 4 || !isDigits(toks[k].fold) {
			return 0
		}
		y := atoi(toks[k].fold)
		if y < 1900 || y > 2100 {
			return 0
		}
		// "2,000 people" reads as "2" "," "000"; a year is not followed
		// by a unit.
		switch word(k + 1) {
		case "percent", "people", "km", "miles", "dead", "killed", "men", "troops", "fighters":
			return 0
		}
		return y
	}
	day := func(k int) int {
		if k < 0 || k >= len(toks) || !toks[k].digit {
			return 0
		}
		f := toks[k].fold
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if len(f) > 2 && f[len(f)-2:] == suf {
				f = f[:len(f)-2]
			}
		}
		if !isDigits(f) || len(f) > 2 {
			return 0
		}
		n := atoi(f)
		if n < 1 || n > 31 {
			return 0
		}
		return n
	}
	isMonth := func(k int) int {
		w := word(k)
		m := months[w]
		if m == 0 || !toks[k].cap {
			return 0
		}
		if w == "may" || w == "mar" || w == "jan" || len(w) <= 3 && w != "jun" && w != "jul" && w != "nov" && w != "oct" && w != "dec" && w != "feb" && w != "aug" && w != "apr" && w != "sep" {
			// "May" and short forms only next to a number or after "in".
			if day(k+1) == 0 && year(k+1) == 0 && day(k-1) == 0 && word(k-1) != "in" && word(k-1) != "since" && word(k-1) != "early" && word(k-1) != "late" && word(k-1) != "mid" {
				return 0
			}
		}
		return m
	}
	contextYear := func() (int, string) {
		if p := d.opt.Published; p.Year != 0 {
			return p.Year, fmt.Sprintf("the year is that of publication (%d)", p.Year)
		}
		if d.lastDate.Year != 0 {
			return d.lastDate.Year, fmt.Sprintf("the year is that of the last date before it in the text (%d)", d.lastDate.Year)
		}
		if d.opt.Published.Year != 0 {
			return d.opt.Published.Year, fmt.Sprintf("the year is that of publication (%d)", d.opt.Published.Year)
		}
		return 0, ""
	}
	skipDot := func(k int) int { // "Nov." and "Nov 14, 2015"
		for k < len(toks) && !toks[k].word && (toks[k].fold == "." || toks[k].fold == ",") {
			k++
		}
		return k
	}
	for k := 0; k < len(toks); k++ {
		if !toks[k].word {
			continue
		}
		w := toks[k].fold
		// "Christmas Day 2000", "Christmas 2014"
		if w == "christmas" && toks[k].cap {
			q := k + 1
			if word(q) == "day" || word(q) == "eve" {
				q++
			}
			if y := year(q); y != 0 {
				dt := graph.Date{Year: y, Month: 12}
				if q > k+1 {
					dt.Day = 25
					if word(k+1) == "eve" {
						dt.Day = 24
					}
				}
				out = append(out, dateExpr{i: k, j: q + 1, date: dt, abs: true})
				k = q
				continue
			}
		}
		if m := isMonth(k); m != 0 {
			q := skipDot(k + 1)
			// Month Day[,] Year | Month Year | Month Day | Month
			if dd := day(q); dd != 0 && year(q) == 0 {
				r := skipDot(q + 1)
				if y := year(r); y != 0 {
					out = append(out, dateExpr{i: k, j: r + 1, date: graph.Date{Year: y, Month: m, Day: dd}, abs: true})
					k = r
					continue
				}
				if y, note := contextYear(); y != 0 {
					out = append(out, dateExpr{i: k, j: q + 1, date: graph.Date{Year: y, Month: m, Day: dd}, note: note})
				}
				k = q
				continue
			}
			if y := year(q); y != 0 {
				i := k
				if dd := day(k - 1); dd != 0 {
					out = append(out, dateExpr{i: k - 1, j: q + 1, date: graph.Date{Year: y, Month: m, Day: dd}, abs: true})
				} else {
					out = append(out, dateExpr{i: i, j: q + 1, date: graph.Date{Year: y, Month: m}, abs: true})
				}
				k = q
				continue
			}
			if dd := day(k - 1); dd != 0 {
				if y, note := contextYear(); y != 0 {
					out = append(out, dateExpr{i: k - 1, j: k + 1, date: graph.Date{Year: y, Month: m, Day: dd}, note: note})
				}
				continue
			}
			if p := word(k - 1); p == "in" || p == "since" || p == "early" || p == "late" || p == "mid" || p == "until" || p == "by" {
				if y, note := contextYear(); y != 0 {
					out = append(out, dateExpr{i: k, j: k + 1, date: graph.Date{Year: y, Month: m}, note: note})
				}
			}
			continue
		}
		if y := year(k); y != 0 {
			out = append(out, dateExpr{i: k, j: k + 1, date: graph.Date{Year: y}, abs: true})
			continue
		}
		pub := d.opt.Published
		switch {
		case (w == "last" || w == "this" || w == "next") && (word(k+1) == "year" || word(k+1) == "month"):
			if pub.IsZero() {
				continue
			}
			dt := graph.Date{Year: pub.Year}
			if word(k+1) == "month" {
				if pub.Month == 0 {
					continue
				}
				dt.Month = pub.Month
				switch w {
				case "last":
					dt.Month--
				case "next":
					dt.Month++
				}
				if dt.Month == 0 {
					dt.Year, dt.Month = dt.Year-1, 12
				} else if dt.Month == 13 {
					dt.Year, dt.Month = dt.Year+1, 1
				}
			} else {
				switch w {
				case "last":
					dt.Year--
				case "next":
					dt.Year++
				}
			}
			out = append(out, dateExpr{i: k, j: k + 2, date: dt, note: fmt.Sprintf("%q counted from the date of publication (%s)", w+" "+word(k+1), pub)})
			k++
		case w == "later" && (word(k-1) == "year" || word(k-1) == "month") && (word(k-2) == "a" || word(k-2) == "one"):
			if d.lastDate.IsZero() {
				continue
			}
			dt := d.lastDate
			if word(k-1) == "year" {
				dt = graph.Date{Year: dt.Year + 1}
			} else if dt.Month != 0 {
				dt = graph.Date{Year: dt.Year, Month: dt.Month + 1}
				if dt.Month == 13 {
					dt = graph.Date{Year: dt.Year + 1, Month: 1}
				}
			} else {
				dt = graph.Date{Year: dt.Year}
			}
			out = append(out, dateExpr{i: k - 2, j: k + 1, date: dt, note: fmt.Sprintf("%q counted from the last date before it in the text (%s)", d.text[toks[k-2].start:toks[k].end], d.lastDate)})
		case w == "afterwards" || w == "afterward" || w == "thereafter" || w == "later" && word(k-1) != "years" && word(k-1) != "months" && word(k-1) != "days" && word(k-1) != "weeks" && word(k-1) != "year" && word(k-1) != "month":
			if d.lastDate.IsZero() {
				continue
			}
			i := k
			if p := word(k - 1); p == "soon" || p == "shortly" || p == "not" || p == "long" || p == "much" || p == "years" {
				i--
			}
			out = append(out, dateExpr{i: i, j: k + 1, date: d.lastDate, note: fmt.Sprintf("%q: no earlier than the last date before it in the text (%s)", d.text[toks[i].start:toks[k].end], d.lastDate)})
		case (w == "following" || w == "next") && word(k+1) == "year" && word(k-1) == "the":
			if d.lastDate.IsZero() {
				continue
			}
			out = append(out, dateExpr{i: k - 1, j: k + 2, date: graph.Date{Year: d.lastDate.Year + 1}, note: fmt.Sprintf("the year after the last date before it in the text (%d)", d.lastDate.Year)})
			k++
		}
	}
	return out
}

// noteDates remembers the last date of sentence si that gives a month or
// a year of its own (absolute, or dated from the context).
func (d *doc) noteDates(si int) {
	for _, dt := range d.dates[si] {
		if dt.abs || dt.note != "" && !strings.Contains(dt.note, "no earlier than") {
			d.lastDate = dt.date
		}
	}
}

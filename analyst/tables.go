package analyst

import "strconv"

// The answers that are tables give their rows here, header first, so that
// every transport writes the same CSV.

// Table is the answer as a table: with a series, one row per actor and
// year (id, name, kind, year, as_of, value, rank); without, the top and
// then the actors asked for that are not in it (rank, id, name, kind,
// value, stderr; stderr only for sampled betweenness).
func (a *CentralityAnswer) Table() [][]string {
	if a.Series != nil {
		rows := [][]string{{"id", "name", "kind", "year", "as_of", "value", "rank"}}
		for _, sa := range a.Series.Actors {
			for i, y := range a.Series.Years {
				rows = append(rows, []string{sa.Actor.ID, sa.Actor.Name, string(sa.Actor.Kind), strconv.Itoa(y.Year), y.AsOf.String(),
					num(sa.Values[i]), strconv.Itoa(sa.Ranks[i])})
			}
		}
		return rows
	}
	rows := [][]string{{"rank", "id", "name", "kind", "value", "stderr"}}
	seen := map[string]bool{}
	for _, v := range append(append([]ScoreView(nil), a.Top...), a.Actors...) {
		if seen[v.Actor.ID] {
			continue
		}
		seen[v.Actor.ID] = true
		se := ""
		if v.StdErr != nil {
			se = num(*v.StdErr)
		}
		rows = append(rows, []string{strconv.Itoa(v.Rank), v.Actor.ID, v.Actor.Name, string(v.Actor.Kind), num(v.Value), se})
	}
	return rows
}

// Table is the brokers as a table: rank, id, name, kind, side, score,
// paths, share, and the first example path in words.
func (a *BrokersAnswer) Table() [][]string {
	rows := [][]string{{"rank", "id", "name", "kind", "side", "score", "paths", "share", "example"}}
	for _, b := range a.Brokers {
		ex := ""
		if len(b.Examples) > 0 {
			ex = b.Examples[0].Text
		}
		rows = append(rows, []string{strconv.Itoa(b.Rank), b.Actor.ID, b.Actor.Name, string(b.Actor.Kind), b.Side,
			num(b.Score), num(b.Paths), num(b.Share), ex})
	}
	return rows
}

// MemberHeader is the header of the membership table, whose rows are
// MemberRow.Strings.
var MemberHeader = []string{"id", "name", "kind", "community", "community_size", "community_name", "inside"}

// Strings is the row of the membership table.
func (r MemberRow) Strings() []string {
	return []string{r.Actor.ID, r.Actor.Name, string(r.Actor.Kind), strconv.Itoa(r.Community), strconv.Itoa(r.Size), r.CommunityName, strconv.Itoa(r.Inside)}
}

// num writes a value as the shortest decimal that reads back the same.
func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

package docx

import (
	"strings"

	"tiendo/internal/vntext"
)

// placeWords open the place part of an agency's name ("… TỈNH CÀ MAU",
// "… THÀNH PHỐ HỒ CHÍ MINH"), which is never broken across lines.
var placeWords = [][]string{{"tinh"}, {"thanh", "pho"}, {"huyen"}, {"quan"}, {"thi", "xa"}, {"thi", "tran"},
	{"phuong"}, {"xa"}, {"dac", "khu"}}

// nameUnit is a piece of a name that a line never breaks inside, with how
// good a place to break the line is right before it (lower is better).
type nameUnit struct {
	text    string
	penalty int
}

// Break penalties: before the place part, after a comma, after a
// conjunction, after the kind of agency ("SỞ", "BAN"), anywhere else
// (between the syllables of a word such as "KHOA HỌC").
const (
	breakPlace = 0
	breakComma = 0
	breakAnd   = 1
	breakHead  = 2
	breakOther = 4
)

// nameUnits splits a name into the pieces a line may break between: its
// words, except that the place part (a level word and the place's name,
// up to four words) is one piece, and a conjunction ("VÀ") or a dash
// stays at the end of the line before it.
func nameUnits(name string) []nameUnit {
	words := strings.Fields(name)
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = vntext.Fold(w)
	}
	place := len(words)
	for i := 1; i < len(words) && place == len(words); i++ {
		for _, pw := range placeWords {
			if i+len(pw) < len(words) && len(words)-i-len(pw) <= 4 && equalWords(folded[i:i+len(pw)], pw) {
				place = i
				break
			}
		}
	}
	var units []nameUnit
	for i := 0; i < place; i++ {
		if f := folded[i]; len(units) > 0 && (f == "va" || f == "-" || f == "–") {
			units[len(units)-1].text += " " + words[i]
			continue
		}
		u := nameUnit{text: words[i], penalty: breakOther}
		if len(units) > 0 {
			switch prev := units[len(units)-1].text; {
			case strings.HasSuffix(prev, ","):
				u.penalty = breakComma
			case strings.HasSuffix(vntext.Fold(prev), " va"):
				u.penalty = breakAnd
			case len(units) == 1:
				u.penalty = breakHead
			}
		}
		units = append(units, u)
	}
	if place < len(words) {
		units = append(units, nameUnit{text: strings.Join(words[place:], " "), penalty: breakPlace})
	}
	return units
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameLines breaks a name into as few lines as fit in width twips at
// size points, breaking only between the pieces nameUnits gives, at the
// best places among them, the lines as even as possible. A piece wider
// than width has a line to itself.
func nameLines(name string, size int, bold bool, width int) []string {
	units := nameUnits(name)
	n := len(units)
	if n == 0 {
		return nil
	}
	span := func(i, j int) string {
		parts := make([]string, 0, j-i)
		for _, u := range units[i:j] {
			parts = append(parts, u.text)
		}
		return strings.Join(parts, " ")
	}
	// best[i] is the best split of units[i:]: fewest lines, then the
	// lowest sum of break penalties, then the narrowest widest line.
	type split struct{ lines, penalty, widest, next int }
	better := func(a, b split) bool {
		if a.lines != b.lines {
			return a.lines < b.lines
		}
		if a.penalty != b.penalty {
			return a.penalty < b.penalty
		}
		return a.widest < b.widest
	}
	best := make([]split, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = split{lines: n + 1}
		for j := i + 1; j <= n; j++ {
			lw := textTwips(span(i, j), size, bold)
			if lw > width && j > i+1 {
				break
			}
			c := split{lines: best[j].lines + 1, penalty: best[j].penalty, widest: max(lw, best[j].widest), next: j}
			if j < n {
				c.penalty += units[j].penalty
			}
			if better(c, best[i]) {
				best[i] = c
			}
		}
	}
	var out []string
	for i := 0; i < n; i = best[i].next {
		out = append(out, span(i, best[i].next))
	}
	return out
}

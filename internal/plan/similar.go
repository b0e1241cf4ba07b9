package plan

import (
	"cmp"
	"slices"
	"strings"

	"tiendo/internal/vntext"
)

// Similarity scores how alike two task texts are, from 0 to 1: the Dice
// coefficient of their word pairs, without diacritics or case ("dữ liệu"
// and "du lieu" are one pair), so that a task reworded in a new plan
// still finds its old self. Pairs rather than words, because plans share
// most single words ("triển khai", "xây dựng").
func Similarity(a, b string) float64 {
	pa, pb := wordPairs(a), wordPairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		return 0
	}
	common := 0
	for p := range pa {
		if pb[p] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(pa)+len(pb))
}

func wordPairs(s string) map[string]bool {
	words := strings.FieldsFunc(vntext.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	out := map[string]bool{}
	for i := 0; i+1 < len(words); i++ {
		out[words[i]+" "+words[i+1]] = true
	}
	return out
}

// Suggestion is a new task proposed to continue an old one.
type Suggestion struct {
	OldTaskID, NewTaskID int64
	Score                float64
}

// MinSimilarity is the least Similarity worth suggesting.
const MinSimilarity = 0.25

// SuggestCarry pairs each old task with the new task most like it, one to
// one, best pairs first; old tasks with nothing at MinSimilarity or above
// are left out. The texts are compared (the title when a task has none).
func SuggestCarry(old, new []Task) []Suggestion {
	var all []Suggestion
	for _, o := range old {
		for _, n := range new {
			if s := Similarity(cmp.Or(o.Text, o.Title), cmp.Or(n.Text, n.Title)); s >= MinSimilarity {
				all = append(all, Suggestion{o.ID, n.ID, s})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b Suggestion) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	usedOld, usedNew := map[int64]bool{}, map[int64]bool{}
	var out []Suggestion
	for _, s := range all {
		if usedOld[s.OldTaskID] || usedNew[s.NewTaskID] {
			continue
		}
		usedOld[s.OldTaskID], usedNew[s.NewTaskID] = true, true
		out = append(out, s)
	}
	return out
}

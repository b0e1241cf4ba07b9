package agency

import (
	"testing"
	"time"
)

func TestReorganisationValidate(t *testing.T) {
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		r     Reorganisation
		field string // "" when valid
	}{
		{"merge into existing", Reorganisation{Kind: ReorgMerge, From: []int64{1, 2}, Into: 3, Effective: day, Decision: "1/QĐ"}, ""},
		{"merge into new", Reorganisation{Kind: ReorgMerge, From: []int64{1, 2}, New: &Agency{Name: "Sở mới"}, Effective: day, Decision: "1/QĐ"}, ""},
		{"merge without successor", Reorganisation{Kind: ReorgMerge, From: []int64{1}, Effective: day, Decision: "1/QĐ"}, "into"},
		{"into and new", Reorganisation{Kind: ReorgMerge, From: []int64{1}, Into: 2, New: &Agency{Name: "X"}, Effective: day, Decision: "1/QĐ"}, "into"},
		{"into among from", Reorganisation{Kind: ReorgMerge, From: []int64{1, 2}, Into: 2, Effective: day, Decision: "1/QĐ"}, "into"},
		{"from repeated", Reorganisation{Kind: ReorgMerge, From: []int64{1, 1}, Into: 2, Effective: day, Decision: "1/QĐ"}, "from"},
		{"rename needs new", Reorganisation{Kind: ReorgRename, From: []int64{1}, Effective: day, Decision: "1/QĐ"}, "new"},
		{"rename blank name", Reorganisation{Kind: ReorgRename, From: []int64{1}, New: &Agency{Name: "  "}, Effective: day, Decision: "1/QĐ"}, "new.name"},
		{"rename two", Reorganisation{Kind: ReorgRename, From: []int64{1, 2}, New: &Agency{Name: "X"}, Effective: day, Decision: "1/QĐ"}, "from"},
		{"split by tasks only", Reorganisation{Kind: ReorgSplit, From: []int64{1}, Tasks: map[int64]int64{9: 2}, Effective: day, Decision: "1/QĐ"}, ""},
		{"split with nothing", Reorganisation{Kind: ReorgSplit, From: []int64{1}, Effective: day, Decision: "1/QĐ"}, "into"},
		{"assignments outside a split", Reorganisation{Kind: ReorgMerge, From: []int64{1}, Into: 2, Tasks: map[int64]int64{9: 2}, Effective: day, Decision: "1/QĐ"}, "tasks"},
		{"dissolve without successor", Reorganisation{Kind: ReorgDissolve, From: []int64{1}, Effective: day, Decision: "1/QĐ"}, ""},
		{"no day", Reorganisation{Kind: ReorgDissolve, From: []int64{1}, Decision: "1/QĐ"}, "effective"},
		{"no decision", Reorganisation{Kind: ReorgDissolve, From: []int64{1}, Effective: day, Decision: " "}, "decision"},
		{"unknown kind", Reorganisation{Kind: "teleport", From: []int64{1}, Into: 2, Effective: day, Decision: "1/QĐ"}, "kind"},
	} {
		fe := c.r.Validate()
		switch {
		case c.field == "" && len(fe) > 0:
			t.Errorf("%s: refused: %v", c.name, fe)
		case c.field != "" && fe[c.field] == "":
			t.Errorf("%s: no error on %s (got %v)", c.name, c.field, fe)
		}
	}
	if got := NowPart("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"); got != "Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)" {
		t.Errorf("NowPart: %q", got)
	}
}

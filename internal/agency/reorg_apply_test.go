package agency

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// refusal is the one refusal err carries, or fails.
func refusal(t *testing.T, err error) Refusal {
	t.Helper()
	var re *ReorgError
	if !errors.As(err, &re) || len(re.Refusals) != 1 {
		t.Fatalf("got %v, want one refusal", err)
	}
	return re.Refusals[0]
}

func TestCheckRegister(t *testing.T) {
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	found := map[int64]*Agency{
		1: {ID: 1, Name: "Sở Nội vụ"},
		2: {ID: 2, Name: "Sở Tài chính"},
		3: {ID: 3, Name: "Sở Thông tin và Truyền thông", ValidTo: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		4: {ID: 4, Name: "Sở mới", ValidFrom: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range []struct {
		name  string
		r     Reorganisation
		field string // "" when accepted
		code  RefusalCode
	}{
		{"merge", Reorganisation{Kind: ReorgMerge, From: []int64{1}, Into: 2}, "", ""},
		{"unknown former", Reorganisation{Kind: ReorgMerge, From: []int64{9}, Into: 2}, "from", RefuseNoAgency},
		{"ended former", Reorganisation{Kind: ReorgMerge, From: []int64{3}, Into: 2}, "from", RefuseInactive},
		{"successor not yet", Reorganisation{Kind: ReorgMerge, From: []int64{1}, Into: 4}, "into", RefuseInactive},
		{"split to itself", Reorganisation{Kind: ReorgSplit, From: []int64{1}, Into: 2, Tasks: map[int64]int64{7: 1}}, "tasks", RefuseToSplit},
		{"split to nobody known", Reorganisation{Kind: ReorgSplit, From: []int64{1}, Into: 2, Indicators: map[int64]int64{7: 9}}, "indicators", RefuseNoAgency},
	} {
		c.r.Effective = day
		err := c.r.CheckRegister(found)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
			continue
		}
		if r := refusal(t, err); r.Field != c.field || r.Code != c.code {
			t.Errorf("%s: refused %s %s, want %s %s", c.name, r.Field, r.Code, c.field, c.code)
		}
	}
	r := Reorganisation{Kind: ReorgSplit, From: []int64{1}, Into: 2, Tasks: map[int64]int64{5: 4, 6: 2}, Indicators: map[int64]int64{8: 2}}
	if got := r.Agencies(); len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 4 {
		t.Errorf("Agencies() = %v, want [1 2 4]", got)
	}
}

func TestAssignMoves(t *testing.T) {
	split := Reorganisation{Kind: ReorgSplit, From: []int64{1}, Tasks: map[int64]int64{10: 2}}
	moves := []ReorgMove{{ID: 10, Label: "T1", From: 1}, {ID: 11, Label: "T2", From: 1}}
	// Without a successor for the rest, T2 is left to nobody: refused.
	if r := refusal(t, split.AssignTasks(moves, 0)); r.Code != RefuseUnassigned || r.ID != 11 || r.Name != "T2" {
		t.Errorf("unassigned: %+v", r)
	}
	if err := split.AssignTasks(moves, 3); err != nil || moves[0].To != 2 || moves[1].To != 3 {
		t.Errorf("assigned %+v, %v; want T1 to 2, T2 to 3", moves, err)
	}
	// A task that does not move cannot be assigned.
	split.Tasks[99] = 2
	if r := refusal(t, split.AssignTasks(moves, 3)); r.Code != RefuseNotMoving || r.ID != 99 || r.Field != "tasks" {
		t.Errorf("not moving: %+v", r)
	}
	// A dissolution without successor leaves tasks to nobody, as decided.
	dissolve := Reorganisation{Kind: ReorgDissolve, From: []int64{1}}
	if err := dissolve.AssignTasks(moves, 0); err != nil || moves[0].To != 0 {
		t.Errorf("dissolution: %+v, %v", moves, err)
	}
	if got := split.TaskSuccessor(10, 3); got != 2 {
		t.Errorf("TaskSuccessor(10) = %d, want 2", got)
	}
	merge := Reorganisation{Kind: ReorgMerge, From: []int64{1, 4}, Into: 2}
	for _, c := range []struct{ owner, succ, want int64 }{
		{5, 2, 5}, // an entry follows its task's lead
		{0, 2, 2}, // a contribution goes to the successor
		{4, 2, 0}, // an owner that ends too: dropped
		{0, 0, 0}, // nobody takes over
	} {
		if got := merge.ReportPartTo(c.owner, c.succ); got != c.want {
			t.Errorf("ReportPartTo(%d, %d) = %d, want %d", c.owner, c.succ, got, c.want)
		}
	}
}

func TestUndoWindow(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	r := Reorganisation{Effective: d(2025, 6, 15)}
	if got := r.UndoFrom(d(2025, 5, 20)); !got.Equal(d(2025, 6, 15)) {
		t.Errorf("UndoFrom before the effective day = %v", got)
	}
	if got := r.UndoFrom(d(2025, 9, 1)); !got.Equal(d(2025, 9, 1)) {
		t.Errorf("UndoFrom after the effective day = %v", got)
	}
	if got := UndoUntil(d(2025, 9, 1), d(2025, 10, 1)); !got.Equal(d(2025, 10, 1)) {
		t.Errorf("UndoUntil with a next period = %v", got)
	}
	if got := UndoUntil(d(2025, 12, 31), time.Time{}); !got.Equal(d(2026, 1, 1)) {
		t.Errorf("UndoUntil without periods = %v, want the next quarter", got)
	}

	rec := ReorgRecord{ID: 7, UndoUntil: d(2025, 7, 1)}
	if err := rec.CheckUndo(d(2025, 6, 30)); err != nil {
		t.Errorf("undo on the last day: %v", err)
	}
	r2 := refusal(t, rec.CheckUndo(d(2025, 7, 1)))
	if r2.Code != RefuseUndoClosed || r2.Field != "undo" || !strings.Contains(r2.Message(), "01/07/2025") {
		t.Errorf("undo in the next period: %+v %q", r2, r2.Message())
	}
	rec.UndoneAt = time.Date(2025, 6, 2, 8, 30, 0, 0, time.UTC)
	if r := refusal(t, rec.CheckUndo(d(2025, 6, 3))); r.Code != RefuseUndone || !strings.Contains(r.Message(), "08:30 02/06/2025") {
		t.Errorf("undo twice: %+v %q", r, r.Message())
	}
	if got := ReorgLabel([]string{"Sở A", "Sở B"}, ""); got != "Sở A, Sở B → (không có cơ quan kế thừa)" {
		t.Errorf("label %q", got)
	}
}

func TestRefusalMessages(t *testing.T) {
	rows := []RowRef{{"reports", 12}, {"task_agencies", 3}, {"tasks", 4}, {"tasks", 5}, {"users", 6}, {"indicators", 7}, {"agencies", 8}}
	msg := Refusal{Field: "undo", Code: RefuseChanged, Rows: rows}.Message()
	for _, want := range []string{"báo cáo mã 12", "phân công phối hợp của nhiệm vụ mã 3", "tài khoản mã 6", "và 2 bản ghi khác"} {
		if !strings.Contains(msg, want) {
			t.Errorf("changed: %q lacks %q", msg, want)
		}
	}
	e := &ReorgError{Index: 2, Refusals: []Refusal{
		{Field: "from", Code: RefuseInactive, Name: "Sở Nội vụ"},
		{Field: "indicators", Code: RefuseNotMoving, ID: 9},
	}}
	fe := e.Fields()
	if fe["from"] != "Sở Nội vụ không còn hoạt động vào ngày có hiệu lực." || !strings.HasPrefix(fe["indicators"], "Chỉ tiêu mã 9") {
		t.Errorf("fields %v", fe)
	}
	if !strings.Contains(e.Error(), "from: inactive") || !strings.Contains(e.Error(), "reorganisation 2") {
		t.Errorf("Error() = %q", e.Error())
	}
	// Every code has words of its own.
	for _, c := range []RefusalCode{RefuseNoAgency, RefuseInactive, RefuseToSplit, RefuseNameTaken, RefuseUnassigned,
		RefuseNotMoving, RefuseReportSent, RefuseUndone, RefuseUndoClosed, RefuseChanged, RefuseSuccessorUsed} {
		if m := (Refusal{Code: c}).Message(); strings.Contains(m, string(c)) {
			t.Errorf("%s has no message: %q", c, m)
		}
	}
}

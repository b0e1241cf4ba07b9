package rollup

import (
	"testing"

	"tiendo/internal/plan"
)

func TestCombine(t *testing.T) {
	const (
		onTime  = plan.StatusDoneOnTime
		late    = plan.StatusDoneLate
		prog    = plan.StatusInProgress
		soon    = plan.StatusDueSoon
		over    = plan.StatusOverdue
		none    = plan.StatusNotStarted
		paused  = plan.StatusPaused
		dropped = plan.StatusCancelled
	)
	for _, c := range []struct {
		name   string
		linked []plan.Status
		want   plan.Status
	}{
		{"nothing linked", nil, NotLinked},
		{"all cancelled", []plan.Status{dropped, dropped}, dropped},
		{"one overdue among done", []plan.Status{onTime, over, onTime}, over},
		{"overdue beats due soon", []plan.Status{soon, over}, over},
		{"all done on time", []plan.Status{onTime, onTime}, onTime},
		{"one late", []plan.Status{onTime, late}, late},
		{"done but one cancelled", []plan.Status{onTime, dropped}, onTime},
		{"one due soon", []plan.Status{onTime, soon, prog}, soon},
		{"all open paused", []plan.Status{paused, paused, onTime}, paused},
		{"none started", []plan.Status{none, none}, none},
		{"not started and paused", []plan.Status{none, paused}, none},
		{"one started", []plan.Status{none, prog}, prog},
		{"some done, rest not started", []plan.Status{onTime, none}, prog},
		{"in progress", []plan.Status{prog}, prog},
	} {
		if got := Combine(c.linked); got != c.want {
			t.Errorf("%s: Combine(%v) = %s, want %s", c.name, c.linked, got, c.want)
		}
	}
}

func TestProgress(t *testing.T) {
	got := Progress([]Linked{{Status: plan.StatusDoneLate, Progress: 80}, {Status: plan.StatusInProgress, Progress: 40},
		{Status: plan.StatusCancelled, Progress: 0}, {Status: plan.StatusNotStarted}})
	if got != 47 { // (100 + 40 + 0) / 3 = 46,7
		t.Errorf("Progress = %d, want 47", got)
	}
	if Progress(nil) != 0 {
		t.Error("no linked task: 0")
	}
}

func TestNumbers(t *testing.T) {
	tasks := []plan.Task{{ID: 7}, {ID: 3, RemovedOn: plan.Date(2025, 5, 1)}, {ID: 9}}
	n := Numbers(tasks)
	if n[7] != 1 || n[9] != 2 || n[3] != 0 {
		t.Errorf("Numbers = %v", n)
	}
}

func TestSuggest(t *testing.T) {
	up := []plan.Task{
		{ID: 1, Text: "Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ và đổi mới sáng tạo."},
		{ID: 2, Text: "Hoàn thiện thể chế về chuyển đổi số trong cơ quan nhà nước."},
		{ID: 3, Text: "Phát triển hạ tầng mạng 5G trên toàn quốc.", RemovedOn: plan.Date(2025, 6, 1)},
	}
	s := NewSuggester(up)
	got := s.Suggest(&plan.Task{ID: 10, Text: "Xay dung co so du lieu khoa hoc, cong nghe cua tinh."}, 0)
	if len(got) == 0 || got[0].UpstreamTaskID != 1 {
		t.Fatalf("suggestions %v, want task 1 first", got)
	}
	for _, x := range s.Suggest(&plan.Task{ID: 11, Text: "Phát triển hạ tầng mạng 5G trên địa bàn tỉnh."}, 0) {
		if x.UpstreamTaskID == 3 {
			t.Error("a removed upstream task was suggested")
		}
	}
	if got := s.Suggest(&plan.Task{ID: 12, Text: "Tổ chức hội thi văn nghệ."}, 0); len(got) != 0 {
		t.Errorf("unrelated task got %v", got)
	}
}

func TestCanLinkLevels(t *testing.T) {
	if !CanLinkLevels(plan.LevelProvince, plan.LevelNational) || !CanLinkLevels(plan.LevelProvince, plan.LevelProvince) {
		t.Error("a province links up and across")
	}
	if CanLinkLevels(plan.LevelNational, plan.LevelProvince) {
		t.Error("the national programme does not implement a province's plan")
	}
}

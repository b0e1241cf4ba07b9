package reporting

import (
	"strings"
	"testing"
	"time"

	"tiendo/internal/plan"
)

// TestEntryWarnings: a line that goes back on the previous accepted one
// asks for an explanation — progress down, a completed task reported
// unfinished —, once, and not once explained; a recurring or continuous
// task is compared only with an earlier revision of the same period.
func TestEntryWarnings(t *testing.T) {
	q1 := Period{ID: 1, Label: "Quý I/2026"}
	q2 := Period{ID: 2, Label: "Quý II/2026"}
	fixed := &plan.Task{Deadline: plan.Deadline{Kind: plan.DeadlineYear, Due: plan.Date(2026, 12, 31)}}
	cont := &plan.Task{Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}}
	at50 := &TaskResult{Period: q1, ReportID: 7, Entry: Entry{Status: plan.ClaimInProgress, Percent: 50}}
	done := &TaskResult{Period: q1, ReportID: 7, Entry: Entry{Status: plan.ClaimCompleted, Percent: 100, CompletedOn: plan.Date(2026, 3, 2)}}
	doneQ2 := &TaskResult{Period: q2, ReportID: 9, Revision: 1, Entry: Entry{Status: plan.ClaimCompleted, Percent: 100}}
	line := func(c plan.Claim, pct int, explanation string) *Entry {
		return &Entry{ReportID: 10, Status: c, Percent: pct, Explanation: explanation}
	}
	for _, c := range []struct {
		name string
		e    *Entry
		prev *TaskResult
		task *plan.Task
		p    Period
		want []string // codes
	}{
		{"no previous report", line(plan.ClaimInProgress, 10, ""), nil, fixed, q2, nil},
		{"progress up", line(plan.ClaimInProgress, 60, ""), at50, fixed, q2, nil},
		{"progress equal", line(plan.ClaimInProgress, 50, ""), at50, fixed, q2, nil},
		{"progress down 50 → 40", line(plan.ClaimInProgress, 40, ""), at50, fixed, q2, []string{WarnProgressDown}},
		{"progress down, explained", line(plan.ClaimInProgress, 40, "Điều chỉnh phạm vi."), at50, fixed, q2, nil},
		{"no status yet", line(plan.ClaimNone, 0, ""), at50, fixed, q2, nil},
		{"completed, now in progress", line(plan.ClaimInProgress, 90, ""), done, fixed, q2, []string{WarnReopened}},
		{"completed, now paused", line(plan.ClaimPaused, 100, ""), done, fixed, q2, []string{WarnReopened}},
		{"completed again", line(plan.ClaimCompleted, 100, ""), done, fixed, q2, nil},
		{"continuous: a new quarter starts again", line(plan.ClaimInProgress, 10, ""), done, cont, q2, nil},
		{"continuous: a correction of the same quarter", line(plan.ClaimInProgress, 80, ""), doneQ2, cont, q2, []string{WarnReopened}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := EntryWarnings(c.e, c.prev, c.task, c.p)
			var codes []string
			for _, w := range got {
				codes = append(codes, w.Code)
				if !strings.Contains(w.Message, "giải trình") || !strings.Contains(w.Message, c.prev.Period.Label) {
					t.Errorf("message %q", w.Message)
				}
			}
			if strings.Join(codes, ",") != strings.Join(c.want, ",") {
				t.Errorf("warnings %v, want %v", codes, c.want)
			}
		})
	}
	w := EntryWarnings(line(plan.ClaimInProgress, 40, ""), at50, fixed, q2)
	if len(w) != 1 || w[0].Message != "Tiến độ giảm từ 50% (báo cáo Quý I/2026 đã được tiếp nhận) xuống 40%. Hãy giải trình lý do." {
		t.Errorf("message: %+v", w)
	}
}

// TestCurrentPeriod: the period containing the day, else the last one
// started, else the first — what the dashboard shows and what tasks
// judged per period are judged in.
func TestCurrentPeriod(t *testing.T) {
	r := DefaultRegime(1)
	periods := Periods(r, plan.Date(2026, 1, 15), plan.Date(2026, 12, 31))
	for _, c := range []struct {
		day  time.Time
		want string
	}{
		{plan.Date(2025, 12, 1), "Quý I/2026"},
		{plan.Date(2026, 1, 1), "Quý I/2026"},
		{plan.Date(2026, 6, 5), "Quý II/2026"},
		{plan.Date(2026, 7, 1), "Quý III/2026"},
		{plan.Date(2027, 3, 1), "Quý IV/2026"},
	} {
		p, ok := CurrentPeriod(periods, c.day)
		now := NowOf(periods, c.day, 5)
		if !ok || p.Label != c.want || now.Period.Label != c.want || !now.Period.Due.Equal(p.Due) || now.DueSoon != 5 {
			t.Errorf("%s: %s (%t), now %+v; want %s", c.day.Format("02/01/2006"), p.Label, ok, now, c.want)
		}
	}
	if _, ok := CurrentPeriod(nil, plan.Date(2026, 1, 1)); ok {
		t.Error("a period with none")
	}
	if now := NowOf(nil, plan.Date(2026, 1, 1), 0); !now.Period.IsZero() {
		t.Errorf("no period: %+v", now)
	}
}

// TestOpenInPerPeriod: a recurring or continuous task completed in a
// period is still expected in the next; a task with a fixed due day is
// not.
func TestOpenInPerPeriod(t *testing.T) {
	q2 := Period{Start: plan.Date(2026, 4, 1), End: plan.Date(2026, 6, 30)}
	done := plan.Date(2026, 3, 5)
	cont := plan.Task{LeadAgencyID: 1, Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}, CompletedOn: done, Claim: plan.ClaimCompleted}
	fixed := plan.Task{LeadAgencyID: 1, Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: plan.Date(2026, 3, 31)}, CompletedOn: done}
	if !OpenIn(&cont, q2) {
		t.Error("continuous task completed last quarter: not expected this quarter")
	}
	if OpenIn(&fixed, q2) {
		t.Error("task completed before the quarter: still expected")
	}
}

package reporting

import (
	"fmt"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// TaskResult is a task's line in an accepted report: what the lead agency
// said about the task for one period — claim, %, results, evidence and its
// files —, confirmed by the coordinator (who and when). The task page
// lists one per period (the highest accepted revision); the report form
// shows the latest one before the report beside each line.
type TaskResult struct {
	Period      Period
	ReportID    int64
	Revision    int
	AgencyID    int64 // the agency that reported (the task's lead then)
	Entry       Entry // the line as accepted (Previous and Warnings not set)
	Files       []File
	SubmittedAt time.Time
	OnTime      bool
	AcceptedAt  time.Time
	AcceptedBy  int64
}

// Warning codes of EntryWarning.
const (
	// WarnProgressDown: the % is lower than in the previous accepted report.
	WarnProgressDown = "progress_down"
	// WarnReopened: the previous accepted report said completed, this line
	// does not.
	WarnReopened = "reopened"
)

// EntryWarning asks for an explanation of a line that goes back on the
// previous accepted report. It is a warning: the line is saved and the
// report can be sent all the same.
type EntryWarning struct {
	Code    string // WarnProgressDown or WarnReopened
	Message string // in Vietnamese, for the person filling the form
}

// EntryWarnings are what line e of a report for period p about task t
// says against prev, the task's line in the latest accepted report before
// it (nil: nothing to compare): progress down, or a completed task
// reported unfinished. None once e gives an explanation, nor for a line
// without a status yet. A task judged per period (recurring, continuous)
// starts each period's work again: its line is compared only with an
// earlier accepted revision of the same period.
func EntryWarnings(e *Entry, prev *TaskResult, t *plan.Task, p Period) []EntryWarning {
	if prev == nil || e.Status == plan.ClaimNone || e.Explanation != "" {
		return nil
	}
	if t != nil && t.JudgedPerPeriod() && prev.Period.ID != p.ID {
		return nil
	}
	was := &prev.Entry
	var out []EntryWarning
	if was.Status == plan.ClaimCompleted && e.Status != plan.ClaimCompleted {
		done := ""
		if !was.CompletedOn.IsZero() {
			done = " ngày " + vntext.FormatDate(was.CompletedOn)
		}
		out = append(out, EntryWarning{Code: WarnReopened, Message: fmt.Sprintf(
			"Báo cáo %s đã được tiếp nhận với tình trạng “Đã hoàn thành”%s; nay báo cáo “%s”. Hãy giải trình lý do.",
			prev.Period.Label, done, e.Status.Label())})
	}
	if len(out) == 0 && e.Percent < was.Percent {
		out = append(out, EntryWarning{Code: WarnProgressDown, Message: fmt.Sprintf(
			"Tiến độ giảm từ %d%% (báo cáo %s đã được tiếp nhận) xuống %d%%. Hãy giải trình lý do.",
			was.Percent, prev.Period.Label, e.Percent)})
	}
	return out
}

package web

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// reportView is the report page's data: the report read as a whole, the
// buttons the user may press, and its history.
type reportView struct {
	*reportData
	DaysToDue int
	CanEdit   bool
	CanSubmit bool
	CanAccept bool
	CanReturn bool
	CanRevise bool

	Entries       []entryView
	Contributions []contribView // the agency's own parts of tasks it cooperates on
	Values        []valueView
	Files         []fileView // attached to the report as a whole

	SubmittedBy, ReturnedBy, AcceptedBy string
	Revisions                           []revisionRow
	Steps                               []historyRow // flow steps: who, when
	Changes                             []historyRow // other saves, newest first

	Notice       string           // what was just done
	Error        string           // why the last step was refused
	Fields       plan.FieldErrors // entries.<task id> → message (submit refused)
	ReturnReason string           // kept when returning failed
	ReturnError  string
}

// entryView is one task line of a report for reading.
type entryView struct {
	reporting.Entry
	Title         string
	Deadline      plan.Deadline
	Contributions []contribView // cooperating agencies' parts, inside the lead's line
	Files         []fileView
	Error         string // set when submitting found the line incomplete
}

// contribView is a cooperating agency's part of a task.
type contribView struct {
	reporting.Contribution
	Title      string // the task's
	AgencyName string
}

// valueView is an indicator value with its indicator.
type valueView struct {
	reporting.IndicatorValue
	Code, Name, Unit string
	Display          string // the value written the Vietnamese way; "" when not given
}

// fileView is an evidence file with the task it is attached to.
type fileView struct {
	reporting.File
	Task string
}

// revisionRow is one revision of the report, for the list of corrections.
type revisionRow struct {
	ID       int64
	Revision int
	State    reporting.State
	Current  bool
	This     bool // the revision shown
	When     time.Time
}

// historyRow is one line of a report's history.
type historyRow struct {
	At     time.Time
	Who    string
	What   string
	Reason string
	Late   bool
}

// buildReportView puts a report's page together.
func buildReportView(d *reportData) *reportView {
	rep := d.Report
	v := &reportView{
		reportData: d,
		DaysToDue:  rep.Period.DaysToDue(d.Today),
		CanEdit:    d.can(reporting.ActEdit),
		CanSubmit:  d.can(reporting.ActSubmit),
		CanAccept:  d.can(reporting.ActAccept),
		CanReturn:  d.can(reporting.ActReturn),
		CanRevise:  d.can(reporting.ActRevise),
	}
	if !rep.SubmittedAt.IsZero() {
		v.SubmittedBy = d.who(rep.SubmittedBy)
	}
	if !rep.ReturnedAt.IsZero() {
		v.ReturnedBy = d.who(rep.ReturnedBy)
	}
	if !rep.AcceptedAt.IsZero() {
		v.AcceptedBy = d.who(rep.AcceptedBy)
	}
	files := map[int64][]fileView{}
	for _, f := range rep.Files {
		fv := fileView{File: f}
		if f.TaskID != 0 {
			fv.Task = d.taskTitle(f.TaskID)
		}
		files[f.TaskID] = append(files[f.TaskID], fv)
	}
	v.Files = files[0]
	for _, e := range rep.Entries {
		ev := entryView{Entry: e, Title: d.taskTitle(e.TaskID), Files: files[e.TaskID]}
		if t := d.tasks[e.TaskID]; t != nil {
			ev.Deadline = t.Deadline
		}
		for _, c := range e.Contributions {
			ev.Contributions = append(ev.Contributions, contribView{Contribution: c, AgencyName: d.agencyName(c.AgencyID)})
		}
		v.Entries = append(v.Entries, ev)
	}
	for _, c := range rep.Contributions {
		v.Contributions = append(v.Contributions, contribView{Contribution: c, Title: d.taskTitle(c.TaskID), AgencyName: d.Agency.Name})
	}
	for _, val := range rep.Values {
		v.Values = append(v.Values, d.valueView(val))
	}
	for _, o := range d.read.Revisions {
		when := o.AcceptedAt
		if when.IsZero() {
			when = o.UpdatedAt
		}
		v.Revisions = append(v.Revisions, revisionRow{ID: o.ID, Revision: o.Revision, State: o.State, Current: o.Current, This: o.ID == rep.ID, When: when})
	}
	reportHistory(v)
	return v
}

// valueView pairs a value with its indicator.
func (d *reportData) valueView(val reporting.IndicatorValue) valueView {
	vv := valueView{IndicatorValue: val, Name: "Chỉ tiêu #" + itoa(val.IndicatorID)}
	if ind := d.indicators[val.IndicatorID]; ind != nil {
		vv.Code, vv.Name, vv.Unit = ind.Code, ind.Name, ind.Unit
	}
	if val.Value != nil {
		vv.Display = vntext.FormatNumber(*val.Value, 4)
	}
	return vv
}

// flowWords name the flow's steps with the words the history shows.
var flowWords = map[reporting.Action]string{
	reporting.ActSubmit: "Lãnh đạo duyệt và gửi báo cáo",
	reporting.ActReturn: "Sở trả lại báo cáo",
	reporting.ActAccept: "Sở tiếp nhận báo cáo",
	reporting.ActRevise: "Tạo phiên bản điều chỉnh",
}

// changeWords name the other saves in a report's audit history, by a
// word of their audit action ("report.entry", "report.file.add", …).
var changeWords = []struct{ key, label string }{
	{"file", "Tệp minh chứng"},
	{"contribution", "Phần phối hợp"},
	{"value", "Giá trị chỉ tiêu"},
	{"entr", "Nội dung nhiệm vụ"},
	{"text", "Phần tổng hợp"},
	{"sample", "Dữ liệu mẫu"},
	{"create", "Lập báo cáo"},
	{"ensure", "Lập báo cáo"},
}

// maxChanges bounds the other saves the page lists (drafts are saved as
// people type).
const maxChanges = 30

// reportHistory fills the flow steps (who, when, why) and the other saves,
// newest first, from the history the report was read with; when the log
// has no step (it may not be kept for older data), the report's own last
// submission, return and acceptance stand in.
func reportHistory(v *reportView) {
	for _, s := range v.read.Steps {
		row := historyRow{At: s.At, Who: v.who(s.By), What: flowWords[s.Action], Reason: s.Reason}
		if s.OnTime != nil {
			row.Late = !*s.OnTime
		}
		v.Steps = append(v.Steps, row)
	}
	for _, c := range slices.Backward(v.read.Changes) {
		if len(v.Changes) == maxChanges {
			break
		}
		row := historyRow{At: c.At, Who: v.who(c.By), What: c.Action}
		for _, w := range changeWords {
			if strings.Contains(strings.ToLower(c.Action), w.key) {
				row.What = w.label
				break
			}
		}
		v.Changes = append(v.Changes, row)
	}
	if len(v.Steps) == 0 {
		v.Steps = fallbackSteps(v)
	}
}

// fallbackSteps are the steps the report itself records.
func fallbackSteps(v *reportView) []historyRow {
	rep := v.Report
	var out []historyRow
	if !rep.SubmittedAt.IsZero() {
		out = append(out, historyRow{At: rep.SubmittedAt, Who: v.SubmittedBy, What: flowWords[reporting.ActSubmit], Late: !rep.OnTime})
	}
	if !rep.ReturnedAt.IsZero() {
		out = append(out, historyRow{At: rep.ReturnedAt, Who: v.ReturnedBy, What: flowWords[reporting.ActReturn], Reason: rep.ReturnReason})
	}
	if !rep.AcceptedAt.IsZero() {
		out = append(out, historyRow{At: rep.AcceptedAt, Who: v.AcceptedBy, What: flowWords[reporting.ActAccept]})
	}
	slices.SortFunc(out, func(a, b historyRow) int { return a.At.Compare(b.At) })
	return out
}

// doneNotices are the messages shown after a step, by the ?done= code of
// the redirect.
var doneNotices = map[string]string{
	"saved":     "Đã lưu.",
	"submitted": "Đã duyệt và gửi báo cáo tới Sở.",
	"accepted":  "Đã tiếp nhận báo cáo. Báo cáo đã được khóa.",
	"returned":  "Đã trả lại báo cáo kèm lý do.",
	"revised":   "Đã tạo phiên bản điều chỉnh. Phiên bản trước vẫn được giữ nguyên.",
	"uploaded":  "Đã đính kèm tệp.",
	"deleted":   "Đã xóa tệp.",
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

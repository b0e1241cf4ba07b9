package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// taskView is the task page's data.
type taskView struct {
	Task      *plan.Task
	Plan      *plan.Plan
	Section   *plan.Section
	Lead      *agency.Agency
	Coops     []agency.Agency
	Mentioned []agency.Agency // named in the text but not assigned: suggestions
	// Judged is the task's status today (plan.StatusNow) with the day and
	// period it was judged against; Status and OverdueDays are its parts.
	Judged      plan.TaskStatus
	Status      plan.Status
	OverdueDays int
	Today       time.Time
	// Results are the task's accepted results, one per period, the latest
	// first; Last is the latest (nil when none), which says why an overdue
	// task is overdue.
	Results   []resultView
	Last      *resultView
	Saved     bool
	Requested bool

	// Extended: the current deadline is no longer the plan's original one.
	Extended bool
	// Periods judges a recurring or continuous task period by period.
	Periods    []reporting.PeriodStatus
	Extensions []extensionRow
	ExtForm    *extensionForm // the request form, for the lead agency's people
	Audit      []auditRow
	// Versions are the decisions that added, changed, removed or moved
	// the task, oldest first; figures of a period before each use the
	// task as it was.
	Versions []versionRow
	// Carry links the task to the task of a replaced plan it continues,
	// whose reports and evidence are its history, and to the task of a
	// replacing plan that continues it.
	Carry *plan.Carryover
}

// auditRow is one change in a task's history.
type auditRow struct {
	At      time.Time
	Who     string
	What    string
	Changes []string // "Thời hạn: 30/6/2025 → Quý IV/2025"
}

// maxAuditRows bounds the history the task page lists.
const maxAuditRows = 50

// taskShow shows one task in full with its computed status, current and
// original deadline, its status per reporting period, its extension
// requests and its history.
func (h *handler) taskShow(w http.ResponseWriter, r *http.Request) error {
	t, p, sec, err := h.loadTask(r)
	if err != nil {
		return err
	}
	v, err := h.taskPage(r, t, p, sec)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v.Saved = q.Get("saved") == "1"
	v.Requested = q.Get("requested") == "1"
	return h.render(w, r, http.StatusOK, "task_show", taskPageOf(v))
}

// taskPage builds the task page's data from the task and its record
// (app.ReadTaskRecord).
func (h *handler) taskPage(r *http.Request, t *plan.Task, p *plan.Plan, sec *plan.Section) (*taskView, error) {
	ctx := r.Context()
	u := h.user(r)
	rec, err := h.app.ReadTaskRecord(ctx, u, t)
	if err != nil {
		return nil, err
	}
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	names := agencyIndex(list)
	today := h.app.Today()
	v := &taskView{
		Task:        t,
		Plan:        p,
		Section:     sec,
		Lead:        names[t.LeadAgencyID],
		Coops:       pickAgencies(names, t.CooperatingAgencyIDs, nil),
		Judged:      rec.Status,
		Status:      rec.Status.Status,
		OverdueDays: rec.Status.OverdueDays,
		Today:       today,
		Extended: t.OriginalDeadline != (plan.Deadline{}) &&
			(t.OriginalDeadline.Text != t.Deadline.Text || !t.OriginalDeadline.Due.Equal(t.Deadline.Due)),
		Carry:   rec.Carry,
		Periods: rec.Periods,
	}
	assigned := append([]int64{t.LeadAgencyID}, t.CooperatingAgencyIDs...)
	v.Mentioned = pickAgencies(names, t.MentionedAgencyIDs, assigned)
	if v.Extensions, err = h.extensionRows(ctx, u, rec.Extensions, map[int64]*plan.Task{t.ID: t}); err != nil {
		return nil, err
	}
	for i := range v.Extensions {
		v.Extensions[i].TaskTitle = "" // this page is the task's own
	}
	if reporting.CanRequestExtension(u, t) == nil {
		v.ExtForm = &extensionForm{Kind: reporting.ExtendDeadline}
	}
	if v.Audit, err = h.taskAudit(ctx, rec.Audit, names); err != nil {
		return nil, err
	}
	v.Versions = versionRows(rec.History, names)
	if v.Results, err = h.resultViews(ctx, rec.Results, names); err != nil {
		return nil, err
	}
	for i := range v.Results {
		v.Results[i].CurrentPeriod = v.Results[i].Period.Contains(today)
	}
	if len(v.Results) > 0 {
		v.Last = &v.Results[0]
	}
	return v, nil
}

// resultView is one accepted result of a task, with the names a page shows.
type resultView struct {
	reporting.TaskResult
	Agency     string // the agency that reported
	AcceptedBy string // the coordinator who accepted
	// CurrentPeriod: the result is the current period's (for a task judged
	// per period, the status today is judged from it).
	CurrentPeriod bool
}

// resultViews names the agencies and people of a task's accepted results.
func (h *handler) resultViews(ctx context.Context, list []reporting.TaskResult, names map[int64]*agency.Agency) ([]resultView, error) {
	if len(list) == 0 {
		return nil, nil
	}
	users, err := h.app.UserNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]resultView, len(list))
	for i, x := range list {
		out[i] = resultView{TaskResult: x, Agency: agencyLabel(names, x.AgencyID), AcceptedBy: users[x.AcceptedBy]}
		if x.AcceptedBy == 0 {
			out[i].AcceptedBy = "Hệ thống"
		}
	}
	return out, nil
}

// taskPageOf wraps the task view in the layout's page.
func taskPageOf(v *taskView) *page {
	title := v.Task.Title
	if title == "" {
		title = "Nhiệm vụ"
	}
	return &page{Title: title, Nav: "plans", PlanID: v.Task.PlanID, Data: v}
}

// taskAudit lists the task's audit entries for people, newest first.
func (h *handler) taskAudit(ctx context.Context, entries []app.TaskAuditEntry, names map[int64]*agency.Agency) ([]auditRow, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	users, err := h.app.UserNames(ctx)
	if err != nil {
		return nil, err
	}
	var out []auditRow
	for i := len(entries) - 1; i >= 0 && len(out) < maxAuditRows; i-- {
		e := entries[i]
		row := auditRow{At: e.At, Who: users[e.UserID], What: auditAction(e.Action, e.Detail), Changes: auditChanges(e.Detail, names)}
		if e.UserID == 0 {
			row.Who = "Hệ thống"
		}
		out = append(out, row)
	}
	return out, nil
}

// auditAction names an audit action for people; detail tells a decision's outcome.
func auditAction(action, detail string) string {
	switch action {
	case "task.create":
		return "Tạo nhiệm vụ"
	case "task.update":
		return "Sửa nhiệm vụ"
	case "task.amend":
		return "Sửa đổi theo quyết định sửa đổi, bổ sung kế hoạch"
	case "task.remove":
		return "Bãi bỏ theo quyết định sửa đổi, bổ sung kế hoạch"
	case "task.claim":
		return "Cập nhật theo báo cáo được Sở tiếp nhận"
	case "task.extension":
		return "Áp dụng gia hạn, điều chỉnh đã được chấp thuận"
	case "extension.request":
		return "Đề nghị gia hạn, điều chỉnh"
	case "extension.decide":
		var d struct{ State reporting.ExtensionState }
		if json.Unmarshal([]byte(detail), &d) == nil && d.State != "" {
			return "Quyết định về đề nghị: " + strings.ToLower(d.State.Label())
		}
		return "Quyết định về đề nghị gia hạn, điều chỉnh"
	}
	return action
}

// auditFields names the task fields an audit detail may record; fields
// not listed (ordering, parsed parts of a deadline) are left out.
var auditFields = map[string]string{
	"title": "Tên", "text": "Nội dung", "product": "Sản phẩm", "deadline_text": "Thời hạn",
	"due_date": "Hạn hoàn thành", "original_deadline_text": "Thời hạn ban đầu", "original_due_date": "Hạn ban đầu",
	"lead_agency_id": "Cơ quan chủ trì", "cooperating_agency_ids": "Cơ quan phối hợp", "section_id": "Mục",
	"progress": "Tiến độ (%)", "completed_on": "Ngày hoàn thành", "claim": "Tình trạng", "claim_reason": "Lý do",
	"note": "Ghi chú", "reason": "Lý do",
}

// maxAuditValue bounds a value shown in a history line.
const maxAuditValue = 120

// auditChanges lists the changed fields of an audit detail — {"field":
// {"old": …, "new": …}}, also nested under "changes" — for people, with a
// request's reason and a decision's note.
func auditChanges(detail string, names map[int64]*agency.Agency) []string {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(detail), &m) != nil {
		return nil
	}
	if nested, ok := m["changes"]; ok {
		var inner map[string]json.RawMessage
		if json.Unmarshal(nested, &inner) == nil {
			for k, v := range inner {
				m[k] = v
			}
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if _, ok := auditFields[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		var c struct {
			Old, New any
		}
		if json.Unmarshal(m[k], &c) == nil && (c.Old != nil || c.New != nil) {
			if claimField(k) {
				c.Old, c.New = claimLabel(c.Old), claimLabel(c.New)
			}
			out = append(out, auditFields[k]+": "+auditValue(k, c.Old, names)+" → "+auditValue(k, c.New, names))
			continue
		}
		var plain string
		if json.Unmarshal(m[k], &plain) == nil && plain != "" {
			out = append(out, auditFields[k]+": "+auditValue(k, plain, names))
		}
	}
	return out
}

func claimField(k string) bool { return k == "claim" }

// claimLabel names a logged claim code.
func claimLabel(x any) any {
	if s, ok := x.(string); ok && s != "" {
		return plan.Claim(s).Label()
	}
	return x
}

// auditValue writes one logged value: agency IDs by name, dates as
// dd/mm/yyyy, long texts cut.
func auditValue(field string, x any, names map[int64]*agency.Agency) string {
	switch v := x.(type) {
	case nil:
		return "—"
	case float64:
		if strings.Contains(field, "agency") {
			return agencyLabel(names, int64(v))
		}
		return vntext.FormatNumber(v, 2)
	case []any:
		var parts []string
		for _, e := range v {
			parts = append(parts, auditValue(field, e, names))
		}
		if len(parts) == 0 {
			return "—"
		}
		return strings.Join(parts, ", ")
	case string:
		if v == "" {
			return "—"
		}
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			return vntext.FormatDate(d)
		}
		if utf8.RuneCountInString(v) > maxAuditValue {
			return string([]rune(v)[:maxAuditValue]) + "…"
		}
		return v
	}
	s := fmt.Sprint(x)
	if utf8.RuneCountInString(s) > maxAuditValue {
		s = string([]rune(s)[:maxAuditValue]) + "…"
	}
	return s
}

// pickAgencies returns the agencies with the given IDs, except those in
// skip, sorted by name in Vietnamese collation. Unknown IDs are left out.
func pickAgencies(names map[int64]*agency.Agency, ids, skip []int64) []agency.Agency {
	seen := map[int64]bool{}
	for _, id := range skip {
		seen[id] = true
	}
	var out []agency.Agency
	for _, id := range ids {
		if a := names[id]; a != nil && !seen[id] {
			seen[id] = true
			out = append(out, *a)
		}
	}
	vntext.Sort(out, func(a agency.Agency) string { return a.Name })
	return out
}

package api

import (
	"maps"
	"net/url"

	"tiendo/internal/reporting"
)

// extensionJSON is a request by a task's lead agency for a new deadline
// (kind deadline) or changed content (kind content), and the coordinator's
// decision. deadline_text/due_date are the deadline asked for; title, text,
// product the content proposed (empty = unchanged). The old_… fields are
// what the task said when the request was made, so a task's history reads
// request by request.
type extensionJSON struct {
	ID              int64                    `json:"id"`
	PlanID          int64                    `json:"plan_id"`
	TaskID          int64                    `json:"task_id"`
	AgencyID        int64                    `json:"agency_id"`
	AgencyName      string                   `json:"agency_name"`
	Kind            reporting.ExtensionKind  `json:"kind"`
	Reason          string                   `json:"reason"`
	DeadlineText    string                   `json:"deadline_text"`
	DueDate         *string                  `json:"due_date"`
	Title           string                   `json:"title"`
	Text            string                   `json:"text"`
	Product         string                   `json:"product"`
	OldDeadlineText string                   `json:"old_deadline_text"`
	OldDueDate      *string                  `json:"old_due_date"`
	OldTitle        string                   `json:"old_title"`
	OldText         string                   `json:"old_text"`
	OldProduct      string                   `json:"old_product"`
	State           reporting.ExtensionState `json:"state"`
	StateLabel      string                   `json:"state_label"`
	Note            string                   `json:"note"`
	RequestedAt     *string                  `json:"requested_at"`
	RequestedBy     *int64                   `json:"requested_by"`
	DecidedAt       *string                  `json:"decided_at"`
	DecidedBy       *int64                   `json:"decided_by"`
	Version         int                      `json:"version"`
}

func extensionView(e *reporting.Extension, agencyName string) extensionJSON {
	return extensionJSON{
		ID: e.ID, PlanID: e.PlanID, TaskID: e.TaskID, AgencyID: e.AgencyID, AgencyName: agencyName,
		Kind: e.Kind, Reason: e.Reason, DeadlineText: e.DeadlineText, DueDate: nullDate(e.Deadline.Due),
		Title: e.Title, Text: e.Text, Product: e.Product,
		OldDeadlineText: e.OldDeadline.Text, OldDueDate: nullDate(e.OldDeadline.Due),
		OldTitle: e.OldTitle, OldText: e.OldText, OldProduct: e.OldProduct,
		State: e.State, StateLabel: e.State.Label(), Note: e.Note,
		RequestedAt: nullTime(e.RequestedAt), RequestedBy: nullID(&e.RequestedBy),
		DecidedAt: nullTime(e.DecidedAt), DecidedBy: nullID(&e.DecidedBy), Version: e.Version,
	}
}

// extensionMessages say the reporting rules' refusals in the words of
// extension requests: the rules are shared with reports, but their own
// messages speak of reports.
var extensionMessages = map[string]string{
	reporting.ErrAgencyOnly.Code():  "Chỉ lãnh đạo hoặc chuyên viên của cơ quan chủ trì nhiệm vụ mới được đề nghị gia hạn hoặc điều chỉnh nội dung.",
	reporting.ErrNotAssigned.Code(): "Nhiệm vụ này không do cơ quan của bạn chủ trì: chỉ cơ quan chủ trì mới đề nghị gia hạn hoặc điều chỉnh được.",
	reporting.ErrOtherAgency.Code(): "Đây là đề nghị của cơ quan khác: bạn chỉ xem được đề nghị của cơ quan mình.",
	reporting.ErrReviewOnly.Code():  "Chỉ cơ quan điều phối (Sở KH&CN) mới được chấp thuận hoặc không chấp thuận đề nghị gia hạn, điều chỉnh.",
}

// extensionError is ruleError for the extension routes: the same status
// and rule code, with a message about requests rather than reports. Other
// errors (and nil) pass through.
func extensionError(err error) error {
	if err == nil || reporting.ErrorCode(err) == "" {
		return err
	}
	e := ruleError(err)
	if msg, ok := extensionMessages[e.Rule]; ok {
		e.Fields = maps.Clone(e.Fields)
		for k := range e.Fields {
			e.Fields[k] = msg
		}
		e.Message = msg
	}
	return e
}

// extensionFilter reads the query parameters of GET /extensions; every bad
// one is reported at once, keyed by its name.
func extensionFilter(q url.Values) (reporting.ExtensionFilter, error) {
	fe := map[string]string{}
	f := reporting.ExtensionFilter{PlanID: queryID(q, "plan", fe), TaskID: queryID(q, "task", fe), AgencyID: queryID(q, "agency", fe)}
	switch s := reporting.ExtensionState(q.Get("state")); s {
	case "", reporting.ExtensionPending, reporting.ExtensionApproved, reporting.ExtensionRefused:
		f.State = s
	default:
		fe["state"] = "Trạng thái phải là một trong: pending (chờ xử lý), approved (đã chấp thuận), refused (không chấp thuận)."
	}
	if len(fe) > 0 {
		return f, badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	return f, nil
}

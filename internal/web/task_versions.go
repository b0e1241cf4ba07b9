package web

import (
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// versionRow is one decision in the task's history, as the task page
// lists it: the amendment that added, changed or removed the task, or the
// reorganisation that moved it, with what changed (old → new).
type versionRow struct {
	Action    string // reporting.HistoryAdded, … (a CSS class)
	What      string // "Sửa đổi", …
	Decision  string
	IssuedOn  time.Time
	Effective time.Time
	Changes   []string // "Thời hạn: 30/6/2025 → Quý IV/2025"
}

// versionFields names the versioned fields for people.
var versionFields = map[string]string{
	plan.FieldTitle: "Tên", plan.FieldText: "Nội dung", plan.FieldDeadline: "Thời hạn", plan.FieldProduct: "Sản phẩm",
}

// versionActions names what a decision did to the task.
var versionActions = map[string]string{
	reporting.HistoryAdded:      "Bổ sung vào kế hoạch",
	reporting.HistoryChanged:    "Sửa đổi nhiệm vụ",
	reporting.HistoryRemoved:    "Bãi bỏ khỏi kế hoạch",
	reporting.HistoryReorganise: "Sắp xếp tổ chức",
}

// versionRows writes the task's history for people, agencies by name.
func versionRows(events []reporting.HistoryEvent, names map[int64]*agency.Agency) []versionRow {
	out := make([]versionRow, 0, len(events))
	for _, e := range events {
		row := versionRow{Action: e.Action, What: versionActions[e.Action], Decision: e.Decision, IssuedOn: e.IssuedOn,
			Effective: e.Effective}
		for _, f := range e.Fields {
			row.Changes = append(row.Changes, versionFields[f.Field]+": "+shortValue(f.Old)+" → "+shortValue(f.New))
		}
		if c := e.Agencies; c != nil {
			if c.OldLead != c.NewLead {
				row.Changes = append(row.Changes, "Cơ quan chủ trì: "+leadName(names, c.OldLead)+" → "+leadName(names, c.NewLead))
			}
			if !sameIDSet(c.OldCoop, c.NewCoop) {
				row.Changes = append(row.Changes, "Cơ quan phối hợp: "+coopNames(names, c.OldCoop)+" → "+coopNames(names, c.NewCoop))
			}
		}
		out = append(out, row)
	}
	return out
}

func leadName(names map[int64]*agency.Agency, id int64) string {
	if id == 0 {
		return "chưa giao"
	}
	return agencyLabel(names, id)
}

func coopNames(names map[int64]*agency.Agency, ids []int64) string {
	if len(ids) == 0 {
		return "không có"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = agencyLabel(names, id)
	}
	return strings.Join(parts, ", ")
}

// shortValue is a value in a history line: "—" when empty, long texts cut.
func shortValue(s string) string {
	switch {
	case s == "":
		return "—"
	case utf8.RuneCountInString(s) > maxAuditValue:
		return string([]rune(s)[:maxAuditValue]) + "…"
	}
	return s
}

package plan

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/vntext"
)

// NormalizeAmendment cleans an amendment's words as typed: NFC, trimmed.
func NormalizeAmendment(a *Amendment) {
	a.Number = strings.TrimSpace(vntext.NFC(a.Number))
	a.Note = strings.TrimSpace(vntext.NFC(a.Note))
}

// ValidateAmendment checks a normalised amendment before it is recorded:
// the decision's number and effective day are required, it must add
// (adds tasks), change or remove something, and no task may be changed
// twice, or changed and removed, by one decision. Keys are the request's:
// number, effective, add, change.N.task_id. Whether the tasks and sections
// are the plan's is checked against the stored plan (AmendError).
func ValidateAmendment(a *Amendment, adds int, change []TaskEdit, remove []int64) FieldErrors {
	fe := FieldErrors{}
	if a.Number == "" {
		fe["number"] = "Hãy nhập số, ký hiệu quyết định sửa đổi, bổ sung."
	}
	if a.Effective.IsZero() {
		fe["effective"] = "Hãy nhập ngày có hiệu lực."
	}
	if adds == 0 && len(change) == 0 && len(remove) == 0 {
		fe["add"] = "Quyết định không bổ sung, sửa đổi hay bãi bỏ nhiệm vụ nào."
	}
	removed := map[int64]bool{}
	for _, id := range remove {
		removed[id] = true
	}
	seen := map[int64]bool{}
	for i, e := range change {
		key := "change." + strconv.Itoa(i) + ".task_id"
		switch {
		case removed[e.TaskID]:
			fe[key] = "Nhiệm vụ vừa được sửa đổi vừa bị bãi bỏ trong cùng quyết định."
		case seen[e.TaskID]:
			fe[key] = "Nhiệm vụ được sửa đổi hai lần trong cùng quyết định; hãy gộp lại."
		}
		seen[e.TaskID] = true
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// AmendPart names the list of an amendment a refusal is about.
type AmendPart string

// The lists of an amendment, by the request's names.
const (
	AmendAdd    AmendPart = "add"
	AmendChange AmendPart = "change"
	AmendRemove AmendPart = "remove"
)

// AmendReason says why the stored plan refuses one task of an amendment.
type AmendReason string

// Reasons the stored plan gives.
const (
	// AmendSectionElsewhere: an added task's section is not one of the plan's.
	AmendSectionElsewhere AmendReason = "section_elsewhere"
	// AmendNotInPlan: a changed task is not one of the plan's.
	AmendNotInPlan AmendReason = "not_in_plan"
	// AmendNotRemovable: a removed task is not one of the plan's, or has
	// been removed already.
	AmendNotRemovable AmendReason = "not_removable"
	// AmendRemoved: a changed task left the plan on Day.
	AmendRemoved AmendReason = "removed"
	// AmendAddedLater: a changed task joins the plan only on Day, after
	// the amendment takes effect.
	AmendAddedLater AmendReason = "added_later"
	// AmendChangedLater: a later decision already changed the task from
	// Day; a task's versions follow one another in time.
	AmendChangedLater AmendReason = "changed_later"
)

// AmendRefusal is one task of an amendment that the stored plan refuses:
// the Index-th of Part, with the task and the day that decide.
type AmendRefusal struct {
	Part   AmendPart
	Index  int
	Reason AmendReason
	TaskID int64
	Day    time.Time
}

// Field is the key the refusal is reported under: "add.0.section_id",
// "change.1.task_id", "remove.2".
func (r *AmendRefusal) Field() string {
	switch r.Part {
	case AmendAdd:
		return "add." + strconv.Itoa(r.Index) + ".section_id"
	case AmendChange:
		return "change." + strconv.Itoa(r.Index) + ".task_id"
	}
	return string(r.Part) + "." + strconv.Itoa(r.Index)
}

// AmendError is an amendment the stored plan refuses, with every refusal
// found; nothing was recorded.
type AmendError struct{ Refusals []AmendRefusal }

func (e *AmendError) Error() string {
	var b strings.Builder
	b.WriteString("plan: amendment refused:")
	for _, r := range e.Refusals {
		fmt.Fprintf(&b, " %s %s (task %d)", r.Field(), r.Reason, r.TaskID)
	}
	return b.String()
}

package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// maxCooperating bounds the cooperating agencies of one task.
const maxCooperating = 200

// optional is a JSON field that remembers whether it was sent, so that a
// PATCH can tell "absent" (leave unchanged) from null (clear) from a value,
// as JSON Merge Patch (RFC 7396) requires.
type optional[T any] struct {
	Set   bool // the field was in the body
	Null  bool // it was null
	Value T
}

// UnmarshalJSON is called only for fields present in the body, null included.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// taskFields are the writable fields of a task, shared by POST and PATCH.
// null clears a field to its zero: no lead agency, no cooperating agencies,
// no deadline, empty product; a cleared title is derived from the text again;
// a cleared text or section fails validation, as they are required.
type taskFields struct {
	SectionID            optional[int64]   `json:"section_id"`
	Title                optional[string]  `json:"title"`
	Text                 optional[string]  `json:"text"`
	LeadAgencyID         optional[int64]   `json:"lead_agency_id"`
	CooperatingAgencyIDs optional[[]int64] `json:"cooperating_agency_ids"`
	DeadlineText         optional[string]  `json:"deadline_text"`
	Product              optional[string]  `json:"product"`
}

// empty reports whether no writable field was sent.
func (in *taskFields) empty() bool {
	return !in.SectionID.Set && !in.Title.Set && !in.Text.Set && !in.LeadAgencyID.Set &&
		!in.CooperatingAgencyIDs.Set && !in.DeadlineText.Set && !in.Product.Set
}

// apply merges the sent fields into t; fields not sent keep their value.
func (in *taskFields) apply(t *plan.Task) {
	if in.SectionID.Set && in.SectionID.Value != t.SectionID {
		t.SectionID = in.SectionID.Value
		t.Ord = 0 // a moved task goes to the end of its new section
	}
	if in.Title.Set {
		t.Title = in.Title.Value
	}
	if in.Text.Set {
		if !in.Title.Set && t.Title == plan.TitleFromText(t.Text) {
			t.Title = "" // the title was derived from the old text; derive it from the new one
		}
		t.Text = in.Text.Value
	}
	if in.LeadAgencyID.Set {
		t.LeadAgencyID = in.LeadAgencyID.Value
	}
	if in.CooperatingAgencyIDs.Set {
		t.CooperatingAgencyIDs = append([]int64(nil), in.CooperatingAgencyIDs.Value...)
	}
	if in.DeadlineText.Set {
		t.Deadline = plan.Deadline{Text: in.DeadlineText.Value} // NormalizeTask reads the words
	}
	if in.Product.Set {
		t.Product = in.Product.Value
	}
}

// prepare normalises t after in was applied and checks it: the domain rules
// (plan.ValidateTask), then what needs the store — the section belongs to
// the plan, the agencies exist and still exist today. Only what in sent is
// checked against the store, so a PATCH of the product is not refused for
// an agency that ended after it was assigned. A 422 lists every problem.
func (a *api) prepare(ctx context.Context, t *plan.Task, in *taskFields, today time.Time) error {
	plan.NormalizeTask(t)
	fe := plan.ValidateTask(t)
	if fe == nil {
		fe = plan.FieldErrors{}
	}
	if _, bad := fe["deadline_text"]; bad && !in.DeadlineText.Set {
		// Words stored before (an import) that the parser cannot read are not
		// this request's fault; they stay as they were.
		delete(fe, "deadline_text")
	}
	if in.SectionID.Set && fe["section_id"] == "" {
		if err := a.checkSection(ctx, t, fe); err != nil {
			return err
		}
	}
	if in.LeadAgencyID.Set && t.LeadAgencyID > 0 && fe["lead_agency_id"] == "" {
		if err := a.checkAgency(ctx, t.LeadAgencyID, today, "lead_agency_id", fe); err != nil {
			return err
		}
	}
	if len(t.CooperatingAgencyIDs) > maxCooperating {
		// Each one is a lookup below; a province has far fewer agencies.
		fe["cooperating_agency_ids"] = fmt.Sprintf("Tối đa %d cơ quan phối hợp.", maxCooperating)
	}
	if in.CooperatingAgencyIDs.Set && fe["cooperating_agency_ids"] == "" {
		for _, id := range t.CooperatingAgencyIDs {
			if err := a.checkAgency(ctx, id, today, "cooperating_agency_ids", fe); err != nil {
				return err
			}
			if fe["cooperating_agency_ids"] != "" {
				break
			}
		}
	}
	if len(fe) > 0 {
		return invalid(fe)
	}
	return nil
}

// checkSection records a field error unless t's section is one of t's plan.
func (a *api) checkSection(ctx context.Context, t *plan.Task, fe plan.FieldErrors) error {
	s, err := a.store.Section(ctx, t.SectionID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fe["section_id"] = fmt.Sprintf("Không có mục mã %d.", t.SectionID)
	case err != nil:
		return err
	case s.PlanID != t.PlanID:
		fe["section_id"] = fmt.Sprintf("Mục mã %d thuộc kế hoạch khác; hãy chọn một mục của kế hoạch này.", t.SectionID)
	}
	return nil
}

// checkAgency records a field error under field unless agency id exists
// and has not ended by today (its tasks belong to its successor then).
func (a *api) checkAgency(ctx context.Context, id int64, today time.Time, field string, fe plan.FieldErrors) error {
	ag, err := a.store.Agency(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		fe[field] = fmt.Sprintf("Không có cơ quan mã %d; xem danh sách tại %s/agencies.", id, Prefix)
	case err != nil:
		return err
	case !ag.ActiveOn(today):
		fe[field] = fmt.Sprintf("Cơ quan %q không còn hoạt động; hãy giao cho cơ quan kế nhiệm.", ag.Name)
	}
	return nil
}

// writable refuses changes to a plan that is no longer in use.
func writable(p *plan.Plan) error {
	switch p.Status {
	case plan.PlanReplaced:
		return conflict("Kế hoạch %s đã được thay thế; không sửa được nhiệm vụ của nó.", planName(p))
	case plan.PlanClosed:
		return conflict("Kế hoạch %s đã kết thúc; không sửa được nhiệm vụ của nó.", planName(p))
	}
	return nil
}

// planName is how messages name a plan: its code when known.
func planName(p *plan.Plan) string {
	if p.Code != "" {
		return p.Code
	}
	return fmt.Sprintf("mã %d", p.ID)
}

package api

import (
	"encoding/json"

	"tiendo/internal/plan"
)

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

// change is the body as a domain change: a field sent (null included)
// sets the task's value; a field left out keeps it.
func (in *taskFields) change() plan.TaskChange {
	var c plan.TaskChange
	c.SectionID = in.SectionID.ptr()
	c.Title = in.Title.ptr()
	c.Text = in.Text.ptr()
	c.LeadAgencyID = in.LeadAgencyID.ptr()
	c.CooperatingAgencyIDs = in.CooperatingAgencyIDs.ptr()
	c.DeadlineText = in.DeadlineText.ptr()
	c.Product = in.Product.ptr()
	return c
}

// ptr is the sent value (the zero value for null), or nil when not sent.
func (o *optional[T]) ptr() *T {
	if !o.Set {
		return nil
	}
	v := o.Value
	return &v
}

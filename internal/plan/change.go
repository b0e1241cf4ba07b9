package plan

// TaskChange is an edit of a task's writable fields, as a person types it
// in the task form or a client sends it in a JSON Merge Patch: a nil field
// is left as it is; a non-nil one replaces the task's value (a pointer to
// the zero value clears it). Creating a task is a change of an empty one.
type TaskChange struct {
	SectionID            *int64
	Title                *string
	Text                 *string
	LeadAgencyID         *int64
	CooperatingAgencyIDs *[]int64
	DeadlineText         *string
	Product              *string
}

// Empty reports whether the change touches no field.
func (c *TaskChange) Empty() bool {
	return c.SectionID == nil && c.Title == nil && c.Text == nil && c.LeadAgencyID == nil &&
		c.CooperatingAgencyIDs == nil && c.DeadlineText == nil && c.Product == nil
}

// Apply merges the change into t. A task moved to another section goes to
// its end; a title that was derived from the old text (and is not given)
// is derived from the new text again; deadline words are read again by
// NormalizeTask; a new text's cited documents are found again.
func (c *TaskChange) Apply(t *Task) {
	if c.SectionID != nil && *c.SectionID != t.SectionID {
		t.SectionID = *c.SectionID
		t.Ord = 0
	}
	if c.Title != nil {
		t.Title = *c.Title
	}
	if c.Text != nil {
		if c.Title == nil && t.Title == TitleFromText(t.Text) {
			t.Title = ""
		}
		t.Text = *c.Text
		t.References = FindReferences(t.Text)
	}
	if c.LeadAgencyID != nil {
		t.LeadAgencyID = *c.LeadAgencyID
	}
	if c.CooperatingAgencyIDs != nil {
		t.CooperatingAgencyIDs = append([]int64(nil), (*c.CooperatingAgencyIDs)...)
	}
	if c.DeadlineText != nil {
		t.Deadline = Deadline{Text: *c.DeadlineText}
	}
	if c.Product != nil {
		t.Product = *c.Product
	}
}

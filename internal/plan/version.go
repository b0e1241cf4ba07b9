package plan

import "time"

// TaskEdit is what an amendment changes in one task: the TaskChange of
// task TaskID, whose fields given (non-nil) take their new value from the
// amendment's effective day; the others stay. Its SectionID is not used:
// moving a task is not an amendment's. The deadline is given as words and
// read by ParseDeadline, as on the task form.
type TaskEdit struct {
	TaskID int64
	TaskChange
}

// Apply writes the given fields into t (TaskChange.Apply, without the
// section) and normalises it (NormalizeTask). Unlike an edit on the task
// form, an amendment keeps what it does not name exactly as stored: a
// deadline not given stays as it is even when its words would now be read
// differently, and a task without a title of its own (lists derive one)
// keeps none unless a title is given.
func (e *TaskEdit) Apply(t *Task) {
	kept, keptTitle := t.Deadline, t.Title
	c := e.TaskChange
	c.SectionID = nil
	c.Apply(t)
	NormalizeTask(t)
	if e.DeadlineText == nil {
		t.Deadline = kept
	}
	if e.Title == nil && (e.Text == nil || keptTitle == "") {
		t.Title = keptTitle
	}
}

// Versioned fields: what a TaskVersion keeps of a task, by the API's names.
const (
	FieldTitle    = "title"
	FieldText     = "text"
	FieldDeadline = "deadline_text"
	FieldProduct  = "product"
)

// ChangedFields lists the versioned fields (title, text, deadline, product)
// that differ between old and t, in that order.
func ChangedFields(old, t *Task) []string {
	var out []string
	if old.Title != t.Title {
		out = append(out, FieldTitle)
	}
	if old.Text != t.Text {
		out = append(out, FieldText)
	}
	if !SameDeadline(old.Deadline, t.Deadline) {
		out = append(out, FieldDeadline)
	}
	if old.Product != t.Product {
		out = append(out, FieldProduct)
	}
	return out
}

// TaskVersion is a task as it was until a day, before an amendment changed
// its title, text, deadline or product: the figures of a period ended
// before Until judge the task with these (reporting.TasksIn).
type TaskVersion struct {
	TaskID      int64
	AmendmentID int64
	Until       time.Time // the amendment's effective day: the first day of the next version
	Changed     []string  // the fields the amendment changed (FieldTitle, …)
	Title       string
	Text        string
	Deadline    Deadline
	Product     string
	// Set is what the amendment set each field to, by field name, as it
	// was written with the amendment: the history's "new" value, which a
	// later correction of the task does not rewrite. nil for versions
	// written before it was kept (migration 00024).
	Set map[string]string
}

// Field is the value of a versioned field in v, as people read it.
func (v *TaskVersion) Field(name string) string {
	switch name {
	case FieldTitle:
		return v.Title
	case FieldText:
		return v.Text
	case FieldDeadline:
		return v.Deadline.Text
	case FieldProduct:
		return v.Product
	}
	return ""
}

// VersionOf is t's versioned fields as a TaskVersion (no Until): the
// version a change is about to end.
func VersionOf(t *Task) TaskVersion {
	return TaskVersion{TaskID: t.ID, Title: t.Title, Text: t.Text, Deadline: t.Deadline, Product: t.Product}
}

// SameDeadline reports whether a and b are the same deadline: the same
// words read the same way.
func SameDeadline(a, b Deadline) bool {
	return a.Kind == b.Kind && a.Text == b.Text && a.Due.Equal(b.Due) && a.Start.Equal(b.Start) && a.Every == b.Every
}

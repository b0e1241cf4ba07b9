package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// taskForm is the data of the task form, for a new task and for an edit.
// Field names in the HTML are the API's JSON names, the keys of
// plan.FieldErrors, so that errors land beside the right field.
type taskForm struct {
	TaskID    int64 // 0 for a new task
	Plan      *plan.Plan
	Section   *plan.Section  // the task's section (edit)
	Sections  []plan.Section // the sections a new task may go in
	SectionID int64
	Version   int

	Title        string
	Text         string
	DeadlineText string
	Due          time.Time // the due day read from DeadlineText, shown as a check
	Product      string
	LeadID       int64
	CoopIDs      []int64

	Agencies []agency.Agency // choices, in Vietnamese collation
	Errors   plan.FieldErrors
	Error    string // a problem with the whole form (a conflicting edit)
}

// maxFormBytes bounds a task or agency form; the longest field (task text)
// is 20.000 characters.
const maxFormBytes = 256 << 10

// readTaskForm copies the posted fields into f.
func readTaskForm(w http.ResponseWriter, r *http.Request, f *taskForm) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Title = r.PostFormValue("title")
	f.Text = r.PostFormValue("text")
	f.DeadlineText = r.PostFormValue("deadline_text")
	f.Product = r.PostFormValue("product")
	f.LeadID = formID(r.PostFormValue("lead_agency_id"))
	f.SectionID = formID(r.PostFormValue("section_id"))
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.CoopIDs = f.CoopIDs[:0]
	for _, s := range r.PostForm["cooperating_agency_ids"] {
		if id := formID(s); id > 0 {
			f.CoopIDs = append(f.CoopIDs, id)
		}
	}
	return nil
}

// change is the form as a change of every field it shows; the section
// only on create (moving a task is not offered on its form).
func (f *taskForm) change(create bool) plan.TaskChange {
	coop := append([]int64(nil), f.CoopIDs...)
	c := plan.TaskChange{Title: &f.Title, Text: &f.Text, DeadlineText: &f.DeadlineText, Product: &f.Product,
		LeadAgencyID: &f.LeadID, CooperatingAgencyIDs: &coop}
	if create {
		c.SectionID = &f.SectionID
	}
	return c
}

// previewDue reads the typed deadline words, to show the due day they
// give beside the field when the form comes back.
func (f *taskForm) previewDue() {
	t := plan.Task{Text: f.Text, Deadline: plan.Deadline{Text: f.DeadlineText}}
	plan.NormalizeTask(&t)
	f.Due = t.Deadline.Due
}

// invalidFields are the per-field messages of an Invalid error from a
// use case, to show beside the fields; nil for any other error.
func invalidFields(err error) plan.FieldErrors {
	if !errors.Is(err, derrors.Invalid) {
		return nil
	}
	fe := derrors.FieldsOf(err)
	if len(fe) == 0 {
		fe = map[string]string{"": derrors.MessageOf(err)}
	}
	return fe
}

// fill sets the form's fields from a stored task.
func (f *taskForm) fill(t *plan.Task) {
	f.TaskID = t.ID
	f.SectionID = t.SectionID
	f.Version = t.Version
	f.Title = t.Title
	f.Text = t.Text
	f.DeadlineText = t.Deadline.Text
	f.Due = t.Deadline.Due
	f.Product = t.Product
	f.LeadID = t.LeadAgencyID
	f.CoopIDs = t.CooperatingAgencyIDs
}

// agencyChoices reads the agencies a task may be assigned to: those in
// existence today plus any already chosen (an agency that has since ended
// stays visible on its old tasks), in Vietnamese collation.
func (h *handler) agencyChoices(ctx context.Context, today time.Time, chosen ...int64) ([]agency.Agency, error) {
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	keep := map[int64]bool{}
	for _, id := range chosen {
		keep[id] = true
	}
	var out []agency.Agency
	for _, a := range list {
		if a.ActiveOn(today) || keep[a.ID] {
			out = append(out, a)
		}
	}
	vntext.Sort(out, func(a agency.Agency) string { return a.Name })
	return out, nil
}

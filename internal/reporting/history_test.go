package reporting

import (
	"testing"
	"time"

	"tiendo/internal/plan"
)

// TestTasksInVersions: a task whose deadline two amendments changed
// (effective 1/4/2026: "Quý II/2026" → "Quý III/2026"; 1/7/2026: →
// "Quý IV/2026"). Q1 ends before both and has the first version, Q2 holds
// the first effective day and has the second, Q3 holds the second and has
// the task as it is now. The task list itself is not touched.
func TestTasksInVersions(t *testing.T) {
	dl := func(s string) plan.Deadline {
		d, err := plan.ParseDeadline(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tasks := []plan.Task{{ID: 1, LeadAgencyID: 1, Deadline: dl("Quý IV/2026"), Product: "C"}, {ID: 2, LeadAgencyID: 1}}
	vers := []plan.TaskVersion{
		{TaskID: 1, AmendmentID: 2, Until: d(2026, 7, 1), Deadline: dl("Quý III/2026"), Product: "B", Changed: []string{plan.FieldDeadline, plan.FieldProduct}},
		{TaskID: 1, AmendmentID: 1, Until: d(2026, 4, 1), Deadline: dl("Quý II/2026"), Product: "A", Changed: []string{plan.FieldDeadline}},
	}
	for _, c := range []struct {
		month   time.Month // of a day in the period
		due     string
		product string
	}{{2, "Quý II/2026", "A"}, {5, "Quý III/2026", "B"}, {8, "Quý IV/2026", "C"}} {
		p := PeriodAt(DefaultRegime(1), d(2026, c.month, 15))
		got := TasksIn(tasks, nil, vers, p)
		if got[0].Deadline.Text != c.due || got[0].Product != c.product || got[1].ID != 2 {
			t.Errorf("%s: T1 due %q, product %q; want %q, %q", p.Label, got[0].Deadline.Text, got[0].Product, c.due, c.product)
		}
	}
	if tasks[0].Deadline.Text != "Quý IV/2026" {
		t.Error("TasksIn changed the tasks it was given")
	}
	// History: each change compared with the version after it.
	acts := []TaskAmendment{
		{Amendment: plan.Amendment{ID: 1, Number: "1/QĐ", Effective: d(2026, 4, 1)}, Action: "change"},
		{Amendment: plan.Amendment{ID: 2, Number: "2/QĐ", Effective: d(2026, 7, 1)}, Action: "change"},
	}
	arr := []Arrangement{{TaskID: 1, Until: d(2026, 7, 1), LeadAgencyID: 5, AmendmentID: 2, Decision: "2/QĐ"}}
	h := TaskHistory(&tasks[0], acts, vers, arr)
	if len(h) != 2 || len(h[0].Fields) != 1 || h[0].Fields[0] != (FieldChange{plan.FieldDeadline, "Quý II/2026", "Quý III/2026"}) ||
		h[0].Agencies != nil || len(h[1].Fields) != 2 || h[1].Fields[1] != (FieldChange{plan.FieldProduct, "B", "C"}) ||
		h[1].Agencies == nil || h[1].Agencies.OldLead != 5 || h[1].Agencies.NewLead != 1 {
		t.Errorf("history %+v", h)
	}
}

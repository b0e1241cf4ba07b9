package figures

import (
	"time"

	"tiendo/internal/plan"
)

// TaskRow is one task as the dashboard d counted it: its status on d's day
// in d's period, and the group and sub-group row of ByGroup it is counted
// in. A task list built from TaskRows (the open data) therefore holds
// exactly the tasks behind every count and never judges a task again.
type TaskRow struct {
	TaskID      int64
	Status      plan.Status
	OverdueDays int       // days past Due when overdue
	Due         time.Time // the due day judged against (the period's for per-period tasks)
	Group       string    // ByGroup row label: "III.4", or the top-level part when the task sits right under it
	Subgroup    string    // sub-group row label "III.4.2"; "" when the task is in the group itself
}

// TaskRows judges every task of f for the period and day of d (in the
// order of f.Tasks) by the rule Compute counted them with, and places it
// as byGroup does. f must be InPeriod(facts, d.Period), as Compute
// counted: the tasks of the plan then. A task whose section is unknown has no group, as
// byGroup skips it.
func TaskRows(f *Facts, d *Dashboard) []TaskRow {
	x := newIndex(f)
	judged := x.judgeAll(f.Tasks, d.Period, d.AsOf)
	parent := make(map[int64]int64, len(f.Sections))
	for _, s := range f.Sections {
		parent[s.ID] = s.ParentID
	}
	out := make([]TaskRow, len(f.Tasks))
	for i := range f.Tasks {
		j := judged[i]
		out[i] = TaskRow{TaskID: f.Tasks[i].ID, Status: j.Status, OverdueDays: j.OverdueDays, Due: j.Due}
		id := f.Tasks[i].SectionID
		if _, ok := parent[id]; !ok {
			continue
		}
		var path []int64 // the section, then its ancestors up to the top-level part
		for s := id; s != 0 && len(path) <= len(f.Sections); s = parent[s] {
			path = append(path, s)
		}
		switch n := len(path); {
		case n <= 2: // right under a part (the part is its own row), or in a group
			out[i].Group = x.sectionLabel(path[0])
		default:
			out[i].Group, out[i].Subgroup = x.sectionLabel(path[n-2]), x.sectionLabel(path[n-3])
		}
	}
	return out
}

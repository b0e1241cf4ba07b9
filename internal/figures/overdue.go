package figures

import (
	"cmp"
	"slices"
	"time"

	"tiendo/internal/plan"
)

// Overdue is a task past its due day and not completed, with how long.
type Overdue struct {
	TaskID       int64
	Title        string
	SectionLabel string
	LeadAgencyID int64 // 0 when unassigned
	Due          time.Time
	Days         int // days past Due on the as-of day
}

// overdueList lists the overdue tasks, the longest overdue first (then plan
// order): the ones leaders ask about first, and "> 120 days" is read off
// the top.
func overdueList(tasks []plan.Task, judged []judgement, x *index) []Overdue {
	var out []Overdue
	for i := range tasks {
		j := judged[i]
		if j.Status != plan.StatusOverdue {
			continue
		}
		t := &tasks[i]
		out = append(out, Overdue{TaskID: t.ID, Title: t.Title, SectionLabel: x.sectionLabel(t.SectionID),
			LeadAgencyID: t.LeadAgencyID, Due: j.Due, Days: j.OverdueDays})
	}
	slices.SortStableFunc(out, func(a, b Overdue) int { return cmp.Compare(b.Days, a.Days) })
	return out
}

package app

import (
	"context"
	"errors"
	"fmt"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/linkimport"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
)

// Bulk links from a sheet (.xlsx): each row names a task of the plan by
// its STT and the upstream tasks it implements by theirs. Each task the
// sheet names gets exactly those links to the upstream plan (an empty
// upstream cell ends them); tasks it does not name keep theirs. The sheet
// is previewed first; one bad row, or one link the rules refuse, and
// nothing is stored.

// LinkSheet is what a sheet does, or would do.
type LinkSheet struct {
	Plan, Upstream plan.Plan
	// Errors are the rows that cannot be read or matched, and the links
	// the rules refuse: any, and nothing is (or would be) stored.
	Errors []linkimport.RowError
	// Changes are the tasks whose links change, in plan order.
	Changes []LinkSheetChange
	// Named is how many tasks the sheet names; Unchanged those of them
	// whose links stay as they are.
	Named, Unchanged int
	// Applied is true once stored.
	Applied bool
}

// LinkSheetChange is one task's links before and after the sheet.
type LinkSheetChange struct {
	Number         int
	Task           plan.Task
	Added, Removed []Candidate
}

// LinkSheet reads a link sheet for plan planID's links to upstream plan
// upID and previews it, or, with apply and no error, stores it (one
// transaction, an audit row per task changed). A file that is not a link
// sheet is Invalid (field "file").
func (a *App) LinkSheet(ctx context.Context, by *auth.User, planID, upID int64, file []byte, apply bool) (_ *LinkSheet, err error) {
	defer derrors.Wrap(&err, "app.LinkSheet(%d → %d)", planID, upID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	up, err := a.Plan(ctx, upID)
	if err != nil {
		return nil, err
	}
	sheet, err := linkimport.Parse(file)
	if errors.Is(err, linkimport.ErrFile) {
		msg := err.Error()
		if i := len(linkimport.ErrFile.Error()) + 2; len(msg) > i {
			msg = msg[i:]
		}
		return nil, derrors.InvalidFields(map[string]string{"file": msg}, msg)
	}
	if err != nil {
		return nil, err
	}
	x := &LinkSheet{Plan: *p, Upstream: *up, Errors: sheet.Errors}
	tasks, err := a.store.PlanTasks(ctx, planID)
	if err != nil {
		return nil, err
	}
	upTasks, err := a.store.PlanTasks(ctx, upID)
	if err != nil {
		return nil, err
	}
	byNumber, upByNumber := numbered(tasks), numbered(upTasks)
	sets := map[int64]*store.LinkSet{}
	lines := map[int64]int{} // task → its first row
	var order []int64
	for _, r := range sheet.Rows {
		t := byNumber[r.Task]
		if t == nil {
			x.Errors = append(x.Errors, linkimport.RowError{Line: r.Line,
				Message: fmt.Sprintf("Kế hoạch %s không có nhiệm vụ số %d.", planName(p), r.Task)})
			continue
		}
		set := sets[t.ID]
		if set == nil {
			set = &store.LinkSet{TaskID: t.ID, UpstreamPlanID: upID}
			sets[t.ID], lines[t.ID] = set, r.Line
			order = append(order, t.ID)
		}
		for _, n := range r.Upstream {
			u := upByNumber[n]
			if u == nil {
				x.Errors = append(x.Errors, linkimport.RowError{Line: r.Line,
					Message: fmt.Sprintf("Kế hoạch cấp trên %s không có nhiệm vụ số %d.", planName(up), n)})
				continue
			}
			set.UpstreamTaskIDs = append(set.UpstreamTaskIDs, u.ID)
		}
	}
	x.Named = len(order)
	if len(sheet.Rows) == 0 && len(x.Errors) == 0 {
		x.Errors = append(x.Errors, linkimport.RowError{Message: "Bảng không có dòng nào ghi số thứ tự nhiệm vụ."})
	}
	if len(x.Errors) > 0 {
		return x, nil
	}
	list := make([]store.LinkSet, 0, len(order))
	for _, id := range order {
		list = append(list, *sets[id])
	}
	sortLinkSets(list)
	diffs, err := a.store.SetTaskLinks(ctx, userID(by), list, rollup.HowSheet, !apply)
	var le *rollup.LinkError
	if errors.As(err, &le) {
		x.Errors = append(x.Errors, linkimport.RowError{Line: lines[le.TaskID], Message: le.Message()})
		return x, nil
	}
	if err := linkError(err, 0); err != nil {
		return nil, err
	}
	byID := map[int64]*plan.Task{}
	for i := range tasks {
		byID[tasks[i].ID] = &tasks[i]
	}
	upByID, upNumbers, numbers := map[int64]*plan.Task{}, rollup.Numbers(upTasks), rollup.Numbers(tasks)
	for i := range upTasks {
		upByID[upTasks[i].ID] = &upTasks[i]
	}
	candidate := func(id int64) Candidate {
		u := upByID[id]
		return Candidate{TaskID: id, Number: upNumbers[id], Title: rollup.TitleOf(u)}
	}
	for _, d := range diffs {
		c := LinkSheetChange{Number: numbers[d.TaskID], Task: *byID[d.TaskID]}
		for _, id := range d.Added {
			c.Added = append(c.Added, candidate(id))
		}
		for _, id := range d.Removed {
			c.Removed = append(c.Removed, candidate(id))
		}
		x.Changes = append(x.Changes, c)
	}
	x.Unchanged = x.Named - len(x.Changes)
	x.Applied = apply
	return x, nil
}

// numbered indexes tasks by their STT (rollup.Numbers).
func numbered(tasks []plan.Task) map[int]*plan.Task {
	n := rollup.Numbers(tasks)
	out := make(map[int]*plan.Task, len(n))
	for i := range tasks {
		if k := n[tasks[i].ID]; k > 0 {
			out[k] = &tasks[i]
		}
	}
	return out
}

// LinkSheetTemplate is what the template sheet of plan planID's links to
// upstream plan upID lists: every task of each plan with its STT, and the
// STT of the upstream tasks each task implements now.
type LinkSheetTemplate struct {
	Plan, Upstream plan.Plan
	Rows           []LinkSheetTemplateRow
	UpstreamTasks  []Candidate
}

// LinkSheetTemplateRow is one task of the template.
type LinkSheetTemplateRow struct {
	Number   int
	Title    string
	Upstream []Candidate
}

// LinkSheetTemplate reads what the template sheet lists.
func (a *App) LinkSheetTemplate(ctx context.Context, by *auth.User, planID, upID int64) (_ *LinkSheetTemplate, err error) {
	defer derrors.Wrap(&err, "app.LinkSheetTemplate(%d → %d)", planID, upID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	up, err := a.Plan(ctx, upID)
	if err != nil {
		return nil, err
	}
	x := &LinkSheetTemplate{Plan: *p, Upstream: *up}
	tasks, err := a.store.PlanTasks(ctx, planID)
	if err != nil {
		return nil, err
	}
	upTasks, err := a.store.PlanTasks(ctx, upID)
	if err != nil {
		return nil, err
	}
	links, err := a.store.PlanLinks(ctx, planID, upID)
	if err != nil {
		return nil, err
	}
	numbers, upNumbers := rollup.Numbers(tasks), rollup.Numbers(upTasks)
	upByID := map[int64]Candidate{}
	for i := range upTasks {
		u := &upTasks[i]
		if upNumbers[u.ID] == 0 {
			continue
		}
		c := Candidate{TaskID: u.ID, Number: upNumbers[u.ID], Title: rollup.TitleOf(u)}
		upByID[u.ID] = c
		x.UpstreamTasks = append(x.UpstreamTasks, c)
	}
	for i := range tasks {
		t := &tasks[i]
		if numbers[t.ID] == 0 {
			continue
		}
		row := LinkSheetTemplateRow{Number: numbers[t.ID], Title: rollup.TitleOf(t)}
		for _, l := range links[t.ID] {
			if c, ok := upByID[l.UpstreamTaskID]; ok {
				row.Upstream = append(row.Upstream, c)
			}
		}
		x.Rows = append(x.Rows, row)
	}
	return x, nil
}

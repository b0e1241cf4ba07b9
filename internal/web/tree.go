package web

import (
	"cmp"
	"slices"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// treeNode is one section of a plan shown as a tree, with its own tasks and
// its sub-sections. The plan page and the import preview both draw it.
type treeNode struct {
	plan.Section
	Children  []*treeNode
	Tasks     []taskRow
	TaskCount int // tasks here and in all sub-sections
	Tree      *treeInfo
}

// treeInfo is what every node of one tree shares.
type treeInfo struct {
	PlanID  int64 // 0 in the import preview (nothing stored yet)
	CanEdit bool
}

// taskRow is a task as a line in a tree or a list.
type taskRow struct {
	ID       int64
	Ord      int
	Title    string
	Lead     string
	Deadline plan.Deadline
	Status   plan.Status
	// Period names the reporting period the status is judged in, for a
	// recurring or continuous task ("Quý II/2026"); "" otherwise.
	Period  string
	Removed bool // removed from the plan by an amendment: not counted
}

// newTaskRow summarises t for lists, with its status on now (plan.StatusNow);
// agencies resolves the lead agency's name.
func newTaskRow(t *plan.Task, agencies map[int64]*agency.Agency, now plan.Now) taskRow {
	st := plan.StatusNow(t, now)
	row := taskRow{ID: t.ID, Ord: t.Ord, Title: t.Title, Deadline: t.Deadline, Status: st.Status, Period: st.Period,
		Removed: !t.RemovedOn.IsZero() && !t.RemovedOn.After(now.Day)}
	if row.Title == "" {
		row.Title = plan.TitleFromText(t.Text)
	}
	if a := agencies[t.LeadAgencyID]; a != nil {
		row.Lead = a.DisplayName()
	}
	return row
}

// buildTree arranges sections (in document order, parents first) into a
// tree and hangs each task row under its section. Counts include
// descendants. Sections whose parent is unknown become roots rather than
// disappearing.
func buildTree(sections []plan.Section, tasks map[int64][]taskRow, info *treeInfo) []*treeNode {
	nodes := make(map[int64]*treeNode, len(sections))
	var roots []*treeNode
	for _, s := range sections {
		n := &treeNode{Section: s, Tasks: tasks[s.ID], Tree: info}
		slices.SortStableFunc(n.Tasks, func(a, b taskRow) int { return cmp.Compare(a.Ord, b.Ord) })
		nodes[s.ID] = n
		if p := nodes[s.ParentID]; s.ParentID != 0 && p != nil {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	for _, n := range roots {
		countTasks(n)
	}
	return roots
}

func countTasks(n *treeNode) int {
	n.TaskCount = len(n.Tasks)
	for _, c := range n.Children {
		n.TaskCount += countTasks(c)
	}
	return n.TaskCount
}

// statusCount is one entry of a plan's summary by status.
type statusCount struct {
	Status plan.Status
	Count  int
}

// countStatuses tallies rows by status, in the order leaders read them,
// leaving out statuses no task has and tasks removed from the plan (as the
// dashboard does).
func countStatuses(rows []taskRow) []statusCount {
	n := map[plan.Status]int{}
	for _, r := range rows {
		if !r.Removed {
			n[r.Status]++
		}
	}
	var out []statusCount
	for _, s := range plan.Statuses {
		if n[s] > 0 {
			out = append(out, statusCount{s, n[s]})
		}
	}
	return out
}

// agencyIndex maps IDs to agencies for name look-ups.
func agencyIndex(list []agency.Agency) map[int64]*agency.Agency {
	m := make(map[int64]*agency.Agency, len(list))
	for i := range list {
		m[list[i].ID] = &list[i]
	}
	return m
}

// nowName is an agency's full name, and for one that ended in a
// reorganisation its successor's: "Sở Thông tin và Truyền thông (nay là
// Sở Khoa học và Công nghệ)". Past reports and ranks stay under the old
// name; this says where its work went.
func nowName(byID map[int64]*agency.Agency, a *agency.Agency) string {
	if a.SuccessorID != 0 && !a.ValidTo.IsZero() {
		if s := byID[a.SuccessorID]; s != nil {
			return agency.NowPart(a.Name, s.Name)
		}
	}
	return a.Name
}

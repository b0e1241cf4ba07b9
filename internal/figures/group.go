package figures

import "tiendo/internal/plan"

// Group is a task group (a section right under a top-level part, like
// III.4) or one of its sub-groups (III.4.1), with its tasks — its own and
// its descendants' — counted by status.
type Group struct {
	SectionID int64
	Label     string // "III.4"
	Title     string
	Status    Counts
	Subgroups []Group // for a group: its child sections, in document order; empty for a sub-group
}

// byGroup counts tasks by group and sub-group. Groups are the sections one
// level under a top-level part that holds tasks (the task part), plus any
// top-level section that holds tasks directly, in document order: the
// tables leaders read ("III.1 … III.7"), whether or not a group has tasks.
func byGroup(sections []plan.Section, tasks []plan.Task, judged []judgement) []Group {
	parent := make(map[int64]int64, len(sections))
	for _, s := range sections {
		parent[s.ID] = s.ParentID
	}
	// chain returns the top-level, group and sub-group ancestors of a section (0 when absent).
	chain := func(id int64) (root, group, sub int64) {
		var path []int64
		for x := id; x != 0; x = parent[x] {
			path = append(path, x)
			if len(path) > len(sections) {
				break // a cycle would be a store bug; do not loop
			}
		}
		n := len(path)
		root = path[n-1]
		if n >= 2 {
			group = path[n-2]
		}
		if n >= 3 {
			sub = path[n-3]
		}
		return root, group, sub
	}
	counts := map[int64]Counts{}
	add := func(id int64, st plan.Status) {
		if id == 0 {
			return
		}
		if counts[id] == nil {
			counts[id] = newCounts()
		}
		counts[id][st]++
	}
	direct := map[int64]bool{} // top-level sections with tasks of their own
	for i := range tasks {
		if _, ok := parent[tasks[i].SectionID]; !ok {
			continue
		}
		root, group, sub := chain(tasks[i].SectionID)
		st := judged[i].Status
		if group == 0 {
			direct[root] = true
			add(root, st)
			continue
		}
		add(group, st)
		add(sub, st)
	}
	var out []Group
	pos := map[int64]int{}
	for _, s := range sections {
		switch {
		case s.ParentID == 0 && direct[s.ID]:
			pos[s.ID] = len(out)
			out = append(out, group(s, counts[s.ID]))
		case s.ParentID != 0 && parent[s.ParentID] == 0 && (s.HoldsTasks || counts[s.ID] != nil):
			pos[s.ID] = len(out)
			out = append(out, group(s, counts[s.ID]))
		case s.ParentID != 0 && (s.HoldsTasks || counts[s.ID] != nil):
			if i, ok := pos[s.ParentID]; ok && parent[s.ParentID] != 0 {
				out[i].Subgroups = append(out[i].Subgroups, group(s, counts[s.ID]))
			}
		}
	}
	return out
}

func group(s plan.Section, c Counts) Group {
	if c == nil {
		c = newCounts()
	}
	return Group{SectionID: s.ID, Label: s.Label, Title: s.Title, Status: c}
}

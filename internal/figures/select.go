package figures

import "tiendo/internal/plan"

// Selection picks tasks from the rows a dashboard counted: the drill-down
// behind one of its numbers. Zero fields select everything.
type Selection struct {
	Status    plan.Status // "" any
	AgencyID  int64       // lead agency; 0 any, -1 the tasks without a lead
	SectionID int64       // the section and every section under it; 0 any
}

// Select returns the indices (into f.Tasks and rows, as TaskRows gives
// them for f = InPeriod(facts, d.Period)) of the tasks s picks, in plan
// order, so that a drill-down lists exactly the tasks behind the number.
func Select(f *Facts, rows []TaskRow, s Selection) []int {
	parent := make(map[int64]int64, len(f.Sections))
	for _, sec := range f.Sections {
		parent[sec.ID] = sec.ParentID
	}
	within := func(sec int64) bool {
		for n := 0; sec != 0 && n <= len(f.Sections); n++ {
			if sec == s.SectionID {
				return true
			}
			sec = parent[sec]
		}
		return false
	}
	var out []int
	for i := range f.Tasks {
		t := &f.Tasks[i]
		switch {
		case s.Status != "" && rows[i].Status != s.Status,
			s.AgencyID > 0 && t.LeadAgencyID != s.AgencyID,
			s.AgencyID < 0 && t.LeadAgencyID != 0,
			s.SectionID != 0 && !within(t.SectionID):
			continue
		}
		out = append(out, i)
	}
	return out
}

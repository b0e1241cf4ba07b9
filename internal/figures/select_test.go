package figures

import (
	"slices"
	"testing"

	"tiendo/internal/plan"
)

func TestSelect(t *testing.T) {
	f := &Facts{
		Sections: []plan.Section{{ID: 1}, {ID: 2, ParentID: 1}, {ID: 3, ParentID: 2}, {ID: 4, ParentID: 1}},
		Tasks: []plan.Task{
			{ID: 10, SectionID: 3, LeadAgencyID: 7},
			{ID: 11, SectionID: 4, LeadAgencyID: 7},
			{ID: 12, SectionID: 2},
		},
	}
	rows := []TaskRow{{Status: plan.StatusOverdue}, {Status: plan.StatusOverdue}, {Status: plan.StatusDoneOnTime}}
	for _, c := range []struct {
		s    Selection
		want []int
	}{
		{Selection{}, []int{0, 1, 2}},
		{Selection{Status: plan.StatusOverdue}, []int{0, 1}},
		{Selection{SectionID: 2}, []int{0, 2}}, // a group takes its sub-groups
		{Selection{AgencyID: 7, SectionID: 4}, []int{1}},
		{Selection{AgencyID: -1}, []int{2}},
		{Selection{Status: plan.StatusDueSoon}, nil},
	} {
		if got := Select(f, rows, c.s); !slices.Equal(got, c.want) {
			t.Errorf("Select(%+v) = %v, want %v", c.s, got, c.want)
		}
	}
}

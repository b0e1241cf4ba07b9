package reporting

import (
	"slices"
	"testing"

	"tiendo/internal/plan"
)

// TestRegimeCheck: a due day or cut-off day left blank is refused, not
// silently the default; the reminders are normalised; a whole regime passes.
func TestRegimeCheck(t *testing.T) {
	r := DefaultRegime(1)
	r.DueDay, r.CutoffDay, r.DueSoonDays = 0, 0, 0
	fe := r.Check()
	if fe["due_day"] == "" || fe["cutoff_day"] == "" || fe["due_soon_days"] != "" || len(fe) != 2 {
		t.Errorf("blank days: %v", fe)
	}
	ok := DefaultRegime(1)
	ok.RemindBefore = []int{2, 7, 2}
	if fe := ok.Check(); fe != nil || !slices.Equal(ok.RemindBefore, []int{7, 2}) {
		t.Errorf("whole regime: %v, reminders %v", fe, ok.RemindBefore)
	}
}

// TestPreview: four quarters from a plan issued later than today; none is
// current then.
func TestPreview(t *testing.T) {
	got := Preview(DefaultRegime(1), plan.Date(2026, 2, 1), plan.Date(2025, 9, 1), 4)
	if len(got) != 4 || got[0].Label != "Quý I/2026" || got[3].Label != "Quý IV/2026" || got[0].Current {
		t.Errorf("preview %+v", got)
	}
}

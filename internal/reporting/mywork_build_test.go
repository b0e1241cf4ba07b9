package reporting

import (
	"testing"
	"time"

	"tiendo/internal/plan"
)

// TestPickPeriod: the period asked for, the one holding today, the last
// started, the first; none from an empty list or for another ID.
func TestPickPeriod(t *testing.T) {
	ps := Periods(DefaultRegime(1), plan.Date(2025, 4, 1), plan.Date(2025, 12, 31)) // Q2–Q4/2025
	for i := range ps {
		ps[i].ID = int64(i + 1)
	}
	for _, c := range []struct {
		id    int64
		today string
		want  int64
		ok    bool
	}{
		{0, "2025-08-15", 2, true}, // holds today
		{3, "2025-08-15", 3, true}, // asked for
		{0, "2026-03-01", 3, true}, // after the span: the last started
		{0, "2025-01-01", 1, true}, // before it: the first
		{9, "2025-08-15", 0, false},
	} {
		p, ok := PickPeriod(ps, c.id, isoDay(c.today))
		if p.ID != c.want || ok != c.ok {
			t.Errorf("PickPeriod(%d, %s) = %d, %v; want %d, %v", c.id, c.today, p.ID, ok, c.want, c.ok)
		}
	}
	if _, ok := PickPeriod(nil, 0, isoDay("2025-08-15")); ok {
		t.Error("a period was picked from none")
	}
}

// isoDay reads YYYY-MM-DD.
func isoDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

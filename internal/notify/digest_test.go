package notify

import (
	"reflect"
	"testing"
	"time"
)

func TestDigestDue(t *testing.T) {
	// Wednesday 3 June 2026, ISO week 23.
	wed := day(2026, 6, 3)
	obs := []Obligation{
		{Key: "soon", AgencyID: 2, AgencyName: "Sở Tài chính", Due: day(2026, 6, 10)},
		{Key: "far", AgencyID: 2, Due: day(2026, 7, 10)},
		{Key: "late", AgencyID: 2, Due: day(2026, 5, 20)},
		{Key: "returned", AgencyID: 2, Due: day(2026, 5, 25), Returned: true},
		{Key: "done", AgencyID: 2, Due: day(2026, 6, 5), Done: true},
		{Key: "soon1", AgencyID: 1, AgencyName: "Sở KH&CN", Due: day(2026, 6, 15)},
		{Key: "soon0", AgencyID: 1, Due: day(2026, 6, 4)},
		{Key: "only-far", AgencyID: 3, Due: day(2026, 12, 31)},
		{Key: "only-done", AgencyID: 4, Due: day(2026, 5, 1), Done: true},
	}
	keys := func(list []Obligation) []string {
		var k []string
		for _, o := range list {
			k = append(k, o.Key)
		}
		return k
	}
	got := DigestRule{Enabled: true, Day: time.Monday}.Due(obs, wed)
	if len(got) != 2 {
		t.Fatalf("%d digests, want 2 (agencies 1 and 2): %+v", len(got), got)
	}
	a1, a2 := got[0], got[1]
	if a1.AgencyID != 1 || a1.Key != "digest:1:2026-W23" || a1.Week != "2026-W23" || a1.AgencyName != "Sở KH&CN" {
		t.Errorf("first digest = %+v", a1)
	}
	if k := keys(a1.DueSoon); !reflect.DeepEqual(k, []string{"soon0", "soon1"}) {
		t.Errorf("agency 1 due soon = %q (want by due day)", k)
	}
	if !reflect.DeepEqual(keys(a2.DueSoon), []string{"soon"}) || !reflect.DeepEqual(keys(a2.Overdue), []string{"late"}) ||
		!reflect.DeepEqual(keys(a2.Returned), []string{"returned"}) {
		t.Errorf("agency 2 = due %q overdue %q returned %q", keys(a2.DueSoon), keys(a2.Overdue), keys(a2.Returned))
	}
	if got := (DigestRule{Enabled: true, Day: time.Monday, Horizon: 365}).Due(obs, wed); len(got) != 3 {
		t.Errorf("with a 365-day horizon: %d digests, want 3", len(got))
	}

	for _, c := range []struct {
		name  string
		rule  DigestRule
		today time.Time
		want  bool
	}{
		{"disabled", DigestRule{Day: time.Monday}, wed, false},
		{"on the day", DigestRule{Enabled: true, Day: time.Wednesday}, wed, true},
		{"before the day in the week", DigestRule{Enabled: true, Day: time.Friday}, wed, false},
		{"Sunday is the end of the ISO week", DigestRule{Enabled: true, Day: time.Friday}, day(2026, 6, 7), true},
		{"a Sunday digest is not due on Monday", DigestRule{Enabled: true, Day: time.Sunday}, day(2026, 6, 8), false},
		{"a Sunday digest on Sunday", DigestRule{Enabled: true, Day: time.Sunday}, day(2026, 6, 7), true},
	} {
		if got := c.rule.Due(obs, c.today); (len(got) > 0) != c.want {
			t.Errorf("%s: %d digests, want any: %v", c.name, len(got), c.want)
		}
	}
	// The key changes with the ISO week, so each week's digest is sent once.
	next := DigestRule{Enabled: true, Day: time.Monday}.Due(obs, day(2026, 6, 8))
	if len(next) == 0 || next[0].Key != "digest:1:2026-W24" {
		t.Errorf("next week's key: %+v", next)
	}
}

package notify

import (
	"reflect"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestRulesCheck(t *testing.T) {
	due := day(2026, 6, 10) // Quý II/2026, before day 10 of the quarter's last month
	report := Obligation{Key: "report:1:2:3", AgencyID: 3, Label: "Báo cáo Quý II/2026", Due: due}
	done := report
	done.Done = true
	continuous := report
	continuous.Due = time.Time{}
	def := DefaultRules()
	noWeekly := Rules{Before: []int{7, 2}, After: []int{1}}
	late14 := Rules{After: []int{14}, WeeklyOverdue: true}
	onDay := Rules{Before: []int{0}}
	for _, c := range []struct {
		name    string
		rules   Rules
		o       Obligation
		today   time.Time
		rule    string // "" for none
		days    int
		overdue bool
	}{
		{"8 days left: nothing yet", def, report, day(2026, 6, 2), "", 0, false},
		{"7 days left", def, report, day(2026, 6, 3), "before-7", 7, false},
		{"3 days left: before-7 still in force (missed run catches up)", def, report, day(2026, 6, 7), "before-7", 3, false},
		{"2 days left", def, report, day(2026, 6, 8), "before-2", 2, false},
		{"due today", def, report, day(2026, 6, 10), "before-2", 0, false},
		{"1 day overdue", def, report, day(2026, 6, 11), "after-1", 1, true},
		{"6 days overdue", def, report, day(2026, 6, 16), "after-1", 6, true},
		{"7 days overdue: first weekly", def, report, day(2026, 6, 17), "overdue-week-1", 7, true},
		{"21 days overdue", def, report, day(2026, 7, 1), "overdue-week-3", 21, true},
		{"27 days overdue: still week 3", def, report, day(2026, 7, 7), "overdue-week-3", 27, true},
		{"done before the due day", def, done, day(2026, 6, 3), "", 0, false},
		{"done, overdue by date", def, done, day(2026, 6, 11), "", 0, false},
		{"continuous (no due day)", def, continuous, day(2026, 6, 3), "", 0, false},
		{"no weekly: after-1 stays the rule", noWeekly, report, day(2026, 7, 10), "after-1", 30, true},
		{"after 14 + weekly: week 1 first", late14, report, day(2026, 6, 17), "overdue-week-1", 7, true},
		{"after 14 + weekly: after-14 wins the tie", late14, report, day(2026, 6, 24), "after-14", 14, true},
		{"after 14 + weekly: week 3", late14, report, day(2026, 7, 1), "overdue-week-3", 21, true},
		{"after 14: nothing before the due day", late14, report, day(2026, 6, 9), "", 0, false},
		{"on the day only: 1 day left", onDay, report, day(2026, 6, 9), "", 0, false},
		{"on the day only", onDay, report, day(2026, 6, 10), "before-0", 0, false},
		{"on the day only: overdue gets nothing", onDay, report, day(2026, 6, 11), "", 0, false},
		{"no rules", Rules{}, report, day(2026, 6, 3), "", 0, false},
		{"across the new year", def, Obligation{Key: "k", Due: day(2027, 1, 2)}, day(2026, 12, 26), "before-7", 7, false},
		{"today with a time of day", def, report, time.Date(2026, 6, 3, 23, 59, 0, 0, time.UTC), "before-7", 7, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := c.rules.Check(c.o, c.today)
			if c.rule == "" {
				if ok {
					t.Fatalf("got %s, want none", got.Rule)
				}
				return
			}
			if !ok || got.Rule != c.rule || got.Days != c.days || got.Overdue != c.overdue || got.Obligation.Key != c.o.Key {
				t.Fatalf("got %+v (%v), want %s days %d overdue %v", got, ok, c.rule, c.days, c.overdue)
			}
		})
	}
}

func TestRulesDue(t *testing.T) {
	obs := []Obligation{
		{Key: "a", Due: day(2026, 6, 10)},
		{Key: "b", Due: day(2026, 6, 10), Done: true},
		{Key: "c", Due: day(2026, 5, 31)},
		{Key: "d", Due: day(2026, 9, 10)},
	}
	got := DefaultRules().Due(obs, day(2026, 6, 3))
	var rules []string
	for _, d := range got {
		rules = append(rules, d.Obligation.Key+" "+d.Rule)
	}
	if want := []string{"a before-7", "c after-1"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("Due = %q, want %q", rules, want)
	}
}

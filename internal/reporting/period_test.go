package reporting

import (
	"testing"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

var d = plan.Date

func TestPeriodsHandWorked(t *testing.T) {
	ref := DefaultRegime(0) // quarterly, due 10th of the last month, Decree 09 cut-off
	decree := Regime{Frequency: Quarterly, DueDay: 20, DueMonth: DueLastMonth, CutoffDay: 15}
	half := Regime{Frequency: HalfYearly, DueDay: 20, DueMonth: DueLastMonth}
	year := Regime{Frequency: Yearly, DueDay: 20, DueMonth: "12"}
	month := Regime{Frequency: Monthly, DueDay: 10, DueMonth: DueNextMonth}
	endOfMonth := Regime{Frequency: Quarterly, DueDay: 31}
	for _, c := range []struct {
		name string
		r    Regime
		day  time.Time
		want Period
	}{
		{"reference plan Q2: due 10/6, cut-off a month earlier", ref, d(2026, 5, 20), Period{Frequency: Quarterly, Year: 2026, No: 2,
			Label: "Quý II/2026", Start: d(2026, 4, 1), End: d(2026, 6, 30), CutoffStart: d(2026, 2, 15), CutoffEnd: d(2026, 5, 14), Due: d(2026, 6, 10)}},
		{"reference plan Q4", ref, d(2025, 12, 31), Period{Frequency: Quarterly, Year: 2025, No: 4,
			Label: "Quý IV/2025", Start: d(2025, 10, 1), End: d(2025, 12, 31), CutoffStart: d(2025, 8, 15), CutoffEnd: d(2025, 11, 14), Due: d(2025, 12, 10)}},
		{"Decree 09 quarter I crosses the year", decree, d(2026, 1, 1), Period{Frequency: Quarterly, Year: 2026, No: 1,
			Label: "Quý I/2026", Start: d(2026, 1, 1), End: d(2026, 3, 31), CutoffStart: d(2025, 12, 15), CutoffEnd: d(2026, 3, 14), Due: d(2026, 3, 20)}},
		{"Decree 09 six months: 15/12 → 14/6", half, d(2026, 6, 30), Period{Frequency: HalfYearly, Year: 2026, No: 1,
			Label: "6 tháng đầu năm 2026", Start: d(2026, 1, 1), End: d(2026, 6, 30), CutoffStart: d(2025, 12, 15), CutoffEnd: d(2026, 6, 14), Due: d(2026, 6, 20)}},
		{"second half", half, d(2026, 7, 1), Period{Frequency: HalfYearly, Year: 2026, No: 2,
			Label: "6 tháng cuối năm 2026", Start: d(2026, 7, 1), End: d(2026, 12, 31), CutoffStart: d(2026, 6, 15), CutoffEnd: d(2026, 12, 14), Due: d(2026, 12, 20)}},
		{"Decree 09 year: 15/12 → 14/12", year, d(2026, 3, 3), Period{Frequency: Yearly, Year: 2026, No: 1,
			Label: "Năm 2026", Start: d(2026, 1, 1), End: d(2026, 12, 31), CutoffStart: d(2025, 12, 15), CutoffEnd: d(2026, 12, 14), Due: d(2026, 12, 20)}},
		{"month, due in the next month", month, d(2026, 5, 31), Period{Frequency: Monthly, Year: 2026, No: 5,
			Label: "Tháng 5/2026", Start: d(2026, 5, 1), End: d(2026, 5, 31), CutoffStart: d(2026, 4, 15), CutoffEnd: d(2026, 5, 14), Due: d(2026, 6, 10)}},
		{"due day past the month's end", endOfMonth, d(2026, 4, 1), Period{Frequency: Quarterly, Year: 2026, No: 2,
			Label: "Quý II/2026", Start: d(2026, 4, 1), End: d(2026, 6, 30), CutoffStart: d(2026, 3, 15), CutoffEnd: d(2026, 6, 14), Due: d(2026, 6, 30)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := PeriodAt(c.r, c.day)
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			if !got.Contains(c.day) {
				t.Errorf("period does not contain %s", c.day.Format("2/1/2006"))
			}
		})
	}
}

func TestPeriodsSpan(t *testing.T) {
	ps := Periods(DefaultRegime(7), d(2025, 5, 20), d(2026, 12, 31))
	var labels []string
	for _, p := range ps {
		labels = append(labels, p.Label)
		if p.PlanID != 7 {
			t.Errorf("%s: plan %d", p.Label, p.PlanID)
		}
	}
	want := []string{"Quý II/2025", "Quý III/2025", "Quý IV/2025", "Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026"}
	if len(labels) != len(want) {
		t.Fatalf("labels %v", labels)
	}
	for i := range want {
		if labels[i] != want[i] {
			t.Errorf("labels %v, want %v", labels, want)
			break
		}
	}
	if ps[1].Key() != "2025-Q3" || PeriodAt(Regime{Frequency: Monthly}, d(2026, 5, 2)).Key() != "2026-05" ||
		PeriodAt(Regime{Frequency: HalfYearly}, d(2026, 8, 2)).Key() != "2026-H2" || PeriodAt(Regime{Frequency: Yearly}, d(2026, 8, 2)).Key() != "2026" {
		t.Error("keys")
	}
	if Periods(DefaultRegime(7), d(2026, 1, 2), d(2026, 1, 1)) != nil {
		t.Error("reversed span gives periods")
	}
	// Every cut-off leaves a working day before the due day.
	for _, p := range Periods(DefaultRegime(1), d(2025, 1, 1), d(2030, 12, 31)) {
		if !workingDayBetween(p.CutoffEnd, p.Due) || !p.CutoffStart.Before(p.CutoffEnd) {
			t.Errorf("%s: cut-off %s–%s, due %s", p.Label, p.CutoffStart.Format("2/1/2006"), p.CutoffEnd.Format("2/1/2006"), p.Due.Format("2/1/2006"))
		}
	}
}

func TestPeriodOnTimeInVietnam(t *testing.T) {
	p := PeriodAt(DefaultRegime(1), d(2026, 5, 1)) // due 10/6/2026
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 6, 10, 16, 59, 0, 0, time.UTC), true},   // 23:59 on 10/6 in Vietnam
		{time.Date(2026, 6, 10, 17, 0, 0, 0, time.UTC), false},   // 00:00 on 11/6 in Vietnam
		{time.Date(2026, 6, 9, 8, 0, 0, 0, time.UTC), true},      // before
		{time.Date(2026, 6, 11, 1, 0, 0, 0, clock.Local), false}, // after
		{time.Date(2026, 6, 10, 23, 0, 0, 0, clock.Local), true}, // on the day, local clock
	} {
		if got := p.OnTime(c.at); got != c.want {
			t.Errorf("submitted %s: on time %t, want %t", c.at, got, c.want)
		}
	}
	if n := p.DaysToDue(d(2026, 6, 13)); n != -3 {
		t.Errorf("days to due %d, want -3", n)
	}
	if !p.Started(d(2026, 4, 1)) || p.Started(d(2026, 3, 31)) {
		t.Error("started")
	}
}

func TestSpanOf(t *testing.T) {
	p := &plan.Plan{IssuedOn: d(2025, 5, 20), CreatedAt: time.Date(2026, 1, 3, 4, 0, 0, 0, time.UTC)}
	fixed := []plan.Task{
		{Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2026, 12, 31)}},
		{Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2027, 3, 1)}, OriginalDeadline: plan.Deadline{Due: d(2026, 6, 30)}},
	}
	for _, c := range []struct {
		name     string
		p        *plan.Plan
		tasks    []plan.Task
		from, to time.Time
	}{
		{"fixed deadlines: to the latest", p, fixed, d(2025, 5, 20), d(2027, 3, 1)},
		{"continuous task: five years", p, append(fixed, plan.Task{Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}}), d(2025, 5, 20), d(2030, 12, 31)},
		{"no tasks: five years", p, nil, d(2025, 5, 20), d(2030, 12, 31)},
		{"no issue date: earliest task start", &plan.Plan{CreatedAt: p.CreatedAt}, []plan.Task{
			{Deadline: plan.Deadline{Kind: plan.DeadlineRange, Start: d(2025, 1, 1), Due: d(2026, 12, 31)}}}, d(2025, 1, 1), d(2026, 12, 31)},
		{"nothing known: creation day", &plan.Plan{CreatedAt: p.CreatedAt}, fixed, d(2026, 1, 3), d(2027, 3, 1)},
		{"at most 20 years", p, []plan.Task{{Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2099, 1, 1)}}}, d(2025, 5, 20), d(2045, 5, 20)},
	} {
		from, to := SpanOf(c.p, c.tasks)
		if !from.Equal(c.from) || !to.Equal(c.to) {
			t.Errorf("%s: %s–%s, want %s–%s", c.name, from.Format("2/1/2006"), to.Format("2/1/2006"), c.from.Format("2/1/2006"), c.to.Format("2/1/2006"))
		}
	}
}

func TestRegimeValidate(t *testing.T) {
	r := DefaultRegime(1)
	if fe := r.Validate(); fe != nil {
		t.Errorf("default regime invalid: %v", fe)
	}
	bad := Regime{Frequency: "week", DueDay: 40, DueMonth: "3", CutoffDay: 1, RemindBefore: []int{-1}, DueSoonDays: 99}
	fe := bad.Validate()
	for _, k := range []string{"frequency", "due_day", "due_month", "cutoff_day", "remind_before", "due_soon_days"} {
		if fe[k] == "" {
			t.Errorf("no error for %s: %v", k, fe)
		}
	}
	n := Regime{PlanID: 3, RemindBefore: []int{2, 7, 7}, RemindAfter: []int{7, 1}}
	n.Normalize()
	if n.Frequency != Quarterly || n.DueDay != 10 || n.CutoffDay != 15 || len(n.RemindBefore) != 2 || n.RemindBefore[0] != 7 || n.RemindAfter[0] != 1 {
		t.Errorf("normalised %+v", n)
	}
	if s := DefaultRegime(1).String(); s != "Hằng quý, hạn ngày 10 tháng cuối kỳ" {
		t.Errorf("String %q", s)
	}
}

package reporting

import (
	"fmt"
	"strconv"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// Period is one reporting period (kỳ báo cáo) of a plan: "Quý II/2026".
// The store keeps periods with stable IDs; Periods generates them.
type Period struct {
	ID        int64
	PlanID    int64
	Frequency Frequency
	Year      int
	No        int    // quarter 1–4, half 1–2, month 1–12; 1 for a year
	Label     string // "Quý II/2026", "6 tháng đầu năm 2026", "Năm 2026", "Tháng 5/2026"
	Start     time.Time
	End       time.Time // last day of the period
	// CutoffStart and CutoffEnd bound the data the report covers (chốt số liệu).
	CutoffStart time.Time
	CutoffEnd   time.Time
	Due         time.Time // the day the report is due; submitted on or before it is on time
}

// Key names the period uniquely within a plan and frequency: "2026-Q2",
// "2026-H1", "2026", "2026-05".
func (p Period) Key() string {
	switch p.Frequency {
	case Monthly:
		return fmt.Sprintf("%d-%02d", p.Year, p.No)
	case HalfYearly:
		return fmt.Sprintf("%d-H%d", p.Year, p.No)
	case Yearly:
		return strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("%d-Q%d", p.Year, p.No)
}

// Started reports whether the period has begun on day today: only then
// are its reports expected (and may be submitted).
func (p Period) Started(today time.Time) bool { return !clock.DateOf(today).Before(p.Start) }

// Contains reports whether day falls within the period.
func (p Period) Contains(day time.Time) bool {
	d := clock.DateOf(day)
	return !d.Before(p.Start) && !d.After(p.End)
}

// DaysToDue is the number of days from today to the due day: negative when
// the due day has passed (−3 is three days late), 0 on the day itself.
func (p Period) DaysToDue(today time.Time) int { return clock.DaysBetween(today, p.Due) }

// OnTime reports whether a submission at instant at (any zone) is on time:
// its day in Vietnam is on or before the due day.
func (p Period) OnTime(at time.Time) bool { return !dayInVietnam(at).After(p.Due) }

var romanQuarter = [...]string{"", "I", "II", "III", "IV"}

// periodLabel is the Vietnamese name of a period.
func periodLabel(f Frequency, year, no int) string {
	switch f {
	case Monthly:
		return fmt.Sprintf("Tháng %d/%d", no, year)
	case HalfYearly:
		if no == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", year)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", year)
	case Yearly:
		return fmt.Sprintf("Năm %d", year)
	}
	return fmt.Sprintf("Quý %s/%d", romanQuarter[no], year)
}

// PeriodAt is the period of regime r that contains day.
func PeriodAt(r Regime, day time.Time) Period {
	r.fill()
	d := clock.DateOf(day)
	n := r.Frequency.months()
	no := (int(d.Month())-1)/n + 1
	return makePeriod(r, d.Year(), no)
}

// Periods lists the periods of regime r that overlap the days from … to,
// in order. It is empty when to is before from.
func Periods(r Regime, from, to time.Time) []Period {
	r.fill()
	if clock.DateOf(to).Before(clock.DateOf(from)) {
		return nil
	}
	var out []Period
	for p := PeriodAt(r, from); !p.Start.After(clock.DateOf(to)); p = nextPeriod(r, p) {
		out = append(out, p)
	}
	return out
}

// nextPeriod is the period after p.
func nextPeriod(r Regime, p Period) Period {
	return PeriodAt(r, p.End.AddDate(0, 0, 1))
}

// makePeriod builds period no of year for r (normalised).
func makePeriod(r Regime, year, no int) Period {
	n := r.Frequency.months()
	start := plan.Date(year, time.Month((no-1)*n+1), 1)
	end := start.AddDate(0, n, -1)
	p := Period{
		PlanID: r.PlanID, Frequency: r.Frequency, Year: year, No: no,
		Label: periodLabel(r.Frequency, year, no), Start: start, End: end,
	}
	// Due day: in the period's last month, the month after, or a fixed month.
	dueMonth := plan.Date(end.Year(), end.Month(), 1)
	switch r.DueMonth {
	case DueLastMonth:
	case DueNextMonth:
		dueMonth = dueMonth.AddDate(0, 1, 0)
	default:
		if m, err := strconv.Atoi(r.DueMonth); err == nil && m >= 1 && m <= 12 {
			dueMonth = plan.Date(end.Year(), time.Month(m), 1)
		}
	}
	p.Due = dayOfMonth(dueMonth, r.DueDay)
	// Cut-off (Decree 09): day CutoffDay of the month before the period to
	// the day before it in the period's last month, moved a month earlier
	// while that leaves no working day before the due day.
	lastMonth := plan.Date(end.Year(), end.Month(), 1)
	for shift := 0; shift < 12; shift++ {
		p.CutoffEnd = dayOfMonth(lastMonth.AddDate(0, -shift, 0), r.CutoffDay-1)
		p.CutoffStart = dayOfMonth(start.AddDate(0, -1-shift, 0), r.CutoffDay)
		if workingDayBetween(p.CutoffEnd, p.Due) {
			break
		}
	}
	return p
}

// dayOfMonth is day d of the month that begins on first, or the month's
// last day when d is past it.
func dayOfMonth(first time.Time, d int) time.Time {
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// workingDayBetween reports whether a Monday–Friday lies strictly between a and b.
func workingDayBetween(a, b time.Time) bool {
	for d := a.AddDate(0, 0, 1); d.Before(b); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return true
		}
	}
	return false
}

// dayInVietnam is the calendar day of instant t in Vietnam, at midnight UTC.
func dayInVietnam(t time.Time) time.Time {
	y, m, d := t.In(clock.Local).Date()
	return plan.Date(y, m, d)
}

// SpanOf is the span of days a plan's periods are generated for: from the
// plan's issue date (or, when unknown, its earliest task start, else its
// creation day) to its latest task due day (current or original deadline).
// When a task is continuous, recurring or has no due day, or no task has
// one, the span runs at least to the end of the fifth year after the start
// year (plans of this kind run five years: 2025–2030). It never exceeds 20
// years.
func SpanOf(p *plan.Plan, tasks []plan.Task) (from, to time.Time) {
	open := len(tasks) == 0
	for i := range tasks {
		t := &tasks[i]
		if s := t.Deadline.Start; !s.IsZero() && (from.IsZero() || s.Before(from)) {
			from = s
		}
		for _, due := range []time.Time{t.Deadline.Due, t.OriginalDeadline.Due} {
			if due.After(to) {
				to = due
			}
		}
		if !t.Deadline.HasDue() {
			open = true
		}
	}
	if !p.IssuedOn.IsZero() {
		from = p.IssuedOn
	}
	if from.IsZero() {
		from = p.CreatedAt
	}
	from = clock.DateOf(from)
	if open || to.IsZero() {
		to = later(to, plan.Date(from.Year()+5, 12, 31))
	}
	if max := from.AddDate(20, 0, 0); to.After(max) {
		to = max
	}
	if to.Before(from) {
		to = from
	}
	return from, clock.DateOf(to)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

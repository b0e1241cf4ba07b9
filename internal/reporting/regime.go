package reporting

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"tiendo/internal/plan"
)

// Frequency is how often a plan's periodic reports come.
type Frequency string

// Frequencies (the codes planimport.Regime uses).
const (
	Monthly    Frequency = "month"
	Quarterly  Frequency = "quarter"
	HalfYearly Frequency = "half"
	Yearly     Frequency = "year"
)

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool {
	switch f {
	case Monthly, Quarterly, HalfYearly, Yearly:
		return true
	}
	return false
}

// Label is the Vietnamese name of the frequency.
func (f Frequency) Label() string {
	switch f {
	case Monthly:
		return "Hằng tháng"
	case Quarterly:
		return "Hằng quý"
	case HalfYearly:
		return "6 tháng"
	case Yearly:
		return "Hằng năm"
	}
	return string(f)
}

// months is the length of a period of frequency f, in months.
func (f Frequency) months() int {
	switch f {
	case Monthly:
		return 1
	case HalfYearly:
		return 6
	case Yearly:
		return 12
	}
	return 3
}

// Where DueDay falls (Regime.DueMonth).
const (
	DueLastMonth = "last" // in the period's last month: "trước ngày 10 tháng cuối quý"
	DueNextMonth = "next" // in the month after the period: "trước ngày 10 tháng đầu quý sau"
)

// Regime is a plan's reporting regime (chế độ báo cáo): how often agencies
// report, when reports are due, the data cut-off, and the reminder rules
// (stored here as data; the reminders job reads them).
type Regime struct {
	PlanID    int64
	Frequency Frequency
	// DueDay is the day of the month a report is due on: 10 gives 10/3,
	// 10/6, 10/9, 10/12 for quarters with DueMonth "last". A day past the
	// month's end means its last day.
	DueDay int
	// DueMonth is DueLastMonth (the period's last month), DueNextMonth (the
	// month after the period) or, for yearly reports only, a month number
	// "1"–"12" of the period's year.
	DueMonth string
	// CutoffDay sets the data cut-off (chốt số liệu) as Decree 09/2019/NĐ-CP
	// does: from day CutoffDay of the month before the period to the day
	// before it in the period's last month (15 → 15/12–14/3 for quarter I).
	// When that leaves no working day between the cut-off and the due day
	// (the reference plan's reports are due on the 10th), the window moves
	// one month earlier (15/11–14/2 for quarter I).
	CutoffDay int
	// RemindBefore are days before the due day on which agencies are
	// reminded (7 and 2); RemindAfter days after it (1); RemindWeekly
	// repeats a reminder every 7 days while a report is overdue.
	RemindBefore []int
	RemindAfter  []int
	RemindWeekly bool
	// DueSoonDays is the "sắp đến hạn" window for the plan's tasks;
	// plan.DefaultDueSoonDays when 0.
	DueSoonDays int
	// Text is the rule sentence as the plan writes it (section VI).
	Text string
	// Version counts saves; 0 means the regime was never saved and these
	// are the defaults.
	Version   int
	UpdatedAt time.Time
}

// Defaults from the reference plan and Decree 09/2019/NĐ-CP.
const (
	DefaultDueDay    = 10
	DefaultCutoffDay = 15
)

// MaxDueSoonDays is the widest "sắp đến hạn" window a regime may set.
const MaxDueSoonDays = 60

// DefaultRegime is the regime of a plan that has none saved: quarterly,
// due on day 10 of the quarter's last month, Decree 09 cut-off, reminders
// 7 and 2 days before, the day after, then weekly.
func DefaultRegime(planID int64) Regime {
	return Regime{
		PlanID: planID, Frequency: Quarterly, DueDay: DefaultDueDay, DueMonth: DueLastMonth,
		CutoffDay: DefaultCutoffDay, RemindBefore: []int{7, 2}, RemindAfter: []int{1}, RemindWeekly: true,
		DueSoonDays: plan.DefaultDueSoonDays,
	}
}

// Validate checks a regime before it is saved; nil when it can be.
func (r *Regime) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	if !r.Frequency.Valid() {
		fe["frequency"] = "Hãy chọn kỳ báo cáo: tháng, quý, 6 tháng hoặc năm."
	}
	if r.DueDay < 1 || r.DueDay > 31 {
		fe["due_day"] = "Ngày hạn báo cáo phải từ 1 đến 31."
	}
	switch r.DueMonth {
	case DueLastMonth, DueNextMonth:
	default:
		m, err := strconv.Atoi(r.DueMonth)
		if err != nil || m < 1 || m > 12 || r.Frequency != Yearly {
			fe["due_month"] = "Tháng hạn báo cáo phải là tháng cuối kỳ, tháng đầu kỳ sau, hoặc (với báo cáo năm) một tháng từ 1 đến 12."
		}
	}
	if r.CutoffDay < 2 || r.CutoffDay > 28 {
		fe["cutoff_day"] = "Ngày chốt số liệu phải từ 2 đến 28."
	}
	for _, l := range []struct {
		field string
		days  []int
	}{{"remind_before", r.RemindBefore}, {"remind_after", r.RemindAfter}} {
		for _, d := range l.days {
			if d < 0 || d > 90 {
				fe[l.field] = "Số ngày nhắc phải từ 0 đến 90."
				break
			}
		}
	}
	if r.DueSoonDays < 0 || r.DueSoonDays > MaxDueSoonDays {
		fe["due_soon_days"] = "Số ngày \"sắp đến hạn\" phải từ 0 đến 60."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// Normalize puts the reminder lists in canonical form (sorted, descending
// for before, ascending for after, without repeats) and fills zero fields
// with the defaults.
func (r *Regime) Normalize() {
	r.fill()
	r.RemindBefore, r.RemindAfter = slices.Clone(r.RemindBefore), slices.Clone(r.RemindAfter)
	slices.Sort(r.RemindBefore)
	r.RemindBefore = slices.Compact(r.RemindBefore)
	slices.Reverse(r.RemindBefore)
	slices.Sort(r.RemindAfter)
	r.RemindAfter = slices.Compact(r.RemindAfter)
}

// fill sets the zero scalar fields to the defaults, leaving the reminder
// lists alone (period arithmetic works on copies and must not touch them).
func (r *Regime) fill() {
	d := DefaultRegime(r.PlanID)
	if r.Frequency == "" {
		r.Frequency = d.Frequency
	}
	if r.DueDay == 0 {
		r.DueDay = d.DueDay
	}
	if r.DueMonth == "" {
		r.DueMonth = d.DueMonth
	}
	if r.CutoffDay == 0 {
		r.CutoffDay = d.CutoffDay
	}
	if r.DueSoonDays == 0 {
		r.DueSoonDays = d.DueSoonDays
	}
}

// String describes the regime in Vietnamese, for pages.
func (r Regime) String() string {
	where := "tháng cuối kỳ"
	switch r.DueMonth {
	case DueNextMonth:
		where = "tháng đầu kỳ sau"
	case DueLastMonth, "":
	default:
		where = "tháng " + r.DueMonth
	}
	return fmt.Sprintf("%s, hạn ngày %d %s", r.Frequency.Label(), r.DueDay, where)
}

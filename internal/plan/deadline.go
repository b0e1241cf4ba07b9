package plan

import "time"

// DeadlineKind is the form a plan uses to state a thời hạn.
type DeadlineKind string

// Deadline kinds, one per form in domain.md.
const (
	DeadlineNone       DeadlineKind = ""           // no deadline stated
	DeadlineDate       DeadlineKind = "date"       // "30/6/2025"
	DeadlineMonth      DeadlineKind = "month"      // "tháng 5/2025" → last day of the month
	DeadlineQuarter    DeadlineKind = "quarter"    // "Quý II/2025" → 30/6/2025
	DeadlineHalf       DeadlineKind = "half"       // "6 tháng đầu năm 2025" → 30/6/2025
	DeadlineYear       DeadlineKind = "year"       // "năm 2026" → 31/12/2026
	DeadlineRange      DeadlineKind = "range"      // "2025-2030", "giai đoạn 2026 - 2030" → end of range
	DeadlineRecurring  DeadlineKind = "recurring"  // "hằng năm", "hằng quý" → one due date per period
	DeadlineContinuous DeadlineKind = "continuous" // "thường xuyên" → judged per reporting period
)

// Deadline is a task's thời hạn: the original words and the typed value
// read from them. Due is the last day allowed (zero for recurring,
// continuous and none); Start is the range's first day where one is given.
type Deadline struct {
	Kind  DeadlineKind
	Text  string    // the original words, as written
	Due   time.Time // midnight UTC of the due day
	Start time.Time // start of a range or period, zero when not stated
	Every string    // for recurring: "year", "half", "quarter", "month"
}

// HasDue reports whether the deadline names one fixed due day.
func (d Deadline) HasDue() bool { return !d.Due.IsZero() }

package agency

import (
	"strings"
	"time"

	"tiendo/internal/clock"
)

// ReorgRecord is an applied reorganisation as kept for its history and its
// undo.
type ReorgRecord struct {
	ID          int64
	Batch       int64 // the first of those applied together; undone together
	Kind        ReorgKind
	Decision    string
	Effective   time.Time
	From        []int64
	SuccessorID int64
	Label       string         // "Sở A, Sở B → Sở C" as the names were when applied (ReorgLabel)
	Summary     map[string]int // tasks, cooperations, indicators, users, reports moved
	AppliedAt   time.Time
	AppliedBy   int64
	UndoUntil   time.Time // the first day of the next reporting period: undo is refused from it
	UndoneAt    time.Time
	UndoneBy    int64
}

// Undoable reports whether the reorganisation can still be undone on day
// today: not undone yet, and the next reporting period has not started.
// (Undo also refuses when its rows changed since; only trying tells.)
func (r *ReorgRecord) Undoable(today time.Time) bool {
	return r.UndoneAt.IsZero() && today.Before(r.UndoUntil)
}

// CheckUndo refuses (a *ReorgError under "undo") to undo r on day today
// when it was undone already or when the next reporting period has begun:
// the reports of that period are written for the new arrangement, and a
// change from then on is a new reorganisation.
func (r *ReorgRecord) CheckUndo(today time.Time) error {
	switch {
	case !r.UndoneAt.IsZero():
		return UndoRefused(Refusal{Code: RefuseUndone, ID: r.ID, At: r.UndoneAt})
	case !today.Before(r.UndoUntil):
		return UndoRefused(Refusal{Code: RefuseUndoClosed, ID: r.ID, At: r.UndoUntil})
	}
	return nil
}

// UndoFrom is the day the undo window of r is counted from: the later of
// the day it is applied (today) and its effective day.
func (r *Reorganisation) UndoFrom(today time.Time) time.Time {
	if r.Effective.After(today) {
		return r.Effective
	}
	return today
}

// UndoUntil is the first day on which undoing a reorganisation is refused,
// counted from day (UndoFrom): next, the start of the first reporting
// period after day of the plans it touches; when there is none (no plan
// touched, or none of their periods left), the first day of the calendar
// quarter after day's.
func UndoUntil(day, next time.Time) time.Time {
	if !next.IsZero() {
		return next
	}
	q := (int(day.Month()) - 1) / 3
	return clock.Date(day.Year(), time.Month(q*3+1), 1).AddDate(0, 3, 0)
}

// ReorgLabel names a reorganisation by its agencies' names, as the history
// lists it: "Sở A, Sở B → Sở C"; successor is "" when nobody takes over.
func ReorgLabel(from []string, successor string) string {
	if successor == "" {
		successor = "(không có cơ quan kế thừa)"
	}
	return strings.Join(from, ", ") + " → " + successor
}

package store

import (
	"fmt"
	"time"

	"tiendo/internal/reporting"
)

// Values cross into SQL in one form that both databases accept, so that one
// SQL text serves both:
//
//   - timestamps as RFC 3339 text in UTC with a fixed six-digit fraction:
//     SQLite stores the text (fixed width, so text order is time order and
//     comparisons in SQL work); PostgreSQL casts it to TIMESTAMPTZ;
//   - dates as 'YYYY-MM-DD' text: SQLite stores it, PostgreSQL casts it to DATE;
//   - "none" (a zero time, a zero ID) as NULL.
//
// On the way back, timeCol accepts either database's form.
const (
	tsLayout  = "2006-01-02T15:04:05.000000Z07:00"
	dayLayout = "2006-01-02"
)

// tsArg is the argument form of a timestamp; NULL for the zero time.
func tsArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(tsLayout)
}

// dateArg is the argument form of a date; NULL for the zero time. The calendar
// day is taken as written in t (dates are midnight UTC in this program).
func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(dayLayout)
}

// refArg is the argument form of a reference; NULL for 0.
func refArg(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// now is the time written into created_at, updated_at and audit rows,
// truncated to PostgreSQL's microseconds so that what a method returns
// equals what a later read returns.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// timeCol scans a date or timestamp column, NULL giving the zero time,
// from SQLite's text or PostgreSQL's time.Time. Times come back in UTC.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = v.UTC()
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T into a time", src)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	layout := time.RFC3339Nano
	if len(s) == len(dayLayout) {
		layout = dayLayout
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return fmt.Errorf("store: bad time %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// idCol scans a nullable reference column, NULL giving 0.
type idCol struct{ p *int64 }

// Scan implements sql.Scanner.
func (c idCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = 0
	case int64:
		*c.p = v
	case int32:
		*c.p = int64(v)
	default:
		return fmt.Errorf("store: cannot scan %T into an id", src)
	}
	return nil
}

// actorTime is the time a reporting write records for its own rows
// (updated, submitted, requested, uploaded at): the actor's Now, from the
// injected clock, so that a training or demo day (serve --clock) reads
// consistently. The audit log keeps the wall clock (now), as evidence of
// when the change really happened.
func actorTime(a reporting.Actor) time.Time {
	if a.Now.IsZero() {
		return now()
	}
	return a.Now.UTC().Truncate(time.Microsecond)
}

package store

import (
	"database/sql"
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

// moreCols scans a row that has columns after those its scan function
// reads (a scanReport with the plan's status) into extra.
type moreCols struct {
	sc    scanner
	extra []any
}

// Scan scans dest and then extra.
func (m moreCols) Scan(dest ...any) error { return m.sc.Scan(append(dest, m.extra...)...) }

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
	if t, ok := parseStored(s); ok {
		*c.t = t
		return nil
	}
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

// parseStored reads the two forms this store writes into SQLite — a day
// (dayLayout) and a UTC timestamp (tsLayout) — by hand, several times
// faster than time.Parse: a national-size plan's figures read about a
// hundred thousand dates (issue 21). ok is false for anything else,
// including an impossible date, which time.Parse then reads or refuses.
func parseStored(s string) (t time.Time, ok bool) {
	switch {
	case len(s) == len(dayLayout):
	case len(s) == len("2006-01-02T15:04:05.000000Z") && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[26] == 'Z':
	default:
		return time.Time{}, false
	}
	if s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, false
	}
	if len(s) == len(dayLayout) {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
	}
	h, ok1 := digits(s[11:13])
	mi, ok2 := digits(s[14:16])
	sec, ok3 := digits(s[17:19])
	us, ok4 := digits(s[20:26])
	if !ok1 || !ok2 || !ok3 || !ok4 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, h, mi, sec, us*1000, time.UTC), true
}

// digits is the value of s when it is all ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days of month m of year y.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
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

// anyRow scans each row of a large read into interface values it reuses:
// database/sql's cheapest path (it hands the driver's values over without
// reflection or conversion), where scanning into *int64 or *string goes
// through reflect for every column. Its getters convert either database's
// values and keep the first failure in err. For the figures' reads of tens
// of thousands of rows (issue 21).
type anyRow struct {
	v, p []any
	err  error
}

func newAnyRow(n int) *anyRow {
	r := &anyRow{v: make([]any, n), p: make([]any, n)}
	for i := range r.v {
		r.p[i] = &r.v[i]
	}
	return r
}

// scan reads the current row of rows.
func (r *anyRow) scan(rows *sql.Rows) error { return rows.Scan(r.p...) }

// fail keeps the first failure.
func (r *anyRow) fail(i int, into string) {
	if r.err == nil {
		r.err = fmt.Errorf("store: cannot scan %T into %s (column %d)", r.v[i], into, i+1)
	}
}

// int is column i as an integer: NULL 0, a boolean 0 or 1.
func (r *anyRow) int(i int) int64 {
	switch v := r.v[i].(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case nil:
		return 0
	case bool:
		if v {
			return 1
		}
		return 0
	}
	r.fail(i, "an integer")
	return 0
}

// bool is column i as a boolean (SQLite's 0 or 1, PostgreSQL's boolean).
func (r *anyRow) bool(i int) bool { return r.int(i) != 0 }

// str is column i as text: NULL "".
func (r *anyRow) str(i int) string {
	switch v := r.v[i].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case nil:
		return ""
	}
	r.fail(i, "a string")
	return ""
}

// time is column i as timeCol reads it: NULL the zero time.
func (r *anyRow) time(i int) time.Time {
	var t time.Time
	if err := (timeCol{&t}).Scan(r.v[i]); err != nil && r.err == nil {
		r.err = err
	}
	return t
}

// rowList gathers the rows of a large read in chunks, then copies them
// once into a slice of their exact number: append grows a large slice by
// a quarter at a time, copying it at each step, which for a plan's 20,000
// claims allocated five times their size (issue 21).
type rowList[T any] struct {
	done [][]T
	cur  []T
	n    int
}

// add appends v.
func (l *rowList[T]) add(v T) {
	if len(l.cur) == cap(l.cur) {
		if l.cur != nil {
			l.done = append(l.done, l.cur)
		}
		l.cur = make([]T, 0, min(max(2*cap(l.cur), 256), 8192))
	}
	l.cur = append(l.cur, v)
	l.n++
}

// list is every row added, in order; nil when none.
func (l *rowList[T]) list() []T {
	if len(l.done) == 0 {
		return l.cur
	}
	out := make([]T, 0, l.n)
	for _, c := range l.done {
		out = append(out, c...)
	}
	return append(out, l.cur...)
}

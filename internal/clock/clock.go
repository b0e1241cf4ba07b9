// Package clock gives "now" to code that judges deadlines, so that tests,
// training and demos can fix the day (serve --clock 2026-06-15).
package clock

import "time"

// Clock tells the current time.
type Clock interface {
	Now() time.Time
}

// System is the real clock.
type System struct{}

// Now returns the current time.
func (System) Now() time.Time { return time.Now() }

// Fixed is a clock stopped at one instant.
type Fixed time.Time

// Now returns the fixed instant.
func (f Fixed) Now() time.Time { return time.Time(f) }

// Today returns c's current calendar day at midnight UTC, the form dates are stored in.
func Today(c Clock) time.Time {
	y, m, d := c.Now().In(Local).Date()
	return Date(y, m, d)
}

// Local is Vietnam's time zone (UTC+7, no daylight saving), fixed so that
// the day does not depend on the server's zone setting.
var Local = time.FixedZone("ICT", 7*60*60)

// Calendar days. tiendo keeps every date (deadlines, period bounds, the day
// a report was accepted) as a time.Time at midnight UTC of that day: the
// form the database stores and every template formats. These functions are
// the one place that makes and compares such days.

// Date returns the calendar day y-m-d, at midnight UTC.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// DateOf is the calendar day written in t (its own zone's date), at
// midnight UTC.
func DateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// DaysBetween counts calendar days from a to b (negative when b is before
// a), reading each as the calendar day written in it.
func DaysBetween(a, b time.Time) int {
	return int(DateOf(b).Sub(DateOf(a)).Hours() / 24)
}

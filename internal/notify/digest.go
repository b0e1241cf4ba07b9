package notify

import (
	"cmp"
	"fmt"
	"slices"
	"tiendo/internal/clock"
	"time"
)

// DigestRule says when the weekly digest to agency heads goes out: what
// their agency has due soon, overdue, and returned for correction.
type DigestRule struct {
	Enabled bool
	// Day is the weekday the digest goes out. It stays in force until the
	// end of that ISO week (Sunday), so a run missed on the day still
	// sends it later in the week, once.
	Day time.Weekday
	// Horizon is how many days ahead count as "due soon"; 0 means 14.
	Horizon int
}

// defaultDigestHorizon is the "due soon" window of a digest: two weeks,
// so that a weekly digest always shows what falls due before the next one.
const defaultDigestHorizon = 14

// Digest is the weekly summary for one agency's heads.
type Digest struct {
	AgencyID   int64
	AgencyName string
	Week       string // ISO week, "2026-W24"
	// Key names the digest in the reminder ledger: "digest:<agency>:<week>".
	Key      string
	DueSoon  []Obligation // not done, due within the horizon
	Overdue  []Obligation // not done, past the due day
	Returned []Obligation // returned by the coordinator, whatever the due day
}

// Due returns the digests in force today, one per agency that has
// something due soon, overdue or returned, ordered by agency ID; each list
// is ordered by due day. None when the rule is disabled or today is before
// the rule's weekday in its ISO week.
func (r DigestRule) Due(obligations []Obligation, today time.Time) []Digest {
	if !r.Enabled || isoWeekday(today.Weekday()) < isoWeekday(r.Day) {
		return nil
	}
	horizon := r.Horizon
	if horizon <= 0 {
		horizon = defaultDigestHorizon
	}
	year, week := today.ISOWeek()
	weekName := fmt.Sprintf("%04d-W%02d", year, week)
	byAgency := map[int64]*Digest{}
	for _, o := range obligations {
		if o.Done {
			continue
		}
		d := byAgency[o.AgencyID]
		if d == nil {
			d = &Digest{AgencyID: o.AgencyID, AgencyName: o.AgencyName, Week: weekName,
				Key: fmt.Sprintf("digest:%d:%s", o.AgencyID, weekName)}
			byAgency[o.AgencyID] = d
		}
		left := clock.DaysBetween(today, o.Due)
		switch {
		case o.Returned:
			d.Returned = append(d.Returned, o)
		case o.Due.IsZero():
		case left < 0:
			d.Overdue = append(d.Overdue, o)
		case left <= horizon:
			d.DueSoon = append(d.DueSoon, o)
		}
	}
	var out []Digest
	for _, d := range byAgency {
		if len(d.DueSoon)+len(d.Overdue)+len(d.Returned) == 0 {
			continue
		}
		for _, list := range [][]Obligation{d.DueSoon, d.Overdue, d.Returned} {
			slices.SortStableFunc(list, func(a, b Obligation) int { return a.Due.Compare(b.Due) })
		}
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b Digest) int { return cmp.Compare(a.AgencyID, b.AgencyID) })
	return out
}

// isoWeekday numbers weekdays from Monday (1) to Sunday (7), as ISO weeks do.
func isoWeekday(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}

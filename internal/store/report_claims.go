package store

import (
	"fmt"
	"strings"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// An accepted report's claims are kept as one text beside it, in
// report_claims (migration 00034): its entries with a status as
// "task:status:percent[:completed_on]" joined by commas. The triggers of
// that migration write it, in both dialects, on every write that can
// change it; Go only reads it (factClaims). The status is its position in
// plan.Claims, from 1 — the numbers the migration's SQL spells out, which
// TestReportClaimsKept holds to this order.

// parseClaims reads a report_claims value and gives each claim to add,
// with the period and revision of report (its other fields unset). It
// reads the fields in place and allocates nothing: a first national read
// parses 680,000 claims.
func parseClaims(v string, report figures.Claim, add func(figures.Claim)) error {
	for rest, more := v, true; more; {
		var entry string
		entry, rest, more = strings.Cut(rest, ",")
		task, tail, ok1 := strings.Cut(entry, ":")
		code, tail, ok2 := strings.Cut(tail, ":")
		percent, day, _ := strings.Cut(tail, ":")
		id, ok3 := decimal(task)
		n, ok4 := decimal(code)
		p, ok5 := decimal(percent)
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
			return fmt.Errorf("store: a report's kept claims: cannot read %q", entry)
		}
		c := report
		c.TaskID, c.Claim, c.Percent = id, claimOfCode(n), int(p)
		if day != "" {
			if err := (timeCol{&c.CompletedOn}).parse(day); err != nil {
				return fmt.Errorf("store: a report's kept claims: %w", err)
			}
		}
		add(c)
	}
	return nil
}

// decimal is the value of s, one to eighteen ASCII digits (no sign: the
// fields of report_claims are IDs, codes and percentages).
func decimal(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// claimOfCode is the claim numbered code in report_claims; none for 0.
func claimOfCode(code int64) plan.Claim {
	if code >= 1 && code <= int64(len(plan.Claims)) {
		return plan.Claims[code-1]
	}
	return plan.ClaimNone
}

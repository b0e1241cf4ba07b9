package store

import (
	"fmt"
	"strconv"
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
// allocates nothing: the fields are read in place.
func parseClaims(v string, report figures.Claim, add func(figures.Claim)) error {
	for entry := range strings.SplitSeq(v, ",") {
		c := report
		task, rest, ok1 := strings.Cut(entry, ":")
		code, rest, ok2 := strings.Cut(rest, ":")
		percent, day, _ := strings.Cut(rest, ":")
		id, err1 := strconv.ParseInt(task, 10, 64)
		n, err2 := strconv.Atoi(code)
		p, err3 := strconv.Atoi(percent)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("store: a report's kept claims: cannot read %q", entry)
		}
		c.TaskID, c.Claim, c.Percent = id, claimOfCode(int64(n)), p
		if day != "" {
			if err := (timeCol{&c.CompletedOn}).parse(day); err != nil {
				return fmt.Errorf("store: a report's kept claims: %w", err)
			}
		}
		add(c)
	}
	return nil
}

// claimOfCode is the claim numbered code in report_claims; none for 0.
func claimOfCode(code int64) plan.Claim {
	if code >= 1 && code <= int64(len(plan.Claims)) {
		return plan.Claims[code-1]
	}
	return plan.ClaimNone
}

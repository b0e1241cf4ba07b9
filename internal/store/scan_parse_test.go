package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// TestParseStored checks the hand-written reading of stored days and
// timestamps against time.Parse, on the forms the store writes and on
// near misses (impossible days, leap years, other layouts), which it must
// leave to time.Parse.
func TestParseStored(t *testing.T) {
	cases := []string{
		"2026-12-04", "2024-02-29", "2025-02-29", "1900-02-29", "2000-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01", "20260101xx", "2026-12-31",
		"2026-12-04T08:09:10.123456Z", "2026-12-04T23:59:59.999999Z", "2026-12-04T24:00:00.000000Z",
		"2026-12-04T08:60:10.000000Z", "2026-12-04T08:09:60.000000Z", "2026-12-04T08:09:10.12345xZ",
		"2026-12-04T08:09:10.123456+07:00", "2026-12-04T08:09:10Z", "2026-02-30T08:09:10.000000Z",
		"2026-12-04 08:09:10.123456Z", "",
	}
	for _, s := range cases {
		got, ok := parseStored(s)
		layout := time.RFC3339Nano
		if len(s) == len(dayLayout) {
			layout = dayLayout
		}
		want, err := time.Parse(layout, s)
		if ok && (err != nil || !got.Equal(want) || got.Location() != time.UTC) {
			t.Errorf("parseStored(%q) = %v, time.Parse: %v, %v", s, got, want, err)
		}
		if !ok && err == nil && (len(s) == len(dayLayout) || (len(s) == 27 && s[26] == 'Z')) {
			t.Errorf("parseStored(%q) left a stored form to time.Parse (%v)", s, want)
		}
	}
}

// TestTaskColCount keeps taskColCount, the size of scanTask's reused row,
// in step with taskCols.
func TestTaskColCount(t *testing.T) {
	if n := strings.Count(taskCols, ",") + 1; n != taskColCount {
		t.Fatalf("taskCols has %d columns, taskColCount says %d", n, taskColCount)
	}
}

// TestRowList checks that rowList gives back every row in order, across
// chunks, and that rows within the room grow made stay in one chunk.
func TestRowList(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 5000, 40000} {
		// Grown to fit (one allocation, nothing copied), grown short, not grown.
		for _, room := range []int{n, n / 2, 0} {
			var l rowList[int]
			l.grow(room)
			for i := range n {
				l.add(i)
			}
			if fits := room >= n && n > 0; fits && len(l.done) != 0 {
				t.Errorf("%d rows in room for %d: %d chunks, want one", n, room, len(l.done)+1)
			}
			got := l.list()
			if len(got) != n {
				t.Fatalf("%d rows added (room for %d), %d listed", n, room, len(got))
			}
			for i, v := range got {
				if v != i {
					t.Fatalf("%d rows (room for %d): row %d is %d", n, room, i, v)
				}
			}
		}
	}
}

// TestClaimKey checks that every claim an entry may make, with its
// revision, percentage, task and period, comes back as itself through
// claimKey and claimOf, in SQL, up to each field's bound; and that a claim
// with any field at its bound packs to NULL (factClaims then reads the
// plan unpacked).
func TestClaimKey(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		key := func(period, task int64, rev int, c plan.Claim, pct int) (v sql.NullInt64) {
			t.Helper()
			must(t, s.queryRow(context.Background(), s.r, `SELECT `+claimKey()+` FROM
				(SELECT CAST(? AS BIGINT) AS period_id, CAST(? AS INTEGER) AS revision) r,
				(SELECT CAST(? AS BIGINT) AS task_id, CAST(? AS TEXT) AS status, CAST(? AS INTEGER) AS percent) e`,
				period, rev, task, string(c), pct).Scan(&v))
			return v
		}
		const maxTask, maxPeriod, maxRev = 1<<claimTaskBits - 1, 1<<claimPeriodBits - 1, 1<<claimRevisionBits - 1
		for _, c := range append(slices.Clone(plan.Claims), plan.ClaimNone) {
			for _, rev := range []int{1, 2, 7, maxRev} {
				for _, pct := range []int{0, 1, 50, 99, 100} {
					for _, ids := range [][2]int64{{1, 1}, {37, 40140}, {maxPeriod, maxTask}} {
						v := key(ids[0], ids[1], rev, c, pct)
						want := figures.Claim{PeriodID: ids[0], TaskID: ids[1], Revision: rev, PeriodClaim: plan.PeriodClaim{Claim: c, Percent: pct}}
						if got := claimOf(v.Int64); !v.Valid || got != want {
							t.Errorf("%+v came back as %+v (valid %t)", want, got, v.Valid)
						}
					}
				}
			}
		}
		for _, beyond := range []struct {
			period, task int64
			rev          int
		}{{maxPeriod + 1, 1, 1}, {1, maxTask + 1, 1}, {1, 1, maxRev + 1}} {
			if v := key(beyond.period, beyond.task, beyond.rev, plan.ClaimCompleted, 100); v.Valid {
				t.Errorf("period %d, task %d, revision %d packed as %d, want NULL", beyond.period, beyond.task, beyond.rev, v.Int64)
			}
		}
	})
}

package figcache_test

import (
	"cmp"
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"tiendo/internal/figcache"
	"tiendo/internal/figures"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// TestLines: each plan's rollup line read through the cache is the line
// of its dashboard computed afresh — computed alone from the facts of its
// period (store.LineFacts), taken from a kept dashboard, recounted after
// a report is sent, computed again after one is accepted — for the
// period of the day and for every period asked by ID.
func TestLines(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		generate(t, st, 2)
		asks := []figcache.Ask{{PlanID: 1, Options: figures.Options{AsOf: today}},
			{PlanID: 2, Options: figures.DefaultSettings.Options(figures.Options{AsOf: today})}}
		periods, err := st.Periods(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			asks = append(asks, figcache.Ask{PlanID: 1, Options: figures.Options{PeriodID: p.ID, AsOf: today}})
		}
		c := figcache.New(st, 0)
		// lines reads every ask's line through the cache, checks each
		// against its dashboard's computed afresh and says how many were
		// served by each path since the last call.
		var h0, r0, m0 int64
		lines := func(what string, hits, recounts, misses int64) {
			t.Helper()
			ls, errs, err := c.Lines(ctx, asks)
			if err != nil {
				t.Fatal(err)
			}
			for i, ask := range asks {
				if errs[i] != nil {
					t.Fatalf("%s: plan %d: %v", what, ask.PlanID, errs[i])
				}
				_, fresh, err := figcache.Compute(ctx, st, ask.PlanID, ask.Options)
				if err != nil {
					t.Fatal(err)
				}
				if want := fresh.Line(); !reflect.DeepEqual(ls[i], want) {
					t.Errorf("%s: plan %d, period %d: line %+v, its dashboard's %+v", what, ask.PlanID,
						ask.Options.PeriodID, ls[i], want)
				}
			}
			h, r, m := c.Hits.Load(), c.Recounts.Load(), c.Misses.Load()
			if h-h0 != hits || r-r0 != recounts || m-m0 != misses {
				t.Errorf("%s: %d kept, %d recounted, %d computed; want %d, %d, %d", what, h-h0, r-r0, m-m0,
					hits, recounts, misses)
			}
			h0, r0, m0 = h, r, m
		}
		n := int64(len(asks))
		lines("first read", 0, 0, n)
		lines("second read", n, 0, 0)

		// Plan 2's dashboard kept: its line is taken from it.
		if _, err := c.Dashboard(ctx, 2, asks[1].Options); err != nil {
			t.Fatal(err)
		}
		h0, r0, m0 = c.Hits.Load(), c.Recounts.Load(), c.Misses.Load()
		lines("a dashboard kept", n, 0, 0)

		// A report of plan 1's current quarter sent, then accepted.
		now := today.Add(3 * time.Hour)
		sent := dbtest.SendDraft(t, st, 1, today, now)
		lines("a report of plan 1 sent", 1, n-1, 0) // plan 2's line kept
		coord, _, err := st.UserByName(ctx, "dieuphoi.hn")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AcceptReport(ctx, reporting.Actor{User: coord, Now: now}, sent.ID, sent.Version); err != nil {
			t.Fatal(err)
		}
		lines("a report of plan 1 accepted", 1, 0, n-1)
	})
}

// TestLineFacts: the facts a line reads are the plan's facts with only
// the claims and report revisions of the period shown — none for a
// period not started — and no indicator value and no agency.
func TestLineFacts(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		generate(t, st, 1)
		all, err := st.Facts(ctx, 1, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Claims) == 0 || len(all.Values) == 0 {
			t.Fatalf("%d claims, %d values: the generated plan should have both", len(all.Claims), len(all.Values))
		}
		ids := []int64{0}
		for _, p := range all.Periods {
			ids = append(ids, p.ID)
		}
		for _, id := range ids {
			got, err := st.LineFacts(ctx, 1, today, id)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := reporting.PickPeriod(all.Periods, id, today)
			want := *all
			want.Claims, want.Reports, want.Values, want.Agencies = nil, nil, nil, nil
			if p.Started(today) {
				for _, c := range all.Claims {
					if c.PeriodID == p.ID {
						want.Claims = append(want.Claims, c)
					}
				}
				for _, r := range all.Reports {
					if r.PeriodID == p.ID {
						want.Reports = append(want.Reports, r)
					}
				}
			}
			if len(got.Claims) == 0 {
				got.Claims = nil // read, none found
			}
			sortClaims(got.Claims)
			sortClaims(want.Claims)
			if !reflect.DeepEqual(got, &want) {
				t.Errorf("period %d (%s): %d claims, %d reports; want %d, %d", id, p.Label, len(got.Claims),
					len(got.Reports), len(want.Claims), len(want.Reports))
			}
		}
		if _, err := st.LineFacts(ctx, 999, today, 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("plan 999: %v, want not found", err)
		}
	})
}

// sortClaims puts claims in (period, task, revision) order: the store
// reads them in no particular one.
func sortClaims(list []figures.Claim) {
	slices.SortFunc(list, func(a, b figures.Claim) int {
		return cmp.Or(cmp.Compare(a.PeriodID, b.PeriodID), cmp.Compare(a.TaskID, b.TaskID), cmp.Compare(a.Revision, b.Revision))
	})
}

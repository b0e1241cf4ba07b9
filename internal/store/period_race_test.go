package store

import (
	"context"
	"sync"
	"testing"
)

// TestPeriodsConcurrentFirstUse: several requests (or instances) reading a
// plan's periods for the first time at once all get them, and each period
// is stored once. On PostgreSQL they used to race to insert the same
// periods (a duplicate key answered as 409).
func TestPeriodsConcurrentFirstUse(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		d := seedPlan(t, s, seedAgencies(t, s))
		ctx := context.Background()
		var wg sync.WaitGroup
		counts := make(chan int, 8)
		errs := make(chan error, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				list, err := s.Periods(ctx, d.Plan.ID)
				if err != nil {
					errs <- err
					return
				}
				counts <- len(list)
			}()
		}
		wg.Wait()
		close(errs)
		close(counts)
		for err := range errs {
			t.Fatal(err)
		}
		want := -1
		for n := range counts {
			if want >= 0 && n != want || n == 0 {
				t.Fatalf("periods: %d and %d", want, n)
			}
			want = n
		}
		var stored int
		must(t, s.r.QueryRow(s.bind(`SELECT COUNT(*) FROM periods WHERE plan_id = ?`), d.Plan.ID).Scan(&stored))
		if stored != want {
			t.Errorf("%d periods stored, %d listed", stored, want)
		}
	})
}

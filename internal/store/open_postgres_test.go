package store

import (
	"context"
	"testing"
)

// TestPostgresNoParallelWorkers: the store's PostgreSQL connections start
// no parallel query workers (openPostgres says why).
func TestPostgresNoParallelWorkers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		if s.dialect != dialectPostgres {
			t.Skip("PostgreSQL only")
		}
		var v string
		must(t, s.r.QueryRowContext(context.Background(), `SHOW max_parallel_workers_per_gather`).Scan(&v))
		if v != "0" {
			t.Fatalf("max_parallel_workers_per_gather = %s; want 0", v)
		}
	})
}

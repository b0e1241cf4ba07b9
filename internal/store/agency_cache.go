package store

import (
	"context"
	"slices"
	"sync"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// agencyCache keeps every agency in Vietnamese name order, with names and
// ranks, until the agencies change: ordering a national register's
// thousands of names costs more than most requests, and nearly every page
// and report list needs the order or the names. The 'agencies' counter
// (migration 00011), moved by triggers in the writing transaction, says
// when the copy is stale, on every instance sharing the database.
type agencyCache struct {
	mu      sync.Mutex
	version int64 // the counter the list was read at; -1 before the first read
	sorted  []agency.Agency
	names   map[int64]string
	rank    map[int64]int
}

// agencies returns the cached state, reading the agencies again when the
// counter has moved. The result is shared: callers copy what they change.
func (s *Store) agencies(ctx context.Context) (*agencyCache, error) {
	var v int64
	if err := s.queryRow(ctx, s.r, `SELECT value FROM counters WHERE name = 'agencies'`).Scan(&v); err != nil {
		return nil, err
	}
	c := &s.agencyMemo
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sorted != nil && c.version == v {
		return c, nil
	}
	// Read under the lock: concurrent misses wait for one read instead of
	// each sorting. A write after the counter was read makes the list
	// newer than v, never older; the next call sees the counter moved.
	rows, err := s.query(ctx, s.r, `SELECT `+agencyCols+` FROM agencies ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []agency.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vntext.Sort(list, func(a agency.Agency) string { return a.Name })
	c.version, c.sorted = v, list
	c.names, c.rank = make(map[int64]string, len(list)), make(map[int64]int, len(list))
	for i, a := range list {
		c.names[a.ID], c.rank[a.ID] = a.Name, i
	}
	return c, nil
}

// cloneAgencies copies the list so that a caller may change it.
func cloneAgencies(list []agency.Agency) []agency.Agency {
	out := slices.Clone(list)
	for i := range out {
		out[i].Aliases = slices.Clone(out[i].Aliases)
	}
	return out
}

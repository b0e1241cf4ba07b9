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
	mu  sync.Mutex
	cur *agencyList // nil before the first read
}

// agencyList is one read of the register, never changed once made: a
// newer read replaces it whole, so a caller holding it reads it without
// the lock.
type agencyList struct {
	version int64 // the counter the list was read at
	sorted  []agency.Agency
	names   map[int64]string
	rank    map[int64]int // ID → position in sorted
}

// agencies returns the cached list, reading the agencies again when the
// counter has moved. The result is shared: callers copy what they change.
func (s *Store) agencies(ctx context.Context) (*agencyList, error) {
	v, err := s.counter(ctx, "agencies")
	if err != nil {
		return nil, err
	}
	c := &s.agencyMemo
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && c.cur.version == v {
		return c.cur, nil
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
	l := &agencyList{version: v, sorted: list, names: make(map[int64]string, len(list)), rank: make(map[int64]int, len(list))}
	for i, a := range list {
		l.names[a.ID], l.rank[a.ID] = a.Name, i
	}
	c.cur = l
	return l, nil
}

// CachedAgency reads agency id from the register the cache keeps: on
// PostgreSQL no statement while the agencies do not change (the watch
// keeps the counter), where Agency reads the row each time. ErrNotFound
// when there is no such agency.
func (s *Store) CachedAgency(ctx context.Context, id int64) (a *agency.Agency, err error) {
	defer wrap(&err, "store.CachedAgency(%d)", id)
	c, err := s.agencies(ctx)
	if err != nil {
		return nil, err
	}
	i, ok := c.rank[id]
	if !ok {
		return nil, ErrNotFound
	}
	return &cloneAgencies(c.sorted[i : i+1])[0], nil
}

// counter reads a row of counters (kept on PostgreSQL: watch.go).
func (s *Store) counter(ctx context.Context, name string) (int64, error) {
	return watched(s, watchKey{kind: watchCounter, name: name}, func() (v int64, err error) {
		err = s.queryRow(ctx, s.r, `SELECT value FROM counters WHERE name = ?`, name).Scan(&v)
		return v, err
	})
}

// cloneAgencies copies the list so that a caller may change it.
func cloneAgencies(list []agency.Agency) []agency.Agency {
	out := slices.Clone(list)
	for i := range out {
		out[i].Aliases = slices.Clone(out[i].Aliases)
	}
	return out
}

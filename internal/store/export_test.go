package store

import (
	"context"
	"slices"
	"strings"
)

// Digest reads every row of the tables a reorganisation writes, keyed by
// table and key, each as its encoded image: tests compare the database
// before a reorganisation and after its undo, column by column.
func (s *Store) Digest(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for _, t := range imageTables() {
		rows, err := s.tableRows(ctx, tx, t, "1 = 1", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			var b strings.Builder
			for _, k := range slices.Sorted(mapKeys(r.cols)) {
				b.WriteString(k + "=" + r.cols[k] + "; ")
			}
			out[r.table+" "+r.pk] = b.String()
		}
	}
	return out, nil
}

package store

import (
	"context"
	"database/sql"

	"tiendo/internal/rollup"
)

// SeedLinks stores generated links between tasks (tiendo gen) in one
// transaction, many to a statement, with one audit line saying how many.
// Each link's plans are read from its tasks; no rule is checked: the
// generator links provinces' tasks to the national programme only.
func (s *Store) SeedLinks(ctx context.Context, actor int64, links [][2]int64) (err error) {
	defer wrap(&err, "store.SeedLinks(%d)", len(links))
	at := tsArg(now())
	return s.Transact(ctx, func(tx *sql.Tx) error {
		planOf := map[int64]int64{}
		rows, err := s.query(ctx, tx, `SELECT id, plan_id FROM tasks`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, p int64
			if err := rows.Scan(&id, &p); err != nil {
				rows.Close()
				return err
			}
			planOf[id] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		list := make([][]any, 0, len(links))
		for _, l := range links {
			list = append(list, []any{l[0], planOf[l[0]], l[1], planOf[l[1]], string(rollup.HowGen), at, refArg(actor)})
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO task_links (task_id, plan_id, upstream_task_id, upstream_plan_id, how,
			linked_at, linked_by) VALUES `, 7, list); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "task.links.seed", "task", 0, map[string]any{"links": len(links)})
	})
}

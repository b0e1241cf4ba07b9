package store

import (
	"context"

	"tiendo/internal/plan"
)

const sectionCols = `id, plan_id, parent_id, kind, number, label, title, body, ord, holds_tasks`

func scanSection(sc scanner, seq, seqEnd *int) (plan.Section, error) {
	var x plan.Section
	err := sc.Scan(&x.ID, &x.PlanID, idCol{&x.ParentID}, &x.Kind, &x.Number, &x.Label, &x.Title, &x.Body,
		&x.Ord, &x.HoldsTasks, seq, seqEnd)
	return x, err
}

// Sections lists a plan's sections in document order (parents before
// children), with TaskCount counting tasks in each section and its
// descendants. The counts come from one grouped scan of the plan's tasks,
// rolled up over each section's seq range in Go.
func (s *Store) Sections(ctx context.Context, planID int64) (list []plan.Section, err error) {
	defer wrap(&err, "store.Sections(%d)", planID)
	rows, err := s.query(ctx, s.r, `SELECT `+sectionCols+`, seq, seq_end FROM sections WHERE plan_id = ? ORDER BY seq`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type span struct{ seq, end int }
	var spans []span
	for rows.Next() {
		var sp span
		x, err := scanSection(rows, &sp.seq, &sp.end)
		if err != nil {
			return nil, err
		}
		list = append(list, x)
		spans = append(spans, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}

	// direct[seq] = tasks directly in the section at seq; then a prefix sum
	// gives the count of any seq range in O(1).
	maxSeq := 0
	for _, sp := range spans {
		maxSeq = max(maxSeq, sp.end)
	}
	prefix := make([]int, maxSeq+2)
	crows, err := s.query(ctx, s.r, `SELECT section_seq, COUNT(*) FROM tasks WHERE plan_id = ? GROUP BY section_seq`, planID)
	if err != nil {
		return nil, err
	}
	defer crows.Close()
	for crows.Next() {
		var seq, n int
		if err := crows.Scan(&seq, &n); err != nil {
			return nil, err
		}
		if seq >= 0 && seq <= maxSeq {
			prefix[seq+1] += n
		}
	}
	if err := crows.Err(); err != nil {
		return nil, err
	}
	for i := 1; i < len(prefix); i++ {
		prefix[i] += prefix[i-1]
	}
	for i, sp := range spans {
		list[i].TaskCount = prefix[sp.end+1] - prefix[sp.seq]
	}
	return list, nil
}

// Section reads one section (TaskCount is not filled).
func (s *Store) Section(ctx context.Context, id int64) (x *plan.Section, err error) {
	defer wrap(&err, "store.Section(%d)", id)
	var seq, end int
	v, err := scanSection(s.queryRow(ctx, s.r, `SELECT `+sectionCols+`, seq, seq_end FROM sections WHERE id = ?`, id), &seq, &end)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

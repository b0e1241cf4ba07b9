package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"tiendo/internal/indicator"
	"tiendo/internal/vntext"
)

// CreateIndicator stores a new indicator and its yearly targets and sets
// ind.ID. ErrDuplicate when the plan already has an indicator with the code.
func (s *Store) CreateIndicator(ctx context.Context, actor int64, ind *indicator.Indicator) (err error) {
	defer wrap(&err, "store.CreateIndicator(%q)", ind.Code)
	ind.Code = strings.TrimSpace(vntext.NFC(ind.Code))
	ind.Name = strings.TrimSpace(vntext.NFC(ind.Name))
	ind.Unit = strings.TrimSpace(vntext.NFC(ind.Unit))
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var baseline, baseYear any
		if ind.Baseline != nil {
			baseline = *ind.Baseline
		}
		if ind.BaselineYr != 0 {
			baseYear = ind.BaselineYr
		}
		id, err := s.insert(ctx, tx, `INSERT INTO indicators (plan_id, code, name, unit, direction, aggregation,
			baseline, baseline_year, agency_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			ind.PlanID, ind.Code, ind.Name, ind.Unit, string(ind.Direction), string(ind.Aggregation),
			baseline, baseYear, refArg(ind.AgencyID), tsArg(at), tsArg(at))
		if err != nil {
			return err
		}
		years := sortedYears(ind.Targets)
		for _, y := range years {
			if _, err := s.exec(ctx, tx, `INSERT INTO indicator_targets (indicator_id, year, value) VALUES (?, ?, ?)`,
				id, y, ind.Targets[y]); err != nil {
				return err
			}
		}
		ind.ID = id
		return s.audit(ctx, tx, actor, "indicator.create", "indicator", id, ind)
	})
}

func sortedYears(m map[int]float64) []int {
	years := make([]int, 0, len(m))
	for y := range m {
		years = append(years, y)
	}
	slices.Sort(years)
	return years
}

// Indicators lists a plan's indicators by code, with their targets.
func (s *Store) Indicators(ctx context.Context, planID int64) (list []indicator.Indicator, err error) {
	defer wrap(&err, "store.Indicators(%d)", planID)
	rows, err := s.query(ctx, s.r, `SELECT id, plan_id, code, name, unit, direction, aggregation, baseline,
		baseline_year, agency_id FROM indicators WHERE plan_id = ? ORDER BY code, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[int64]int{}
	for rows.Next() {
		var ind indicator.Indicator
		var baseline sql.NullFloat64
		var baseYear sql.NullInt64
		if err := rows.Scan(&ind.ID, &ind.PlanID, &ind.Code, &ind.Name, &ind.Unit, &ind.Direction, &ind.Aggregation,
			&baseline, &baseYear, idCol{&ind.AgencyID}); err != nil {
			return nil, err
		}
		if baseline.Valid {
			ind.Baseline = &baseline.Float64
		}
		ind.BaselineYr = int(baseYear.Int64)
		ind.Targets = map[int]float64{}
		index[ind.ID] = len(list)
		list = append(list, ind)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(list) == 0 {
		return nil, nil
	}
	trows, err := s.query(ctx, s.r, `SELECT it.indicator_id, it.year, it.value FROM indicator_targets it
		JOIN indicators i ON i.id = it.indicator_id WHERE i.plan_id = ?`, planID)
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var id int64
		var year int
		var v float64
		if err := trows.Scan(&id, &year, &v); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			list[i].Targets[year] = v
		}
	}
	if err := trows.Err(); err != nil {
		return nil, err
	}
	// Byte order, the same on both databases (PostgreSQL's collation may
	// differ from SQLite's for codes with punctuation or mixed case).
	slices.SortStableFunc(list, func(a, b indicator.Indicator) int { return strings.Compare(a.Code, b.Code) })
	return list, nil
}

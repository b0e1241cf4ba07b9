package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// An indicator feeds one upstream indicator at a time (migration 00025);
// links are kept after they end, as task links are.

const indicatorLinkCols = `l.id, l.indicator_id, l.upstream_indicator_id, i.plan_id, u.plan_id, l.how, l.linked_at, l.linked_by,
	l.unlinked_at, l.unlinked_by`

const indicatorLinkFrom = ` FROM indicator_links l JOIN indicators i ON i.id = l.indicator_id JOIN indicators u ON u.id = l.upstream_indicator_id`

func scanIndicatorLink(sc scanner) (rollup.IndicatorLink, error) {
	var l rollup.IndicatorLink
	err := sc.Scan(&l.ID, &l.IndicatorID, &l.UpstreamIndicatorID, &l.PlanID, &l.UpstreamPlanID, &l.How, timeCol{&l.LinkedAt},
		idCol{&l.LinkedBy}, timeCol{&l.UnlinkedAt}, idCol{&l.UnlinkedBy})
	return l, err
}

// SetIndicatorLink links indicator id to upstream indicator up (0:
// unlinks it), ending the link it had, in one transaction with its audit
// row. The upstream indicator must be of another plan of the same level or
// above, in force: a *rollup.LinkError otherwise (its task IDs are the
// indicators'). A no-op when the link already stands.
func (s *Store) SetIndicatorLink(ctx context.Context, actor, id, up int64, how rollup.How) (err error) {
	defer wrap(&err, "store.SetIndicatorLink(%d → %d)", id, up)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var planID int64
		if err := s.tqueryRow(ctx, tx, `SELECT plan_id FROM indicators WHERE id = ?`, id).Scan(&planID); err != nil {
			return err
		}
		plans := map[int64]*linkPlan{}
		own, err := s.linkPlanOf(ctx, tx, planID, plans)
		if err != nil {
			return err
		}
		if own.status == plan.PlanReplaced || own.status == plan.PlanClosed {
			return ErrReadOnly
		}
		var curID, curUp int64
		err = s.tqueryRow(ctx, tx, `SELECT id, upstream_indicator_id FROM indicator_links WHERE indicator_id = ? AND unlinked_at IS NULL`,
			id).Scan(&curID, &curUp)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if curUp == up {
			return nil
		}
		at := tsArg(now())
		if curID != 0 {
			if _, err := s.texec(ctx, tx, `UPDATE indicator_links SET unlinked_at = ?, unlinked_by = ? WHERE id = ?`,
				at, refArg(actor), curID); err != nil {
				return err
			}
		}
		if up != 0 {
			refuse := func(r rollup.LinkReason, code string, level plan.Level) error {
				return &rollup.LinkError{Reason: r, TaskID: id, UpstreamTaskID: up, PlanCode: own.code, UpstreamCode: code,
					PlanLevel: own.level, UpLevel: level}
			}
			var upPlan int64
			err := s.tqueryRow(ctx, tx, `SELECT plan_id FROM indicators WHERE id = ?`, up).Scan(&upPlan)
			if errors.Is(err, sql.ErrNoRows) {
				return refuse(rollup.LinkUpstreamMissing, "", "")
			}
			if err != nil {
				return err
			}
			if upPlan == planID {
				return refuse(rollup.LinkSamePlan, own.code, own.level)
			}
			p, err := s.linkPlanOf(ctx, tx, upPlan, plans)
			if err != nil {
				return err
			}
			switch {
			case !rollup.CanLinkLevels(own.level, p.level):
				return refuse(rollup.LinkLowerLevel, p.code, p.level)
			case p.status != plan.PlanActive:
				return refuse(rollup.LinkUpstreamEnded, p.code, p.level)
			}
			if _, err := s.texec(ctx, tx, `INSERT INTO indicator_links (indicator_id, upstream_indicator_id, how, linked_at, linked_by)
				VALUES (?, ?, ?, ?, ?)`, id, up, string(how), at, refArg(actor)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "indicator.link", "indicator", id, map[string]any{"from": curUp, "to": up, "how": how})
	})
}

// IndicatorLinks lists the links of plan planID's indicators, current and
// ended, by indicator, oldest first.
func (s *Store) IndicatorLinks(ctx context.Context, planID int64) (byIndicator map[int64][]rollup.IndicatorLink, err error) {
	defer wrap(&err, "store.IndicatorLinks(%d)", planID)
	byIndicator = map[int64][]rollup.IndicatorLink{}
	err = s.each(ctx, `SELECT `+indicatorLinkCols+indicatorLinkFrom+` WHERE i.plan_id = ? ORDER BY l.indicator_id, l.id`,
		[]any{planID}, func(rows *sql.Rows) error {
			l, err := scanIndicatorLink(rows)
			byIndicator[l.IndicatorID] = append(byIndicator[l.IndicatorID], l)
			return err
		})
	return byIndicator, err
}

// UpstreamIndicatorLinks lists the current links to upstream plan
// upstreamPlanID's indicators, by upstream indicator.
func (s *Store) UpstreamIndicatorLinks(ctx context.Context, upstreamPlanID int64) (byUpstream map[int64][]rollup.IndicatorLink, err error) {
	defer wrap(&err, "store.UpstreamIndicatorLinks(%d)", upstreamPlanID)
	byUpstream = map[int64][]rollup.IndicatorLink{}
	err = s.each(ctx, `SELECT `+indicatorLinkCols+indicatorLinkFrom+` WHERE u.plan_id = ? AND l.unlinked_at IS NULL
		ORDER BY l.upstream_indicator_id, l.id`, []any{upstreamPlanID}, func(rows *sql.Rows) error {
		l, err := scanIndicatorLink(rows)
		byUpstream[l.UpstreamIndicatorID] = append(byUpstream[l.UpstreamIndicatorID], l)
		return err
	})
	return byUpstream, err
}

// Indicator reads one indicator (without its targets). ErrNotFound when none.
func (s *Store) Indicator(ctx context.Context, id int64) (ind *indicator.Indicator, err error) {
	defer wrap(&err, "store.Indicator(%d)", id)
	var v indicator.Indicator
	var baseline sql.NullFloat64
	var baseYear sql.NullInt64
	if err := s.queryRow(ctx, s.r, `SELECT id, plan_id, code, name, unit, direction, aggregation, baseline,
		baseline_year, agency_id FROM indicators WHERE id = ?`, id).Scan(&v.ID, &v.PlanID, &v.Code, &v.Name, &v.Unit,
		&v.Direction, &v.Aggregation, &baseline, &baseYear, idCol{&v.AgencyID}); err != nil {
		return nil, err
	}
	if baseline.Valid {
		v.Baseline = &baseline.Float64
	}
	v.BaselineYr = int(baseYear.Int64)
	return &v, nil
}

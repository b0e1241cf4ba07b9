package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

const planCols = `id, code, issued_on, issuer, level, title, status, replaces_id, replaces_code, reporting_rule, created_at, updated_at`

func scanPlan(sc scanner) (plan.Plan, error) {
	var p plan.Plan
	err := sc.Scan(&p.ID, &p.Code, timeCol{&p.IssuedOn}, &p.Issuer, &p.Level, &p.Title, &p.Status,
		idCol{&p.ReplacesID}, &p.Replaces, &p.ReportingRule, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	return p, err
}

func normPlan(p *plan.Plan) {
	p.Code = strings.TrimSpace(vntext.NFC(p.Code))
	p.Issuer = strings.TrimSpace(vntext.NFC(p.Issuer))
	p.Title = strings.TrimSpace(vntext.NFC(p.Title))
	p.Replaces = strings.TrimSpace(vntext.NFC(p.Replaces))
	p.ReportingRule = strings.TrimSpace(vntext.NFC(p.ReportingRule))
	if p.Status == "" {
		p.Status = plan.PlanDraft
	}
	if !p.Level.Valid() {
		p.Level = plan.LevelOfIssuer(p.Issuer)
	}
}

// Plans lists plans, newest first (latest registered first).
func (s *Store) Plans(ctx context.Context) (list []plan.Plan, err error) {
	defer wrap(&err, "store.Plans")
	list, err = s.plans(ctx)
	return slices.Clone(list), err
}

// CachedPlan reads plan id from the register as Plans keeps it: on
// PostgreSQL no statement while the plans do not change (watch.go), where
// Plan reads the row each time. ErrNotFound when there is no such plan.
func (s *Store) CachedPlan(ctx context.Context, id int64) (p *plan.Plan, err error) {
	defer wrap(&err, "store.CachedPlan(%d)", id)
	list, err := s.plans(ctx)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			p := list[i]
			return &p, nil
		}
	}
	return nil, ErrNotFound
}

// plans is the plan register, newest first, kept on PostgreSQL until a
// plan changes. The list is shared: callers copy what they keep.
func (s *Store) plans(ctx context.Context) ([]plan.Plan, error) {
	return watched(s, watchKey{kind: watchList}, func() (list []plan.Plan, err error) {
		rows, err := s.query(ctx, s.r, `SELECT `+planCols+` FROM plans ORDER BY id DESC`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return nil, err
			}
			list = append(list, p)
		}
		return list, rows.Err()
	})
}

// Plan reads one plan.
func (s *Store) Plan(ctx context.Context, id int64) (p *plan.Plan, err error) {
	defer wrap(&err, "store.Plan(%d)", id)
	v, err := scanPlan(s.queryRow(ctx, s.r, `SELECT `+planCols+` FROM plans WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// PlanByCode reads the plan with the given số ký hiệu ("60/KH-UBND").
func (s *Store) PlanByCode(ctx context.Context, code string) (p *plan.Plan, err error) {
	defer wrap(&err, "store.PlanByCode(%q)", code)
	code = strings.TrimSpace(vntext.NFC(code))
	if code == "" {
		return nil, ErrNotFound
	}
	v, err := scanPlan(s.queryRow(ctx, s.r, `SELECT `+planCols+` FROM plans WHERE code = ?`, code))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// UpdatePlan saves a plan's register data (code, date, issuer, title,
// status, the plan it replaces, reporting rule). Plans carry no version:
// these fields are edited by the coordinator alone, rarely; the audit log
// keeps what each save changed.
func (s *Store) UpdatePlan(ctx context.Context, actor int64, p *plan.Plan) (err error) {
	defer wrap(&err, "store.UpdatePlan(%d)", p.ID)
	normPlan(p)
	t := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := scanPlan(s.queryRow(ctx, tx, `SELECT `+planCols+` FROM plans WHERE id = ?`, p.ID))
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, tx, `UPDATE plans SET code = ?, issued_on = ?, issuer = ?, level = ?, title = ?, status = ?,
			replaces_id = ?, replaces_code = ?, reporting_rule = ?, updated_at = ? WHERE id = ?`,
			p.Code, dateArg(p.IssuedOn), p.Issuer, string(p.Level), p.Title, string(p.Status),
			refArg(p.ReplacesID), p.Replaces, p.ReportingRule, tsArg(t), p.ID)
		if err != nil {
			return err
		}
		c := changes{}
		c.add("code", old.Code, p.Code)
		c.add("issued_on", old.IssuedOn, p.IssuedOn)
		c.add("issuer", old.Issuer, p.Issuer)
		c.add("level", old.Level, p.Level)
		c.add("title", old.Title, p.Title)
		c.add("status", old.Status, p.Status)
		c.add("replaces_id", old.ReplacesID, p.ReplacesID)
		c.add("replaces_code", old.Replaces, p.Replaces)
		c.add("reporting_rule", old.ReportingRule, p.ReportingRule)
		p.CreatedAt, p.UpdatedAt = old.CreatedAt, t
		return s.audit(ctx, tx, actor, "plan.update", "plan", p.ID, c)
	})
}

// PlanReferences lists the documents a plan cites (its own citations,
// then those of its tasks not already listed), in order of citation.
func (s *Store) PlanReferences(ctx context.Context, planID int64) (refs []plan.Reference, err error) {
	defer wrap(&err, "store.PlanReferences(%d)", planID)
	rows, err := s.query(ctx, s.r, `SELECT `+docCols+` FROM documents d JOIN (
			SELECT document_id, cited_as, 0 AS src, 0 AS seq, 0 AS tord, ord FROM plan_documents WHERE plan_id = ?
			UNION ALL
			SELECT td.document_id, td.cited_as, 1, t.section_seq, t.ord, td.ord
			FROM task_documents td JOIN tasks t ON t.id = td.task_id WHERE t.plan_id = ?
		) c ON c.document_id = d.id
		ORDER BY c.src, c.seq, c.tord, c.ord`, planID, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		r, err := scanDoc(rows)
		if err != nil {
			return nil, err
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			refs = append(refs, r)
		}
	}
	return refs, rows.Err()
}

// lookupPlanID finds the ID of the plan with code, 0 when none is registered.
func (s *Store) lookupPlanID(ctx context.Context, q querier, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	var id int64
	err := s.queryRow(ctx, q, `SELECT id FROM plans WHERE code = ?`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

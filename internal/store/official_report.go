package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"tiendo/internal/officialreport"
	"tiendo/internal/reporting"
)

const officialReportCols = `plan_id, period_id, number, place, issued_on, issuer, parent_issuer, summary, general, results,
	difficulties, proposals, next_tasks, sign_prefix, sign_title, sign_name, recipients, version, updated_at, updated_by`

// OfficialReport reads the official report of a plan for a period as the
// coordinator last saved it; ErrNotFound when it was never saved (callers
// then start from officialreport.DraftFrom).
func (s *Store) OfficialReport(ctx context.Context, planID, periodID int64) (d *officialreport.Draft, err error) {
	defer wrap(&err, "store.OfficialReport(plan %d, period %d)", planID, periodID)
	return s.readOfficialReport(ctx, s.r, planID, periodID)
}

func (s *Store) readOfficialReport(ctx context.Context, q querier, planID, periodID int64) (*officialreport.Draft, error) {
	var d officialreport.Draft
	var results, recipients string
	err := s.queryRow(ctx, q, `SELECT `+officialReportCols+` FROM official_reports WHERE plan_id = ? AND period_id = ?`,
		planID, periodID).Scan(&d.PlanID, &d.PeriodID, &d.Number, &d.Place, timeCol{&d.Date}, &d.Issuer, &d.ParentIssuer,
		&d.Summary, &d.General, &results, &d.Difficulties, &d.Proposals, &d.NextTasks, &d.SignPrefix, &d.SignTitle, &d.SignName,
		&recipients, &d.Version, timeCol{&d.UpdatedAt}, idCol{&d.UpdatedBy})
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(results), &d.Results); err != nil {
		return nil, err
	}
	if recipients != "" {
		d.Recipients = strings.Split(recipients, "\n")
	}
	return &d, nil
}

// SaveOfficialReport saves the coordinator's draft of the official report
// of d.PlanID for d.PeriodID, as given: the caller has validated it
// (officialreport.Draft.Validate). d.Version must be the version read (0
// when the report was never saved, i.e. the draft came from DraftFrom);
// ErrConflict otherwise. A period of another plan gives ErrReference. On
// success d carries the new version and update stamp. The audit row is
// written in the same transaction.
func (s *Store) SaveOfficialReport(ctx context.Context, actor int64, d *officialreport.Draft) (err error) {
	defer wrap(&err, "store.SaveOfficialReport(plan %d, period %d)", d.PlanID, d.PeriodID)
	results, err := json.Marshal(d.Results)
	if err != nil {
		return err
	}
	if d.Results == nil {
		results = []byte("[]")
	}
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var planOf int64
		if err := s.queryRow(ctx, tx, `SELECT plan_id FROM periods WHERE id = ?`, d.PeriodID).Scan(&planOf); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrReference
			}
			return err
		}
		if planOf != d.PlanID {
			return ErrReference
		}
		old, err := s.readOfficialReport(ctx, tx, d.PlanID, d.PeriodID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			old = &officialreport.Draft{}
		case err != nil:
			return err
		}
		if old.Version != d.Version {
			return ErrConflict
		}
		args := []any{d.Number, d.Place, dateArg(d.Date), d.Issuer, d.ParentIssuer, d.Summary, d.General, string(results),
			d.Difficulties, d.Proposals, d.NextTasks, d.SignPrefix, d.SignTitle, d.SignName,
			strings.Join(d.Recipients, "\n"), tsArg(at), refArg(actor), d.PlanID, d.PeriodID}
		if old.Version == 0 {
			_, err = s.exec(ctx, tx, `INSERT INTO official_reports (number, place, issued_on, issuer, parent_issuer,
				summary, general, results, difficulties, proposals, next_tasks, sign_prefix, sign_title, sign_name, recipients,
				updated_at, updated_by, plan_id, period_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, args...)
		} else {
			_, err = s.exec(ctx, tx, `UPDATE official_reports SET number = ?, place = ?, issued_on = ?, issuer = ?,
				parent_issuer = ?, summary = ?, general = ?, results = ?, difficulties = ?, proposals = ?, next_tasks = ?,
				sign_prefix = ?, sign_title = ?, sign_name = ?, recipients = ?, updated_at = ?, updated_by = ?,
				version = version + 1 WHERE plan_id = ? AND period_id = ?`, args...)
		}
		if err != nil {
			return err
		}
		c := changes{}
		c.add("period_id", old.PeriodID, d.PeriodID)
		c.add("number", old.Number, d.Number)
		c.add("place", old.Place, d.Place)
		c.add("date", dateArg(old.Date), dateArg(d.Date))
		c.add("issuer", old.Issuer, d.Issuer)
		c.add("parent_issuer", old.ParentIssuer, d.ParentIssuer)
		c.add("summary", old.Summary, d.Summary)
		c.add("general", old.General, d.General)
		c.add("results", old.Results, d.Results)
		c.add("difficulties", old.Difficulties, d.Difficulties)
		c.add("proposals", old.Proposals, d.Proposals)
		c.add("next_tasks", old.NextTasks, d.NextTasks)
		c.add("signature", []string{old.SignPrefix, old.SignTitle, old.SignName}, []string{d.SignPrefix, d.SignTitle, d.SignName})
		c.add("recipients", old.Recipients, d.Recipients)
		if err := s.audit(ctx, tx, actor, "official_report.save", "plan", d.PlanID, c); err != nil {
			return err
		}
		d.Version, d.UpdatedAt, d.UpdatedBy = old.Version+1, at, actor
		return nil
	})
}

// OfficialReportSources reads what the accepted reports of a period say in
// words, for officialreport.DraftFrom and the appendix: each agency's texts
// (its highest accepted revision), in agency name order, and each task's
// result from those reports' entries. Two queries.
func (s *Store) OfficialReportSources(ctx context.Context, planID, periodID int64) (acc officialreport.Accepted, err error) {
	defer wrap(&err, "store.OfficialReportSources(plan %d, period %d)", planID, periodID)
	texts := map[int64]officialreport.AgencyTexts{}
	rev := map[int64]int{}
	err = s.each(ctx, `SELECT agency_id, revision, summary, difficulties, proposals, next_tasks FROM reports
		WHERE plan_id = ? AND period_id = ? AND state = ? ORDER BY agency_id, revision`,
		[]any{planID, periodID, string(reporting.StateAccepted)}, func(rows *sql.Rows) error {
			var a officialreport.AgencyTexts
			var r int
			t := &a.Texts
			if err := rows.Scan(&a.AgencyID, &r, &t.Summary, &t.Difficulties, &t.Proposals, &t.NextTasks); err != nil {
				return err
			}
			texts[a.AgencyID], rev[a.AgencyID] = a, r
			return nil
		})
	if err != nil {
		return acc, err
	}
	rank, err := s.agencyRank(ctx)
	if err != nil {
		return acc, err
	}
	for _, a := range texts {
		acc.Texts = append(acc.Texts, a)
	}
	slices.SortFunc(acc.Texts, func(a, b officialreport.AgencyTexts) int { return rank[a.AgencyID] - rank[b.AgencyID] })
	acc.Results = map[int64]string{}
	err = s.each(ctx, `SELECT r.agency_id, r.revision, e.task_id, e.result FROM reports r JOIN report_entries e ON e.report_id = r.id
		WHERE r.plan_id = ? AND r.period_id = ? AND r.state = ? AND e.result <> ''`,
		[]any{planID, periodID, string(reporting.StateAccepted)}, func(rows *sql.Rows) error {
			var agencyID, taskID int64
			var r int
			var result string
			if err := rows.Scan(&agencyID, &r, &taskID, &result); err != nil {
				return err
			}
			if r == rev[agencyID] {
				acc.Results[taskID] = result
			}
			return nil
		})
	return acc, err
}

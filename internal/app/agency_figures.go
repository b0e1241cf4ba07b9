package app

import (
	"context"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// AgencyFigures are one agency's figures in a plan: the plan's figures
// (its row in them is the agency's), the agency, and its reports'
// figures period by period.
type AgencyFigures struct {
	*PlanFigures
	Agency *agency.Agency
	// History is the agency's reports in each period started by the day,
	// up to the period shown, oldest first.
	History []AgencyPeriod
}

// AgencyPeriod is an agency's reports in one period.
type AgencyPeriod struct {
	Period  reporting.Period
	Current bool // the period the figures show
	Reports reporting.Figures
}

// AgencyFigures computes agency agencyID's figures in plan planID for
// periodID on asOf, as PlanFigures does. An agency's head and officers may
// read their own agency's only; leaders, the coordinator and
// administrators every agency's. An agency the plan does not name has
// figures of zero.
func (a *App) AgencyFigures(ctx context.Context, by *auth.User, planID, agencyID, periodID int64, asOf time.Time) (_ *AgencyFigures, err error) {
	defer derrors.Wrap(&err, "app.AgencyFigures(plan %d, agency %d)", planID, agencyID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if by.Role.NeedsAgency() && by.AgencyID != agencyID {
		return nil, derrors.New(derrors.Forbidden, "Bạn chỉ xem được số liệu của cơ quan mình.")
	}
	pf, err := a.PlanFigures(ctx, by, planID, periodID, asOf)
	if err != nil {
		return nil, err
	}
	x := &AgencyFigures{PlanFigures: pf}
	for i := range pf.Facts.Agencies {
		if pf.Facts.Agencies[i].ID == agencyID {
			x.Agency = &pf.Facts.Agencies[i]
		}
	}
	if x.Agency == nil {
		if x.Agency, err = a.Agency(ctx, agencyID); err != nil {
			return nil, err
		}
	}
	if x.History, err = agencyHistory(pf, agencyID); err != nil {
		return nil, err
	}
	return x, nil
}

// agencyHistory is the agency's report figures in each period started by
// the figures' day up to the period shown, each from the figures of that
// period.
func agencyHistory(pf *PlanFigures, agencyID int64) ([]AgencyPeriod, error) {
	shown := pf.Dashboard
	var out []AgencyPeriod
	for _, p := range pf.Facts.Periods {
		if p.Start.After(shown.Period.Start) || !p.Started(shown.AsOf) {
			continue
		}
		d, err := pf.InPeriod(p.ID)
		if err != nil {
			return nil, err
		}
		row := AgencyPeriod{Period: p, Current: p.ID == shown.Period.ID}
		for _, g := range d.ByAgency {
			if g.AgencyID == agencyID {
				row.Reports = g.Reports
			}
		}
		out = append(out, row)
	}
	return out, nil
}

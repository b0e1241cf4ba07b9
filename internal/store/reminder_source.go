package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tiendo/internal/notify"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// reminderHorizon is how long an overdue report keeps its weekly reminders:
// past four months the coordinator chases by other means, and a forgotten
// old period should not mail every week for years.
const reminderHorizon = 120

// ReminderSource is the reporting side of the reminders job
// (notify.Source): every current report of every active plan is an
// obligation of its agency, due on its period's due day.
type ReminderSource struct{ Store *Store }

var _ notify.Source = ReminderSource{}

// Obligations lists the reports due within the regime's longest "before"
// rule or overdue by at most reminderHorizon days, in every active plan.
// The key names plan, period and agency, not the report, so that a
// correction (a new revision) does not start the reminders again.
func (rs ReminderSource) Obligations(ctx context.Context, today time.Time) (out []notify.Obligation, err error) {
	defer wrap(&err, "store.ReminderSource.Obligations")
	s := rs.Store
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.agencyNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		reg, err := s.Regime(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		if err := s.EnsureReports(ctx, p.ID, today); err != nil {
			return nil, err
		}
		rules := &notify.Rules{Before: reg.RemindBefore, After: reg.RemindAfter, WeeklyOverdue: reg.RemindWeekly}
		ahead := 0
		for _, d := range reg.RemindBefore {
			ahead = max(ahead, d)
		}
		list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: p.ID, Today: today, Limit: reporting.MaxReportLimit})
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			due := r.Period.Due
			if due.After(today.AddDate(0, 0, ahead)) || today.After(due.AddDate(0, 0, reminderHorizon)) {
				continue
			}
			out = append(out, notify.Obligation{
				Key:        fmt.Sprintf("report:%d:%d:%d", p.ID, r.PeriodID, r.AgencyID),
				AgencyID:   r.AgencyID,
				AgencyName: names[r.AgencyID],
				Label:      fmt.Sprintf("Báo cáo %s — %s", r.Period.Label, planName(&p)),
				Due:        due,
				Done:       r.State.Received(),
				Returned:   r.State == reporting.StateReturned,
				Link:       fmt.Sprintf("/reports/%d", r.ID),
				Rules:      rules,
			})
		}
	}
	return out, nil
}

// Recipients lists the agency's active heads and officers.
func (rs ReminderSource) Recipients(ctx context.Context, agencyID int64) ([]notify.Recipient, error) {
	return rs.Store.AgencyRecipients(ctx, agencyID)
}

// Coordinators lists the coordinators, copied on overdue reminders.
func (rs ReminderSource) Coordinators(ctx context.Context, _ notify.Obligation) ([]notify.Recipient, error) {
	return rs.Store.CoordinatorRecipients(ctx)
}

// planName names a plan in messages: its code when it has one, else the
// start of its title (titles of Vietnamese plans run to several lines).
func planName(p *plan.Plan) string {
	if p.Code != "" {
		return "Kế hoạch " + p.Code
	}
	return "Kế hoạch " + plan.TitleFromText(strings.ToLower(p.Title))
}

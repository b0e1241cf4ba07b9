package app

import (
	"context"
	"fmt"
	"time"

	"tiendo/internal/derrors"
	"tiendo/internal/notify"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// reminderHorizon is how long an overdue report keeps its weekly
// reminders, in days: past four months the coordinator chases by other
// means, and a forgotten old period should not mail every week for years.
const reminderHorizon = 120

// ReminderSource is the reporting side of the reminder job
// (notify.Source): every current report of every active plan is an
// obligation of its agency, due on its period's due day. giveWay, when
// not nil, is called before each plan's reports are read, as the job
// calls it before each delivery (notify.Reminder.GiveWay): reading what
// the national data owes takes about a second, and a job starting with
// its instance read it beside the instance's first requests.
func (a *App) ReminderSource(giveWay func(context.Context) error) notify.Source {
	return reminderSource{a, giveWay}
}

// reminderSource implements notify.Source over the app's store.
type reminderSource struct {
	a       *App
	giveWay func(context.Context) error
}

// Obligations lists the reports due within the regime's longest "before"
// rule or overdue by at most reminderHorizon days, in every active plan.
// The key names plan, period and agency, not the report, so that a
// correction (a new revision) does not start the reminders again.
func (rs reminderSource) Obligations(ctx context.Context, today time.Time) (out []notify.Obligation, err error) {
	defer derrors.Wrap(&err, "app.ReminderSource.Obligations")
	st := rs.a.store
	plans, err := st.Plans(ctx)
	if err != nil {
		return nil, err
	}
	names, err := st.AgencyNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		if rs.giveWay != nil {
			if err := rs.giveWay(ctx); err != nil {
				return nil, err
			}
		}
		reg, err := st.Regime(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		rules := &notify.Rules{Before: reg.RemindBefore, After: reg.RemindAfter, WeeklyOverdue: reg.RemindWeekly}
		ahead := 0
		for _, d := range reg.RemindBefore {
			ahead = max(ahead, d)
		}
		// Only the periods it may remind of (Reports makes their missing
		// rows first): a national-size plan's whole history is 2,400
		// reports, and the newest would fall past MaxReportLimit once a
		// plan had more.
		list, _, err := st.Reports(ctx, reporting.ReportFilter{PlanID: p.ID, Today: today, Limit: reporting.MaxReportLimit,
			DueFrom: today.AddDate(0, 0, -reminderHorizon), DueTo: today.AddDate(0, 0, ahead)})
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			due := r.Period.Due
			out = append(out, notify.Obligation{
				Key:        fmt.Sprintf("report:%d:%d:%d", p.ID, r.PeriodID, r.AgencyID),
				AgencyID:   r.AgencyID,
				AgencyName: names[r.AgencyID],
				Label:      fmt.Sprintf("Báo cáo %s — %s", r.Period.Label, reminderPlanName(&p)),
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
func (rs reminderSource) Recipients(ctx context.Context, agencyID int64) ([]notify.Recipient, error) {
	return rs.a.store.AgencyRecipients(ctx, agencyID)
}

// Coordinators lists the coordinators, copied on overdue reminders.
func (rs reminderSource) Coordinators(ctx context.Context, _ notify.Obligation) ([]notify.Recipient, error) {
	return rs.a.store.CoordinatorRecipients(ctx)
}

// reminderPlanName names a plan in reminders as people do (plan.Plan.Name).
func reminderPlanName(p *plan.Plan) string { return p.Name() }

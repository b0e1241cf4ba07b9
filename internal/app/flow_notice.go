package app

import (
	"context"
	"fmt"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/notify"
	"tiendo/internal/reporting"
)

// The notices of the report flow (notify/flow.go), made here and written
// by the store in the step's own transaction: submitted → the
// coordinators; returned, with the reason → the agency's heads and
// officers; accepted → the same; an extension decided → who asked. With
// e-mail on, each carries its e-mail too, which the mail job sends once.

// reportNotice is what step kind of report rep, taken by act, tells.
// The agency and the plan come from the store's caches: a step of the flow
// reads no header it need not (issue 21).
func (a *App) reportNotice(ctx context.Context, act reporting.Actor, rep *reporting.Report, kind, reason string) ([]notify.FlowNotice, error) {
	ag, err := a.store.CachedAgency(ctx, rep.AgencyID)
	if err != nil {
		return nil, err
	}
	p, err := a.store.CachedPlan(ctx, rep.PlanID)
	if err != nil {
		return nil, err
	}
	link := fmt.Sprintf("/reports/%d", rep.ID)
	ev := notify.FlowEvent{Kind: kind, AgencyName: ag.DisplayName(), By: actorName(act.User, nil),
		Report: fmt.Sprintf("Báo cáo %s — %s", rep.Period.Label, reminderPlanName(p)),
		Reason: reason, Late: kind == notify.KindReportSubmitted && !rep.Period.OnTime(act.Now),
		Link: link, URL: a.url(link)}
	to := notify.Audience{AgencyID: rep.AgencyID}
	if kind == notify.KindReportSubmitted {
		to = notify.Audience{Coordinators: true}
		ev.By = actorName(act.User, ag)
	}
	n, err := notify.Flow(ev, a.mail.Sender != nil, to, fmt.Sprintf("report:%d:%s", rep.ID, kind))
	if err != nil {
		return nil, err
	}
	return []notify.FlowNotice{n}, nil
}

// extensionNotice is what the decision on request e tells who asked.
func (a *App) extensionNotice(ctx context.Context, act reporting.Actor, e *reporting.Extension, approve bool, note string) ([]notify.FlowNotice, error) {
	t, err := a.store.Task(ctx, e.TaskID)
	if err != nil {
		return nil, err
	}
	ag, err := a.store.Agency(ctx, e.AgencyID)
	if err != nil {
		return nil, err
	}
	asked := "điều chỉnh nội dung"
	if e.Kind == reporting.ExtendDeadline {
		asked = "gia hạn đến " + e.DeadlineText
	}
	title := t.Title
	if title == "" {
		title = truncateText(t.Text, 120)
	}
	link := fmt.Sprintf("/tasks/%d", e.TaskID)
	ev := notify.FlowEvent{Kind: notify.KindExtensionDecided, AgencyName: ag.DisplayName(), By: actorName(act.User, nil),
		Task: title, Asked: asked, Approved: approve, Note: note, Link: link, URL: a.url(link)}
	n, err := notify.Flow(ev, a.mail.Sender != nil, notify.Audience{Users: []int64{e.RequestedBy}},
		fmt.Sprintf("extension:%d", e.ID))
	if err != nil {
		return nil, err
	}
	return []notify.FlowNotice{n}, nil
}

// actorName names who took a step, as a notice says it: the person's
// name (the username when it has none), then the agency or the role.
func actorName(u *auth.User, ag *agency.Agency) string {
	if u == nil {
		return "Hệ thống"
	}
	name := u.FullName
	if name == "" {
		name = u.Username
	}
	if ag != nil {
		return name + " (" + ag.DisplayName() + ")"
	}
	return name + " (" + u.Role.Label() + ")"
}

// truncateText cuts s to at most n characters, on a word, with "…".
func truncateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}

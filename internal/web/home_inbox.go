package web

import (
	"tiendo/internal/app"
	"tiendo/internal/reporting"
)

// inboxView is what waits on the coordinator across every period, laid
// out for the home page.
type inboxView struct {
	Empty      bool
	ManyPlans  bool // more than one active plan: each item names its plan
	Review     []inboxReport
	Returned   []inboxReport
	Missing    []inboxReport
	Extensions []inboxExtension
}

// inboxReport is one report waiting, with where to open it.
type inboxReport struct {
	reporting.Report
	Agency  string
	Plan    string
	URL     string
	Overdue int // days past the due day (missing reports)
}

// inboxExtension is one extension request waiting for a decision.
type inboxExtension struct {
	reporting.Extension
	Agency string
	Task   string
	Plan   string
}

// newInboxView names the inbox's items.
func newInboxView(in *app.CoordinatorInbox) *inboxView {
	v := &inboxView{Empty: in.Empty(), ManyPlans: len(in.Plans) > 1}
	name := func(id int64) string {
		if ag, ok := in.Agencies[id]; ok {
			return ag.DisplayName()
		}
		return ""
	}
	planName := func(id int64) string {
		p := in.Plans[id]
		return planTitle(&p)
	}
	rows := func(list []reporting.Report) []inboxReport {
		out := make([]inboxReport, 0, len(list))
		for _, r := range list {
			out = append(out, inboxReport{Report: r, Agency: name(r.AgencyID), Plan: planName(r.PlanID), URL: reportURL(r.ID, ""),
				Overdue: max(0, -r.Period.DaysToDue(in.Today))})
		}
		return out
	}
	v.Review, v.Returned, v.Missing = rows(in.Review), rows(in.Returned), rows(in.Missing)
	for _, e := range in.Extensions {
		v.Extensions = append(v.Extensions, inboxExtension{Extension: e, Agency: name(e.AgencyID), Task: in.Tasks[e.TaskID], Plan: planName(e.PlanID)})
	}
	return v
}

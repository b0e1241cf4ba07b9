package figures

import (
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Agencies, periods and sections of the hand-worked fixture.
const (
	agA, agB, agC, agD = 101, 102, 103, 104
	q2, q3, q4         = 10, 11, 12
	secIII, secIII1    = 1, 2
	secIII2, secIII21  = 3, 4
	secIV              = 5
)

// d is plan.Date, short for the tables.
func d(y int, m time.Month, day int) time.Time { return plan.Date(y, m, day) }

// at is a moment in Vietnam (10:00 ICT) on a day, as reports record submissions.
func at(y int, m time.Month, day int) time.Time {
	return time.Date(y, m, day, 3, 0, 0, 0, time.UTC)
}

// fixture is a plan issued 1/4/2025, reporting quarterly (due on the 10th
// of the quarter's last month), with ten tasks, four agencies and four
// indicators. On 20/8/2025 (quarter III) the tasks are:
//
//	T1  III.1    lead A, coop C  due 30/9/2025   accepted Q2 claim in progress 60 %   → in_progress
//	T2  III.1    lead A          due 25/8/2025   nothing reported                    → due_soon (25/8 ≤ 20/8+7)
//	T3  III.2    lead B          due 30/6/2025   nothing reported                    → overdue, 51 days
//	T4  III.2.1  lead B          due 31/5/2025   accepted Q2 claim completed 20/5    → done_on_time
//	T5  III.2.1  lead C          due 30/6/2025   completed 5/7/2025 (stored only)    → done_late
//	T6  III.2    lead C          thường xuyên    accepted Q2 claim in progress 20 %  → in_progress (Q3 not due yet)
//	T7  III.2    no lead         no deadline                                         → not_started
//	T8  III.1    lead B          due 31/12/2025  accepted Q2 claim paused            → paused
//	T9  III.1    lead A          due 31/12/2025  accepted Q2 claim cancelled         → cancelled
//	T10 III      lead C          15/7–31/12/2025 nothing reported                    → not_started
func fixture() *Facts {
	f := &Facts{
		Plan:    plan.Plan{ID: 1, IssuedOn: d(2025, 4, 1), Status: plan.PlanActive},
		DueSoon: 7,
		Agencies: []agency.Agency{{ID: agA, Name: "Sở A"}, {ID: agB, Name: "Sở B"}, {ID: agC, Name: "Sở C"},
			{ID: agD, Name: "Sở D"}},
		Periods: []reporting.Period{
			{ID: q2, Year: 2025, No: 2, Label: "Quý II/2025", Start: d(2025, 4, 1), End: d(2025, 6, 30), Due: d(2025, 6, 10)},
			{ID: q3, Year: 2025, No: 3, Label: "Quý III/2025", Start: d(2025, 7, 1), End: d(2025, 9, 30), Due: d(2025, 9, 10)},
			{ID: q4, Year: 2025, No: 4, Label: "Quý IV/2025", Start: d(2025, 10, 1), End: d(2025, 12, 31), Due: d(2025, 12, 10)},
		},
		Sections: []plan.Section{
			{ID: secIII, Kind: plan.KindPart, Label: "III", Title: "Nhiệm vụ", HoldsTasks: true},
			{ID: secIII1, ParentID: secIII, Kind: plan.KindGroup, Label: "III.1", Title: "Hạ tầng", HoldsTasks: true},
			{ID: secIII2, ParentID: secIII, Kind: plan.KindGroup, Label: "III.2", Title: "Nhân lực", HoldsTasks: true},
			{ID: secIII21, ParentID: secIII2, Kind: plan.KindSubgroup, Label: "III.2.1", Title: "Đào tạo", HoldsTasks: true},
			{ID: secIV, Kind: plan.KindPart, Label: "IV", Title: "Tổ chức thực hiện"},
		},
	}
	due := func(y int, m time.Month, day int) plan.Deadline {
		return plan.Deadline{Kind: plan.DeadlineDate, Due: d(y, m, day)}
	}
	claimed := func(t plan.Task, c plan.Claim, pct int) plan.Task {
		t.Claim, t.Progress, t.ReportedAt, t.ClaimPeriod = c, pct, at(2025, 6, 20), d(2025, 4, 1)
		return t
	}
	f.Tasks = []plan.Task{
		claimed(plan.Task{ID: 1, SectionID: secIII1, Title: "T1", LeadAgencyID: agA, CooperatingAgencyIDs: []int64{agC},
			Deadline: due(2025, 9, 30)}, plan.ClaimInProgress, 60),
		{ID: 2, SectionID: secIII1, Title: "T2", LeadAgencyID: agA, Deadline: due(2025, 8, 25)},
		{ID: 3, SectionID: secIII2, Title: "T3", LeadAgencyID: agB, Deadline: due(2025, 6, 30)},
		claimed(plan.Task{ID: 4, SectionID: secIII21, Title: "T4", LeadAgencyID: agB, Deadline: due(2025, 5, 31),
			CompletedOn: d(2025, 5, 20)}, plan.ClaimCompleted, 100),
		{ID: 5, SectionID: secIII21, Title: "T5", LeadAgencyID: agC, Deadline: due(2025, 6, 30), CompletedOn: d(2025, 7, 5)},
		claimed(plan.Task{ID: 6, SectionID: secIII2, Title: "T6", LeadAgencyID: agC,
			Deadline: plan.Deadline{Kind: plan.DeadlineContinuous}}, plan.ClaimInProgress, 20),
		{ID: 7, SectionID: secIII2, Title: "T7"},
		claimed(plan.Task{ID: 8, SectionID: secIII1, Title: "T8", LeadAgencyID: agB, Deadline: due(2025, 12, 31)},
			plan.ClaimPaused, 10),
		claimed(plan.Task{ID: 9, SectionID: secIII1, Title: "T9", LeadAgencyID: agA, Deadline: due(2025, 12, 31)},
			plan.ClaimCancelled, 0),
		{ID: 10, SectionID: secIII, Title: "T10", LeadAgencyID: agC,
			Deadline: plan.Deadline{Kind: plan.DeadlineRange, Start: d(2025, 7, 15), Due: d(2025, 12, 31)}},
	}
	claim := func(period, task int64, c plan.Claim, pct int, done time.Time) Claim {
		return Claim{PeriodID: period, TaskID: task, Revision: 1,
			PeriodClaim: plan.PeriodClaim{Claim: c, Percent: pct, CompletedOn: done}}
	}
	f.Claims = []Claim{
		claim(q2, 1, plan.ClaimInProgress, 60, time.Time{}),
		claim(q2, 4, plan.ClaimCompleted, 100, d(2025, 5, 20)),
		claim(q2, 6, plan.ClaimInProgress, 20, time.Time{}),
		claim(q2, 8, plan.ClaimPaused, 10, time.Time{}),
		claim(q2, 9, plan.ClaimCancelled, 0, time.Time{}),
	}
	f.Reports = []Report{
		// Quý II: A accepted on time (then corrected: revision 2 in draft), B accepted late, C has no row.
		{PeriodID: q2, AgencyID: agA, Revision: 1, State: reporting.StateAccepted, OnTime: true, SubmittedAt: at(2025, 6, 5)},
		{PeriodID: q2, AgencyID: agA, Revision: 2, State: reporting.StateDraft},
		{PeriodID: q2, AgencyID: agB, Revision: 1, State: reporting.StateAccepted, SubmittedAt: at(2025, 6, 15)},
		// Quý III: A submitted on time, B returned, C accepted but submitted after 20/8, D (no task) not started.
		{PeriodID: q3, AgencyID: agA, Revision: 1, State: reporting.StateSubmitted, OnTime: true, SubmittedAt: at(2025, 8, 1)},
		{PeriodID: q3, AgencyID: agB, Revision: 1, State: reporting.StateReturned, SubmittedAt: at(2025, 8, 2)},
		{PeriodID: q3, AgencyID: agC, Revision: 1, State: reporting.StateAccepted, OnTime: true, SubmittedAt: at(2025, 8, 25)},
		{PeriodID: q3, AgencyID: agD, Revision: 1, State: reporting.StateNotStarted},
	}
	f.Indicators = []indicator.Indicator{
		{ID: 201, Code: "CT01", Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{2025: 200}},
		{ID: 202, Code: "CT02", Direction: indicator.Decrease, Aggregation: indicator.Average, Targets: map[int]float64{2025: 10}},
		{ID: 203, Code: "CT03", Direction: indicator.Increase, Aggregation: indicator.Latest, AgencyID: agB,
			Targets: map[int]float64{2025: 50}},
		{ID: 204, Code: "CT04", Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{2026: 9}},
	}
	val := func(ind, period, ag int64, rev int, v float64) Value {
		return Value{IndicatorID: ind, PeriodID: period, AgencyID: ag, Revision: rev, Value: v}
	}
	f.Values = []Value{
		val(201, q2, agA, 1, 50), val(201, q2, agC, 1, 30),
		val(201, q3, agA, 1, 90), val(201, q3, agA, 2, 120), val(201, q3, agC, 1, 40),
		val(202, q3, agA, 1, 12), val(202, q3, agB, 1, 14),
		val(203, q2, agB, 1, 55), val(203, q4, agB, 1, 70),
		val(204, q3, agA, 1, 5),
	}
	return f
}

// counts builds Counts from status → n pairs, every other status at zero.
func counts(kv map[plan.Status]int) Counts {
	c := newCounts()
	for k, v := range kv {
		c[k] = v
	}
	return c
}

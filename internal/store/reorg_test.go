package store_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/figures"
	"tiendo/internal/indicator"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// reorgWorld is the hand-worked case of the reorganisation tests: a plan
// of 2025 with four tasks of three departments, the first quarter
// reported and accepted, the second under way.
//
//	T1 lead TTTT, due 31/12/2025, open         (Q1: 30 %; Q2 draft: 50 %)
//	T2 lead TTTT, due 31/03/2025, completed 01/03 (accepted in Q1)
//	T3 lead KHCN, continuous                   (Q1: in progress)
//	T4 lead TC, cooperating TTTT, due 31/12/2025 (Q1: in progress; Q2 sent 18/05)
//	CT01 (%, target 80 in 2025) answered by TTTT: 40 in Q1 (accepted), 55 in the Q2 draft
type reorgWorld struct {
	s                  *store.Store
	plan               int64
	tttt, khcn, tc     int64
	t1, t2, t3, t4     int64
	q1, q2             reporting.Period
	heads              map[int64]*auth.User
	coord              *auth.User
	draftQ2, tcQ2, q1A int64 // reports: TTTT's Q2 draft, TC's Q2 (sent), TTTT's Q1 (accepted)
	ind                int64 // CT01, answered by TTTT: 40 in Q1 (accepted), 55 in the Q2 draft
}

func newReorgWorld(t *testing.T, s *store.Store) *reorgWorld {
	t.Helper()
	ctx := context.Background()
	w := &reorgWorld{s: s, heads: map[int64]*auth.User{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []struct {
		id   *int64
		name string
	}{{&w.tttt, "Sở Thông tin và Truyền thông"}, {&w.khcn, "Sở Khoa học và Công nghệ"}, {&w.tc, "Sở Tài chính"}} {
		a := &agency.Agency{Name: x.name, Kind: agency.KindDepartment}
		must(s.CreateAgency(ctx, 0, a))
		*x.id = a.ID
		u := &auth.User{Username: "ld" + time.Now().Format("150405.000000"), Role: auth.RoleHead, AgencyID: a.ID}
		must(s.CreateUser(ctx, 0, u, "x"))
		w.heads[a.ID] = u
	}
	w.coord = &auth.User{Username: "dieuphoi", Role: auth.RoleCoordinator, AgencyID: w.khcn}
	must(s.CreateUser(ctx, 0, w.coord, "x"))
	year := plan.Deadline{Kind: plan.DeadlineYear, Text: "Năm 2025", Due: plan.Date(2025, 12, 31)}
	d := &plan.Draft{
		Plan: plan.Plan{Code: "12/KH-UBND", IssuedOn: plan.Date(2025, 1, 10), Issuer: "UBND tỉnh", Title: "Thử sắp xếp",
			Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III",
			Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks: []plan.DraftTask{
			{Task: plan.Task{Text: "T1 nền tảng số", LeadAgencyID: w.tttt, Deadline: year}},
			{Task: plan.Task{Text: "T2 kế hoạch", LeadAgencyID: w.tttt,
				Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/3/2025", Due: plan.Date(2025, 3, 31)}}},
			{Task: plan.Task{Text: "T3 thường xuyên", LeadAgencyID: w.khcn,
				Deadline: plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}}},
			{Task: plan.Task{Text: "T4 bảo đảm ngân sách thực hiện", LeadAgencyID: w.tc, CooperatingAgencyIDs: []int64{w.tttt}, Deadline: year}},
		},
	}
	var err error
	w.plan, err = s.CreatePlan(ctx, 0, d)
	must(err)
	w.t1, w.t2, w.t3, w.t4 = d.Tasks[0].ID, d.Tasks[1].ID, d.Tasks[2].ID, d.Tasks[3].ID
	periods, err := s.Periods(ctx, w.plan)
	must(err)
	w.q1, w.q2 = periods[0], periods[1]
	ind := &indicator.Indicator{PlanID: w.plan, Code: "CT01", Name: "Tỷ lệ dịch vụ công trực tuyến", Unit: "%",
		Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{2025: 80}, AgencyID: w.tttt}
	must(s.CreateIndicator(ctx, 0, ind))
	w.ind = ind.ID
	value := func(report int64, when time.Time, v float64) {
		t.Helper()
		must(s.SaveIndicatorValue(ctx, reporting.Actor{User: w.heads[w.tttt], Now: when}, report,
			&reporting.IndicatorValue{IndicatorID: w.ind, Value: &v}))
	}

	at := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 3, 0, 0, 0, time.UTC) }
	write := func(p reporting.Period, ag int64, when time.Time, entries map[int64]reporting.Entry) int64 {
		t.Helper()
		r, err := s.ReportFor(ctx, p.ID, ag)
		must(err)
		act := reporting.Actor{User: w.heads[ag], Now: when}
		for _, e := range r.Entries {
			if x, ok := entries[e.TaskID]; ok {
				e.Status, e.Percent, e.Result, e.CompletedOn = x.Status, x.Percent, x.Result, x.CompletedOn
				must(s.SaveEntry(ctx, act, r.ID, &e))
			}
		}
		return r.ID
	}
	send := func(id int64, when time.Time) {
		t.Helper()
		r, err := s.Report(ctx, id)
		must(err)
		_, err = s.SubmitReport(ctx, reporting.Actor{User: w.heads[r.AgencyID], Now: when}, id, r.Version)
		must(err)
	}
	accept := func(id int64, when time.Time) {
		t.Helper()
		r, err := s.Report(ctx, id)
		must(err)
		_, err = s.AcceptReport(ctx, reporting.Actor{User: w.coord, Now: when}, id, r.Version)
		must(err)
	}
	going := func(pct int) reporting.Entry {
		return reporting.Entry{Status: plan.ClaimInProgress, Percent: pct, Result: "Đang triển khai"}
	}
	w.q1A = write(w.q1, w.tttt, at(2025, 3, 3), map[int64]reporting.Entry{w.t1: going(30),
		w.t2: {Status: plan.ClaimCompleted, Percent: 100, Result: "Đã ban hành", CompletedOn: plan.Date(2025, 3, 1)}})
	value(w.q1A, at(2025, 3, 3), 40)
	q1K := write(w.q1, w.khcn, at(2025, 3, 3), map[int64]reporting.Entry{w.t3: going(40)})
	q1T := write(w.q1, w.tc, at(2025, 3, 3), map[int64]reporting.Entry{w.t4: going(20)})
	for _, id := range []int64{w.q1A, q1K, q1T} {
		send(id, at(2025, 3, 5))
		accept(id, at(2025, 3, 12))
	}
	w.draftQ2 = write(w.q2, w.tttt, at(2025, 5, 10), map[int64]reporting.Entry{w.t1: going(50)})
	value(w.draftQ2, at(2025, 5, 10), 55)
	w.tcQ2 = write(w.q2, w.tc, at(2025, 5, 17), map[int64]reporting.Entry{w.t4: going(45)})
	send(w.tcQ2, at(2025, 5, 18))
	return w
}

func (w *reorgWorld) dash(t *testing.T, p reporting.Period, asOf time.Time) *figures.Dashboard {
	t.Helper()
	f, err := w.s.Facts(context.Background(), w.plan, asOf)
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Compute(f, figures.Options{PeriodID: p.ID, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// agencyRow is the dashboard's row of agency id: its task count and report figures.
func agencyRow(d *figures.Dashboard, id int64) (tasks int, rep reporting.Figures, ok bool) {
	for _, r := range d.ByAgency {
		if r.AgencyID == id {
			return r.Status.Total(), r.Reports, true
		}
	}
	return 0, rep, false
}

// TestReorgMergeMidQuarter merges the Sở TT&TT into the Sở KH&CN on
// 15/05/2025, in the middle of the second quarter (as in 2025), and
// checks by hand what moves and what the dashboards say before and after.
func TestReorgMergeMidQuarter(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)

		before := w.dash(t, w.q2, day)
		// Q2 expects TTTT (T1, T4), KHCN (T3), TC (T4): 3; received: TC's, sent 18/05.
		if before.Reports.Expected != 3 || before.Reports.Received != 1 {
			t.Fatalf("before: Q2 reports %+v, want 3 expected, 1 received", before.Reports)
		}
		if n, _, _ := agencyRow(before, w.tttt); n != 2 {
			t.Fatalf("before: TTTT leads %d tasks, want 2", n)
		}
		q1Before := w.dash(t, w.q1, day)

		r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn,
			Effective: plan.Date(2025, 5, 15), Decision: "1234/QĐ-UBND"}
		preview, err := s.Reorganise(ctx, 0, r, true)
		if err != nil {
			t.Fatal(err)
		}
		// The preview names what moves: T1 (T2 is completed and stays), the
		// cooperation on T4, the head's account, the Q2 draft; and changes nothing.
		if len(preview.Tasks) != 1 || preview.Tasks[0].ID != w.t1 || len(preview.Cooperations) != 1 ||
			preview.Cooperations[0].ID != w.t4 || len(preview.Users) != 1 || len(preview.Reports) != 1 ||
			preview.Reports[0].ID != w.draftQ2 || preview.Reports[0].Label != w.q2.Label {
			t.Fatalf("preview %+v", preview)
		}
		if a, _ := s.Agency(ctx, w.tttt); !a.ValidTo.IsZero() {
			t.Fatal("the dry run ended the agency")
		}
		if d := w.dash(t, w.q2, day); d.Reports != before.Reports {
			t.Fatal("the dry run changed the figures")
		}

		res, err := s.Reorganise(ctx, 0, r, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.SuccessorID != w.khcn || len(res.Tasks) != 1 {
			t.Fatalf("result %+v", res)
		}
		old, _ := s.Agency(ctx, w.tttt)
		if !old.ValidTo.Equal(plan.Date(2025, 5, 15)) || old.SuccessorID != w.khcn {
			t.Errorf("TTTT: valid to %v, successor %d", old.ValidTo, old.SuccessorID)
		}
		t1, _ := s.Task(ctx, w.t1)
		t2, _ := s.Task(ctx, w.t2)
		t4, _ := s.Task(ctx, w.t4)
		if t1.LeadAgencyID != w.khcn || t2.LeadAgencyID != w.tttt {
			t.Errorf("leads: T1 %d (want KHCN), T2 %d (completed: stays TTTT)", t1.LeadAgencyID, t2.LeadAgencyID)
		}
		if len(t4.CooperatingAgencyIDs) != 1 || t4.CooperatingAgencyIDs[0] != w.khcn {
			t.Errorf("T4 cooperating %v, want [KHCN]", t4.CooperatingAgencyIDs)
		}
		if u, _ := s.User(ctx, w.heads[w.tttt].ID); u.AgencyID != w.khcn {
			t.Errorf("TTTT's head now at %d, want KHCN", u.AgencyID)
		}
		if _, err := s.Report(ctx, w.draftQ2); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("TTTT's Q2 draft still there: %v", err)
		}
		k, err := s.ReportFor(ctx, w.q2.ID, w.khcn)
		if err != nil {
			t.Fatal(err)
		}
		var moved *reporting.Entry
		for i := range k.Entries {
			if k.Entries[i].TaskID == w.t1 {
				moved = &k.Entries[i]
			}
		}
		if k.State != reporting.StateDraft || moved == nil || moved.Percent != 50 || moved.Result != "Đang triển khai" {
			t.Errorf("KHCN's Q2 report: state %s, T1 entry %+v; want a draft with TTTT's 50 %%", k.State, moved)
		}

		after := w.dash(t, w.q2, day)
		// Q2 now expects KHCN (T1, T3, T4) and TC (T4): 2; received still TC's.
		if after.Reports.Expected != 2 || after.Reports.Received != 1 || after.Reports.Missing != 1 {
			t.Errorf("after: Q2 reports %+v, want 2 expected, 1 received, 1 missing", after.Reports)
		}
		if n, rep, _ := agencyRow(after, w.khcn); n != 2 || rep.Expected != 1 {
			t.Errorf("after: KHCN leads %d tasks (want T1, T3), expected %d report(s)", n, rep.Expected)
		}
		if n, rep, ok := agencyRow(after, w.tttt); !ok || n != 1 || rep.Expected != 0 {
			t.Errorf("after: TTTT row %v: %d task (want its completed T2), %d reports expected (want 0)", ok, n, rep.Expected)
		}
		if !equalCounts(before.Status, after.Status) {
			t.Errorf("task statuses changed: %v → %v", before.Status, after.Status)
		}
		// The first quarter, reported before the merge, keeps TTTT and its accepted report.
		q1After := w.dash(t, w.q1, day)
		if q1After.Reports != q1Before.Reports || q1After.Reports.Accepted != 3 {
			t.Errorf("Q1 reports %+v, were %+v", q1After.Reports, q1Before.Reports)
		}
		if _, rep, ok := agencyRow(q1After, w.tttt); !ok || rep.Accepted != 1 {
			t.Errorf("Q1: TTTT's accepted report not under TTTT: %+v", rep)
		}
		if r, _ := s.Report(ctx, w.q1A); r == nil || r.AgencyID != w.tttt {
			t.Error("TTTT's accepted Q1 report moved")
		}

		// Refusals: an agency already ended, a successor not in existence.
		again := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.tc,
			Effective: plan.Date(2025, 6, 1), Decision: "1/QĐ-UBND"}
		var re *agency.ReorgError
		if _, err := s.Reorganise(ctx, 0, again, true); !errors.As(err, &re) || re.Fields()["from"] == "" {
			t.Errorf("merging an ended agency: %v", err)
		}
		into := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tc}, Into: w.tttt,
			Effective: plan.Date(2025, 6, 1), Decision: "2/QĐ-UBND"}
		if _, err := s.Reorganise(ctx, 0, into, true); !errors.As(err, &re) || re.Fields()["into"] == "" {
			t.Errorf("merging into an ended agency: %v", err)
		}
	})
}

func equalCounts(a, b figures.Counts) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// indicatorActual is the dashboard's actual value of indicator id.
func indicatorActual(d *figures.Dashboard, id int64) float64 {
	for _, g := range d.Indicators {
		if g.ID == id && g.Actual != nil {
			return *g.Actual
		}
	}
	return -1
}

// TestReorgSplitWithIndicators splits the Sở TT&TT on 15/05/2025: its
// open task T1 and its indicator CT01 go to the Sở KH&CN, the rest (its
// cooperation on T4, its account) to the Sở Tài chính. The indicator's
// series stays whole: Q1's accepted 40, given by the old agency, is still
// CT01's Q1 figure; Q2's draft value follows the indicator to its new
// agency's report.
func TestReorgSplitWithIndicators(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		if v := indicatorActual(w.dash(t, w.q1, day), w.ind); v != 40 {
			t.Fatalf("before: CT01 in Q1 = %v, want 40", v)
		}
		q1Appendix := appendixSheets(t, s, w.plan, w.q1.ID, day)
		if ind := q1Appendix[1]; len(ind) != 1 || ind[0][4] != 40.0 {
			t.Fatalf("Q1 appendix indicators %v; want CT01 with 40", ind)
		}

		// A split that assigns the completed T2 and leaves T1 to nobody is refused and changes nothing.
		r := &agency.Reorganisation{Kind: agency.ReorgSplit, From: []int64{w.tttt},
			Tasks: map[int64]int64{w.t2: w.khcn}, Indicators: map[int64]int64{w.ind: w.khcn},
			Effective: plan.Date(2025, 5, 15), Decision: "77/QĐ-UBND"}
		var re *agency.ReorgError
		if _, err := s.Reorganise(ctx, 0, r, false); !errors.As(err, &re) || re.Fields()["tasks"] == "" {
			t.Fatalf("split leaving T1 to nobody: %v", err)
		}
		if a, _ := s.Agency(ctx, w.tttt); !a.ValidTo.IsZero() {
			t.Fatal("the refused split ended the agency")
		}
		// Assigning a task or indicator the agency does not have is refused too.
		bad := *r
		bad.Into, bad.Tasks = w.tc, map[int64]int64{w.t3: w.khcn}
		if _, err := s.Reorganise(ctx, 0, &bad, true); !errors.As(err, &re) || re.Fields()["tasks"] == "" {
			t.Errorf("assigning another agency's task: %v", err)
		}
		bad.Tasks, bad.Indicators = nil, map[int64]int64{w.ind + 100: w.khcn}
		if _, err := s.Reorganise(ctx, 0, &bad, true); !errors.As(err, &re) || re.Fields()["indicators"] == "" {
			t.Errorf("assigning an unknown indicator: %v", err)
		}
		r.Into = w.tc
		r.Tasks = map[int64]int64{w.t1: w.khcn}
		res, err := s.Reorganise(ctx, 0, r, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Tasks) != 1 || res.Tasks[0].To != w.khcn || len(res.Indicators) != 1 || res.Indicators[0].To != w.khcn ||
			len(res.Users) != 1 || res.Users[0].To != w.tc {
			t.Fatalf("result %+v", res)
		}
		t1, _ := s.Task(ctx, w.t1)
		t4, _ := s.Task(ctx, w.t4)
		if t1.LeadAgencyID != w.khcn || len(t4.CooperatingAgencyIDs) != 0 {
			t.Errorf("T1 lead %d (want KHCN); T4 cooperating %v (TC, its lead, does not cooperate on it)", t1.LeadAgencyID, t4.CooperatingAgencyIDs)
		}
		inds, err := s.Indicators(ctx, w.plan)
		if err != nil || len(inds) != 1 || inds[0].AgencyID != w.khcn {
			t.Fatalf("CT01 now answered by %+v (%v), want KHCN", inds, err)
		}
		k, err := s.ReportFor(ctx, w.q2.ID, w.khcn)
		if err != nil {
			t.Fatal(err)
		}
		var got *float64
		for _, v := range k.Values {
			if v.IndicatorID == w.ind {
				got = v.Value
			}
		}
		if got == nil || *got != 55 {
			t.Errorf("KHCN's Q2 report: CT01 %v, want the 55 of TTTT's draft", got)
		}
		if v := indicatorActual(w.dash(t, w.q1, day), w.ind); v != 40 {
			t.Errorf("after: CT01 in Q1 = %v, want 40 (the old agency's accepted value)", v)
		}
		after := w.dash(t, w.q2, day)
		if after.Reports.Expected != 2 {
			t.Errorf("after: Q2 expects %d reports, want 2 (KHCN: T1, T3; TC: T4)", after.Reports.Expected)
		}
		// The official report: Q1's appendix is as before the split (T1 under
		// the Sở TT&TT, CT01 40 of 80); Q2's names the Sở KH&CN for T1.
		if got := appendixSheets(t, s, w.plan, w.q1.ID, day); !reflect.DeepEqual(got, q1Appendix) {
			t.Errorf("Q1 appendix after the split:\n%v\nwas\n%v", got, q1Appendix)
		}
		if row := appendixRows(t, s, w.plan, w.q2.ID, day)["T1 nền tảng số"]; len(row) < 3 || row[2] != "Sở Khoa học và Công nghệ" {
			t.Errorf("Q2 appendix, T1: %v; want led by the Sở Khoa học và Công nghệ", row)
		}
	})
}

// appendixSheets is every row of the official report's appendix (tasks,
// indicators, reports) of plan planID for the period.
func appendixSheets(t *testing.T, s *store.Store, planID, periodID int64, day time.Time) [][][]any {
	t.Helper()
	f, err := s.Facts(context.Background(), planID, day)
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Compute(f, figures.Options{PeriodID: periodID, AsOf: day})
	if err != nil {
		t.Fatal(err)
	}
	var out [][][]any
	for _, sh := range render.Appendix(f, d, officialreport.Accepted{}) {
		out = append(out, sh.Rows)
	}
	return out
}

// TestReorgKeepsThePast merges the Sở TT&TT into a new agency in the
// middle of Q2. The first quarter, ended before, keeps the agencies of its
// time: T1 still counts under the Sở TT&TT, the new agency (which did not
// exist) is not expected to have reported, and no report row is made for
// it; the second quarter already has the new arrangement.
func TestReorgKeepsThePast(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		q1Before := w.dash(t, w.q1, day)
		r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt},
			New: &agency.Agency{Name: "Sở Khoa học, Công nghệ và Chuyển đổi số"}, Effective: plan.Date(2025, 5, 15), Decision: "5/QĐ-UBND"}
		pre, err := s.Reorganise(ctx, 0, r, true)
		if err != nil {
			t.Fatal(err)
		}
		if pre.SuccessorID != 0 || len(pre.Tasks) != 1 || pre.Tasks[0].To != 0 || pre.Ended[0].To != 0 {
			t.Errorf("a dry run making a new agency shows its provisional ID: %+v", pre)
		}
		res, err := s.Reorganise(ctx, 0, r, false)
		if err != nil {
			t.Fatal(err)
		}
		succ := res.SuccessorID
		if succ == 0 || res.Tasks[0].To != succ {
			t.Fatalf("applied: %+v", res)
		}
		if err := s.EnsureReports(ctx, w.plan, day); err != nil {
			t.Fatal(err)
		}
		reps, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: w.plan, PeriodID: w.q1.ID, AgencyID: succ, Today: day})
		if err != nil {
			t.Fatal(err)
		}
		if len(reps) != 0 {
			t.Errorf("a Q1 report row was made for the new agency, which did not exist then: %+v", reps)
		}
		q1 := w.dash(t, w.q1, day)
		if q1.Reports != q1Before.Reports {
			t.Errorf("Q1 reports %+v, were %+v", q1.Reports, q1Before.Reports)
		}
		if n, _, _ := agencyRow(q1, w.tttt); n != 2 {
			t.Errorf("Q1: the Sở TT&TT leads %d tasks, want 2 (T1 and T2, as then)", n)
		}
		if _, _, ok := agencyRow(q1, succ); ok {
			t.Error("Q1 shows the new agency")
		}
		q2 := w.dash(t, w.q2, day)
		if n, rep, _ := agencyRow(q2, succ); n != 1 || rep.Expected != 1 {
			t.Errorf("Q2: the new agency leads %d tasks (want T1), %d report expected (want 1)", n, rep.Expected)
		}
	})
}

// TestReplacePlan replaces the plan of the reorganisation cases with a new
// one, as the reference plan replaces 60/KH-UBND: the unfinished tasks are
// suggested their continuation by their words (T1 → "Phát triển nền tảng
// số dùng chung", T4 → "Bảo đảm ngân sách cho chuyển đổi số"; T3 has none,
// T2 is completed), carried with their accepted progress, and the old plan
// becomes read-only with the link to its successor.
func TestReplacePlan(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		oldQ1 := w.dash(t, w.q1, day)
		year := plan.Deadline{Kind: plan.DeadlineYear, Text: "Năm 2026", Due: plan.Date(2026, 12, 31)}
		d := &plan.Draft{
			Plan: plan.Plan{Code: "71/KH-UBND", IssuedOn: plan.Date(2025, 5, 1), Issuer: "UBND tỉnh", Title: "Kế hoạch mới",
				Status: plan.PlanActive},
			Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III",
				Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
			Tasks: []plan.DraftTask{
				{Task: plan.Task{Text: "Phát triển nền tảng số dùng chung", LeadAgencyID: w.khcn, Deadline: year}},
				{Task: plan.Task{Text: "Bảo đảm ngân sách cho chuyển đổi số", LeadAgencyID: w.tc, Deadline: year}},
				{Task: plan.Task{Text: "Thành lập trung tâm đổi mới sáng tạo", LeadAgencyID: w.khcn, Deadline: year}},
			},
		}
		newPlan, err := s.CreatePlan(ctx, 0, d)
		if err != nil {
			t.Fatal(err)
		}
		x, y := d.Tasks[0].ID, d.Tasks[1].ID
		oldAppendix := appendixRows(t, s, w.plan, w.q1.ID, day)

		open, err := s.OpenTasks(ctx, w.plan)
		if err != nil {
			t.Fatal(err)
		}
		newTasks, err := s.OpenTasks(ctx, newPlan)
		if err != nil {
			t.Fatal(err)
		}
		carry := map[int64]int64{}
		for _, sg := range plan.SuggestCarry(open, newTasks) {
			carry[sg.OldTaskID] = sg.NewTaskID
		}
		if len(carry) != 2 || carry[w.t1] != x || carry[w.t4] != y {
			t.Fatalf("suggested %v; want T1 → %d, T4 → %d", carry, x, y)
		}

		preview, err := s.ReplacePlan(ctx, 0, newPlan, w.plan, carry, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(preview.Carried) != 2 || len(preview.Left) != 1 || preview.Left[0] != w.t3 {
			t.Fatalf("preview %+v; want T1 and T4 carried, T3 left", preview)
		}
		if p, _ := s.Plan(ctx, w.plan); p.Status != plan.PlanActive {
			t.Fatal("the dry run replaced the plan")
		}
		if _, err := s.ReplacePlan(ctx, 0, newPlan, w.plan, carry, false); err != nil {
			t.Fatal(err)
		}
		oldP, _ := s.Plan(ctx, w.plan)
		newP, _ := s.Plan(ctx, newPlan)
		if oldP.Status != plan.PlanReplaced || newP.ReplacesID != w.plan || newP.Replaces != "12/KH-UBND" {
			t.Errorf("old plan %s; new plan replaces %d %q", oldP.Status, newP.ReplacesID, newP.Replaces)
		}
		tx, _ := s.Task(ctx, x)
		ty, _ := s.Task(ctx, y)
		if tx.Claim != plan.ClaimInProgress || tx.Progress != 30 || ty.Progress != 20 {
			t.Errorf("carried claims: X %s %d%% (want in progress 30), Y %d%% (want 20)", tx.Claim, tx.Progress, ty.Progress)
		}
		c, err := s.TaskCarryover(ctx, x)
		if err != nil || len(c.From) != 1 || c.From[0].TaskID != w.t1 || c.From[0].PlanCode != "12/KH-UBND" {
			t.Errorf("X continues %+v (%v), want T1 of 12/KH-UBND", c, err)
		}
		if c, _ := s.TaskCarryover(ctx, w.t1); c.Into == nil || c.Into.TaskID != x {
			t.Errorf("T1 continued by %+v, want X", c.Into)
		}
		// The new plan's dashboard starts from the carried progress; the old one's history is as it was.
		f, err := s.Facts(ctx, newPlan, day)
		if err != nil {
			t.Fatal(err)
		}
		nd, err := figures.Compute(f, figures.Options{AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		if nd.Status[plan.StatusInProgress] != 2 || nd.Status[plan.StatusNotStarted] != 1 {
			t.Errorf("new plan statuses %v; want 2 in progress (carried), 1 not started", nd.Status)
		}
		if q1 := w.dash(t, w.q1, day); q1.Reports != oldQ1.Reports || !equalCounts(q1.Status, oldQ1.Status) {
			t.Errorf("the old plan's Q1 changed: %+v %v, was %+v %v", q1.Reports, q1.Status, oldQ1.Reports, oldQ1.Status)
		}
		// The official report: the old plan's Q1 appendix is as it was; the
		// new plan's lists X and Y in progress (carried), Z not started.
		if got := appendixRows(t, s, w.plan, w.q1.ID, day); !reflect.DeepEqual(got, oldAppendix) {
			t.Errorf("the old plan's Q1 appendix changed:\n%v\nwas\n%v", got, oldAppendix)
		}
		newAppendix := appendixRows(t, s, newPlan, 0, day)
		for title, want := range map[string]string{"Phát triển nền tảng số dùng chung": plan.StatusInProgress.Label(),
			"Bảo đảm ngân sách cho chuyển đổi số":  plan.StatusInProgress.Label(),
			"Thành lập trung tâm đổi mới sáng tạo": plan.StatusNotStarted.Label()} {
			if row := newAppendix[title]; len(row) < 7 || row[6] != want {
				t.Errorf("new plan's appendix, %q: %v; want status %q", title, row, want)
			}
		}

		old2, _ := s.Task(ctx, w.t3)
		old2.Product = "Sửa sau khi thay thế"
		if err := s.UpdateTask(ctx, 0, old2); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("editing a task of the replaced plan: %v, want ErrReadOnly", err)
		}
		// Its unsent reports are history too: no more writing or sending.
		draft, _ := s.Report(ctx, w.draftQ2)
		e := draft.Entries[0]
		e.Result = "Viết sau khi thay thế"
		if err := s.SaveEntry(ctx, reporting.Actor{User: w.heads[w.tttt], Now: day}, w.draftQ2, &e); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("writing a report of the replaced plan: %v, want ErrReadOnly", err)
		}
		if _, err := s.SubmitReport(ctx, reporting.Actor{User: w.heads[w.tttt], Now: day}, w.draftQ2, draft.Version); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("sending a report of the replaced plan: %v, want ErrReadOnly", err)
		}
		var rpe *plan.ReplaceError
		if _, err := s.ReplacePlan(ctx, 0, newPlan, w.plan, nil, true); !errors.As(err, &rpe) || rpe.Reason != plan.ReplaceOldEnded ||
			rpe.PlanCode != "12/KH-UBND" {
			t.Errorf("replacing a replaced plan: %v", err)
		}
		// A later merge moves the new plan's work, not the replaced plan's history.
		m := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tc}, Into: w.khcn,
			Effective: plan.Date(2025, 6, 1), Decision: "9/QĐ-UBND"}
		if _, err := s.Reorganise(ctx, 0, m, false); err != nil {
			t.Fatal(err)
		}
		t4, _ := s.Task(ctx, w.t4)
		ty, _ = s.Task(ctx, y)
		if t4.LeadAgencyID != w.tc || ty.LeadAgencyID != w.khcn {
			t.Errorf("after a merge: the replaced plan's T4 led by %d (want TC, as it was), the new plan's Y by %d (want KHCN)",
				t4.LeadAgencyID, ty.LeadAgencyID)
		}
	})
}

// TestReplacePlanRefusals: a completed task is not carried, nor two old
// tasks into one new task; nothing changes.
func TestReplacePlanRefusals(t *testing.T) {
	ctx := context.Background()
	s := dbtest.SQLite(t).Open(t)
	w := newReorgWorld(t, s)
	d := &plan.Draft{Plan: plan.Plan{Code: "2/KH", Title: "Mới", Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", HoldsTasks: true}, Parent: -1}},
		Tasks:    []plan.DraftTask{{Task: plan.Task{Text: "Một"}}, {Task: plan.Task{Text: "Hai"}}}}
	newPlan, err := s.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		carry  map[int64]int64
		reason plan.ReplaceReason
	}{
		"completed task":  {map[int64]int64{w.t2: d.Tasks[0].ID}, plan.ReplaceNotOpenOld},
		"two into one":    {map[int64]int64{w.t1: d.Tasks[0].ID, w.t3: d.Tasks[0].ID}, plan.ReplaceTaken},
		"task of another": {map[int64]int64{w.t1: w.t3}, plan.ReplaceNotNewTask},
	} {
		var re *plan.ReplaceError
		if _, err := s.ReplacePlan(ctx, 0, newPlan, w.plan, c.carry, false); !errors.As(err, &re) || re.Reason != c.reason || re.OnPlans() {
			t.Errorf("%s: %v, want %s", name, err, c.reason)
		}
	}
	if p, _ := s.Plan(ctx, w.plan); p.Status != plan.PlanActive {
		t.Error("a refused replacement changed the old plan")
	}
	var re *plan.ReplaceError
	if _, err := s.ReplacePlan(ctx, 0, w.plan, w.plan, nil, true); !errors.As(err, &re) || re.Reason != plan.ReplaceSelf {
		t.Errorf("a plan replaced itself: %v", err)
	}
}

// TestAmendPlan amends the plan of the reorganisation cases on 15/05/2025
// (decision 215/QĐ-UBND): T5 (the Sở KH&CN's) is added, T3 removed. The first quarter,
// ended before, counts the plan as first issued (T1–T4); the second
// counts the amended plan (T1, T2, T4, T5); the trend's Q1 point too; T3
// keeps its history.
func TestAmendPlan(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		secs, err := s.Sections(ctx, w.plan)
		if err != nil {
			t.Fatal(err)
		}
		a := &plan.Amendment{PlanID: w.plan, Number: "215/QĐ-UBND", IssuedOn: plan.Date(2025, 5, 10),
			Effective: plan.Date(2025, 5, 15), Note: "Bổ sung nhiệm vụ T5, bãi bỏ T3"}
		add := []plan.Task{{SectionID: secs[0].ID, Text: "T5 số hóa hồ sơ lưu trữ", LeadAgencyID: w.khcn,
			Deadline: plan.Deadline{Kind: plan.DeadlineYear, Text: "Năm 2025", Due: plan.Date(2025, 12, 31)}}}
		if err := s.AmendPlan(ctx, 0, a, add, []int64{w.t3}); err != nil {
			t.Fatal(err)
		}
		t5 := add[0].ID
		q1, q2 := w.dash(t, w.q1, day), w.dash(t, w.q2, day)
		if n := q1.Status.Total(); n != 4 {
			t.Errorf("Q1 counts %d tasks, want 4 (T1–T4, as first issued)", n)
		}
		if n := q2.Status.Total(); n != 4 {
			t.Errorf("Q2 counts %d tasks, want 4 (T1, T2, T4, T5)", n)
		}
		if got := q2.Trend[0].Status.Total(); got != 4 || q2.Trend[0].Period.ID != w.q1.ID {
			t.Errorf("the trend's Q1 point counts %d tasks, want 4", got)
		}
		if n, _, _ := agencyRow(q2, w.khcn); n != 1 {
			t.Errorf("Q2: KHCN leads %d tasks, want 1 (T5; T3 was removed)", n)
		}
		if n, _, _ := agencyRow(q1, w.khcn); n != 1 {
			t.Errorf("Q1: KHCN leads %d tasks, want 1 (T3, still in the plan then)", n)
		}
		t3, err := s.Task(ctx, w.t3)
		if err != nil || !t3.RemovedOn.Equal(plan.Date(2025, 5, 15)) {
			t.Errorf("T3 removed on %v (%v)", t3.RemovedOn, err)
		}
		if r, err := s.ReportFor(ctx, w.q2.ID, w.khcn); err != nil || !hasEntry(r, t5) || hasEntry(r, w.t3) {
			t.Errorf("KHCN's Q2 report: want a line for T5 and none for the removed T3 (%v)", err)
		}
		list, err := s.PlanAmendments(ctx, w.plan)
		if err != nil || len(list) != 1 || list[0].Number != "215/QĐ-UBND" || len(list[0].Added) != 1 ||
			list[0].Added[0] != t5 || len(list[0].Removed) != 1 || list[0].Removed[0] != w.t3 {
			t.Errorf("amendments %+v (%v)", list, err)
		}
		// Refusals: a task removed twice, a section of another plan. (An
		// empty amendment is the use case's to refuse: app tests.)
		var ae *plan.AmendError
		if err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "2/QĐ", Effective: day}, nil, []int64{w.t3}); !errors.As(err, &ae) {
			t.Errorf("removing a removed task: %v", err)
		}
		other := []plan.Task{{SectionID: secs[0].ID + 100000, Text: "T6"}}
		if err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "3/QĐ", Effective: day}, other, nil); !errors.As(err, &ae) ||
			ae.Refusals[0].Field() != "add.0.section_id" {
			t.Errorf("adding to an unknown section: %v", err)
		}
		if l2, _ := s.PlanAmendments(ctx, w.plan); len(l2) != 1 {
			t.Errorf("a refused amendment was recorded: %d", len(l2))
		}
	})
}

func hasEntry(r *reporting.Report, task int64) bool {
	for _, e := range r.Entries {
		if e.TaskID == task {
			return true
		}
	}
	return false
}

// TestReorgOfficialReport: the official report's appendix after the
// mid-quarter merge. The first quarter's names T1's lead as it was (the
// Sở TT&TT), and the Sở TT&TT among the agencies that reported; the second
// quarter's names the Sở KH&CN for T1, and no longer expects the Sở TT&TT.
func TestReorgOfficialReport(t *testing.T) {
	ctx := context.Background()
	s := dbtest.SQLite(t).Open(t)
	w := newReorgWorld(t, s)
	day := plan.Date(2025, 5, 20)
	r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn,
		Effective: plan.Date(2025, 5, 15), Decision: "1234/QĐ-UBND"}
	if _, err := s.Reorganise(ctx, 0, r, false); err != nil {
		t.Fatal(err)
	}
	f, err := s.Facts(ctx, w.plan, day)
	if err != nil {
		t.Fatal(err)
	}
	appendix := func(p reporting.Period) (lead string, reported []string) {
		d, err := figures.Compute(f, figures.Options{PeriodID: p.ID, AsOf: day})
		if err != nil {
			t.Fatal(err)
		}
		sheets := render.Appendix(f, d, officialreport.Accepted{})
		for _, row := range sheets[0].Rows {
			if strings.HasPrefix(row[1].(string), "T1 ") {
				lead = row[2].(string)
			}
		}
		for _, row := range sheets[2].Rows {
			if row[0] != nil {
				reported = append(reported, row[1].(string))
			}
		}
		return lead, reported
	}
	lead, reported := appendix(w.q1)
	if lead != "Sở Thông tin và Truyền thông" || !slices.Contains(reported, "Sở Thông tin và Truyền thông") {
		t.Errorf("Q1 appendix: T1 led by %q, reports of %v; want the Sở TT&TT in both", lead, reported)
	}
	lead, reported = appendix(w.q2)
	if lead != "Sở Khoa học và Công nghệ" || slices.Contains(reported, "Sở Thông tin và Truyền thông") || len(reported) != 2 {
		t.Errorf("Q2 appendix: T1 led by %q, reports of %v; want the Sở KH&CN, and the Sở KH&CN and Sở Tài chính expected", lead, reported)
	}
}

// appendixRows is the official report's task appendix of plan planID for
// the period (0: the one shown on day), by task title.
func appendixRows(t *testing.T, s *store.Store, planID, periodID int64, day time.Time) map[string][]any {
	t.Helper()
	f, err := s.Facts(context.Background(), planID, day)
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Compute(f, figures.Options{PeriodID: periodID, AsOf: day})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]any{}
	for _, row := range render.Appendix(f, d, officialreport.Accepted{})[0].Rows {
		out[row[1].(string)] = row
	}
	return out
}

// rankRow is agency id's row of the ranking.
func rankRow(rows []figures.RankRow, id int64) (figures.RankRow, bool) {
	for _, r := range rows {
		if r.AgencyID == id {
			return r, true
		}
	}
	return figures.RankRow{}, false
}

// TestReorgKeepsTheRanking merges the Sở TT&TT into the Sở KH&CN from
// 01/01/2026, after the year it is ranked for: the 2025 ranking stays the
// Sở TT&TT's — its T1 (due 31/12/2025, not done) and T2 (done on time):
// 1 of 2 on time; CT01 (40 of a target of 80 in the last accepted
// quarter): 50 of 100 points — though T1 and CT01 are the Sở KH&CN's now.
func TestReorgKeepsTheRanking(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		asOf := plan.Date(2026, 1, 15)
		rank := func() []figures.RankRow {
			t.Helper()
			f, err := s.Facts(ctx, w.plan, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return figures.Ranking(f, 2025, asOf, figures.DefaultWeights)
		}
		before := rank()
		r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn,
			Effective: plan.Date(2026, 1, 1), Decision: "3/QĐ-UBND"}
		if _, err := s.Reorganise(ctx, 0, r, false); err != nil {
			t.Fatal(err)
		}
		if t1, _ := s.Task(ctx, w.t1); t1.LeadAgencyID != w.khcn {
			t.Fatalf("T1 led by %d after the merge, want KHCN", t1.LeadAgencyID)
		}
		after := rank()
		tttt, ok := rankRow(after, w.tttt)
		if !ok || tttt.OnTime.Num != 1 || tttt.OnTime.Den != 2 || tttt.Indicators.Num != 50 || tttt.Indicators.Den != 100 {
			t.Errorf("TTTT's 2025 row %+v (found %v); want on time 1/2, indicators 50/100", tttt, ok)
		}
		khcn, _ := rankRow(after, w.khcn)
		if khcn.OnTime.Den != 0 || khcn.Indicators.Den != 0 {
			t.Errorf("KHCN's 2025 row took the merged agency's work: %+v", khcn)
		}
		if len(after) != len(before) {
			t.Fatalf("ranking has %d rows, had %d", len(after), len(before))
		}
		for i := range before {
			b, a := before[i], after[i]
			if a.AgencyID != b.AgencyID || a.Score != b.Score || a.Rank != b.Rank {
				t.Errorf("rank %d: %+v, was %+v", i+1, a, b)
			}
		}
	})
}

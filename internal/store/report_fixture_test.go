package store

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// repFix is the sample plan (issued 20/5/2025, reporting quarterly, due on
// the 10th of the quarter's last month) with users for the flow:
//
//	task 0  lead khcn, coop tc          Quý II/2025 (30/6/2025)
//	task 1  lead tc, coop xa and khcn   năm 2025 (31/12/2025)
//	task 2  lead khcn                   thường xuyên
//	task 3  no lead                     2025-2026
//
// so khcn, tc and xa are expected from quarter II/2025 on.
type repFix struct {
	s     *Store
	ag    agencyIDs
	d     *plan.Draft
	users map[string]*auth.User // "head:khcn", "officer:khcn", … "coord", "leader", "admin"
	q2    reporting.Period      // Quý II/2025: 1/4–30/6, due 10/6/2025
	q3    reporting.Period      // Quý III/2025: 1/7–30/9, due 10/9/2025
}

func newRepFix(t testing.TB, s *Store) *repFix {
	t.Helper()
	ctx := context.Background()
	f := &repFix{s: s, ag: seedAgencies(t, s), users: map[string]*auth.User{}}
	f.d = seedPlan(t, s, f.ag)
	for _, u := range []struct {
		key  string
		role auth.Role
		ag   string
	}{
		{"head:khcn", auth.RoleHead, "khcn"}, {"officer:khcn", auth.RoleOfficer, "khcn"},
		{"head:tc", auth.RoleHead, "tc"}, {"officer:tc", auth.RoleOfficer, "tc"},
		{"head:xa", auth.RoleHead, "xa"}, {"officer:xa", auth.RoleOfficer, "xa"},
		{"coord", auth.RoleCoordinator, ""}, {"leader", auth.RoleLeader, ""}, {"admin", auth.RoleAdmin, ""},
	} {
		v := &auth.User{Username: u.key, Role: u.role, AgencyID: f.ag[u.ag]}
		must(t, s.CreateUser(ctx, 0, v, "x"))
		f.users[u.key] = v
	}
	periods, err := s.Periods(ctx, f.d.Plan.ID)
	must(t, err)
	f.q2, f.q3 = periods[0], periods[1]
	return f
}

// at is actor key acting at the given moment (Vietnam time, 9:00 on the day).
func (f *repFix) at(key string, day time.Time) reporting.Actor {
	return reporting.Actor{User: f.users[key], Now: day.Add(2 * time.Hour)} // 09:00 ICT
}

// task is the ID of sample task i.
func (f *repFix) task(i int) int64 { return f.d.Tasks[i].ID }

// report is the current report of agency key for period p, opened if needed.
func (f *repFix) report(t testing.TB, p reporting.Period, key string) *reporting.Report {
	t.Helper()
	r, err := f.s.ReportFor(context.Background(), p.ID, f.ag[key])
	must(t, err)
	return r
}

// entry finds the entry of task id in r.
func entryOf(t testing.TB, r *reporting.Report, id int64) reporting.Entry {
	t.Helper()
	for _, e := range r.Entries {
		if e.TaskID == id {
			return e
		}
	}
	t.Fatalf("report %d has no entry for task %d", r.ID, id)
	return reporting.Entry{}
}

// submitFull fills every entry of agency key's report for p with a status
// and submits it as the head on day.
func (f *repFix) submitFull(t testing.TB, p reporting.Period, key string, day time.Time) *reporting.Report {
	t.Helper()
	ctx := context.Background()
	r := f.report(t, p, key)
	for _, e := range r.Entries {
		if e.Status == plan.ClaimNone {
			e.Status, e.Percent, e.Result = plan.ClaimInProgress, 30, "Đang triển khai"
			must(t, f.s.SaveEntry(ctx, f.at("officer:"+key, day), r.ID, &e))
		}
	}
	r, err := f.s.SubmitReport(ctx, f.at("head:"+key, day), r.ID, 0)
	must(t, err)
	return r
}

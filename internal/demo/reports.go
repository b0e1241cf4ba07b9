package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// SampleReports tells what LoadReports created.
type SampleReports struct {
	Periods []string                // labels of the periods filled
	ByState map[reporting.State]int // reports per state, over those periods
	Late    int                     // submitted after the due day
	Heads   int                     // sample head accounts created (they cannot sign in)
}

// scenario is what happens to one sample report.
type scenario int

const (
	acceptedOnTime scenario = iota
	acceptedLate
	returned
	submitted
	draft
	missing
)

// scenarios cycle over the expected agencies of each period so that every
// state — accepted on time or late, returned, waiting, draft, missing —
// appears in both periods.
var scenarios = []scenario{acceptedOnTime, acceptedOnTime, acceptedLate, returned, acceptedOnTime, submitted, draft, missing}

// LoadReports adds sample reports to the demo plan, every one marked as
// sample data: the two latest periods whose due day is before today show
// every state (accepted on time or late, returned, waiting, draft,
// missing; the demo head's agency, Sở Tài chính, has its latest report
// returned), and the periods before them a plausible history, accepted and
// mostly on time. The reports are written through the same store methods and flow
// rules as real ones: each agency's head submits, the coordinator accepts
// or returns. Heads of agencies without an account get one that cannot sign
// in (no password), so that every step has a real author in the audit log.
func LoadReports(ctx context.Context, s *store.Store, planID int64, today time.Time) (*SampleReports, error) {
	periods, err := s.EnsurePeriods(ctx, 0, planID)
	if err != nil {
		return nil, err
	}
	var past []reporting.Period
	for _, p := range periods {
		if p.Due.Before(today) {
			past = append(past, p)
		}
	}
	out := &SampleReports{ByState: map[reporting.State]int{}}
	if len(past) == 0 {
		return out, nil
	}
	coord, _, err := s.UserByName(ctx, "dieuphoi")
	if err != nil {
		return nil, fmt.Errorf("demo: the coordinator account: %w", err)
	}
	demoHead, _, err := s.UserByName(ctx, "lanhdao.sotc")
	if err != nil {
		return nil, fmt.Errorf("demo: the head account: %w", err)
	}
	heads := map[int64]*auth.User{}
	for k, p := range past {
		recent := k >= len(past)-2
		if recent {
			out.Periods = append(out.Periods, p.Label)
		}
		list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: planID, PeriodID: p.ID, Today: today})
		if err != nil {
			return nil, err
		}
		for i, r := range list {
			sc := scenarios[i%len(scenarios)]
			switch {
			case !recent && (i+k)%6 == 5:
				sc = acceptedLate
			case !recent:
				sc = acceptedOnTime
			case r.AgencyID == demoHead.AgencyID && k == len(past)-1:
				sc = returned
			case r.AgencyID == demoHead.AgencyID:
				sc = acceptedOnTime
			}
			head, err := headOf(ctx, s, r.AgencyID, heads, &out.Heads)
			if err != nil {
				return nil, err
			}
			final, err := playScenario(ctx, s, r.ID, p, sc, head, coord)
			if err != nil {
				return nil, fmt.Errorf("demo: sample report %d (%s): %w", r.ID, p.Label, err)
			}
			if err := s.SetReportSample(ctx, 0, r.ID, true); err != nil {
				return nil, err
			}
			if recent {
				out.ByState[final.State]++
				if !final.SubmittedAt.IsZero() && !final.OnTime {
					out.Late++
				}
			}
		}
	}
	return out, nil
}

// playScenario writes one report through the flow as scenario sc says, at
// times around the period's due day, and returns it as it ends.
func playScenario(ctx context.Context, s *store.Store, id int64, p reporting.Period, sc scenario, head, coord *auth.User) (*reporting.Report, error) {
	r, err := s.Report(ctx, id)
	if err != nil || sc == missing {
		return r, err
	}
	noon := func(d time.Time) time.Time { return d.Add(12*time.Hour - 7*time.Hour) } // 12:00 in Vietnam
	submitAt := noon(p.Due.AddDate(0, 0, -3))
	if sc == acceptedLate {
		submitAt = noon(p.Due.AddDate(0, 0, 6))
	}
	writer := reporting.Actor{User: head, Now: submitAt.Add(-48 * time.Hour)}
	for k := range r.Entries {
		e := sampleEntry(r.Entries[k], k, p, writer.Today())
		if err := s.SaveEntry(ctx, writer, id, &e); err != nil {
			return nil, err
		}
	}
	texts := reporting.Texts{
		Summary:      "Cơ quan đã quán triệt và triển khai các nhiệm vụ được giao trong " + p.Label + " (dữ liệu mẫu).",
		Difficulties: "Kinh phí và nhân lực chuyên trách về chuyển đổi số còn hạn chế.",
		Proposals:    "Đề nghị bố trí kinh phí bổ sung và tập huấn kỹ năng số cho cán bộ.",
		NextTasks:    "Tiếp tục triển khai các nhiệm vụ còn lại theo kế hoạch.",
	}
	if _, err := s.SaveReportTexts(ctx, writer, id, texts, 0); err != nil {
		return nil, err
	}
	if sc == draft {
		return s.Report(ctx, id)
	}
	if r, err = s.SubmitReport(ctx, reporting.Actor{User: head, Now: submitAt}, id, 0); err != nil {
		return nil, err
	}
	review := reporting.Actor{User: coord, Now: submitAt.Add(30 * time.Hour)}
	switch sc {
	case submitted:
		return r, nil
	case returned:
		return s.ReturnReport(ctx, review, id, "Đề nghị bổ sung số liệu kết quả và văn bản chứng minh cho các nhiệm vụ đã hoàn thành.", 0)
	}
	return s.AcceptReport(ctx, review, id, 0)
}

// sampleEntry fills entry k of a sample report: mostly in progress with
// growing percentages, some completed within the period, an occasional
// pause.
func sampleEntry(e reporting.Entry, k int, p reporting.Period, today time.Time) reporting.Entry {
	e.Status = plan.ClaimInProgress
	e.Percent = 20 + (k*15)%70
	e.Result = "Đã ban hành văn bản triển khai, phân công đầu mối và tổ chức thực hiện (dữ liệu mẫu)."
	e.Evidence = fmt.Sprintf("Công văn số %d/SMP ngày %s", 100+k, vntext.FormatDate(p.Start.AddDate(0, 0, 20)))
	switch k % 5 {
	case 1:
		e.Status = plan.ClaimCompleted
		e.CompletedOn = p.Start.AddDate(0, 1, 5)
		if e.CompletedOn.After(today) {
			e.CompletedOn = today
		}
		e.Result = "Đã hoàn thành, sản phẩm đã được ban hành (dữ liệu mẫu)."
	case 4:
		if k%10 == 9 {
			e.Status = plan.ClaimPaused
			e.Reason = "Chờ hướng dẫn của bộ, ngành Trung ương."
		}
	}
	return e
}

// headOf returns the head account of an agency: an existing one, or a new
// sample account without a password (it cannot sign in until an
// administrator sets one).
func headOf(ctx context.Context, s *store.Store, agencyID int64, cache map[int64]*auth.User, created *int) (*auth.User, error) {
	if u, ok := cache[agencyID]; ok {
		return u, nil
	}
	users, err := s.Users(ctx)
	if err != nil {
		return nil, err
	}
	for i := range users {
		if users[i].AgencyID == agencyID && users[i].Role == auth.RoleHead && !users[i].Disabled {
			cache[agencyID] = &users[i]
			return &users[i], nil
		}
	}
	a, err := s.Agency(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	u := &auth.User{
		Username: "lanhdao." + strings.Join(vntext.SearchWords(a.Name), "-"),
		FullName: "Lãnh đạo " + a.Name + " (tài khoản mẫu)",
		Role:     auth.RoleHead,
		AgencyID: agencyID,
	}
	// "!" is no valid hash: VerifyPassword refuses every password for it.
	if err := s.CreateUser(ctx, 0, u, "!"); err != nil {
		return nil, err
	}
	*created++
	cache[agencyID] = u
	return u, nil
}

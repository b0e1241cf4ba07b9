package gen

import (
	"math/rand/v2"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// simulation plays a province's reporting quarter by quarter: who is
// expected (reporting.ExpectedAgencies, on the tasks as the accepted
// reports so far left them), what each agency's report is by today, what
// its entries say, and which claims acceptance gives the tasks.
type simulation struct {
	p       *province
	rng     *rand.Rand
	tasks   []plan.Task // claims as accepted so far
	traj    []trajectory
	byLead  map[int64][]int
	inds    map[int64][]indicator.Indicator // by answering agency
	periods []reporting.Period
	staff   map[int64][2]int64 // agency → head, officer
	coord   int64
	latest  time.Time         // no timestamp after this: the end of the day before today
	on      map[int64]float64 // agency → chance a report is on time
}

// never is the quarter index of something that does not happen.
const never = 1 << 20

// trajectory is how a task's work goes, in quarter indexes (0 is the
// plan's first quarter).
type trajectory struct {
	start, done     int
	pause, cancel   int
	completedOn     time.Time
	slowStartPoints int
}

func newSimulation(p *province, tasks []plan.Task, inds []indicator.Indicator, periods []reporting.Period,
	staff map[int64][2]int64, coord int64) *simulation {
	s := &simulation{p: p, rng: p.rng, tasks: tasks, byLead: map[int64][]int{}, inds: map[int64][]indicator.Indicator{},
		periods: periods, staff: staff, coord: coord, latest: clock.DateOf(p.c.Today).Add(-time.Minute), on: map[int64]float64{}}
	for _, ind := range inds {
		s.inds[ind.AgencyID] = append(s.inds[ind.AgencyID], ind)
	}
	for i := range tasks {
		s.byLead[tasks[i].LeadAgencyID] = append(s.byLead[tasks[i].LeadAgencyID], i)
		s.traj = append(s.traj, s.trajectory(&tasks[i]))
	}
	for _, a := range p.agencies {
		s.on[a.ID] = 0.55 + 0.42*s.rng.Float64()
	}
	return s
}

// quarter is the index of the quarter holding day.
func (s *simulation) quarter(day time.Time) int {
	f := s.p.first
	return (day.Year()-f.Year())*4 + (int(day.Month())-1)/3 - (int(f.Month())-1)/3
}

// trajectory draws a task's course: it starts at its deadline's start or
// a few quarters before its due quarter, and most tasks finish around
// their due quarter, some late; a few pause or are cancelled. Tasks
// without a due day (recurring, continuous) never finish.
func (s *simulation) trajectory(t *plan.Task) trajectory {
	r := s.rng
	tr := trajectory{done: never, pause: never, cancel: never}
	if t.Deadline.HasDue() {
		due := s.quarter(t.Deadline.Due)
		switch x := r.IntN(100); {
		case x < 60:
			tr.done = due - r.IntN(3)
		case x < 82:
			tr.done = due
		default:
			tr.done = due + 1 + r.IntN(6) // late
		}
	}
	switch {
	case !t.Deadline.Start.IsZero():
		tr.start = max(0, s.quarter(t.Deadline.Start))
	case tr.done != never:
		tr.start = max(0, tr.done-4-r.IntN(12))
	default:
		tr.start = r.IntN(2)
	}
	tr.done = max(tr.done, tr.start)
	switch x := r.IntN(100); {
	case x < 4:
		tr.pause, tr.done = tr.start+1+r.IntN(6), never
	case x < 6:
		tr.cancel, tr.done = tr.start+r.IntN(6), never
	}
	if tr.done != never {
		q := s.p.first.AddDate(0, 3*tr.done, 0)
		tr.completedOn = q.AddDate(0, 0, r.IntN(85))
		if !tr.completedOn.Before(clock.DateOf(s.p.c.Today)) {
			tr.completedOn = clock.DateOf(s.p.c.Today).AddDate(0, 0, -1)
		}
	}
	tr.slowStartPoints = 5 + r.IntN(20)
	return tr
}

// entry is what the lead agency says of task i in quarter k.
func (s *simulation) entry(i, k int) reporting.Entry {
	t, tr := &s.tasks[i], s.traj[i]
	e := reporting.Entry{TaskID: t.ID}
	switch {
	case k < tr.start:
		e.Status, e.Result = plan.ClaimNotStarted, "Chưa triển khai trong kỳ; đang chuẩn bị các điều kiện cần thiết."
	case k >= tr.cancel:
		e.Status, e.Percent = plan.ClaimCancelled, s.percent(tr, tr.cancel)
		e.Reason = "Không thực hiện do nội dung đã được điều chỉnh theo chỉ đạo của Trung ương."
	case k >= tr.pause:
		e.Status, e.Percent = plan.ClaimPaused, s.percent(tr, tr.pause)
		e.Reason = "Tạm dừng do chưa bố trí được kinh phí thực hiện."
	case k >= tr.done:
		e.Status, e.Percent, e.CompletedOn = plan.ClaimCompleted, 100, tr.completedOn
		e.Result = "Đã hoàn thành. Sản phẩm: " + t.Product + "."
	default:
		e.Status, e.Percent = plan.ClaimInProgress, s.percent(tr, k)
		e.Result = results[(i+k)%len(results)]
	}
	return e
}

// percent is the progress of a running task in quarter k: rising from its
// start towards 95 % by its done quarter, or slowly when it has none.
func (s *simulation) percent(tr trajectory, k int) int {
	if tr.done == never {
		return min(90, tr.slowStartPoints+5*(k-tr.start))
	}
	span := tr.done - tr.start
	return min(95, 10+85*(k-tr.start+1)/(span+1))
}

// run makes every report of every quarter started by today.
func (s *simulation) run() []store.SeedReport {
	var out []store.SeedReport
	today := clock.DateOf(s.p.c.Today)
	for k, p := range s.periods {
		if !p.Started(today) {
			break
		}
		current := !p.Due.Before(today)
		var accepted []store.SeedReport
		for _, a := range reporting.ExpectedAgencies(s.tasks, p) {
			r := s.report(k, p, a, current)
			out = append(out, r)
			if r.State == reporting.StateAccepted {
				accepted = append(accepted, r)
			}
		}
		s.accept(p, accepted)
	}
	return out
}

// report is agency a's report of quarter k.
func (s *simulation) report(k int, p reporting.Period, a int64, current bool) store.SeedReport {
	r := s.rng
	head, officer := s.staff[a][0], s.staff[a][1]
	created := p.CutoffStart
	if created.After(s.latest) {
		created = p.Start
	}
	rep := store.SeedReport{PeriodID: p.ID, AgencyID: a, State: reporting.StateNotStarted,
		CreatedAt: at(created, r), UpdatedAt: at(created, r)}
	state := s.drawState(current)
	if state == reporting.StateNotStarted {
		return rep
	}
	rep.State, rep.UpdatedBy, rep.Summary = reporting.StateDraft, officer, summaries[r.IntN(len(summaries))]
	for _, i := range s.byLead[a] {
		if !reporting.OpenIn(&s.tasks[i], p) {
			continue
		}
		e := s.entry(i, k)
		if state == reporting.StateDraft && r.IntN(6) == 0 {
			e = reporting.Entry{TaskID: e.TaskID} // not written yet
		}
		rep.Entries = append(rep.Entries, e)
	}
	for _, ind := range s.inds[a] {
		rep.Values = append(rep.Values, store.SeedValue{IndicatorID: ind.ID, Value: s.value(ind, p)})
	}
	rep.UpdatedAt = s.clamp(created.AddDate(0, 0, 5+r.IntN(20)))
	if state == reporting.StateDraft {
		return rep
	}
	// Sent: on time, or late (the current quarter's are all before the due day).
	sent := p.Due.AddDate(0, 0, -r.IntN(12))
	if !current && r.Float64() > s.on[a] {
		sent = p.Due.AddDate(0, 0, 1+r.IntN(30))
	}
	sent = s.clamp(at(sent, r))
	if sent.Before(rep.UpdatedAt) {
		rep.UpdatedAt = sent
	}
	rep.State, rep.SubmittedAt, rep.SubmittedBy, rep.OnTime = reporting.StateSubmitted, sent, head, p.OnTime(sent)
	decided := sent.Add(time.Duration(1+r.IntN(6)) * 24 * time.Hour)
	if decided.After(s.latest) {
		return rep // waits for the coordinator
	}
	switch state {
	case reporting.StateReturned:
		rep.State, rep.ReturnedAt, rep.ReturnedBy = reporting.StateReturned, decided, s.coord
		rep.ReturnReason = "Đề nghị bổ sung minh chứng (số, ngày văn bản) cho các nhiệm vụ báo cáo đã hoàn thành."
	case reporting.StateAccepted:
		rep.State, rep.AcceptedAt, rep.AcceptedBy = reporting.StateAccepted, decided, s.coord
	}
	return rep
}

// drawState picks where a report stands today: most past reports were
// accepted, a few are missing, still drafts, returned or waiting; the
// current quarter's are spread over every state.
func (s *simulation) drawState(current bool) reporting.State {
	x := s.rng.IntN(100)
	if current {
		switch {
		case x < 30:
			return reporting.StateNotStarted
		case x < 60:
			return reporting.StateDraft
		case x < 80:
			return reporting.StateSubmitted
		case x < 85:
			return reporting.StateReturned
		}
		return reporting.StateAccepted
	}
	switch {
	case x < 3:
		return reporting.StateNotStarted
	case x < 5:
		return reporting.StateDraft
	case x < 7:
		return reporting.StateReturned
	case x < 10:
		return reporting.StateSubmitted
	}
	return reporting.StateAccepted
}

// accept gives the tasks the claims of the quarter's accepted reports, as
// the store does on acceptance, so that the next quarter expects the
// right agencies.
func (s *simulation) accept(p reporting.Period, reports []store.SeedReport) {
	index := map[int64]int{}
	for i := range s.tasks {
		index[s.tasks[i].ID] = i
	}
	for _, r := range reports {
		for _, e := range r.Entries {
			if e.Status == plan.ClaimNone {
				continue
			}
			t := &s.tasks[index[e.TaskID]]
			t.Claim, t.Progress, t.ClaimReason, t.ClaimPeriod, t.ReportedAt = e.Status, e.Percent, e.Reason, p.Start, r.AcceptedAt
			t.CompletedOn = time.Time{}
			if e.Status == plan.ClaimCompleted {
				t.CompletedOn = e.CompletedOn
			}
		}
	}
}

// value is an indicator's value at the end of period p: from the baseline
// towards the year's target, with noise.
func (s *simulation) value(ind indicator.Indicator, p reporting.Period) float64 {
	base := 0.0
	if ind.Baseline != nil {
		base = *ind.Baseline
	}
	target := ind.Targets[p.End.Year()]
	share := float64(int(p.End.Month())) / 12 * (0.8 + 0.35*s.rng.Float64())
	v := base + (target-base)*share
	if ind.Unit == "%" {
		v = min(v, 100)
	}
	if ind.Aggregation == indicator.Sum && ind.Unit != "tỷ đồng" {
		return float64(int(v + 0.5))
	}
	return float64(int(v*10+0.5)) / 10
}

// clamp keeps t before today.
func (s *simulation) clamp(t time.Time) time.Time {
	if t.After(s.latest) {
		return s.latest.Add(-time.Duration(s.rng.IntN(600)) * time.Minute)
	}
	return t
}

// at is a time in office hours in Vietnam (UTC+7) on day.
func at(day time.Time, r *rand.Rand) time.Time {
	return clock.DateOf(day).Add(time.Duration(60+r.IntN(540)) * time.Minute)
}

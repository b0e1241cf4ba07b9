package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// Links from a task to the upstream tasks it implements: read with their
// history and suggestions, set as a whole (the API's PUT, the task's links
// page), confirmed by plan (links_plan.go) or from a sheet (link_sheet.go).

// TaskLinks is a task's links: what it implements now, what implements it,
// the history of its links, and the plans it may link to.
type TaskLinks struct {
	Task plan.Task
	Plan plan.Plan
	// Current are its links now, in the order they were made.
	Current []UpstreamLink
	// Downstream are the tasks linked to it (it is their upstream task).
	Downstream []UpstreamLink
	// History is every link made and ended, oldest first.
	History []LinkEvent
	// Upstreams are the plans its tasks may link to: active, another plan,
	// of its level or above.
	Upstreams []plan.Plan
}

// UpstreamLink is one link with the task at its other end and that task's
// plan and STT.
type UpstreamLink struct {
	rollup.Link
	Task   plan.Task // the task at the other end
	Plan   plan.Plan // its plan
	Number int       // its STT in its plan
	By     string    // who made the link
}

// LinkEvent is one link made or ended.
type LinkEvent struct {
	At             time.Time
	By             string // the person; "" for the system
	Linked         bool   // made (true) or ended
	How            rollup.How
	UpstreamTaskID int64
	UpstreamTitle  string
	PlanCode       string
}

// TaskLinks reads task taskID's links. NotFound for an unknown task.
func (a *App) TaskLinks(ctx context.Context, by *auth.User, taskID int64) (_ *TaskLinks, err error) {
	defer derrors.Wrap(&err, "app.TaskLinks(%d)", taskID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	t, err := a.store.Task(ctx, taskID)
	if err != nil {
		return nil, notFoundAs(err, "Không có nhiệm vụ mã %d.", taskID)
	}
	p, err := a.store.Plan(ctx, t.PlanID)
	if err != nil {
		return nil, err
	}
	x := &TaskLinks{Task: *t, Plan: *p}
	links, err := a.store.TaskLinks(ctx, taskID)
	if err != nil {
		return nil, err
	}
	down, err := a.store.DownstreamLinks(ctx, taskID)
	if err != nil {
		return nil, err
	}
	r := newLinkReader(a)
	names, err := r.userNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		other, err := r.task(ctx, l.UpstreamTaskID)
		if err != nil {
			return nil, err
		}
		x.History = append(x.History, LinkEvent{At: l.LinkedAt, By: names[l.LinkedBy], Linked: true, How: l.How,
			UpstreamTaskID: l.UpstreamTaskID, UpstreamTitle: rollup.TitleOf(&other.Task), PlanCode: other.Plan.Code})
		if !l.Current() {
			x.History = append(x.History, LinkEvent{At: l.UnlinkedAt, By: names[l.UnlinkedBy], How: l.How,
				UpstreamTaskID: l.UpstreamTaskID, UpstreamTitle: rollup.TitleOf(&other.Task), PlanCode: other.Plan.Code})
			continue
		}
		x.Current = append(x.Current, UpstreamLink{Link: l, Task: other.Task, Plan: other.Plan, Number: other.Number, By: names[l.LinkedBy]})
	}
	slices.SortStableFunc(x.History, func(a, b LinkEvent) int { return a.At.Compare(b.At) })
	for _, l := range down {
		other, err := r.task(ctx, l.TaskID)
		if err != nil {
			return nil, err
		}
		x.Downstream = append(x.Downstream, UpstreamLink{Link: l, Task: other.Task, Plan: other.Plan, Number: other.Number, By: names[l.LinkedBy]})
	}
	if x.Upstreams, err = a.upstreamPlans(ctx, p); err != nil {
		return nil, err
	}
	return x, nil
}

// SetTaskLinks makes the upstream tasks task taskID implements exactly
// upstreamIDs (of any plan), how saying how the new links were chosen,
// in one transaction with its audit row. A link the rules refuse (another
// plan of the same level or above, in force, the task still in it, no
// plans implementing each other) is Invalid (field "upstream_task_ids")
// and nothing changes; a task of a replaced or closed plan is ReadOnly.
func (a *App) SetTaskLinks(ctx context.Context, by *auth.User, taskID int64, upstreamIDs []int64, how rollup.How) (_ *TaskLinks, err error) {
	defer derrors.Wrap(&err, "app.SetTaskLinks(%d)", taskID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	if len(upstreamIDs) > maxLinksPerTask {
		return nil, derrors.InvalidFields(map[string]string{"upstream_task_ids": "Một nhiệm vụ liên kết tối đa 50 nhiệm vụ cấp trên."}, "")
	}
	_, err = a.store.SetTaskLinks(ctx, userID(by), []store.LinkSet{{TaskID: taskID, UpstreamTaskIDs: upstreamIDs}}, how, false)
	if err := linkError(err, taskID); err != nil {
		return nil, err
	}
	return a.TaskLinks(ctx, by, taskID)
}

// maxLinksPerTask bounds one task's links: a task implements a few
// upstream tasks, never hundreds.
const maxLinksPerTask = 50

// linkError words the store's refusals of a link write about task taskID.
func linkError(err error, taskID int64) error {
	var le *rollup.LinkError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le):
		return derrors.InvalidFields(map[string]string{"upstream_task_ids": le.Message()}, le.Message())
	case errors.Is(err, derrors.ReadOnly):
		return derrors.New(derrors.ReadOnly, "Kế hoạch của nhiệm vụ này đã được thay thế hoặc đã kết thúc; chỉ còn để xem, không sửa được liên kết.")
	case errors.Is(err, derrors.NotFound):
		return derrors.New(derrors.NotFound, "Không có nhiệm vụ mã %d.", taskID)
	}
	return err
}

// upstreamPlans are the plans p's tasks may link to: active, not p, of
// p's level or above, in Vietnamese order of issuer and number.
func (a *App) upstreamPlans(ctx context.Context, p *plan.Plan) ([]plan.Plan, error) {
	all, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []plan.Plan
	for _, q := range all {
		if q.ID != p.ID && q.Status == plan.PlanActive && rollup.CanLinkLevels(p.Level, q.Level) {
			out = append(out, q)
		}
	}
	vntext.Sort(out, func(q plan.Plan) string { return fmt.Sprint(9-q.Level.Rank()) + " " + q.Issuer + " " + q.Code })
	return out, nil
}

// UpstreamCandidates lists the tasks of upstream plan upID a task of plan
// planID may link to: the ones whose text matches query (words without
// diacritics; all when empty), with their STT, at most limit (50 when
// ≤ 0). Used to choose a link by hand.
func (a *App) UpstreamCandidates(ctx context.Context, by *auth.User, upID int64, query string, limit int) (_ []Candidate, err error) {
	defer derrors.Wrap(&err, "app.UpstreamCandidates(%d)", upID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	tasks, err := a.store.PlanTasks(ctx, upID)
	if err != nil {
		return nil, err
	}
	numbers := rollup.Numbers(tasks)
	var out []Candidate
	for i := range tasks {
		t := &tasks[i]
		if numbers[t.ID] == 0 || query != "" && !vntext.Contains(t.Title+" "+t.Text, query) {
			continue
		}
		out = append(out, Candidate{TaskID: t.ID, Number: numbers[t.ID], Title: rollup.TitleOf(t)})
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// Candidate is an upstream task offered for a link: by hand (Score 0) or
// suggested by text similarity.
type Candidate struct {
	TaskID int64
	Number int
	Title  string
	Score  float64
}

// Percent is the suggestion's similarity in whole percent.
func (c Candidate) Percent() int { return int(c.Score*100 + 0.5) }

// SuggestLinks proposes, for task taskID, the tasks of upstream plan upID
// most like it (rollup.Suggester), best first.
func (a *App) SuggestLinks(ctx context.Context, by *auth.User, taskID, upID int64) (_ []Candidate, err error) {
	defer derrors.Wrap(&err, "app.SuggestLinks(%d, %d)", taskID, upID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	t, err := a.store.Task(ctx, taskID)
	if err != nil {
		return nil, notFoundAs(err, "Không có nhiệm vụ mã %d.", taskID)
	}
	up, err := a.store.PlanTasks(ctx, upID)
	if err != nil {
		return nil, err
	}
	return suggestions(rollup.NewSuggester(up), up, t), nil
}

// suggestions are s's suggestions for t as candidates among up.
func suggestions(s *rollup.Suggester, up []plan.Task, t *plan.Task) []Candidate {
	numbers := rollup.Numbers(up)
	byID := make(map[int64]*plan.Task, len(up))
	for i := range up {
		byID[up[i].ID] = &up[i]
	}
	var out []Candidate
	for _, x := range s.Suggest(t, 0) {
		u := byID[x.UpstreamTaskID]
		out = append(out, Candidate{TaskID: u.ID, Number: numbers[u.ID], Title: rollup.TitleOf(u), Score: x.Score})
	}
	return out
}

// linkReader reads the tasks and plans at the other end of links, each once.
type linkReader struct {
	a       *App
	tasks   map[int64]*linkedTask
	plans   map[int64]*plan.Plan
	numbers map[int64]map[int64]int // plan → task → STT
}

type linkedTask struct {
	Task   plan.Task
	Plan   plan.Plan
	Number int
}

func newLinkReader(a *App) *linkReader {
	return &linkReader{a: a, tasks: map[int64]*linkedTask{}, plans: map[int64]*plan.Plan{}, numbers: map[int64]map[int64]int{}}
}

func (r *linkReader) task(ctx context.Context, id int64) (*linkedTask, error) {
	if t := r.tasks[id]; t != nil {
		return t, nil
	}
	t, err := r.a.store.Task(ctx, id)
	if err != nil {
		return nil, err
	}
	p := r.plans[t.PlanID]
	if p == nil {
		if p, err = r.a.store.Plan(ctx, t.PlanID); err != nil {
			return nil, err
		}
		r.plans[t.PlanID] = p
	}
	n := r.numbers[t.PlanID]
	if n == nil {
		tasks, err := r.a.store.PlanTasks(ctx, t.PlanID)
		if err != nil {
			return nil, err
		}
		n = rollup.Numbers(tasks)
		r.numbers[t.PlanID] = n
	}
	x := &linkedTask{Task: *t, Plan: *p, Number: n[id]}
	r.tasks[id] = x
	return x, nil
}

// userNames are every user's name by ID, for histories (0: the system).
func (r *linkReader) userNames(ctx context.Context) (map[int64]string, error) {
	users, err := r.a.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.FullName
		if u.FullName == "" {
			names[u.ID] = u.Username
		}
	}
	return names, nil
}

package app

import (
	"context"
	"errors"
	"fmt"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// ReplacePlan makes plan newID the replacement of plan oldID, in one
// transaction: the old plan becomes read-only, and each unfinished old
// task in carry (old task ID → new task ID) is continued by its new task,
// which starts from the old one's accepted claim and progress. With
// dryRun nothing is kept: the result says what would happen. An Invalid
// error under "replaces" or "tasks" says why the plans refuse it.
func (a *App) ReplacePlan(ctx context.Context, by *auth.User, newID, oldID int64, carry map[int64]int64,
	dryRun bool) (_ *plan.ReplacementResult, err error) {
	defer derrors.Wrap(&err, "app.ReplacePlan(%d replaces %d)", newID, oldID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	if _, err := a.Plan(ctx, newID); err != nil {
		return nil, err // the plan in the path first: 404 before anything its body says
	}
	if oldID <= 0 {
		return nil, derrors.InvalidFields(plan.FieldErrors{"replaces": "Hãy chọn kế hoạch được thay thế (replaces: mã kế hoạch)."}, "")
	}
	res, err := a.store.ReplacePlan(ctx, userID(by), newID, oldID, carry, dryRun)
	var re *plan.ReplaceError
	switch {
	case errors.As(err, &re):
		field := "tasks"
		if re.OnPlans() {
			field = "replaces"
		}
		return nil, derrors.InvalidFields(plan.FieldErrors{field: replaceRefusal(re)}, "")
	case err != nil:
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", newID)
	}
	return res, nil
}

// replaceRefusal is the Vietnamese for why the plans refuse a replacement.
func replaceRefusal(e *plan.ReplaceError) string {
	switch e.Reason {
	case plan.ReplaceSelf:
		return "Kế hoạch không thể thay thế chính nó."
	case plan.ReplaceOldMissing:
		return fmt.Sprintf("Không có kế hoạch mã %d.", e.PlanID)
	case plan.ReplaceOldEnded:
		return fmt.Sprintf("Kế hoạch %s đã được thay thế hoặc đã kết thúc.", e.PlanCode)
	case plan.ReplaceAlreadyReplaces:
		return fmt.Sprintf("Kế hoạch này đã thay thế một kế hoạch khác (mã %d).", e.PlanID)
	case plan.ReplaceTaken:
		return fmt.Sprintf("Nhiệm vụ mới mã %d đã nhận nhiệm vụ cũ mã %d; mỗi nhiệm vụ mới tiếp nối một nhiệm vụ cũ.",
			e.TaskID, e.OtherTaskID)
	case plan.ReplaceNotNewTask:
		return fmt.Sprintf("Nhiệm vụ mã %d không thuộc kế hoạch mới.", e.TaskID)
	case plan.ReplaceNotOpenOld:
		return fmt.Sprintf("Nhiệm vụ mã %d không phải nhiệm vụ chưa hoàn thành của kế hoạch cũ.", e.TaskID)
	}
	return "Không thay thế được kế hoạch."
}

// ReplaceablePlans reads plan id and the plans it may replace: the others
// that are active or in draft, newest first.
func (a *App) ReplaceablePlans(ctx context.Context, by *auth.User, id int64) (*plan.Plan, []plan.Plan, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, nil, err
	}
	p, err := a.Plan(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	all, err := a.store.Plans(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []plan.Plan
	for _, o := range all {
		if o.ID != p.ID && (o.Status == plan.PlanActive || o.Status == plan.PlanDraft) {
			out = append(out, o)
		}
	}
	return p, out, nil
}

// CarryProposal is one unfinished task of a plan being replaced, with the
// task of the new plan proposed to continue it (plan.SuggestCarry).
type CarryProposal struct {
	Old   plan.Task
	New   *plan.Task // nil when no new task is alike enough
	Score float64    // plan.Similarity of the two, 0 without New
}

// ReplacementProposal is what a replacement starts from: the unfinished
// tasks of both plans and, for each old one, its proposed continuation.
type ReplacementProposal struct {
	Plan, Old *plan.Plan
	Rows      []CarryProposal // in the old plan's order
	NewTasks  []plan.Task     // the new plan's unfinished tasks, in order
}

// ProposeReplacement reads the unfinished tasks of plan oldID, which plan
// newID is to replace, and pairs each with the new plan's task most like
// it by its words (without diacritics), one to one. NotFound names a plan
// missing.
func (a *App) ProposeReplacement(ctx context.Context, by *auth.User, newID, oldID int64) (*ReplacementProposal, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	out := &ReplacementProposal{}
	var err error
	if out.Plan, err = a.Plan(ctx, newID); err != nil {
		return nil, err
	}
	if out.Old, err = a.Plan(ctx, oldID); err != nil {
		return nil, err
	}
	oldTasks, err := a.store.OpenTasks(ctx, oldID)
	if err != nil {
		return nil, err
	}
	if out.NewTasks, err = a.store.OpenTasks(ctx, newID); err != nil {
		return nil, err
	}
	byID := map[int64]*plan.Task{}
	for i := range out.NewTasks {
		byID[out.NewTasks[i].ID] = &out.NewTasks[i]
	}
	best := map[int64]plan.Suggestion{}
	for _, s := range plan.SuggestCarry(oldTasks, out.NewTasks) {
		best[s.OldTaskID] = s
	}
	out.Rows = make([]CarryProposal, len(oldTasks))
	for i, t := range oldTasks {
		out.Rows[i].Old = t
		if s, ok := best[t.ID]; ok {
			out.Rows[i].New, out.Rows[i].Score = byID[s.NewTaskID], s.Score
		}
	}
	return out, nil
}

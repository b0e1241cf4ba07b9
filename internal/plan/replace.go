package plan

import "fmt"

// CarryMove is an old task carried into a new one by a replacement, with
// the claim it brings.
type CarryMove struct {
	OldTaskID, NewTaskID int64
	OldTitle, NewTitle   string
	Claim                Claim
	Progress             int
}

// ReplacementResult is what replacing a plan did — or, on a dry run,
// would do.
type ReplacementResult struct {
	Carried []CarryMove
	Left    []int64 // unfinished old tasks not carried: they end with the old plan
}

// Carryover names what a task continues and what continues it.
type Carryover struct {
	From []CarriedTask // old tasks this one continues
	Into *CarriedTask  // the task that continues this one; nil when none
}

// CarriedTask is one end of a carry-over, with its plan.
type CarriedTask struct {
	TaskID   int64
	Title    string
	PlanID   int64
	PlanCode string
}

// ReplaceReason says why the stored plans refuse a replacement.
type ReplaceReason string

// Reasons the stored plans give.
const (
	ReplaceSelf ReplaceReason = "self" // a plan cannot replace itself
	// ReplaceOldMissing: there is no plan PlanID to replace.
	ReplaceOldMissing ReplaceReason = "old_missing"
	// ReplaceOldEnded: plan PlanCode was replaced or closed already.
	ReplaceOldEnded ReplaceReason = "old_ended"
	// ReplaceAlreadyReplaces: the new plan already replaces plan PlanID.
	ReplaceAlreadyReplaces ReplaceReason = "already_replaces"
	// ReplaceTaken: new task TaskID already continues old task OtherTaskID;
	// each new task continues one old task.
	ReplaceTaken ReplaceReason = "taken"
	// ReplaceNotNewTask: task TaskID is not one of the new plan's.
	ReplaceNotNewTask ReplaceReason = "not_new_task"
	// ReplaceNotOpenOld: task TaskID is not an unfinished task of the old plan.
	ReplaceNotOpenOld ReplaceReason = "not_open_old"
)

// ReplaceError is a replacement the stored plans refuse; nothing changed.
type ReplaceError struct {
	Reason              ReplaceReason
	PlanID              int64
	PlanCode            string
	TaskID, OtherTaskID int64
}

func (e *ReplaceError) Error() string {
	return fmt.Sprintf("plan: replacement refused: %s (plan %d %q, task %d, other %d)", e.Reason, e.PlanID, e.PlanCode,
		e.TaskID, e.OtherTaskID)
}

// OnPlans reports whether the refusal is about the plans (the request's
// "replaces") rather than the tasks carried ("tasks").
func (e *ReplaceError) OnPlans() bool {
	switch e.Reason {
	case ReplaceSelf, ReplaceOldMissing, ReplaceOldEnded, ReplaceAlreadyReplaces:
		return true
	}
	return false
}

package reporting

import (
	"cmp"
	"slices"
	"time"

	"tiendo/internal/plan"
)

// Task history actions: what a decision did to a task.
const (
	HistoryAdded      = "added"      // an amendment added it to the plan
	HistoryChanged    = "changed"    // an amendment changed it
	HistoryRemoved    = "removed"    // an amendment removed it from the plan
	HistoryReorganise = "reorganise" // a reorganisation moved it to other agencies
)

// TaskAmendment is what one amendment did to a task (add, change, remove),
// as store.AmendPlan records it.
type TaskAmendment struct {
	Amendment plan.Amendment
	Action    string // "add", "change", "remove"
}

// FieldChange is one versioned field an amendment changed: the value
// before, and the value in force after (the next version's, or the task's
// now).
type FieldChange struct {
	Field    string // plan.FieldTitle, …
	Old, New string
}

// AgencyChange is a change of lead or cooperating agencies: the
// arrangement ended and the one that followed it.
type AgencyChange struct {
	OldLead, NewLead int64
	OldCoop, NewCoop []int64
}

// HistoryEvent is one decision in a task's history: an amendment that
// added, changed or removed it, or a reorganisation that moved it.
type HistoryEvent struct {
	Action      string // HistoryAdded, …
	AmendmentID int64  // 0 for a reorganisation
	Decision    string // the decision's số, ký hiệu
	IssuedOn    time.Time
	Effective   time.Time
	Fields      []FieldChange // HistoryChanged: the versioned fields changed
	Agencies    *AgencyChange // HistoryChanged and HistoryReorganise: the agencies changed
}

// TaskHistory is task t's history from the decisions recorded about it,
// oldest first: what each amendment did (acts), the versions amendments
// ended (vers) and the arrangements amendments and reorganisations ended
// (arr), each of t. Each version and arrangement is compared with what its
// decision set, as kept with it, so that no later edit rewrites history;
// rows written before that was kept (migration 00024) are compared with the
// one that followed them, or with t as it is now.
func TaskHistory(t *plan.Task, acts []TaskAmendment, vers []plan.TaskVersion, arr []Arrangement) []HistoryEvent {
	vers = slices.Clone(vers)
	slices.SortStableFunc(vers, func(a, b plan.TaskVersion) int { return a.Until.Compare(b.Until) })
	arr = slices.Clone(arr)
	slices.SortStableFunc(arr, func(a, b Arrangement) int { return a.Until.Compare(b.Until) })

	var out []HistoryEvent
	byAmendment := map[int64]int{} // amendment ID → index in out of its "changed" event
	for _, a := range acts {
		e := HistoryEvent{AmendmentID: a.Amendment.ID, Decision: a.Amendment.Number, IssuedOn: a.Amendment.IssuedOn,
			Effective: a.Amendment.Effective}
		switch a.Action {
		case "add":
			e.Action = HistoryAdded
		case "remove":
			e.Action = HistoryRemoved
		default:
			e.Action = HistoryChanged
			byAmendment[a.Amendment.ID] = len(out)
		}
		out = append(out, e)
	}
	now := plan.VersionOf(t)
	for i := range vers {
		next := &now
		if i+1 < len(vers) {
			next = &vers[i+1]
		}
		j, ok := byAmendment[vers[i].AmendmentID]
		if !ok {
			continue
		}
		for _, f := range vers[i].Changed {
			// What the amendment set, as kept with it; before that was kept,
			// the next version's value (or the task's, for the last).
			set, ok := vers[i].Set[f]
			if !ok {
				set = next.Field(f)
			}
			out[j].Fields = append(out[j].Fields, FieldChange{Field: f, Old: vers[i].Field(f), New: set})
		}
	}
	for i, a := range arr {
		c := &AgencyChange{OldLead: a.LeadAgencyID, OldCoop: a.CooperatingAgencyIDs,
			NewLead: t.LeadAgencyID, NewCoop: t.CooperatingAgencyIDs}
		switch {
		case a.SetKnown:
			c.NewLead, c.NewCoop = a.SetLead, a.SetCooperating
		case i+1 < len(arr):
			c.NewLead, c.NewCoop = arr[i+1].LeadAgencyID, arr[i+1].CooperatingAgencyIDs
		}
		if j, ok := byAmendment[a.AmendmentID]; ok && a.AmendmentID != 0 {
			out[j].Agencies = c
			continue
		}
		out = append(out, HistoryEvent{Action: HistoryReorganise, Decision: a.Decision, Effective: a.Until, Agencies: c})
	}
	slices.SortStableFunc(out, func(a, b HistoryEvent) int {
		return cmp.Or(a.Effective.Compare(b.Effective), cmp.Compare(a.AmendmentID, b.AmendmentID))
	})
	return out
}

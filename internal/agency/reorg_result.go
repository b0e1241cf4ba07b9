package agency

import "time"

// ReorgMove is one thing that moves to a successor in a reorganisation: a
// task's lead, a cooperation, an indicator, an account or a report.
type ReorgMove struct {
	ID    int64
	Label string // title, code and name, username, or period
	From  int64  // agency
	// To is the agency it moves to; 0: none (a dissolution without
	// successor), or, on a dry run that makes a new agency, that agency.
	To int64
}

// ReorgResult is what a reorganisation moved — or, on a dry run, would move.
type ReorgResult struct {
	// ID is the reorganisation's record (ReorgRecord), for its undo; 0 on
	// a dry run. UndoUntil is the day from which undo is refused.
	ID          int64
	UndoUntil   time.Time
	SuccessorID int64 // the successor (Into, or the agency New made; 0 on a dry run that makes one, or none)
	Ended       []ReorgMove
	Tasks       []ReorgMove // lead agency changed
	// Cooperations are the tasks (ID) an ended agency cooperated on.
	Cooperations []ReorgMove
	Indicators   []ReorgMove
	Users        []ReorgMove
	Reports      []ReorgMove // reports not yet sent, merged into the successor's report of the period
}

// Forget replaces the ID of an agency made by a rolled-back dry run with 0
// everywhere in res: that ID was never kept, and may be given to another
// agency later.
func (res *ReorgResult) Forget(id int64) {
	if res.SuccessorID == id {
		res.SuccessorID = 0
	}
	for _, list := range [][]ReorgMove{res.Ended, res.Tasks, res.Cooperations, res.Indicators, res.Users, res.Reports} {
		for i := range list {
			if list[i].To == id {
				list[i].To = 0
			}
		}
	}
}

// UndoResult is what undoing a reorganisation wrote back.
type UndoResult struct {
	IDs      []int64 // the reorganisations undone (those applied together), last applied first
	Restored int     // rows written back as they were
	Removed  int     // rows the reorganisations had made (a successor agency, merged reports…), removed
}

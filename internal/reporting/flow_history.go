package reporting

import "time"

// FlowStep is one step of a report's flow as its history shows it: who
// submitted, returned (why) or accepted it, or started a correction from
// it, and when.
type FlowStep struct {
	Action Action // ActSubmit, ActReturn, ActAccept or ActRevise
	// State is the state the step left the report in (a report revised
	// stays accepted; the new revision is a draft of its own).
	State  State
	At     time.Time // the step's own time (the injected clock's)
	By     int64     // the user; 0 for the system
	Reason string    // a return's reason
	// OnTime is set for a submission: whether it was on or before the due day.
	OnTime *bool
}

// ReportChange is a save in a report's history other than a flow step:
// a line, a contribution, a value, the texts, a file.
type ReportChange struct {
	Action string // the audit action: "report.entry", "report.file.add", …
	At     time.Time
	By     int64
}

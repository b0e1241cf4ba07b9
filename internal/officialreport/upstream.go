package officialreport

import "tiendo/internal/plan"

// Upstream is the optional part of the official report "Kết quả thực
// hiện các nhiệm vụ cấp trên giao": for each plan above the report's plan
// (the national programme, a ministry's plan) whose tasks the plan's
// tasks implement, each of its tasks the plan's tasks are linked to, with
// those tasks' status, progress and result in the period — the plan's own
// part of the upstream plan's roll-up.
type Upstream struct {
	PlanCode, PlanTitle string // the upstream plan
	Issuer              string
	Period              string // the upstream plan's period the part is of
	Tasks               []UpstreamTask
}

// UpstreamTask is one upstream task with the plan's tasks linked to it.
type UpstreamTask struct {
	Number int // its STT in the upstream plan
	Title  string
	Status plan.Status // the plan's part combined by the roll-up rule
	Parts  []UpstreamPart
}

// UpstreamPart is one of the plan's tasks implementing an upstream task.
type UpstreamPart struct {
	Number   int // its STT in the plan
	Title    string
	Agency   string // the lead agency in the period
	Status   plan.Status
	Progress int
	Result   string // the latest accepted result up to the period
}

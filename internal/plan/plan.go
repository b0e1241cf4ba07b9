// Package plan holds the plan register's domain: plans (kế hoạch), their
// section tree (mục, nhóm nhiệm vụ), tasks (nhiệm vụ, giải pháp), deadlines
// as plans write them, cited legal documents and the computed task status.
//
// It is pure: no SQL, no HTTP. The store persists these types; the importer
// produces them; the web and API layers show them.
package plan

import (
	"time"
)

// Status of a plan as a whole.
type PlanStatus string

// Plan statuses.
const (
	PlanDraft    PlanStatus = "draft"    // being prepared, not yet in force
	PlanActive   PlanStatus = "active"   // in force; agencies report on it
	PlanReplaced PlanStatus = "replaced" // superseded by another plan; read-only
	PlanClosed   PlanStatus = "closed"   // finished; read-only
)

// Valid reports whether s is a known plan status.
func (s PlanStatus) Valid() bool {
	switch s {
	case PlanDraft, PlanActive, PlanReplaced, PlanClosed:
		return true
	}
	return false
}

// Plan is a kế hoạch: the document a province (or ministry) issues.
type Plan struct {
	ID         int64
	Code       string    // số, ký hiệu: "60/KH-UBND"; may be empty until known
	IssuedOn   time.Time // ngày ban hành; zero when unknown
	Issuer     string    // "UBND tỉnh Cà Mau"
	Level      Level     // national, ministry, province or commune; LevelOfIssuer when not set
	Title      string    // the title line after "KẾ HOẠCH"
	Status     PlanStatus
	ReplacesID int64  // the plan this one replaces; 0 when none
	Replaces   string // the replaced plan's code as cited in the text ("60/KH-UBND"), kept even when that plan is not in the register
	// ReportingRule is the reporting rule sentence found in the plan
	// (section VI), kept verbatim so the coordinator can set the regime.
	ReportingRule string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// SectionKind says what a section is in the document's numbering.
type SectionKind string

// Section kinds, from the outermost numbering level inwards.
const (
	KindPart     SectionKind = "part"     // "I.", "II." — Roman parts
	KindGroup    SectionKind = "group"    // "1." — a task group under a part
	KindSubgroup SectionKind = "subgroup" // "4.1." — and deeper decimal levels
	KindItem     SectionKind = "item"     // "a)" — lettered items
)

// Section is a mục or nhóm nhiệm vụ: one node of the plan's tree.
type Section struct {
	ID       int64
	PlanID   int64
	ParentID int64 // 0 for a top-level part
	Kind     SectionKind
	Number   string // the number as written at its own level: "III", "4.2", "a"
	Label    string // full label for people: "III", "III.4", "III.4.2", "III.4.2.a"
	Title    string // heading text without the number
	// Body holds the section's own paragraphs that are not tasks (plan text
	// of parts I, II, V, VI), one paragraph per line.
	Body string
	Ord  int // position among its siblings, from 1
	// HoldsTasks is true when paragraphs under this section are tasks
	// (everything under part III of the reference plan).
	HoldsTasks bool
	// TaskCount is filled by readers that count tasks in this section and
	// all its descendants; it is not stored.
	TaskCount int
}

// Task is a nhiệm vụ / giải pháp of a plan.
type Task struct {
	ID        int64
	PlanID    int64
	SectionID int64
	Ord       int    // position within its section, from 1
	Title     string // short title for lists, derived from Text unless set
	Text      string // the full paragraph as in the plan
	// LeadAgencyID is the cơ quan chủ trì; 0 while unassigned.
	LeadAgencyID int64
	// CooperatingAgencyIDs are the cơ quan phối hợp.
	CooperatingAgencyIDs []int64
	// Deadline is the current thời hạn, after approved extensions (gia
	// hạn); status is judged against it.
	Deadline Deadline
	// OriginalDeadline is the thời hạn as the plan first set it, kept when
	// an extension changes Deadline: the yearly evaluation uses it. The
	// store fills it from Deadline when a task is created without one.
	OriginalDeadline Deadline
	Product          string // sản phẩm dự kiến
	// MentionedAgencyIDs are agencies the text names (found by the
	// importer); a suggestion for assignment, not an assignment.
	MentionedAgencyIDs []int64
	References         []Reference // documents the task text cites

	// Progress fields, kept by the store from the latest accepted report
	// (the coordinator's acceptance is the confirmation): the claim of the
	// latest period wins.
	Progress    int       // % reported by the lead agency, 0–100
	CompletedOn time.Time // completion date once confirmed; zero if not completed
	ReportedAt  time.Time // last accepted report touching this task; zero if none
	Claim       Claim     // status claimed in that report; ClaimNone when none
	ClaimReason string    // the reason given with a paused or cancelled claim
	ClaimPeriod time.Time // start day of the period whose accepted report made the claim; zero if none

	// AddedOn and RemovedOn are the effective days of the amendments that
	// added the task to the plan and removed it; zero: in the plan as
	// first issued, and still in it. A removed task keeps its history.
	AddedOn   time.Time
	RemovedOn time.Time

	Version   int // optimistic-locking counter, incremented on every update
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Completed reports whether the task's completion has been confirmed.
func (t *Task) Completed() bool { return !t.CompletedOn.IsZero() }

// Draft is a plan read from a document, not yet stored: the importer's
// output and the store's input for creating a whole plan in one transaction.
type Draft struct {
	Plan     Plan
	Sections []DraftSection // in document order; parents come before children
	Tasks    []DraftTask    // in document order
	// References are the documents the plan itself cites (title block,
	// parts I, II, V, VI), in order of first citation; tasks keep their own.
	References []Reference
}

// DraftSection is a section of a Draft; Parent indexes Draft.Sections, -1 at the top.
type DraftSection struct {
	Section
	Parent int
}

// DraftTask is a task of a Draft; Section indexes Draft.Sections.
type DraftTask struct {
	Task
	Section int
	// LeadName is the lead agency as the document writes it when the
	// register does not know it (LeadAgencyID is then 0); CooperatingNames
	// are the cooperating agencies the register does not know. An unknown
	// name never blocks an import: the store resolves these names against
	// the agencies created with the import, and a task whose name nobody
	// mapped or created stays unassigned, the name kept in its text.
	LeadName         string
	CooperatingNames []string
}

// TaskFilter selects and orders tasks of one plan for lists.
type TaskFilter struct {
	PlanID    int64
	Query     string // free text, matched without diacritics
	AgencyID  int64  // lead or cooperating agency; 0 for any
	SectionID int64  // this section and its descendants; 0 for any
	Status    string // "" any, "open" not done (Status.Open), or a Status code — as StatusNow judges on Now
	Sort      string // "order" (default) or "due"
	// Now is what the status filter judges on (the day, the plan's
	// due-soon window and current period): every status but done on time,
	// done late, paused and cancelled needs its day.
	Now    Now
	Limit  int
	Offset int
}

// Amendment is a later decision changing a plan from a day on: tasks it
// adds, tasks it changes and tasks it removes (Task.AddedOn, TaskVersion,
// Task.RemovedOn). The plan keeps every version's tasks, so the figures of
// a period count the plan as it was then.
type Amendment struct {
	ID        int64
	PlanID    int64
	Number    string    // số, ký hiệu of the decision: "215/QĐ-UBND"
	IssuedOn  time.Time // ngày ban hành; zero when not given
	Effective time.Time // the first day of the amended plan
	Note      string
	CreatedAt time.Time
	CreatedBy int64
	Added     []int64 // task IDs, filled by readers
	Changed   []int64
	Removed   []int64
}

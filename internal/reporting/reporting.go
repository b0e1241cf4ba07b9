// Package reporting holds periodic reporting (báo cáo định kỳ): a plan's
// reporting regime and the periods it generates, who must report, the
// report of one agency for one period with its entries, contributions,
// indicator values and evidence files, the draft → submitted → accepted
// flow and its rules, extension and amendment requests, and the
// ready-to-render shapes of "Việc của tôi".
//
// It is pure: no SQL, no HTTP. The store persists these types and calls the
// flow rules (Can) inside its transactions; web and API show them.
package reporting

import (
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// Actor is who makes a reporting write, and when. Now comes from the
// injected Clock (serve --clock fixes it for training and demos): it is
// the time recorded as submitted_at, accepted_at, … and its day in Vietnam
// decides lateness and whether a period has started.
type Actor struct {
	User *auth.User
	Now  time.Time
}

// Today is the actor's calendar day in Vietnam, at midnight UTC (the form
// dates are stored in).
func (a Actor) Today() time.Time { return clock.Today(clock.Fixed(a.Now)) }

// UserID is the acting user's ID for the audit log; 0 for the system.
func (a Actor) UserID() int64 {
	if a.User == nil {
		return 0
	}
	return a.User.ID
}

// State is where a report is in the flow. The codes are the API's.
type State string

// Report states.
const (
	StateNotStarted State = "not_started" // expected, nothing saved yet
	StateDraft      State = "draft"       // being written by the agency
	StateSubmitted  State = "submitted"   // approved and sent by the agency's head; waits for the coordinator
	StateReturned   State = "returned"    // sent back by the coordinator with a reason; the agency fixes and resubmits
	StateAccepted   State = "accepted"    // accepted by the coordinator; locked
)

// States lists every state in flow order.
var States = []State{StateNotStarted, StateDraft, StateSubmitted, StateReturned, StateAccepted}

// Label is the Vietnamese name of the state.
func (s State) Label() string {
	switch s {
	case StateNotStarted:
		return "Chưa lập"
	case StateDraft:
		return "Đang soạn"
	case StateSubmitted:
		return "Đã gửi, chờ tiếp nhận"
	case StateReturned:
		return "Bị trả lại"
	case StateAccepted:
		return "Đã tiếp nhận"
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, v := range States {
		if v == s {
			return true
		}
	}
	return false
}

// Editable reports whether the agency may still change a report in this
// state (not yet sent, or sent back).
func (s State) Editable() bool {
	return s == StateNotStarted || s == StateDraft || s == StateReturned
}

// Received reports whether a report in this state counts as received by
// the coordinator for completeness (sent and not sent back).
func (s State) Received() bool { return s == StateSubmitted || s == StateAccepted }

// Texts are the free-text sections of a report.
type Texts struct {
	Summary      string // kết quả chung
	Difficulties string // khó khăn, vướng mắc
	Proposals    string // kiến nghị, đề xuất
	NextTasks    string // nhiệm vụ kỳ tới
}

// Report is one agency's report for one period of a plan. Each (period,
// agency) has one report per revision: a correction after acceptance is a
// new revision (Revision+1) that starts as a draft copy of the accepted one,
// which is kept unchanged and viewable. Current marks the newest revision.
type Report struct {
	ID       int64
	PlanID   int64
	PeriodID int64
	Period   Period // filled by the store on every read
	AgencyID int64
	Revision int  // 1, 2, …
	Current  bool // the newest revision of its (period, agency)
	State    State
	// Version is the optimistic-locking counter: incremented on every
	// change to the report or any of its entries, contributions, values and
	// files. Flow steps given a version check it (ErrConflict when stale).
	Version int
	Sample  bool // demo data (serve --demo), shown marked as such
	Texts   Texts

	CreatedAt    time.Time
	UpdatedAt    time.Time
	UpdatedBy    int64
	SubmittedAt  time.Time // last submission; zero when never submitted
	SubmittedBy  int64
	OnTime       bool // the last submission was on or before Period.Due; meaningful only when SubmittedAt is set
	AcceptedAt   time.Time
	AcceptedBy   int64
	ReturnedAt   time.Time // last return; zero when never returned
	ReturnedBy   int64
	ReturnReason string // the coordinator's reason for the last return

	// Filled by the store's Report (one report, whole), not by lists.
	Entries       []Entry          // one per task the agency leads that is open in the period, in plan order
	Contributions []Contribution   // the agency's own contributions, one per task it cooperates on
	Values        []IndicatorValue // one per indicator the agency answers for
	Files         []File           // evidence files (metadata; the bytes are read one at a time)
}

// Locked reports whether the report can no longer change (accepted, or an
// older revision).
func (r *Report) Locked() bool { return r.State == StateAccepted || !r.Current }

// Frozen reports whether the report shows what was saved only, without
// blank lines for tasks and indicators not yet reported: once sent
// (submitted), accepted, or an older revision. A submitted report was
// complete when sent, so nothing it must hold is missing.
func (r *Report) Frozen() bool { return r.Locked() || r.State == StateSubmitted }

// Entry is the report's line for one task the agency leads.
type Entry struct {
	ID       int64
	ReportID int64
	TaskID   int64
	Status   plan.Claim // the claimed status; ClaimNone until the agency says
	Percent  int        // % progress, 0–100
	Result   string     // kết quả đạt được
	// Evidence lists the documents cited as evidence, one per line, by
	// number and date ("Quyết định số 12/QĐ-UBND ngày 03/4/2026").
	Evidence     string
	Difficulties string    // khó khăn, vướng mắc
	Proposals    string    // kiến nghị, đề xuất
	CompletedOn  time.Time // required when Status is completed
	Reason       string    // required when Status is paused or cancelled
	// Explanation (giải trình) says why progress went down from the
	// previous accepted report, or why a task reported completed is now
	// reported unfinished; the form asks for it (EntryWarnings), never
	// requires it.
	Explanation string
	// Version counts saves of this entry: 0 before the first save. A save
	// must give the version it read (ErrConflict otherwise).
	Version   int
	UpdatedAt time.Time
	UpdatedBy int64

	// Contributions of the cooperating agencies to this task in the same
	// period, filled by the store's Report so the lead sees them inside its
	// own entry. Read-only here.
	Contributions []Contribution
	// Previous is the task's line in the latest accepted report before
	// this one (an earlier period, or an earlier revision of this one),
	// nil when there is none; Warnings are what this line says against it
	// (EntryWarnings). Both are filled by the use cases that read or save
	// a report, never stored.
	Previous *TaskResult
	Warnings []EntryWarning
}

// Contribution is a cooperating agency's part of a task, written in its own
// report for the period.
type Contribution struct {
	ID       int64
	ReportID int64
	TaskID   int64
	AgencyID int64 // the cooperating agency (filled on read)
	Text     string
	Version  int // 0 before the first save
	// State is the state of the report the contribution belongs to (filled
	// when it is shown inside the lead's entry: a draft contribution may
	// still change).
	State     State
	UpdatedAt time.Time
	UpdatedBy int64
}

// IndicatorValue is the value of one indicator (chỉ tiêu) for the period,
// given by the agency that answers for it.
type IndicatorValue struct {
	ID          int64
	ReportID    int64
	IndicatorID int64
	Value       *float64 // nil while not given
	Note        string
	Version     int // 0 before the first save
	UpdatedAt   time.Time
	UpdatedBy   int64
}

// File is an evidence file attached to a report (to one task's entry or to
// the report as a whole). The bytes are stored in the database.
type File struct {
	ID          int64
	ReportID    int64
	TaskID      int64  // 0 for the report as a whole
	Name        string // the file name as uploaded
	ContentType string // from SniffFile, never from the client
	Size        int64
	SHA256      string // hex
	UploadedAt  time.Time
	UploadedBy  int64
}

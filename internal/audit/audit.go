// Package audit holds the audit log's domain: its entries and the filter
// of the audit page, the Vietnamese names of the recorded actions, and the
// hash chain that makes the log tamper-evident — how a row is hashed
// (Hash) and how a chain read back is judged (Verifier). The store reads
// and writes the rows; this package says what they mean.
package audit

import "time"

// Entry is one line of the audit log.
type Entry struct {
	ID       int64
	At       time.Time
	UserID   int64  // 0 for the system (CLI, demo loader)
	Action   string // "task.update", "plan.create", …
	Object   string // "task", "plan", "agency", "user"
	ObjectID int64
	Detail   string // JSON: what changed
}

// Filter narrows the audit log for the audit page and its export. Zero
// fields do not filter.
type Filter struct {
	UserID   int64     // who acted
	AgencyID int64     // the agency of the user who acted
	Object   string    // "task", "report", "plan", …
	ObjectID int64     // with Object
	From, To time.Time // calendar days, both included (midnight in Vietnam)
	Before   int64     // keyset paging: rows with id below this
	Limit    int
}

// MaxObjectLen bounds Filter.Object: the kinds of object are short codes.
const MaxObjectLen = 64

// Check returns what is wrong with f, in Vietnamese, or "".
func (f Filter) Check() string {
	switch {
	case len(f.Object) > MaxObjectLen:
		return "Loại đối tượng không hợp lệ."
	case !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From):
		return "Ngày kết thúc phải sau ngày bắt đầu."
	}
	return ""
}

// Row is one audit entry with its place in the chain and the name of who
// acted.
type Row struct {
	Entry
	Seq         int64
	Username    string // "" for the system
	FullName    string
	ActorAgency string // the name of the agency of who acted; "" for none
}

// Actor names who acted: the full name and sign-in name, or the system.
func (r Row) Actor() string {
	switch {
	case r.UserID == 0:
		return "Hệ thống"
	case r.FullName != "":
		return r.FullName + " (" + r.Username + ")"
	default:
		return r.Username
	}
}

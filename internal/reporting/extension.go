package reporting

import (
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// ExtensionKind says what an agency asks to change in a task.
type ExtensionKind string

// Extension kinds.
const (
	ExtendDeadline ExtensionKind = "deadline" // gia hạn: a new deadline
	AmendContent   ExtensionKind = "content"  // điều chỉnh: changed title, text or product
)

// ExtensionState is where a request is.
type ExtensionState string

// Extension states.
const (
	ExtensionPending  ExtensionState = "pending"  // waits for the coordinator
	ExtensionApproved ExtensionState = "approved" // applied to the task
	ExtensionRefused  ExtensionState = "refused"  // refused, with the coordinator's note
)

// Label is the Vietnamese name of the state.
func (s ExtensionState) Label() string {
	switch s {
	case ExtensionPending:
		return "Chờ xử lý"
	case ExtensionApproved:
		return "Đã chấp thuận"
	case ExtensionRefused:
		return "Không chấp thuận"
	}
	return string(s)
}

// Extension is a request by a task's lead agency for a new deadline (gia
// hạn) or changed content (điều chỉnh), decided by the coordinator. An
// approved request changes the task's current deadline or content; the
// task keeps its original deadline, and the request keeps what the task
// said before (Old…), so the history reads request by request.
type Extension struct {
	ID       int64
	PlanID   int64
	TaskID   int64
	AgencyID int64 // the requesting (lead) agency
	Kind     ExtensionKind
	Reason   string // why the agency asks; required

	// For ExtendDeadline: the new deadline in words ("Quý IV/2026") and
	// the value read from them with plan.ParseDeadline.
	DeadlineText string
	Deadline     plan.Deadline

	// For AmendContent: the proposed title, text and product; an empty
	// field is left unchanged.
	Title, Text, Product string

	// What the task said when the request was made.
	OldDeadline                   plan.Deadline
	OldTitle, OldText, OldProduct string

	State       ExtensionState
	Note        string // the coordinator's note; required when refusing
	RequestedAt time.Time
	RequestedBy int64
	DecidedAt   time.Time
	DecidedBy   int64
	Version     int
}

// Extension errors.
var (
	ErrDecided      = newError("decided", "Đề nghị này đã được xử lý.", ErrWrongState)
	ErrNoteRequired = newError("note_required", "Hãy ghi rõ lý do không chấp thuận.", nil)
)

// CheckExtension normalises and validates a request before it is stored:
// a reason, and for a deadline a readable new deadline (parsed into
// e.Deadline), for content at least one changed field. Nil or an
// *InvalidError.
func CheckExtension(e *Extension) error {
	for _, p := range []*string{&e.Reason, &e.DeadlineText, &e.Title, &e.Text, &e.Product} {
		*p = strings.TrimSpace(vntext.NFC(*p))
	}
	fe := plan.FieldErrors{}
	if e.Reason == "" {
		fe["reason"] = "Hãy nêu lý do đề nghị."
	} else if utf8.RuneCountInString(e.Reason) > MaxText {
		fe["reason"] = "Lý do quá dài (tối đa 20.000 ký tự)."
	}
	switch e.Kind {
	case ExtendDeadline:
		e.Title, e.Text, e.Product = "", "", ""
		if e.DeadlineText == "" {
			fe["deadline_text"] = "Hãy nhập thời hạn mới đề nghị (ví dụ: Quý IV/2026, 31/12/2026)."
			break
		}
		d, err := plan.ParseDeadline(e.DeadlineText)
		if err != nil {
			fe["deadline_text"] = err.Error()
			break
		}
		e.Deadline = d
	case AmendContent:
		e.DeadlineText, e.Deadline = "", plan.Deadline{}
		if e.Title == "" && e.Text == "" && e.Product == "" {
			fe["text"] = "Hãy nhập nội dung đề nghị điều chỉnh (tên, nội dung hoặc sản phẩm)."
		}
		if utf8.RuneCountInString(e.Text) > plan.MaxTaskText {
			fe["text"] = "Nội dung nhiệm vụ quá dài (tối đa 20.000 ký tự)."
		}
		if utf8.RuneCountInString(e.Title) > plan.MaxTaskTitle {
			fe["title"] = "Tên ngắn quá dài (tối đa 500 ký tự)."
		}
		if utf8.RuneCountInString(e.Product) > plan.MaxTaskProduct {
			fe["product"] = "Sản phẩm quá dài (tối đa 2.000 ký tự)."
		}
	default:
		fe["kind"] = "Hãy chọn loại đề nghị: gia hạn hoặc điều chỉnh nội dung."
	}
	return invalid(ErrInvalid, fe)
}

// CanRequestExtension says whether u may ask for a change to task t: the
// head or an officer of its lead agency.
func CanRequestExtension(u *auth.User, t *plan.Task) error {
	if u == nil || u.Disabled {
		return ErrForbidden
	}
	if u.Role != auth.RoleHead && u.Role != auth.RoleOfficer {
		return ErrAgencyOnly
	}
	if u.AgencyID == 0 || u.AgencyID != t.LeadAgencyID {
		return ErrNotAssigned
	}
	return nil
}

// CanDecideExtension says whether u may approve or refuse request e with
// the given note: the coordinator (or admin), on a pending request; a
// refusal needs a note.
func CanDecideExtension(u *auth.User, e *Extension, approve bool, note string) error {
	if u == nil || u.Disabled || u.Role != auth.RoleCoordinator && u.Role != auth.RoleAdmin {
		return ErrReviewOnly
	}
	if e.State != ExtensionPending {
		return ErrDecided
	}
	if !approve && strings.TrimSpace(note) == "" {
		return ErrNoteRequired
	}
	return nil
}

// CanViewExtension says whether u may see request e: the coordinator,
// admin and leaders all; an agency its own.
func CanViewExtension(u *auth.User, e *Extension) error {
	if u == nil || u.Disabled || !u.Role.Valid() {
		return ErrForbidden
	}
	if u.Role.NeedsAgency() && u.AgencyID != e.AgencyID {
		return ErrOtherAgency
	}
	return nil
}

// Apply changes task t as approved request e says: a new current deadline
// (the original stays in t.OriginalDeadline), or the proposed content.
func (e *Extension) Apply(t *plan.Task) {
	if t.OriginalDeadline == (plan.Deadline{}) {
		t.OriginalDeadline = t.Deadline
	}
	switch e.Kind {
	case ExtendDeadline:
		t.Deadline = e.Deadline
	case AmendContent:
		if e.Title != "" {
			t.Title = e.Title
		}
		if e.Text != "" {
			t.Text = e.Text
		}
		if e.Product != "" {
			t.Product = e.Product
		}
	}
}

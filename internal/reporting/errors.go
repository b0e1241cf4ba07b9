package reporting

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"tiendo/internal/plan"
)

// Error is a broken reporting rule. Its text is a Vietnamese message a
// person can act on, safe to show as is; Code is a stable English code for
// the API. Callers test errors with errors.Is against the Err… values: a
// specific error also matches its general kind (ErrHeadOnly is an
// ErrForbidden, ErrSubmitted an ErrWrongState).
type Error struct {
	code string
	msg  string
	kind *Error // the general error this one is a case of; nil for a general one
}

func newError(code, msg string, kind *Error) *Error { return &Error{code: code, msg: msg, kind: kind} }

// Error returns the Vietnamese message.
func (e *Error) Error() string { return e.msg }

// Code is the stable code: "forbidden", "locked", "reason_required", …
func (e *Error) Code() string { return e.code }

// Is makes a specific error match its general kind.
func (e *Error) Is(target error) bool {
	for k := e; k != nil; k = k.kind {
		if k == target {
			return true
		}
	}
	return false
}

// The rules' errors. Map the general ones to HTTP statuses: ErrForbidden
// 403; ErrLocked, ErrWrongState 409; ErrReasonRequired, ErrNotStarted,
// ErrInvalid, ErrNotExpected, ErrNotAssigned 422 (or the form again).
var (
	ErrForbidden    = newError("forbidden", "Bạn không có quyền thực hiện thao tác này.", nil)
	ErrOtherAgency  = newError("other_agency", "Đây là báo cáo của cơ quan khác: bạn chỉ được xem và sửa báo cáo của cơ quan mình.", ErrForbidden)
	ErrHeadOnly     = newError("head_only", "Chỉ lãnh đạo cơ quan mới được duyệt và gửi báo cáo; chuyên viên hãy lưu bản nháp và báo lãnh đạo.", ErrForbidden)
	ErrAgencyOnly   = newError("agency_only", "Chỉ cơ quan lập báo cáo mới được soạn, sửa và gửi báo cáo.", ErrForbidden)
	ErrReviewOnly   = newError("coordinator_only", "Chỉ cơ quan điều phối (Sở KH&CN) mới được tiếp nhận hoặc trả lại báo cáo.", ErrForbidden)
	ErrAcceptedOnly = newError("accepted_only", "Lãnh đạo tỉnh chỉ xem được báo cáo đã được tiếp nhận.", ErrForbidden)

	ErrLocked      = newError("locked", "Báo cáo đã được tiếp nhận nên đã khóa. Muốn điều chỉnh, hãy tạo phiên bản mới.", nil)
	ErrOldRevision = newError("old_revision", "Đây là phiên bản cũ của báo cáo, chỉ để xem; hãy mở phiên bản mới nhất.", ErrLocked)

	ErrWrongState   = newError("wrong_state", "Báo cáo không ở trạng thái cho phép thao tác này.", nil)
	ErrSubmitted    = newError("submitted", "Báo cáo đã gửi và đang chờ tiếp nhận; không sửa được. Nếu cần sửa, đề nghị Sở trả lại.", ErrWrongState)
	ErrNotSubmitted = newError("not_submitted", "Báo cáo chưa được gửi nên chưa thể tiếp nhận hay trả lại.", ErrWrongState)
	ErrNotAccepted  = newError("not_accepted", "Chỉ tạo được phiên bản mới từ báo cáo đã được tiếp nhận.", ErrWrongState)

	ErrReasonRequired = newError("reason_required", "Hãy ghi rõ lý do trả lại báo cáo để cơ quan biết cần sửa gì.", nil)
	ErrNotStarted     = newError("period_not_started", "Kỳ báo cáo chưa bắt đầu nên chưa thể lập hay gửi báo cáo.", nil)
	ErrNotExpected    = newError("not_expected", "Cơ quan không có nhiệm vụ phải báo cáo trong kỳ này.", nil)
	ErrNotAssigned    = newError("not_assigned", "Nhiệm vụ này không do cơ quan chủ trì (hoặc phối hợp) nên không báo cáo ở đây.", nil)
	// ErrIndicatorNotAssigned is ErrNotAssigned for an indicator value: the
	// report's agency does not answer for the indicator (or it is not of
	// the report's plan).
	ErrIndicatorNotAssigned = newError("not_assigned", "Chỉ tiêu này không do cơ quan phụ trách (hoặc không thuộc kế hoạch của báo cáo) nên không báo cáo ở đây.", ErrNotAssigned)

	ErrInvalid    = newError("invalid", "Dữ liệu chưa hợp lệ; hãy sửa các ô được đánh dấu.", nil)
	ErrIncomplete = newError("incomplete", "Báo cáo còn nhiệm vụ chưa khai tình trạng; hãy hoàn thành trước khi gửi.", ErrInvalid)

	ErrFileEmpty    = newError("file_empty", "Tệp rỗng.", ErrInvalid)
	ErrFileTooLarge = newError("file_too_large", "Tệp quá lớn: mỗi tệp tối đa 20 MB.", ErrInvalid)
	ErrFileType     = newError("file_type", "Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG.", ErrInvalid)
	ErrFileMismatch = newError("file_mismatch", "Nội dung tệp không khớp với phần mở rộng của tên tệp.", ErrInvalid)
	ErrFileZipBomb  = newError("file_zip_bomb", "Tệp Word/Excel có dung lượng giải nén bất thường (có thể là tệp độc hại “zip bomb”) nên bị từ chối. Hãy mở tệp gốc bằng Word/Excel, lưu lại rồi đính kèm; hoặc đính kèm bản PDF.", ErrInvalid)
)

// InvalidError carries the field errors of a rejected input. It matches
// ErrInvalid (and its Err, e.g. ErrIncomplete) with errors.Is; get the
// fields with errors.As.
type InvalidError struct {
	Err    *Error           // ErrInvalid or a specific case of it
	Fields plan.FieldErrors // field (API name, or "entries.<task id>") → Vietnamese message
}

// Error returns the general message followed by the fields' messages.
func (e *InvalidError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(e.Err.Error())
	for _, k := range keys {
		fmt.Fprintf(&b, " %s", e.Fields[k])
	}
	return b.String()
}

// Is matches e.Err and its kinds.
func (e *InvalidError) Is(target error) bool { return e.Err.Is(target) }

// invalid wraps field errors; nil when there are none.
func invalid(kind *Error, fe plan.FieldErrors) error {
	if len(fe) == 0 {
		return nil
	}
	return &InvalidError{Err: kind, Fields: fe}
}

// ErrorCode is the stable code of err for the API: the Code of the
// reporting Error in its chain, "" when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	var ie *InvalidError
	if errors.As(err, &ie) {
		return ie.Err.code
	}
	return ""
}

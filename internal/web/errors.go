package web

import (
	"errors"
	"net/http"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// Errors handlers return for the edge (fail) to turn into a page.
var (
	errNotFound  = errors.New("web: not found")
	errForbidden = errors.New("web: forbidden")
)

// formError asks fail to show a form again with the person's input and the
// problems found: 422 for invalid input, 409 for an edit that lost a race,
// 413 for an upload over the limit.
type formError struct {
	status int
	name   string // template
	page   *page
}

func (e *formError) Error() string { return "web: form rejected (" + e.name + ")" }

// reshow returns the error that re-renders form name with status.
func reshow(status int, name string, p *page) error {
	return &formError{status: status, name: name, page: p}
}

// messagePage is the data of the error page.
type messagePage struct {
	Status  int
	Message string
}

// fail is the one place where an error becomes a status code and a page a
// person can act on. Internal errors are logged and shown as a generic
// message: no SQL or Go error text ever reaches the browser.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var fe *formError
	switch {
	case errors.As(err, &fe):
		rerr := h.render(w, r, fe.status, fe.name, fe.page)
		if rerr == nil {
			return
		}
		err = rerr
	case errors.Is(err, errNotFound):
		h.message(w, r, http.StatusNotFound, msgNotFound)
		return
	case errors.Is(err, errForbidden):
		h.message(w, r, http.StatusForbidden, msgForbidden)
		return
	}
	if status, msg, ok := kindFailure(err); ok {
		h.message(w, r, status, msg)
		return
	}
	if status, msg, ok := reportingFailure(err); ok {
		h.message(w, r, status, msg)
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		h.message(w, r, http.StatusRequestEntityTooLarge, "Dữ liệu gửi lên quá lớn.")
		return
	}
	var bfe *badFormError
	if errors.As(err, &bfe) {
		h.message(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	h.log.Error("web: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	h.message(w, r, http.StatusInternalServerError, "Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau; nếu lỗi còn lặp lại, hãy báo quản trị viên.")
}

// message renders the error page; if even that fails it falls back to plain
// text. The report form's autosave (which asks for JSON) gets the message
// as JSON, to show beside the form it could not save.
func (h *handler) message(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if wantsJSON(r) {
		_ = writeJSON(w, status, autosaveReply{Message: msg})
		return
	}
	p := &page{Title: http.StatusText(status), Data: messagePage{Status: status, Message: msg}}
	switch status {
	case http.StatusBadRequest:
		p.Title = "Yêu cầu không hợp lệ"
	case http.StatusNotFound:
		p.Title = "Không tìm thấy"
	case http.StatusForbidden:
		p.Title = "Không có quyền truy cập"
	case http.StatusRequestEntityTooLarge:
		p.Title = "Dữ liệu quá lớn"
	case http.StatusConflict:
		p.Title = "Không thực hiện được"
	case http.StatusUnprocessableEntity:
		p.Title = "Chưa thực hiện được"
	case http.StatusTooManyRequests:
		p.Title = "Quá nhiều thao tác"
	default:
		p.Title = "Lỗi máy chủ"
	}
	if err := h.render(w, r, status, "message", p); err != nil {
		h.log.Error("web: rendering error page", "err", err)
		http.Error(w, msg, status)
	}
}

// The edge's words for each kind of failure, shown when the use case gave
// no message of its own.
const (
	msgNotFound  = "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu. Có thể nó đã bị xóa hoặc đường dẫn không đúng."
	msgForbidden = "Bạn không có quyền thực hiện thao tác này. Nếu cần, hãy liên hệ quản trị viên hoặc cơ quan điều phối."
	msgReference = "Dữ liệu liên quan (mục, cơ quan…) đã thay đổi hoặc không còn. Hãy tải lại trang rồi thử lại."
	msgReadOnly  = "Kế hoạch đã được thay thế hoặc đã kết thúc nên chỉ còn để xem; nhiệm vụ của nó không sửa được."
	msgInvalid   = "Dữ liệu chưa hợp lệ; hãy xem lại các ô được đánh dấu."
	msgDuplicate = "Dữ liệu trùng với một bản ghi đã có."
)

// kindFailure maps an error of a derrors kind to its status and the
// message to show: the use case's own when it gave one.
func kindFailure(err error) (status int, msg string, ok bool) {
	switch {
	case errors.Is(err, derrors.NotFound):
		status, msg = http.StatusNotFound, msgNotFound
	case errors.Is(err, derrors.Forbidden):
		status, msg = http.StatusForbidden, msgForbidden
	case errors.Is(err, derrors.Reference):
		status, msg = http.StatusConflict, msgReference
	case errors.Is(err, derrors.Conflict):
		status, msg = http.StatusConflict, msgChanged
	case errors.Is(err, derrors.Duplicate):
		status, msg = http.StatusConflict, msgDuplicate
	case errors.Is(err, derrors.ReadOnly):
		status, msg = http.StatusConflict, msgReadOnly
	case errors.Is(err, derrors.Invalid):
		status, msg = http.StatusUnprocessableEntity, msgInvalid
	default:
		return 0, "", false
	}
	if m := derrors.MessageOf(err); m != "" {
		msg = m
	}
	return status, msg, true
}

// msgChanged is shown when a flow step or save lost a race with someone
// else's change and there is no form to show again.
const msgChanged = "Dữ liệu vừa được người khác thay đổi. Hãy tải lại trang, xem lại rồi thử lại."

// reportingFailure maps a broken reporting rule to its status and its own
// Vietnamese message (the rule's text is written to be shown as is):
// forbidden 403; locked or wrong state 409; everything else a person can
// fix (reason required, period not started, not assigned, invalid input)
// 422.
func reportingFailure(err error) (status int, msg string, ok bool) {
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		return http.StatusUnprocessableEntity, ie.Error(), true
	}
	var re *reporting.Error
	if !errors.As(err, &re) {
		return 0, "", false
	}
	switch {
	case errors.Is(re, reporting.ErrForbidden):
		return http.StatusForbidden, re.Error(), true
	case errors.Is(re, reporting.ErrLocked), errors.Is(re, reporting.ErrWrongState):
		return http.StatusConflict, re.Error(), true
	}
	return http.StatusUnprocessableEntity, re.Error(), true
}

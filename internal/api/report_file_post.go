package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// maxUploadOverhead is what an upload's body may hold besides the file:
// multipart boundaries, part headers and the task field.
const maxUploadOverhead = 64 << 10

// MaxUpload is the largest body POST /reports/{id}/files accepts: one
// evidence file of reporting.MaxFileSize and its multipart wrapping.
const MaxUpload = reporting.MaxFileSize + maxUploadOverhead

// upload is what a multipart upload carried.
type upload struct {
	name   string // the file name the client sent
	data   []byte
	taskID int64 // 0: the report as a whole
}

// fileUpload answers POST /reports/{id}/files: attaches an evidence file
// (PDF, DOCX, XLSX, JPG, PNG, at most 20 MB) to the report as a whole or,
// with the form field task, to the entry of one of its agency's tasks. The
// body is multipart/form-data with the file in the field file. The type is
// judged by the bytes (reporting.SniffFile), never by what the client says;
// a file refused for its type, size or emptiness stores nothing. The answer
// is 201 with the file's metadata and its Location (GET /files/{id}).
func (a *api) fileUpload(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// The rule first, so that a refused upload is not read at all and
	// another agency's report answers 403 whatever was sent.
	if err := a.app.CheckReportAction(r.Context(), u, id, reporting.ActEdit); err != nil {
		return err
	}
	if err := checkMultipart(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	if r.ContentLength > MaxUpload {
		return fileTooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
	up, err := readUpload(r)
	if err != nil {
		return err
	}
	f, err := a.app.AddReportFile(r.Context(), u, id, up.taskID, up.name, up.data)
	if err != nil {
		return fileRefused(err)
	}
	w.Header().Set("Location", Prefix+"/files/"+strconv.FormatInt(f.ID, 10))
	return a.writeJSON(w, http.StatusCreated, fileView(f))
}

// checkMultipart accepts multipart/form-data with a boundary: 415 otherwise.
func checkMultipart(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "multipart/form-data" && params["boundary"] != "" {
		return nil
	}
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMedia,
		Message: "Gửi tệp dưới dạng multipart/form-data: tệp trong trường \"file\", mã nhiệm vụ (không bắt buộc) trong trường \"task\"."}
}

// readUpload reads the multipart body part by part, without temporary
// files: the field task (optional) and the field file, at most one byte
// more than reporting.MaxFileSize of it, so an oversize file is recognised.
// Other fields are refused, as unknown JSON fields are.
func readUpload(r *http.Request) (*upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, checkMultipart("")
	}
	up := &upload{}
	seen := false
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, uploadReadError(err)
		}
		switch name := p.FormName(); name {
		case "file":
			if seen {
				return nil, badRequest(map[string]string{"file": "Mỗi lần chỉ gửi một tệp."}, "Mỗi lần chỉ gửi một tệp (trường \"file\" có nhiều hơn một).")
			}
			seen = true
			up.name = p.FileName()
			if up.data, err = io.ReadAll(io.LimitReader(p, reporting.MaxFileSize+1)); err != nil {
				return nil, uploadReadError(err)
			}
			if len(up.data) > reporting.MaxFileSize {
				return nil, fileTooLarge()
			}
		case "task":
			b, err := io.ReadAll(io.LimitReader(p, 32))
			if err != nil {
				return nil, uploadReadError(err)
			}
			s := strings.TrimSpace(string(b))
			if s == "" {
				break
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				msg := "Mã nhiệm vụ phải là số nguyên dương."
				return nil, badRequest(map[string]string{"task": msg}, "%s", msg)
			}
			up.taskID = n
		default:
			msg := fmt.Sprintf("Trường %q không có trong API này; chỉ dùng \"file\" và \"task\".", name)
			return nil, badRequest(map[string]string{name: msg}, "%s", msg)
		}
		p.Close()
	}
	switch {
	case !seen:
		return nil, invalid(map[string]string{"file": "Hãy gửi một tệp trong trường \"file\"."})
	case reporting.CleanFileName(up.name) == "":
		return nil, invalid(map[string]string{"file": "Tệp gửi lên cần có tên tệp, với phần mở rộng .pdf, .docx, .xlsx, .jpg hoặc .png."})
	}
	return up, nil
}

// uploadReadError is the answer to a multipart body that could not be
// read: 413 when it went over MaxUpload, 400 when it is malformed.
func uploadReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fileTooLarge()
	}
	return badRequest(nil, "Không đọc được thân yêu cầu multipart/form-data.")
}

// fileTooLarge is the 413 for a file over reporting.MaxFileSize, with the
// domain's message.
func fileTooLarge() *apiError {
	msg := reporting.ErrFileTooLarge.Error()
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: msg,
		Fields: map[string]string{"file": msg}, Rule: reporting.ErrFileTooLarge.Code()}
}

// fileRefused turns the domain's refusals of a file's content (empty, not
// an accepted type, content not matching the name's extension) into a 422
// whose field is file, keeping the domain's message and code; other errors
// pass through.
func fileRefused(err error) error {
	var re *reporting.Error
	if !errors.As(err, &re) {
		return err
	}
	switch {
	case errors.Is(re, reporting.ErrFileTooLarge):
		return fileTooLarge()
	case errors.Is(re, reporting.ErrFileEmpty), errors.Is(re, reporting.ErrFileType), errors.Is(re, reporting.ErrFileMismatch):
		return &reporting.InvalidError{Err: re, Fields: map[string]string{"file": re.Error()}}
	}
	return err
}

package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/reporting"
)

// maxUploadOverhead is what a multipart body may hold besides the file:
// boundaries, headers and the "attach to" field.
const maxUploadOverhead = 64 << 10

// fileUpload attaches an evidence file (PDF, DOCX, XLSX, JPG, PNG, at most
// 20 MB) to a report, to one task's line or to the report as a whole. The
// type is judged by the bytes, never by what the browser says; a refused
// file stores nothing and the form says why beside the file field.
func (h *handler) fileUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// The rule first, so that a refused upload is not read at all.
	if err := h.app.CheckReportAction(r.Context(), h.user(r), id, reporting.ActEdit); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, reporting.MaxFileSize+maxUploadOverhead)
	name, taskID, data, err := readEvidence(r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return h.fileRejected(w, r, id, http.StatusRequestEntityTooLarge, reporting.ErrFileTooLarge.Error())
	case errors.Is(err, errNoEvidence):
		return h.fileRejected(w, r, id, http.StatusUnprocessableEntity, msgNoFile)
	case err != nil:
		return h.fileRejected(w, r, id, http.StatusBadRequest, msgBadUpload)
	}
	_, err = h.app.AddReportFile(r.Context(), h.user(r), id, taskID, name, data)
	var re *reporting.Error
	if errors.As(err, &re) && errors.Is(re, reporting.ErrInvalid) {
		status := http.StatusUnprocessableEntity
		if errors.Is(re, reporting.ErrFileTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		return h.fileRejected(w, r, id, status, re.Error())
	}
	if err != nil {
		return err
	}
	anchor := "#files"
	if taskID != 0 {
		anchor = "#entry-" + strconv.FormatInt(taskID, 10)
	}
	http.Redirect(w, r, reportURL(id, "/edit?done=uploaded"+anchor), http.StatusSeeOther)
	return nil
}

const (
	msgNoFile    = "Hãy chọn một tệp để đính kèm."
	msgBadUpload = "Không đọc được tệp gửi lên. Hãy thử lại."
)

var errNoEvidence = errors.New("web: no file in the upload")

// readEvidence reads the upload form part by part (no temporary files): the
// "task_id" field and the "file" part, at most MaxFileSize+1 bytes of it
// (one more than allowed, so that an oversized file is recognised).
func readEvidence(r *http.Request) (name string, taskID int64, data []byte, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", 0, nil, err
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, nil, err
		}
		switch p.FormName() {
		case "task_id":
			b, err := io.ReadAll(io.LimitReader(p, 32))
			if err != nil {
				return "", 0, nil, err
			}
			taskID = formID(strings.TrimSpace(string(b)))
		case "file":
			if p.FileName() == "" {
				continue
			}
			name = p.FileName()
			if data, err = readPart(p); err != nil {
				return "", 0, nil, err
			}
		}
		p.Close()
	}
	if reporting.CleanFileName(name) == "" || data == nil {
		return "", 0, nil, errNoEvidence
	}
	return name, taskID, data, nil
}

func readPart(p *multipart.Part) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(p, reporting.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// fileRejected shows the report form again with the reason beside the file field.
func (h *handler) fileRejected(w http.ResponseWriter, r *http.Request, id int64, status int, msg string) error {
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	v.FileError = msg
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}

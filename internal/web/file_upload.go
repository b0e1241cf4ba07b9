package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
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
	rep, err := h.loadReport(r, reporting.ActEdit)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, reporting.MaxFileSize+maxUploadOverhead)
	name, taskID, data, err := readEvidence(r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return h.fileRejected(w, r, rep, http.StatusRequestEntityTooLarge, reporting.ErrFileTooLarge.Error())
	case errors.Is(err, errNoEvidence):
		return h.fileRejected(w, r, rep, http.StatusUnprocessableEntity, msgNoFile)
	case err != nil:
		return h.fileRejected(w, r, rep, http.StatusBadRequest, msgBadUpload)
	}
	// Refuse by content before touching the database (the store checks again).
	if _, err := reporting.SniffFile(name, data); err != nil {
		status := http.StatusUnprocessableEntity
		if errors.Is(err, reporting.ErrFileTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		return h.fileRejected(w, r, rep, status, err.Error())
	}
	f := &reporting.File{TaskID: taskID, Name: name}
	err = h.store.AddReportFile(r.Context(), h.actor(r), rep.ID, f, data)
	var re *reporting.Error
	if errors.As(err, &re) && errors.Is(re, reporting.ErrInvalid) {
		return h.fileRejected(w, r, rep, http.StatusUnprocessableEntity, re.Error())
	}
	if err != nil {
		return err
	}
	anchor := "#files"
	if taskID != 0 {
		anchor = "#entry-" + strconv.FormatInt(taskID, 10)
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=uploaded"+anchor), http.StatusSeeOther)
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
			name = cleanFileName(p.FileName())
			if data, err = readPart(p); err != nil {
				return "", 0, nil, err
			}
		}
		p.Close()
	}
	if name == "" || data == nil {
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

// cleanFileName keeps the base name a browser sent (some send a whole
// Windows path) without control characters.
func cleanFileName(s string) string {
	s = s[strings.LastIndexAny(s, `/\`)+1:]
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		ext := filepath.Ext(s)
		s = s[:200-len(ext)] + ext
	}
	return s
}

// fileRejected shows the report form again with the reason beside the file field.
func (h *handler) fileRejected(w http.ResponseWriter, r *http.Request, rep *reporting.Report, status int, msg string) error {
	v, err := h.editPage(r, rep)
	if err != nil {
		return err
	}
	v.FileError = msg
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}

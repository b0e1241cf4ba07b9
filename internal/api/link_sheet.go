package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/linkimport"
)

// linkSheetJSON is what a bulk link sheet does (or, on a dry run, would do).
type linkSheetJSON struct {
	DryRun    bool                  `json:"dry_run"`
	Applied   bool                  `json:"applied"`
	Named     int                   `json:"named"`
	Unchanged int                   `json:"unchanged"`
	Changes   []linkSheetChangeJSON `json:"changes"`
	Errors    []linkSheetErrorJSON  `json:"errors"`
}

type linkSheetChangeJSON struct {
	TaskID  int64   `json:"task_id"`
	Number  int     `json:"number"`
	Added   []int64 `json:"added"`
	Removed []int64 `json:"removed"`
}

type linkSheetErrorJSON struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// linkSheetPost answers POST /plans/{id}/links/sheet?upstream=: a bulk link
// sheet (.xlsx, multipart field file) setting, for each task it names by
// STT, its links to the upstream plan's tasks (by STT). With dry_run=1 it
// only says what would change, errors included (200). Otherwise it stores
// everything (200, applied) or, on any row error or refused link,
// nothing (422, one field per line: "line.12").
func (a *api) linkSheetPost(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	fe := map[string]string{}
	up := queryID(q, "upstream", fe)
	if up == 0 && fe["upstream"] == "" {
		fe["upstream"] = "Hãy nêu kế hoạch cấp trên: upstream=<mã kế hoạch>."
	}
	dry := false
	switch q.Get("dry_run") {
	case "", "0", "false":
	case "1", "true":
		dry = true
	default:
		fe["dry_run"] = "dry_run phải là 1 hoặc 0."
	}
	if len(fe) > 0 {
		return badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	if err := checkMultipart(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	data, err := readSheetUpload(w, r)
	if err != nil {
		return err
	}
	x, err := a.app.LinkSheet(r.Context(), u, id, up, data, !dry)
	if err != nil {
		return err
	}
	if !dry && len(x.Errors) > 0 {
		fields := map[string]string{}
		for _, e := range x.Errors {
			fields[fmt.Sprintf("line.%d", e.Line)] = e.Message
		}
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalid, Fields: fields,
			Message: fmt.Sprintf("Bảng liên kết có %d lỗi; chưa lưu liên kết nào.", len(x.Errors))}
	}
	return a.writeJSON(w, http.StatusOK, linkSheetView(x, dry))
}

func linkSheetView(x *app.LinkSheet, dry bool) *linkSheetJSON {
	out := &linkSheetJSON{DryRun: dry, Applied: x.Applied, Named: x.Named, Unchanged: x.Unchanged,
		Changes: []linkSheetChangeJSON{}, Errors: []linkSheetErrorJSON{}}
	for _, c := range x.Changes {
		j := linkSheetChangeJSON{TaskID: c.Task.ID, Number: c.Number, Added: []int64{}, Removed: []int64{}}
		for _, a := range c.Added {
			j.Added = append(j.Added, a.TaskID)
		}
		for _, r := range c.Removed {
			j.Removed = append(j.Removed, r.TaskID)
		}
		out.Changes = append(out.Changes, j)
	}
	for _, e := range x.Errors {
		out.Errors = append(out.Errors, linkSheetErrorJSON{Line: e.Line, Message: e.Message})
	}
	return out
}

// readSheetUpload reads the one file of a multipart body (field file), at
// most linkimport.MaxBytes.
func readSheetUpload(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, linkimport.MaxBytes+maxUploadOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, checkMultipart("")
	}
	var data []byte
	seen := false
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, sheetReadError(err)
		}
		if p.FormName() != "file" || seen {
			msg := "Chỉ gửi một tệp, trong trường \"file\"."
			return nil, badRequest(map[string]string{p.FormName(): msg}, "%s", msg)
		}
		seen = true
		if data, err = io.ReadAll(io.LimitReader(p, linkimport.MaxBytes+1)); err != nil {
			return nil, sheetReadError(err)
		}
		p.Close()
	}
	switch {
	case !seen || len(data) == 0:
		return nil, invalid(map[string]string{"file": "Hãy gửi bảng liên kết (.xlsx) trong trường \"file\"."})
	case len(data) > linkimport.MaxBytes:
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("Bảng liên kết quá lớn (tối đa %d MB).", linkimport.MaxBytes>>20)}
	}
	return data, nil
}

func sheetReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("Bảng liên kết quá lớn (tối đa %d MB).", linkimport.MaxBytes>>20)}
	}
	return badRequest(nil, "Không đọc được thân yêu cầu multipart/form-data.")
}

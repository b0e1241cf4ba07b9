package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// uploadSlack is what a multipart request may add around the file (headers,
// boundaries, the file name) before the request counts as too large.
const uploadSlack = 1 << 20

// importPreview reads an uploaded document (app.ImportPlan, as a preview)
// and shows what would be imported — the tree, warnings, cited documents, the reporting rule, and
// agencies to map — without storing anything.
//
// The file is carried to the confirm step inside the preview form (base64
// in a hidden field, with its SHA-256): no server-side state, so it works
// with several app instances behind a load balancer and leaves nothing
// behind when the user walks away. Confirm parses those bytes again from
// scratch, so a tampered field is no more than a new upload by the same
// authorised user; the digest only catches a form mangled in transit.
func (h *handler) importPreview(w http.ResponseWriter, r *http.Request) error {
	name, data, err := readUpload(w, r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return reshow(http.StatusRequestEntityTooLarge, "import_upload", uploadPage(msgTooLarge()))
	case errors.Is(err, errNoFile):
		return reshow(http.StatusUnprocessableEntity, "import_upload", uploadPage("Hãy chọn tệp kế hoạch (.txt, .docx) hoặc phụ lục (.xlsx) để tải lên."))
	case err != nil:
		return reshow(http.StatusBadRequest, "import_upload", uploadPage("Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."))
	}
	res, err := h.app.ImportPlan(r.Context(), h.user(r), app.PlanImport{Name: name, Data: data})
	if err != nil {
		return h.importRefused(err)
	}
	sum := sha256.Sum256(data)
	v := newImportView(res.Result, res.Agencies, h.app.Today())
	v.FileName = name
	v.Data = base64.StdEncoding.EncodeToString(data)
	v.Digest = hex.EncodeToString(sum[:])
	v.fillMeta(res.Result)
	return h.render(w, r, http.StatusOK, "import_preview", &page{Title: "Xem trước kế hoạch", Nav: "import", Data: v})
}

// importRefused turns an importer error into the upload page with the
// importer's own Vietnamese message; other errors are internal.
func (h *handler) importRefused(err error) error {
	var ie *planimport.Error
	if !errors.As(err, &ie) {
		return err
	}
	h.log.Info("web: import refused", "code", ie.Code, "err", errors.Unwrap(err))
	status := http.StatusUnprocessableEntity
	if ie.Code == planimport.CodeTooLarge || ie.Code == planimport.CodeZipBomb {
		status = http.StatusRequestEntityTooLarge
	}
	return reshow(status, "import_upload", uploadPage(ie.Message))
}

// msgTooLarge says how large an upload may be.
func msgTooLarge() string {
	return fmt.Sprintf("Tệp quá lớn. Chỉ nhận tệp đến %s MB; hãy tách phụ lục hoặc bỏ hình ảnh trong văn bản rồi thử lại.",
		vntext.FormatNumber(float64(planimport.DefaultMaxBytes)/(1<<20), 1))
}

var errNoFile = errors.New("web: no file uploaded")

// readUpload streams the multipart body and keeps the part named "file" in
// memory, reading at most one byte more than the importer accepts (so that
// it can say the file is too large) and never writing it to disk.
func readUpload(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, planimport.DefaultMaxBytes+uploadSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, errNoFile
		}
		if err != nil {
			return "", nil, err
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		name := part.FileName()
		data, err := io.ReadAll(io.LimitReader(part, planimport.DefaultMaxBytes+1))
		part.Close()
		if err != nil {
			return "", nil, err
		}
		if name == "" && len(data) == 0 {
			return "", nil, errNoFile
		}
		return name, data, nil
	}
}

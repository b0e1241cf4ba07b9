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

// uploadSlack is what a multipart request may add around the files (headers,
// boundaries, the file names) before the request counts as too large.
const uploadSlack = 1 << 20

// maxImportBytes bounds the files of one import taken together: the
// preview carries them back in its form (see importPreview), so the limit
// is on the whole, not on each file as the command line's is.
const maxImportBytes = planimport.DefaultMaxBytes

// importPreview reads the uploaded files of one plan — its text and its
// appendix files — (app.ImportPlan, as a preview) and shows what would be
// imported: the files' roles, the tree, warnings, plans it may repeat,
// cited documents, the reporting rule, and the agency names to map,
// without storing anything.
//
// The files are carried to the confirm step inside the preview form
// (base64 in hidden fields, each with its SHA-256): no server-side state,
// so it works with several app instances behind a load balancer and
// leaves nothing behind when the user walks away. Confirm parses those
// bytes again from scratch, so a tampered field is no more than a new
// upload by the same authorised user; the digest only catches a form
// mangled in transit.
func (h *handler) importPreview(w http.ResponseWriter, r *http.Request) error {
	files, err := readUploads(w, r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return reshow(http.StatusRequestEntityTooLarge, "import_upload", uploadPage(msgTooLarge()))
	case errors.Is(err, errNoFile):
		return reshow(http.StatusUnprocessableEntity, "import_upload", uploadPage("Hãy chọn tệp kế hoạch (.txt, .docx) và các phụ lục (.docx, .xlsx) nếu có, rồi tải lên."))
	case err != nil:
		return reshow(http.StatusBadRequest, "import_upload", uploadPage("Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."))
	}
	res, err := h.app.ImportPlan(r.Context(), h.user(r), app.PlanImport{Files: files})
	if err != nil {
		return h.importRefused(err)
	}
	v := newImportView(res, h.app.Today())
	v.Files = carry(files)
	v.fillMeta(res)
	return h.render(w, r, http.StatusOK, "import_preview", &page{Title: "Xem trước kế hoạch", Nav: "import", Data: v})
}

// carry encodes the files for the preview form.
func carry(files []planimport.File) []carried {
	out := make([]carried, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Data)
		out[i] = carried{Name: f.Name, Data: base64.StdEncoding.EncodeToString(f.Data), Digest: hex.EncodeToString(sum[:])}
	}
	return out
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
	return fmt.Sprintf("Tệp quá lớn. Mỗi lần nhập nhận tối đa %s MB (các tệp cộng lại); hãy bỏ hình ảnh trong văn bản hoặc lưu phụ lục thành .xlsx rồi thử lại.",
		vntext.FormatNumber(float64(maxImportBytes)/(1<<20), 1))
}

var errNoFile = errors.New("web: no file uploaded")

// readUploads streams the multipart body and keeps every part named "file"
// in memory — reading at most one byte more than an import accepts in
// all, so that it can say the files are too large — and never writes them
// to disk. An empty part with no name is the browser's "no file chosen".
// Files over the limit in all are an *http.MaxBytesError, as a body over
// it is.
func readUploads(w http.ResponseWriter, r *http.Request) ([]planimport.File, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes+uploadSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	var files []planimport.File
	left := int64(maxImportBytes)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		name := part.FileName()
		data, err := io.ReadAll(io.LimitReader(part, left+1))
		part.Close()
		if err != nil {
			return nil, err
		}
		if left -= int64(len(data)); left < 0 {
			return nil, &http.MaxBytesError{Limit: maxImportBytes}
		}
		if name == "" && len(data) == 0 {
			continue
		}
		files = append(files, planimport.File{Name: name, Data: data})
	}
	if len(files) == 0 {
		return nil, errNoFile
	}
	return files, nil
}

// readUpload is readUploads for a form that takes one file: the first.
func readUpload(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	files, err := readUploads(w, r)
	if err != nil {
		return "", nil, err
	}
	return files[0].Name, files[0].Data, nil
}

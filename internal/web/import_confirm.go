package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"tiendo/internal/agency"
	"tiendo/internal/planimport"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// msgResend is shown when the file carried by the preview form does not
// arrive intact; the user starts again with the upload.
const msgResend = "Dữ liệu của tệp bị thiếu hoặc hỏng khi gửi lại. Hãy tải tệp lên lần nữa."

// importConfirm stores the previewed plan. It parses the carried file again
// with the coordinator's agency mapping (see importPreview for why the file
// travels in the form) and stores nothing while an agency is still unknown
// or the metadata is invalid.
func (h *handler) importConfirm(w http.ResponseWriter, r *http.Request) error {
	// base64 makes the file a third larger; the other fields are small.
	r.Body = http.MaxBytesReader(w, r.Body, planimport.DefaultMaxBytes/3*4+4+2*uploadSlack)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return reshow(http.StatusRequestEntityTooLarge, "import_upload", uploadPage(msgTooLarge()))
		}
		return reshow(http.StatusBadRequest, "import_upload", uploadPage(msgResend))
	}
	name := r.PostFormValue("filename")
	data, err := carriedFile(r.PostFormValue("data"), r.PostFormValue("digest"))
	if err != nil {
		return reshow(http.StatusBadRequest, "import_upload", uploadPage(msgResend))
	}
	ctx := r.Context()
	agencies, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	mapping, chosen := readMapping(r, agencyIndex(agencies))
	res, err := planimport.Parse(name, data, planimport.Options{Agencies: agencies, Mapping: mapping, MaxBytes: planimport.DefaultMaxBytes})
	if err != nil {
		return h.importRefused(err)
	}
	v := newImportView(res, agencies, clockToday(h))
	v.FileName, v.Data, v.Digest = name, r.PostFormValue("data"), r.PostFormValue("digest")
	missing := v.keepMapping(r.PostForm["map_name"], chosen, res.UnknownAgencies)
	pg := &page{Title: "Xem trước kế hoạch", Nav: "import", Data: v}
	v.Errors = v.readMeta(r, &res.Draft.Plan)
	if missing > 0 {
		v.Error = fmt.Sprintf("Còn %s tên cơ quan chưa có trong danh sách. Hãy chọn cơ quan tương ứng cho từng tên (hoặc thêm cơ quan mới trước) rồi xác nhận lại.", vntext.FormatInt(missing))
	}
	if v.Errors != nil || v.Error != "" {
		return reshow(http.StatusUnprocessableEntity, "import_preview", pg)
	}
	id, err := h.store.CreatePlan(ctx, actorID(r), &res.Draft)
	if errors.Is(err, store.ErrDuplicate) {
		v.Errors = map[string]string{"code": "Số, ký hiệu này đã có trong danh sách kế hoạch."}
		return reshow(http.StatusUnprocessableEntity, "import_preview", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// carriedFile decodes the file carried by the preview form and checks it
// against the digest computed at upload.
func carriedFile(b64, digest string) ([]byte, error) {
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(data) == 0 {
		return nil, errors.New("web: carried file unreadable")
	}
	sum := sha256.Sum256(data)
	want, err := hex.DecodeString(digest)
	if err != nil || subtle.ConstantTimeCompare(sum[:], want) != 1 {
		return nil, errors.New("web: carried file digest mismatch")
	}
	return data, nil
}

// readMapping reads the coordinator's choices for unknown agency names:
// paired fields map_name and map_agency, in the same order. Choices of
// agencies not in the register are ignored. chosen echoes every choice
// back to the form.
func readMapping(r *http.Request, known map[int64]*agency.Agency) (mapping map[string]int64, chosen map[string]int64) {
	names, ids := r.PostForm["map_name"], r.PostForm["map_agency"]
	mapping, chosen = map[string]int64{}, map[string]int64{}
	for i, name := range names {
		if i >= len(ids) {
			break
		}
		id := formID(ids[i])
		if id == 0 || known[id] == nil {
			continue
		}
		mapping[name] = id
		chosen[name] = id
	}
	return mapping, chosen
}

// keepMapping lists again every name the preview asked about, with the
// choice made, so that a form shown again keeps the choices; names the
// importer still cannot resolve are marked. It returns how many remain.
func (v *importView) keepMapping(posted []string, chosen map[string]int64, remaining []string) int {
	left := map[string]bool{}
	for _, n := range remaining {
		left[n] = true
	}
	v.Unknown = nil
	seen := map[string]bool{}
	for _, n := range posted {
		if !seen[n] {
			seen[n] = true
			v.Unknown = append(v.Unknown, unknownAgency{Name: n, Chosen: chosen[n], Missing: left[n]})
		}
	}
	for _, n := range remaining {
		if !seen[n] {
			v.Unknown = append(v.Unknown, unknownAgency{Name: n, Missing: true})
		}
	}
	return len(left)
}

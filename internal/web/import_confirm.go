package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/planimport"
)

// msgResend is shown when the file carried by the preview form does not
// arrive intact; the user starts again with the upload.
const msgResend = "Dữ liệu của tệp bị thiếu hoặc hỏng khi gửi lại. Hãy tải tệp lên lần nữa."

// importConfirm stores the previewed plan (app.ImportPlan). The use case
// parses the carried file again with the coordinator's agency mapping (see
// importPreview for why the file travels in the form) and stores nothing
// while an agency is still unknown or the metadata is invalid.
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
	mapping := readMapping(r)
	v := &importView{}
	meta, bad := v.readMeta(r)
	res, err := h.app.ImportPlan(r.Context(), h.user(r), app.PlanImport{Name: name, Data: data, Mapping: mapping,
		Meta: meta, DryRun: len(bad) > 0})
	var ie *planimport.Error
	if errors.As(err, &ie) {
		return h.importRefused(err)
	}
	fe := invalidFields(err)
	if fe == nil && err != nil {
		return err
	}
	v.fill(res.Result, res.Agencies, h.app.Today())
	v.FileName, v.Data, v.Digest = name, r.PostFormValue("data"), r.PostFormValue("digest")
	v.keepMapping(r.PostForm["map_name"], mapping, res.UnknownAgencies)
	v.Error = derrors.MessageOf(err)
	for k, msg := range fe {
		if k != "" {
			bad[k] = msg
		}
	}
	if len(bad) > 0 {
		v.Errors = bad
	}
	if v.Errors != nil || v.Error != "" {
		return reshow(http.StatusUnprocessableEntity, "import_preview", &page{Title: "Xem trước kế hoạch", Nav: "import", Data: v})
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(res.PlanID, 10), http.StatusSeeOther)
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
// paired fields map_name and map_agency, in the same order (the use case
// ignores agencies not in the register).
func readMapping(r *http.Request) map[string]int64 {
	names, ids := r.PostForm["map_name"], r.PostForm["map_agency"]
	mapping := map[string]int64{}
	for i, name := range names {
		if i >= len(ids) {
			break
		}
		if id := formID(ids[i]); id > 0 {
			mapping[name] = id
		}
	}
	return mapping
}

// keepMapping lists again every name the preview asked about, with the
// choice made, so that a form shown again keeps the choices; names the
// importer still cannot resolve are marked.
func (v *importView) keepMapping(posted []string, chosen map[string]int64, remaining []string) {
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
}

package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/planimport"
)

// msgResend is shown when the files carried by the preview form do not
// arrive intact; the user starts again with the upload.
const msgResend = "Dữ liệu của tệp bị thiếu hoặc hỏng khi gửi lại. Hãy tải tệp lên lần nữa."

// importConfirm stores the previewed plan (app.ImportPlan) and shows what
// was stored. The use case parses the carried files again with the
// coordinator's choice for each agency name the register lacks (see
// importPreview for why the files travel in the form), and stores nothing
// while a field is missing or invalid: the preview comes back with the
// choices and fields as given.
//
// The answer is the result page itself, not a redirect: its counts (the
// agencies created, the names dismissed) exist only in this request, and
// the server keeps nothing between requests. Sending the form again is
// refused as a plan with the same number.
func (h *handler) importConfirm(w http.ResponseWriter, r *http.Request) error {
	// base64 makes the files a third larger; the other fields are small.
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes/3*4+4+2*uploadSlack)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return reshow(http.StatusRequestEntityTooLarge, "import_upload", uploadPage(msgTooLarge()))
		}
		return reshow(http.StatusBadRequest, "import_upload", uploadPage(msgResend))
	}
	f := r.PostForm
	files, err := carriedFiles(f["filename"], f["data"], f["digest"])
	if err != nil {
		return reshow(http.StatusBadRequest, "import_upload", uploadPage(msgResend))
	}
	v := &importView{Files: carried3(f["filename"], f["data"], f["digest"])}
	meta, bad := v.readMeta(r)
	choices := readChoices(f["map_name"], f["map_agency"])
	res, err := h.app.ImportPlan(r.Context(), h.user(r), app.PlanImport{Files: files, Choices: choices,
		Meta: meta, DryRun: len(bad) > 0})
	var ie *planimport.Error
	if errors.As(err, &ie) {
		return h.importRefused(err)
	}
	fe := invalidFields(err)
	if fe == nil && err != nil {
		return err
	}
	if err == nil && len(bad) == 0 {
		return h.render(w, r, http.StatusOK, "import_done", &page{Title: "Đã nhập kế hoạch", Nav: "import", Data: newImportDone(res)})
	}
	v.fill(res, h.app.Today())
	v.Error = derrors.MessageOf(err)
	for k, msg := range fe {
		if k != "" && bad[k] == "" { // a date typed wrong is said as such, not as missing
			bad[k] = msg
		}
	}
	v.Errors = bad
	return reshow(http.StatusUnprocessableEntity, "import_preview", &page{Title: "Xem trước kế hoạch", Nav: "import", Data: v})
}

// carriedFiles decodes the files carried by the preview form and checks
// each against the digest computed at upload.
func carriedFiles(names, b64s, digests []string) ([]planimport.File, error) {
	if len(b64s) == 0 || len(names) != len(b64s) || len(digests) != len(b64s) {
		return nil, errors.New("web: carried files incomplete")
	}
	files := make([]planimport.File, len(b64s))
	for i, b64 := range b64s {
		data, err := uncarry(b64, digests[i])
		if err != nil {
			return nil, err
		}
		files[i] = planimport.File{Name: names[i], Data: data}
	}
	return files, nil
}

// carried3 keeps the carried fields as they came, to carry them again.
func carried3(names, b64s, digests []string) []carried {
	out := make([]carried, len(b64s))
	for i := range b64s {
		out[i] = carried{Name: names[i], Data: b64s[i], Digest: digests[i]}
	}
	return out
}

// readChoices reads the coordinator's answer for each agency name the
// register lacks: paired fields map_name and map_agency, in the same
// order; map_agency is "new", "none" or an agency ID (the use case refuses
// an agency not in the register).
func readChoices(names, values []string) map[string]app.AgencyChoice {
	out := map[string]app.AgencyChoice{}
	for i, name := range names {
		if i >= len(values) {
			break
		}
		if c, ok := parseChoice(values[i]); ok {
			out[name] = c
		}
	}
	return out
}

package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/download"
	"tiendo/internal/rollup"
)

// The packages page: the plans this instance rolls up (each with its
// roll-up and its package to send upward), this instance's public key,
// the upload of a package received, and the packages received.

// packagesView is the packages page.
type packagesView struct {
	Upstreams []app.UpstreamPlan
	Identity  *app.Identity // for those who export
	Received  []rollup.Received
	Plans     map[int64]string
	Message   string // what the last import did
	Error     string
}

// rollupPackages shows the packages page.
func (h *handler) rollupPackages(w http.ResponseWriter, r *http.Request) error {
	v, err := h.packagesView(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "rollup_packages", &page{Title: "Gói số liệu tổng hợp", Nav: "national", Data: v})
}

func (h *handler) packagesView(r *http.Request) (*packagesView, error) {
	ctx, u := r.Context(), h.user(r)
	v := &packagesView{Plans: map[int64]string{}}
	var err error
	if v.Upstreams, err = h.app.UpstreamPlansLinked(ctx, u); err != nil {
		return nil, err
	}
	if canEdit(r) {
		if v.Identity, err = h.app.Identity(ctx, u); err != nil {
			return nil, err
		}
	}
	if v.Received, err = h.app.Packages(ctx, u, 50); err != nil {
		return nil, err
	}
	plans, err := h.app.Plans(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		v.Plans[p.ID] = p.Code
	}
	return v, nil
}

// rollupImport imports an uploaded package and shows what it did.
func (h *handler) rollupImport(w http.ResponseWriter, r *http.Request) error {
	_, data, uerr := readFormUpload(w, r, rollup.MaxPackageBytes)
	v, err := h.packagesView(r)
	if err != nil {
		return err
	}
	pg := &page{Title: "Gói số liệu tổng hợp", Nav: "national", Data: v}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(uerr, &mbe):
		v.Error = "Tệp quá lớn cho một gói số liệu (tối đa 8 MB)."
		return reshow(http.StatusRequestEntityTooLarge, "rollup_packages", pg)
	case errors.Is(uerr, errNoUpload):
		v.Error = "Hãy chọn tệp gói số liệu (.json) để nhập."
		return reshow(http.StatusUnprocessableEntity, "rollup_packages", pg)
	case uerr != nil:
		v.Error = "Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."
		return reshow(http.StatusBadRequest, "rollup_packages", pg)
	}
	x, err := h.app.ImportPackage(r.Context(), h.user(r), data)
	if errors.Is(err, derrors.Invalid) || errors.Is(err, derrors.Conflict) {
		v.Error = derrors.MessageOf(err)
		status := http.StatusUnprocessableEntity
		if errors.Is(err, derrors.Conflict) {
			status = http.StatusConflict
		}
		return reshow(status, "rollup_packages", pg)
	}
	if err != nil {
		return err
	}
	v.Message = x.Message()
	if v.Received, err = h.app.Packages(r.Context(), h.user(r), 50); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "rollup_packages", pg)
}

// rollupPackageDownload downloads this instance's package of plan {id}'s
// roll-up for period= (default: today's).
func (h *handler) rollupPackageDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := h.app.ExportPackage(r.Context(), h.user(r), id, formID(r.URL.Query().Get("period")))
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Content-Disposition", download.Attachment(x.FileName))
	hd.Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(x.File)
	return err
}

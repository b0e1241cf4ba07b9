package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"tiendo/internal/derrors"
	"tiendo/internal/export/table"
	"tiendo/internal/linkimport"
)

// Bulk links from a sheet: the upload is previewed (nothing stored, the
// sheet carried to the apply step inside the form, with its digest, as
// plan imports carry theirs), then applied — again all or nothing.

// planLinksSheet previews an uploaded link sheet.
func (h *handler) planLinksSheet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fields, data, err := readFormUpload(w, r, linkimport.MaxBytes)
	up := formID(fields["upstream"])
	v, verr := h.planLinksView(r, url.Values{"upstream": {fields["upstream"]}})
	if verr != nil {
		return verr
	}
	pg := &page{Title: "Liên kết hàng loạt từ bảng", Nav: "plans", PlanID: id, Data: v}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		v.Error = "Bảng liên kết quá lớn (tối đa 4 MB)."
		return reshow(http.StatusRequestEntityTooLarge, "links_sheet", pg)
	case errors.Is(err, errNoUpload):
		v.Error = "Hãy chọn bảng liên kết (.xlsx) để tải lên."
		return reshow(http.StatusUnprocessableEntity, "links_sheet", pg)
	case err != nil:
		v.Error = "Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."
		return reshow(http.StatusBadRequest, "links_sheet", pg)
	}
	return h.linkSheet(w, r, id, up, data, false, pg)
}

// planLinksSheetApply applies the previewed sheet carried in the form.
func (h *handler) planLinksSheetApply(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r, linkimport.MaxBytes/3*4+4+maxFormBytes); err != nil {
		return err
	}
	up := formID(r.PostFormValue("upstream"))
	v, err := h.planLinksView(r, url.Values{"upstream": {r.PostFormValue("upstream")}})
	if err != nil {
		return err
	}
	pg := &page{Title: "Liên kết hàng loạt từ bảng", Nav: "plans", PlanID: id, Data: v}
	data, err := uncarry(r.PostFormValue("data"), r.PostFormValue("digest"))
	if err != nil {
		v.Error = "Không đọc lại được bảng đã xem trước; hãy tải bảng lên lần nữa."
		return reshow(http.StatusBadRequest, "links_sheet", pg)
	}
	return h.linkSheet(w, r, id, up, data, true, pg)
}

// linkSheet previews or applies data and shows the outcome.
func (h *handler) linkSheet(w http.ResponseWriter, r *http.Request, id, up int64, data []byte, apply bool, pg *page) error {
	v := pg.Data.(*planLinksView)
	x, err := h.app.LinkSheet(r.Context(), h.user(r), id, up, data, apply)
	if errors.Is(err, derrors.Invalid) {
		v.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "links_sheet", pg)
	}
	if err != nil {
		return err
	}
	v.Sheet = x
	if len(x.Errors) > 0 {
		return reshow(http.StatusUnprocessableEntity, "links_sheet", pg)
	}
	if apply {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/links?upstream="+strconv.FormatInt(up, 10)+
			"&saved="+strconv.Itoa(len(x.Changes)), http.StatusSeeOther)
		return nil
	}
	sum := sha256.Sum256(data)
	v.SheetB, v.SheetOK = base64.StdEncoding.EncodeToString(data), hex.EncodeToString(sum[:])
	return h.render(w, r, http.StatusOK, "links_sheet", pg)
}

// errNoUpload: the form came without a file.
var errNoUpload = errors.New("web: no file in the form")

// readFormUpload reads a multipart form of small fields and one file
// (field file) of at most max bytes.
func readFormUpload(w http.ResponseWriter, r *http.Request, max int64) (map[string]string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, max+maxFormBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, err
	}
	fields := map[string]string{}
	var data []byte
	seen := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fields, nil, err
		}
		if part.FormName() == "file" {
			if data, err = io.ReadAll(io.LimitReader(part, max+1)); err != nil {
				return fields, nil, err
			}
			if int64(len(data)) > max {
				return fields, nil, &http.MaxBytesError{Limit: max}
			}
			seen = seen || part.FileName() != "" || len(data) > 0
		} else {
			b, err := io.ReadAll(io.LimitReader(part, 4096))
			if err != nil {
				return fields, nil, err
			}
			fields[part.FormName()] = string(b)
		}
		part.Close()
	}
	if !seen || len(data) == 0 {
		return fields, nil, errNoUpload
	}
	return fields, data, nil
}

// planLinksTemplate downloads the link sheet of plan {id} to upstream=:
// every task with its STT and current links, and the upstream plan's tasks.
func (h *handler) planLinksTemplate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := h.app.LinkSheetTemplate(r.Context(), h.user(r), id, formID(r.URL.Query().Get("upstream")))
	if err != nil {
		return err
	}
	up := x.Upstream.Code
	if up == "" {
		up = "kế hoạch cấp trên"
	}
	links := table.Sheet{Name: "Liên kết", Title: "BẢNG LIÊN KẾT NHIỆM VỤ VỚI " + up, Columns: []table.Column{
		{Header: linkimport.HeaderTask, Kind: table.Int, Width: 6},
		{Header: "Nhiệm vụ", Kind: table.Text, Width: 60},
		{Header: linkimport.HeaderUpstream, Kind: table.Text, Width: 14},
		{Header: "Nhiệm vụ cấp trên", Kind: table.Text, Width: 60},
	}}
	for _, row := range x.Rows {
		var nums, titles string
		for i, c := range row.Upstream {
			if i > 0 {
				nums, titles = nums+"; ", titles+"\n"
			}
			nums += strconv.Itoa(c.Number)
			titles += strconv.Itoa(c.Number) + ". " + c.Title
		}
		links.Rows = append(links.Rows, []any{row.Number, row.Title, nums, titles})
	}
	ups := table.Sheet{Name: "Nhiệm vụ cấp trên", Title: "NHIỆM VỤ CỦA " + up, Columns: []table.Column{
		{Header: "STT", Kind: table.Int, Width: 6}, {Header: "Nhiệm vụ", Kind: table.Text, Width: 80},
	}}
	for _, c := range x.UpstreamTasks {
		ups.Rows = append(ups.Rows, []any{c.Number, c.Title})
	}
	return sendSheets(w, "xlsx", "lien-ket-"+strconv.FormatInt(id, 10)+"-"+strconv.FormatInt(x.Upstream.ID, 10), links, ups)
}

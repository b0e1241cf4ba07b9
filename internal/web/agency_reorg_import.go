package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/reorgimport"
)

// reorgImportView is the preview of a province's mapping sheet: each
// reorganisation it decides, what it moves, and the mapping carried to the
// apply step in a hidden field (no server-side state, as for plan imports:
// applying validates it all again).
type reorgImportView struct {
	Groups  []reorgImportGroup
	Errors  []reorgimport.RowError
	Error   string // the file as a whole, or a refusal of the store
	Mapping string // JSON of the reorganisations, for the apply step
}

type reorgImportGroup struct {
	Rows                                     string // "3, 4"
	Kind                                     string
	From, To, Day, Decision                  string
	Tasks, Coops, Indicators, Users, Reports int
}

// mappingJSON is one reorganisation as the hidden field carries it.
type mappingJSON struct {
	Kind      agency.ReorgKind `json:"kind"`
	From      []int64          `json:"from"`
	Into      int64            `json:"into,omitempty"`
	NewName   string           `json:"new_name,omitempty"`
	Effective string           `json:"effective"`
	Decision  string           `json:"decision"`
	Rows      []int            `json:"rows"`
}

// agencyReorgImport reads an uploaded mapping (.xlsx) and previews all of
// it in one rolled-back transaction.
func (h *handler) agencyReorgImport(w http.ResponseWriter, r *http.Request) error {
	pg := &page{Title: "Sắp xếp tổ chức theo bảng", Nav: "agencies"}
	v := &reorgImportView{}
	pg.Data = v
	_, data, err := readUpload(w, r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		v.Error = "Tệp quá lớn; bảng sắp xếp chỉ cần vài trăm dòng."
		return reshow(http.StatusRequestEntityTooLarge, "agency_reorg_import", pg)
	case errors.Is(err, errNoFile):
		v.Error = "Hãy chọn tệp bảng sắp xếp (.xlsx) để tải lên."
		return reshow(http.StatusUnprocessableEntity, "agency_reorg_import", pg)
	case err != nil:
		v.Error = "Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."
		return reshow(http.StatusBadRequest, "agency_reorg_import", pg)
	}
	m, err := h.app.ReadReorgMapping(r.Context(), h.user(r), data)
	if errors.Is(err, derrors.Invalid) {
		v.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "agency_reorg_import", pg)
	}
	if err != nil {
		return err
	}
	if len(m.Errors) > 0 {
		v.Errors = m.Errors
		return reshow(http.StatusUnprocessableEntity, "agency_reorg_import", pg)
	}
	list := make([]mappingJSON, len(m.Groups))
	for i, g := range m.Groups {
		list[i] = mappingJSON{Kind: g.Kind, From: g.From, Into: g.Into, Effective: g.Effective.Format(time.DateOnly),
			Decision: g.Decision, Rows: g.Rows}
		if g.New != nil {
			list[i].NewName = g.New.Name
		}
	}
	return h.reorgMapping(w, r, pg, list, false)
}

// msgBadMapping answers an apply step whose carried mapping does not read.
const msgBadMapping = "Bảng sắp xếp gửi lên không đọc được; hãy tải tệp lên và xem trước lại."

// agencyReorgImportApply applies the mapping the preview carried.
func (h *handler) agencyReorgImportApply(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 2<<20); err != nil {
		return err
	}
	var list []mappingJSON
	if err := json.Unmarshal([]byte(r.PostFormValue("mapping")), &list); err != nil || len(list) == 0 {
		h.message(w, r, http.StatusBadRequest, msgBadMapping)
		return nil
	}
	pg := &page{Title: "Sắp xếp tổ chức theo bảng", Nav: "agencies", Data: &reorgImportView{}}
	return h.reorgMapping(w, r, pg, list, true)
}

// reorgMapping runs the mapping through app.ReorganiseAll — rolled back
// for the preview, kept when applying — and shows the result or the
// refusal.
func (h *handler) reorgMapping(w http.ResponseWriter, r *http.Request, pg *page, list []mappingJSON, apply bool) error {
	v := pg.Data.(*reorgImportView)
	ros := make([]*agency.Reorganisation, len(list))
	for i, x := range list {
		day, err := time.Parse(time.DateOnly, x.Effective)
		if err != nil {
			h.message(w, r, http.StatusBadRequest, msgBadMapping)
			return nil
		}
		ros[i] = &agency.Reorganisation{Kind: x.Kind, From: x.From, Into: x.Into, Effective: day, Decision: x.Decision}
		if x.NewName != "" {
			ros[i].New = &agency.Agency{Name: x.NewName}
		}
	}
	res, err := h.app.ReorganiseAll(r.Context(), h.user(r), ros, !apply)
	if errors.Is(err, derrors.Invalid) {
		v.Error = mappingRefusal(list, derrors.FieldsOf(err))
		return reshow(http.StatusUnprocessableEntity, "agency_reorg_import", pg)
	}
	if err != nil {
		return err
	}
	if apply {
		http.Redirect(w, r, "/agencies?reorganised=1", http.StatusSeeOther)
		return nil
	}
	names, err := h.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	for i, x := range list {
		g := reorgImportGroup{Kind: x.Kind.Label(), Day: dmy(ros[i].Effective), Decision: x.Decision,
			Tasks: len(res[i].Tasks), Coops: len(res[i].Cooperations), Indicators: len(res[i].Indicators),
			Users: len(res[i].Users), Reports: len(res[i].Reports)}
		var rows, from []string
		for _, n := range x.Rows {
			rows = append(rows, strconv.Itoa(n))
		}
		for _, id := range x.From {
			from = append(from, names[id])
		}
		g.Rows, g.From = strings.Join(rows, ", "), strings.Join(from, "; ")
		switch {
		case x.NewName != "":
			g.To = x.NewName + " (mới)"
		case x.Into != 0:
			g.To = names[x.Into]
		default:
			g.To = "Không cơ quan nào"
		}
		v.Groups = append(v.Groups, g)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	v.Mapping = string(b)
	return h.render(w, r, http.StatusOK, "agency_reorg_import", pg)
}

// mappingRefusal says which rows were refused and why; fields are named
// after the reorganisation's position in list ("2.from").
func mappingRefusal(list []mappingJSON, fields map[string]string) string {
	var parts []string
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		msg := fields[k]
		if i, err := strconv.Atoi(k[:max(strings.Index(k, "."), 0)]); err == nil && i < len(list) {
			var rows []string
			for _, n := range list[i].Rows {
				rows = append(rows, strconv.Itoa(n))
			}
			msg = "Dòng " + strings.Join(rows, ", ") + ": " + msg
		}
		parts = append(parts, msg)
	}
	return "Chưa áp dụng được, không có gì thay đổi. " + strings.Join(parts, " ")
}

// dmy writes a day as dd/mm/yyyy.
func dmy(t time.Time) string { return t.Format("02/01/2006") }

package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// reorgForm is the reorganisation page: the decision, and after a preview
// what it moves (app.Reorganise on a dry run) — for a split, each open
// task and indicator with the successor it goes to.
type reorgForm struct {
	Kind      string
	From      map[int64]bool
	Into      int64
	NewName   string
	NewShort  string
	Effective string // dd/mm/yyyy as typed
	Decision  string
	Extra     map[int64]bool  // split: the other successors offered for each task and indicator
	Tasks     map[int64]int64 // split: task → successor, as chosen on the preview
	Inds      map[int64]int64 // split: indicator → successor
	Agencies  []agency.Agency // active ones, to choose from
	Kinds     []agency.ReorgKind
	Preview   *agency.ReorgResult
	Sections  []reorgSection   // the preview, part by part
	Names     map[int64]string // agency names, for the preview
	Choices   []agency.Agency  // split: the successors a task or indicator may go to
	Errors    map[string]string
}

// reorgSection is one part of the preview: what moves, from whom, to whom.
// Choose marks the parts of a split whose successor is chosen per row.
type reorgSection struct {
	Title, What, Part string
	Choose            bool
	Rows              []reorgRow
}

type reorgRow struct {
	ID       int64
	Label    string
	From, To string
	ToID     int64
}

// sections lays the preview out.
func (f *reorgForm) sections(res *agency.ReorgResult) {
	split := f.Kind == string(agency.ReorgSplit) && len(f.Choices) > 0
	add := func(title, what, part string, choose bool, list []agency.ReorgMove) {
		if len(list) == 0 {
			return
		}
		sec := reorgSection{Title: title, What: what, Part: part, Choose: choose}
		for _, m := range list {
			to := f.Names[m.To]
			switch {
			case m.To == 0 && f.NewName != "":
				to = f.NewName + " (mới)"
			case m.To == 0:
				to = "Không cơ quan nào"
			}
			sec.Rows = append(sec.Rows, reorgRow{ID: m.ID, Label: m.Label, From: f.Names[m.From], To: to, ToID: m.To})
		}
		f.Sections = append(f.Sections, sec)
	}
	add("Cơ quan kết thúc", "Cơ quan", "ended", false, res.Ended)
	add("Nhiệm vụ chuyển chủ trì", "Nhiệm vụ", "tasks", split, res.Tasks)
	add("Chỉ tiêu", "Chỉ tiêu", "indicators", split, res.Indicators)
	add("Nhiệm vụ phối hợp", "Nhiệm vụ", "cooperations", false, res.Cooperations)
	add("Tài khoản", "Tên đăng nhập", "users", false, res.Users)
	add("Báo cáo chưa gửi, gộp vào báo cáo cùng kỳ của cơ quan kế thừa", "Kỳ", "reports", false, res.Reports)
}

// agencyReorgShow shows the empty reorganisation form.
func (h *handler) agencyReorgShow(w http.ResponseWriter, r *http.Request) error {
	f, err := h.newReorgForm(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "agency_reorg", &page{Title: "Sắp xếp tổ chức", Nav: "agencies", Data: f})
}

// agencyReorgPost previews (action=preview) or applies (action=apply) the
// reorganisation the form describes. Applying is one transaction; the
// preview is the same work rolled back, so it shows exactly what moves.
func (h *handler) agencyReorgPost(w http.ResponseWriter, r *http.Request) error {
	f, err := h.newReorgForm(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	ro := f.read(r)
	pg := &page{Title: "Sắp xếp tổ chức", Nav: "agencies", Data: f}
	if len(f.Errors) > 0 {
		return reshow(http.StatusUnprocessableEntity, "agency_reorg", pg)
	}
	apply := r.PostFormValue("action") == "apply"
	res, err := h.app.Reorganise(r.Context(), h.user(r), ro, !apply)
	if errors.Is(err, derrors.Invalid) {
		f.Errors = derrors.FieldsOf(err)
		return reshow(http.StatusUnprocessableEntity, "agency_reorg", pg)
	}
	if err != nil {
		return err
	}
	if apply {
		http.Redirect(w, r, "/agencies?reorganised=1", http.StatusSeeOther)
		return nil
	}
	f.Preview = res
	f.sections(res)
	return h.render(w, r, http.StatusOK, "agency_reorg", pg)
}

// formIDMap reads the posted fields named prefix+<ID> whose value is an
// ID: a choice made per row ("task_12" = 5: task 12 goes to agency 5).
func formIDMap(r *http.Request, prefix string) map[int64]int64 {
	out := map[int64]int64{}
	for k, vs := range r.PostForm {
		id, err := strconv.ParseInt(strings.TrimPrefix(k, prefix), 10, 64)
		if !strings.HasPrefix(k, prefix) || err != nil || len(vs) == 0 {
			continue
		}
		if to := formID(vs[0]); to > 0 {
			out[id] = to
		}
	}
	return out
}

// newReorgForm lists the agencies in existence today to choose from.
func (h *handler) newReorgForm(r *http.Request) (*reorgForm, error) {
	all, err := h.app.Agencies(r.Context())
	if err != nil {
		return nil, err
	}
	f := &reorgForm{Kind: string(agency.ReorgMerge), From: map[int64]bool{}, Extra: map[int64]bool{},
		Tasks: map[int64]int64{}, Inds: map[int64]int64{}, Names: map[int64]string{},
		Kinds: []agency.ReorgKind{agency.ReorgMerge, agency.ReorgSplit, agency.ReorgRename, agency.ReorgDissolve}}
	today := h.app.Today()
	for _, a := range all {
		f.Names[a.ID] = a.Name
		if a.ActiveOn(today) {
			f.Agencies = append(f.Agencies, a)
		}
	}
	return f, nil
}

// read fills f from the posted form and returns the reorganisation it
// describes; f.Errors holds what cannot be read.
func (f *reorgForm) read(r *http.Request) *agency.Reorganisation {
	f.Errors = map[string]string{}
	f.Kind = r.PostFormValue("kind")
	for _, v := range r.PostForm["from"] {
		if id := formID(v); id > 0 {
			f.From[id] = true
		}
	}
	for _, v := range r.PostForm["extra"] {
		if id := formID(v); id > 0 {
			f.Extra[id] = true
		}
	}
	f.Into = formID(r.PostFormValue("into"))
	f.NewName = strings.TrimSpace(vntext.NFC(r.PostFormValue("new_name")))
	f.NewShort = strings.TrimSpace(vntext.NFC(r.PostFormValue("new_short_name")))
	f.Effective = strings.TrimSpace(r.PostFormValue("effective"))
	f.Decision = strings.TrimSpace(vntext.NFC(r.PostFormValue("decision")))
	ro := &agency.Reorganisation{Kind: agency.ReorgKind(f.Kind), Into: f.Into, Decision: f.Decision}
	for id := range f.From {
		ro.From = append(ro.From, id)
	}
	day, err := parseDate(f.Effective)
	if err != nil {
		f.Errors["effective"] = "Ngày có hiệu lực phải có dạng ngày/tháng/năm, ví dụ 01/07/2025."
	}
	ro.Effective = day
	if f.NewName != "" {
		ro.New = &agency.Agency{Name: f.NewName, ShortName: f.NewShort}
		ro.Into, f.Into = 0, 0
	}
	// Split: the successors chosen on the preview, per task and indicator.
	if ro.Kind == agency.ReorgSplit {
		f.Tasks, f.Inds = formIDMap(r, "task_"), formIDMap(r, "ind_")
		ro.Tasks, ro.Indicators = f.Tasks, f.Inds
		for _, a := range f.Agencies {
			if a.ID == f.Into || f.Extra[a.ID] {
				f.Choices = append(f.Choices, a)
			}
		}
	}
	return ro
}

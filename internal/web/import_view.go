package web

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// importView is the preview page's data: what the importer read, the
// uploaded file carried along, and the plan's metadata to confirm.
type importView struct {
	FileName string
	Data     string // the file, base64
	Digest   string // SHA-256 of the file, hex

	Format     string
	Roots      []*treeNode
	Tasks      int
	Sections   int
	Warnings   []planimport.Warning
	References []plan.Reference
	Regime     *planimport.Regime
	Unknown    []unknownAgency
	Agencies   []agency.Agency // choices for mapping, in Vietnamese collation

	// Metadata the coordinator confirms or completes.
	Title    string
	Code     string
	IssuedOn string // dd/mm/yyyy
	Issuer   string
	Status   plan.PlanStatus
	Statuses []plan.PlanStatus

	Errors map[string]string
	Error  string
}

// unknownAgency is a name the importer could not match, with the agency
// the coordinator chose for it (0 while none).
type unknownAgency struct {
	Name    string
	Chosen  int64
	Missing bool // still unresolved at the last confirm
}

// newImportView summarises an importer result for the preview.
func newImportView(res *planimport.Result, agencies []agency.Agency, today time.Time) *importView {
	d := &res.Draft
	v := &importView{
		Format:     res.Format,
		Tasks:      len(d.Tasks),
		Sections:   len(d.Sections),
		Warnings:   res.Warnings,
		References: res.References,
		Regime:     res.Regime,
		Statuses:   planStatuses(),
	}
	for _, name := range res.UnknownAgencies {
		v.Unknown = append(v.Unknown, unknownAgency{Name: name})
	}
	for _, a := range agencies {
		if a.ActiveOn(today) {
			v.Agencies = append(v.Agencies, a)
		}
	}
	vntext.Sort(v.Agencies, func(a agency.Agency) string { return a.Name })
	v.Roots = draftTree(d, agencyIndex(agencies), today)
	return v
}

// draftTree draws a draft (not stored, so without IDs) with the same tree
// as a stored plan: section i gets the stand-in ID i+1.
func draftTree(d *plan.Draft, names map[int64]*agency.Agency, today time.Time) []*treeNode {
	sections := make([]plan.Section, len(d.Sections))
	for i, s := range d.Sections {
		sections[i] = s.Section
		sections[i].ID = int64(i + 1)
		sections[i].ParentID = int64(s.Parent + 1)
	}
	bySection := map[int64][]taskRow{}
	for i := range d.Tasks {
		t := d.Tasks[i].Task
		t.ID = 0
		row := newTaskRow(&t, names, today)
		row.Ord = i
		sid := int64(d.Tasks[i].Section + 1)
		bySection[sid] = append(bySection[sid], row)
	}
	return buildTree(sections, bySection, &treeInfo{})
}

// fillMeta proposes the metadata the importer found.
func (v *importView) fillMeta(res *planimport.Result) {
	p := res.Draft.Plan
	v.Title = p.Title
	v.Code = p.Code
	v.IssuedOn = vntext.FormatDate(p.IssuedOn)
	v.Issuer = p.Issuer
	v.Status = p.Status
	if !v.Status.Valid() {
		v.Status = plan.PlanActive
	}
}

// readMeta reads the confirmed metadata from the form into v and, when it
// is valid, into p; it returns the problems by field, nil when none.
func (v *importView) readMeta(r *http.Request, p *plan.Plan) map[string]string {
	clean := func(s string) string { return strings.Join(strings.Fields(vntext.NFC(s)), " ") }
	v.Title = clean(r.PostFormValue("title"))
	v.Code = clean(r.PostFormValue("code"))
	v.IssuedOn = strings.TrimSpace(r.PostFormValue("issued_on"))
	v.Issuer = clean(r.PostFormValue("issuer"))
	v.Status = plan.PlanStatus(r.PostFormValue("status"))
	fe := map[string]string{}
	if v.Title == "" {
		fe["title"] = "Hãy nhập tên kế hoạch."
	} else if utf8.RuneCountInString(v.Title) > 1000 {
		fe["title"] = "Tên kế hoạch quá dài (tối đa 1.000 ký tự)."
	}
	if utf8.RuneCountInString(v.Code) > 100 {
		fe["code"] = "Số, ký hiệu quá dài (tối đa 100 ký tự)."
	}
	if utf8.RuneCountInString(v.Issuer) > 300 {
		fe["issuer"] = "Tên cơ quan ban hành quá dài (tối đa 300 ký tự)."
	}
	issued, err := parseDate(v.IssuedOn)
	if err != nil {
		fe["issued_on"] = err.Error()
	}
	if !v.Status.Valid() {
		fe["status"] = "Hãy chọn trạng thái của kế hoạch."
	}
	if len(fe) > 0 {
		return fe
	}
	p.Title, p.Code, p.IssuedOn, p.Issuer, p.Status = v.Title, v.Code, issued, v.Issuer, v.Status
	return nil
}

// clockToday is today's date by the handler's clock.
func clockToday(h *handler) time.Time { return clock.Today(h.clock) }

package web

import (
	"net/http"
	"strings"
	"time"

	"tiendo/internal/agency"
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
	v := &importView{}
	v.fill(res, agencies, today)
	return v
}

// fill sets what the importer read, and the agencies to map names to.
func (v *importView) fill(res *planimport.Result, agencies []agency.Agency, today time.Time) {
	d := &res.Draft
	v.Format, v.Tasks, v.Sections = res.Format, len(d.Tasks), len(d.Sections)
	v.Warnings, v.References, v.Regime = res.Warnings, res.References, res.Regime
	v.Statuses = planStatuses()
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
		row := newTaskRow(&t, names, plan.Now{Day: today}) // not stored: no periods yet, judged as a whole
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

// readMeta reads the confirmed metadata from the form into v (shown again
// as typed, spaces tidied) and into the plan's register fields the use
// case checks; the date that cannot be read is returned as a problem.
func (v *importView) readMeta(r *http.Request) (*plan.Plan, map[string]string) {
	clean := func(s string) string { return strings.Join(strings.Fields(vntext.NFC(s)), " ") }
	v.Title = clean(r.PostFormValue("title"))
	v.Code = clean(r.PostFormValue("code"))
	v.IssuedOn = strings.TrimSpace(r.PostFormValue("issued_on"))
	v.Issuer = clean(r.PostFormValue("issuer"))
	v.Status = plan.PlanStatus(r.PostFormValue("status"))
	p := &plan.Plan{Title: v.Title, Code: v.Code, Issuer: v.Issuer, Status: v.Status}
	var err error
	if p.IssuedOn, err = parseDate(v.IssuedOn); err != nil {
		return p, map[string]string{"issued_on": err.Error()}
	}
	return p, map[string]string{}
}

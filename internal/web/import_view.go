package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// importView is the preview page's data: what the importer read, the
// uploaded files carried along, the agency names to map and the plan's
// register fields to confirm.
type importView struct {
	Files []carried // the uploaded files, carried to the confirm step

	Roles      []importFile // what each file was taken for
	Roots      []*treeNode
	Tasks      int
	Sections   int
	Warnings   []importWarning
	References []plan.Reference
	Regime     *planimport.Regime
	Similar    []app.SimilarPlan
	Names      []importName
	Agencies   []agency.Agency // choices for mapping: active today, in Vietnamese collation
	Unassigned int             // tasks left without a lead by the choices shown

	// The register fields the coordinator confirms or completes; the
	// files lacked the number or the date when Need… is set.
	Title     string
	Code      string
	IssuedOn  string // dd/mm/yyyy
	Issuer    string
	Status    plan.PlanStatus
	Statuses  []plan.PlanStatus
	NeedCode  bool
	NeedIssue bool

	Errors map[string]string
	Error  string
}

// carried is one uploaded file as the preview form carries it.
type carried struct {
	Name   string
	Data   string // base64
	Digest string // SHA-256, hex
}

// importFile is a file and the role the importer gave it.
type importFile struct {
	Name, Format, Role string
}

// importWarning is a warning of the importer, with where it is ("phu-luc.xlsx,
// dòng 3"; empty for the plan as a whole).
type importWarning struct {
	Where, Message string
}

// importName is one agency name the register lacks, as its row on the
// mapping screen shows it.
type importName struct {
	Name  string
	Tasks int // tasks naming it
	Leads int // of which it leads
	Kind  agency.Kind
	Guess string // the register's agency it most likely is, "" when none
	// GuessNow is the agency that took over from Guess when it has ended
	// (and is proposed instead).
	GuessNow string
	Chosen   string // the option selected: "new", "none" or an agency ID
}

// newImportView summarises an import for the preview.
func newImportView(res *app.ImportedPlan, today time.Time) *importView {
	v := &importView{}
	v.fill(res, today)
	return v
}

// fill sets what the importer read, the names to map with the choice made
// or proposed, and the agencies to map them to.
func (v *importView) fill(res *app.ImportedPlan, today time.Time) {
	d := &res.Draft
	v.Tasks, v.Sections, v.Unassigned = len(d.Tasks), len(d.Sections), res.Unassigned
	v.References, v.Regime, v.Similar = res.References, res.Regime, res.Similar
	v.Warnings = importWarnings(res.Warnings)
	v.Statuses = planStatuses()
	v.Roles = nil
	for _, f := range res.Files {
		v.Roles = append(v.Roles, importFile{Name: f.Name, Format: strings.ToUpper(f.Format), Role: fileRole(f.Role)})
	}
	names := agencyIndex(res.Agencies)
	v.Names = nil
	for _, n := range res.Names {
		row := importName{Name: n.Name, Tasks: len(n.Tasks), Leads: n.Leads, Kind: n.Kind, Chosen: choiceValue(n.Choice)}
		if n.Choice.IsZero() {
			row.Chosen = choiceValue(n.Proposed)
		}
		if g := names[n.Guess]; g != nil {
			row.Guess = g.Name
			if now := names[n.Proposed.AgencyID]; now != nil && now.ID != g.ID {
				row.GuessNow = now.Name
			}
		}
		v.Names = append(v.Names, row)
	}
	v.Agencies = nil
	for _, a := range res.Agencies {
		if a.ActiveOn(today) {
			v.Agencies = append(v.Agencies, a)
		}
	}
	vntext.Sort(v.Agencies, func(a agency.Agency) string { return a.Name })
	v.Roots = draftTree(d, names, today)
}

// importWarnings words the importer's warnings with where each is; one
// about the plan as a whole starts with a capital.
func importWarnings(ws []planimport.Warning) []importWarning {
	out := make([]importWarning, 0, len(ws))
	for _, w := range ws {
		where := w.File
		if w.Line > 0 {
			where = strings.TrimPrefix(where+", dòng "+strconv.Itoa(w.Line), ", ")
			if where != "" && where[0] == 'd' {
				where = "Dòng" + strings.TrimPrefix(where, "dòng")
			}
		}
		msg := w.Message
		if where == "" {
			if r, size := utf8.DecodeRuneInString(msg); size > 0 {
				msg = string(unicode.ToUpper(r)) + msg[size:]
			}
		}
		out = append(out, importWarning{Where: where, Message: msg})
	}
	return out
}

// fileRole names a file's role as the importer took it.
func fileRole(role string) string {
	switch role {
	case "plan":
		return "văn bản kế hoạch"
	case "appendix":
		return "phụ lục"
	case "cover":
		return "quyết định ban hành"
	}
	return role
}

// choiceValue is the option value of a choice: "new", "none" or the ID.
func choiceValue(c app.AgencyChoice) string {
	switch {
	case c.New:
		return "new"
	case c.NotAgency:
		return "none"
	case c.AgencyID != 0:
		return strconv.FormatInt(c.AgencyID, 10)
	}
	return ""
}

// parseChoice reads an option value back; ok is false for anything else.
func parseChoice(s string) (c app.AgencyChoice, ok bool) {
	switch s {
	case "new":
		return app.AgencyChoice{New: true}, true
	case "none":
		return app.AgencyChoice{NotAgency: true}, true
	}
	if id := formID(s); id > 0 {
		return app.AgencyChoice{AgencyID: id}, true
	}
	return c, false
}

// draftTree draws a draft (not stored, so without IDs) with the same tree
// as a stored plan: section i gets the stand-in ID i+1. A lead the
// register lacks shows as the files write it.
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
		if row.Lead == "" {
			row.Lead = d.Tasks[i].LeadName
		}
		row.Ord = i
		sid := int64(d.Tasks[i].Section + 1)
		bySection[sid] = append(bySection[sid], row)
	}
	return buildTree(sections, bySection, &treeInfo{})
}

// fillMeta proposes the register fields the importer found, and notes
// those it did not.
func (v *importView) fillMeta(res *app.ImportedPlan) {
	p := res.Draft.Plan
	v.Title = p.Title
	v.Code = p.Code
	v.IssuedOn = vntext.FormatDate(p.IssuedOn)
	v.Issuer = p.Issuer
	v.Status = p.Status
	if !v.Status.Valid() || v.Status == plan.PlanDraft {
		v.Status = plan.PlanActive
	}
	v.NeedCode, v.NeedIssue = p.Code == "", p.IssuedOn.IsZero()
}

// readMeta reads the confirmed register fields from the form into v
// (shown again as typed, spaces tidied) and into the plan the use case
// checks; a date that cannot be read is returned as a problem.
func (v *importView) readMeta(r *http.Request) (*plan.Plan, map[string]string) {
	clean := func(s string) string { return strings.Join(strings.Fields(vntext.NFC(s)), " ") }
	v.Title = clean(r.PostFormValue("title"))
	v.Code = clean(r.PostFormValue("code"))
	v.IssuedOn = strings.TrimSpace(r.PostFormValue("issued_on"))
	v.Issuer = clean(r.PostFormValue("issuer"))
	v.Status = plan.PlanStatus(r.PostFormValue("status"))
	v.NeedCode, v.NeedIssue = r.PostFormValue("need_code") != "", r.PostFormValue("need_issue") != ""
	p := &plan.Plan{Title: v.Title, Code: v.Code, Issuer: v.Issuer, Status: v.Status}
	var err error
	if p.IssuedOn, err = parseDate(v.IssuedOn); err != nil {
		return p, map[string]string{"issued_on": err.Error()}
	}
	return p, map[string]string{}
}

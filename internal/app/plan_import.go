package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// PlanImport is the files of one plan to import — its text (with or
// without the decision issuing it) and its appendix files, in any order —
// and, once previewed, what the coordinator confirms.
type PlanImport struct {
	Files []planimport.File
	// Choices say what each agency name the register lacks stands for,
	// keyed by the name as the preview lists it (compared without case or
	// diacritics). A name without a choice is left: its tasks are stored
	// unassigned, the name kept in their text.
	Choices map[string]AgencyChoice
	// CreateAgencies creates every name no choice covers, with the plan
	// (tiendo plan import --create-agencies).
	CreateAgencies bool
	// Meta holds the plan's register fields as confirmed: title, code,
	// issued on, issuer, status. Nil for a preview, which stores nothing.
	Meta *plan.Plan
	// Unattended: nobody is asked (the command line, the API). Meta's
	// empty fields take what the files say, and the number and date may
	// stay unknown. Otherwise a person confirms every field on the
	// preview, and is asked for the number and date the files lack.
	Unattended bool
	// DryRun checks everything a confirmation would but stores nothing.
	DryRun bool
}

// AgencyChoice is the coordinator's answer for one agency name the register
// lacks: the agency it means, a new agency created with the plan, or not an
// agency at all. The zero value answers nothing.
type AgencyChoice struct {
	AgencyID  int64 // an agency of the register, active today
	New       bool  // create an agency of this name, its kind read from its first words
	NotAgency bool  // not an agency: its tasks stay unassigned, the name kept in their text
}

// IsZero reports whether c answers nothing.
func (c AgencyChoice) IsZero() bool { return c == AgencyChoice{} }

// ImportedPlan is what the importer read from the files, what was decided
// about the names the register lacks, and the stored plan's ID (0 when
// nothing was stored).
type ImportedPlan struct {
	// Result is the files as read with the choices applied: the draft
	// stored, or that would be.
	*planimport.Result
	Agencies []agency.Agency // the register, as the names were matched against it
	// Names lists every agency name the files use that the register lacks,
	// once each, with the tasks naming it, its guess and kind, and what
	// was chosen for it (or, on a preview, proposed).
	Names []ImportName
	// Similar are the plans of the register with the same number or the
	// same title as this one.
	Similar []SimilarPlan
	PlanID  int64
	// Created are the agencies made with the plan (with their IDs once
	// stored); Left are the names nothing was chosen for, whose tasks are
	// stored unassigned.
	Created []agency.Agency
	Left    []string
	// Unassigned counts the tasks without a lead agency once the choices
	// apply.
	Unassigned int
}

// ImportName is one agency name the register lacks.
type ImportName struct {
	planimport.Unmatched
	// Choice is the choice given for the name (zero: none).
	Choice AgencyChoice
	// Proposed is what the preview suggests when nothing was chosen: the
	// agency guessed (or its successor, when it has ended), else a new
	// agency.
	Proposed AgencyChoice
}

// ImportPlan reads the files of one plan (planimport.ParseFiles) and, when
// in.Meta is given and not in.DryRun, stores the plan with the confirmed
// register fields, and the new agencies chosen, in one transaction. The
// files are parsed from scratch each time (a preview keeps nothing). Files
// the importer refuses give its *planimport.Error. Agency names the
// register lacks never stop an import. Unconfirmed or invalid fields, and
// choices of agencies not in the register, are an Invalid error, returned
// with what was read so that it can be shown again; nothing is stored then.
func (a *App) ImportPlan(ctx context.Context, by *auth.User, in PlanImport) (*ImportedPlan, error) {
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	opts := planimport.Options{Agencies: agencies, MaxBytes: planimport.DefaultMaxBytes}
	res, err := planimport.ParseFiles(in.Files, opts)
	if err != nil {
		return nil, err
	}
	out := &ImportedPlan{Result: res, Agencies: agencies}
	today := a.Today()
	choices, err := checkChoices(in.Choices, agencies, today)
	out.Names = nameChoices(res.Unmatched, choices, in.CreateAgencies, agencies, today)
	if err != nil {
		out.settle()
		return out, err
	}
	if mapping := mappedIDs(out.Names); len(mapping) > 0 {
		// The importer resolves mapped names itself, in every cell and
		// heading that writes them; the names' list above is the first
		// reading's, so that a preview shown again still lists them.
		opts.Mapping = mapping
		if out.Result, err = planimport.ParseFiles(in.Files, opts); err != nil {
			return nil, err
		}
	}
	out.settle()
	p := &out.Draft.Plan
	if in.Meta != nil {
		setMeta(p, in.Meta, in.Unattended)
	}
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out.Similar = similarPlans(plans, p)
	if in.Meta == nil {
		return out, nil
	}
	if err := checkImportMeta(p, in.Unattended, out.Similar); err != nil {
		return out, err
	}
	if in.DryRun {
		return out, nil
	}
	out.PlanID, err = a.store.CreatePlanWithAgencies(ctx, userID(by), &out.Draft, out.Created)
	if errors.Is(err, derrors.Duplicate) {
		if len(out.Created) > 0 {
			return out, derrors.New(derrors.Conflict, "Số, ký hiệu của kế hoạch hoặc tên một cơ quan mới vừa được người khác dùng. Hãy tải lại các tệp và xem trước lần nữa.")
		}
		return out, derrors.InvalidFields(map[string]string{"code": msgSameCode}, "")
	}
	return out, err
}

// msgSameCode refuses a plan whose number the register already holds.
const msgSameCode = "Số, ký hiệu này đã có trong danh sách kế hoạch."

// checkChoices keeps the choices that answer something, keyed by folded
// name, and refuses those naming an agency not in the register or no
// longer active, or answering two ways at once (the others are kept, for
// the preview shown again).
func checkChoices(in map[string]AgencyChoice, agencies []agency.Agency, today time.Time) (map[string]AgencyChoice, error) {
	active := map[int64]bool{}
	for i := range agencies {
		if agencies[i].ActiveOn(today) {
			active[agencies[i].ID] = true
		}
	}
	out := map[string]AgencyChoice{}
	var bad []string
	for name, c := range in {
		if c.IsZero() {
			continue
		}
		n := 0
		for _, set := range []bool{c.AgencyID != 0, c.New, c.NotAgency} {
			if set {
				n++
			}
		}
		if n > 1 || c.AgencyID < 0 || (c.AgencyID > 0 && !active[c.AgencyID]) {
			bad = append(bad, "“"+name+"”")
			continue
		}
		if k := vntext.Fold(vntext.NFC(strings.TrimSpace(name))); k != "" {
			out[k] = c
		}
	}
	if len(bad) > 0 {
		vntext.Sort(bad, func(s string) string { return s })
		return out, derrors.InvalidFields(map[string]string{"map": "Lựa chọn cho " + strings.Join(bad, ", ") +
			" không dùng được: cơ quan được chọn không có trong danh sách hoặc đã ngừng hoạt động. Hãy chọn lại."}, "")
	}
	return out, nil
}

// nameChoices pairs each name the register lacks with its choice (all
// unanswered names are created when createRest) and a proposal.
func nameChoices(unmatched []planimport.Unmatched, choices map[string]AgencyChoice, createRest bool, agencies []agency.Agency, today time.Time) []ImportName {
	byID := map[int64]*agency.Agency{}
	for i := range agencies {
		byID[agencies[i].ID] = &agencies[i]
	}
	out := make([]ImportName, 0, len(unmatched))
	for _, u := range unmatched {
		n := ImportName{Unmatched: u, Choice: choices[vntext.Fold(u.Name)], Proposed: AgencyChoice{New: true}}
		if n.Choice.IsZero() && createRest {
			n.Choice = AgencyChoice{New: true}
		}
		if id := activeSuccessor(byID, u.Guess, today); id != 0 {
			n.Proposed = AgencyChoice{AgencyID: id}
		}
		out = append(out, n)
	}
	return out
}

// activeSuccessor is the agency id, or the agency that took over from it
// when it has ended, active today; 0 when there is none.
func activeSuccessor(byID map[int64]*agency.Agency, id int64, today time.Time) int64 {
	for range 16 { // a chain of reorganisations is short; a cycle is not followed
		a := byID[id]
		if a == nil {
			return 0
		}
		if a.ActiveOn(today) {
			return id
		}
		id = a.SuccessorID
	}
	return 0
}

// mappedIDs are the names chosen to mean an agency of the register, for
// the importer.
func mappedIDs(names []ImportName) map[string]int64 {
	m := map[string]int64{}
	for _, n := range names {
		if n.Choice.AgencyID != 0 {
			m[n.Name] = n.Choice.AgencyID
		}
	}
	return m
}

// settle lists the agencies to create and the names left, and counts the
// tasks that will have no lead.
func (r *ImportedPlan) settle() {
	created := map[string]bool{}
	r.Created, r.Left = nil, []string{}
	for _, n := range r.Names {
		switch {
		case n.Choice.New:
			r.Created = append(r.Created, agency.Agency{Name: n.Name, Kind: n.Kind})
			created[vntext.Fold(n.Name)] = true
		case n.Choice.IsZero():
			r.Left = append(r.Left, n.Name)
		}
	}
	r.Unassigned = 0
	for _, t := range r.Draft.Tasks {
		if t.LeadAgencyID == 0 && !created[vntext.Fold(t.LeadName)] {
			r.Unassigned++
		}
	}
}

// setMeta puts the confirmed register fields on the plan; unattended,
// the fields left empty keep what the files say.
func setMeta(p, meta *plan.Plan, unattended bool) {
	clean := func(s string) string { return strings.Join(strings.Fields(vntext.NFC(s)), " ") }
	m := plan.Plan{Title: clean(meta.Title), Code: clean(meta.Code), Issuer: clean(meta.Issuer), IssuedOn: meta.IssuedOn, Status: meta.Status}
	if unattended {
		m.Title = cmpOr(m.Title, p.Title)
		m.Code = cmpOr(m.Code, p.Code)
		m.Issuer = cmpOr(m.Issuer, p.Issuer)
		if m.IssuedOn.IsZero() {
			m.IssuedOn = p.IssuedOn
		}
		if m.Status == "" {
			m.Status = plan.PlanActive
		}
	}
	p.Title, p.Code, p.IssuedOn, p.Issuer, p.Status = m.Title, m.Code, m.IssuedOn, m.Issuer, m.Status
}

// cmpOr is a, or b when a is empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkImportMeta applies the register's rules to the plan about to be
// stored: its fields, a number the register already holds, and — when a
// person confirms — the number and date the files may have lacked.
func checkImportMeta(p *plan.Plan, unattended bool, similar []SimilarPlan) error {
	fe := plan.ValidatePlan(p)
	if fe == nil {
		fe = plan.FieldErrors{}
	}
	if !unattended {
		if p.Code == "" && fe["code"] == "" {
			fe["code"] = "Hãy nhập số, ký hiệu của kế hoạch (ví dụ 60/KH-UBND)."
		}
		if p.IssuedOn.IsZero() && fe["issued_on"] == "" {
			fe["issued_on"] = "Hãy nhập ngày ban hành, dạng dd/mm/yyyy."
		}
	}
	msg := ""
	for _, s := range similar {
		if s.SameCode && fe["code"] == "" {
			fe["code"], msg = msgSameCode, s.Message()
		}
	}
	if len(fe) > 0 {
		return derrors.InvalidFields(fe, msg)
	}
	return nil
}

package planimport

import (
	"slices"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Unmatched is an agency name the plan's tasks use that the register does
// not know (nor Options.Mapping): what the preview's mapping screen asks
// about — map it to an existing agency, create it with the import, or say
// it is not an agency.
type Unmatched struct {
	Name string // as first written (NFC)
	// Tasks are the indexes in Draft.Tasks of the tasks naming it, as lead
	// or cooperating agency, in order.
	Tasks []int
	// Leads is how many of those tasks it leads.
	Leads int
	// Guess is the register's agency the name most likely means (its words
	// mostly the same: "Sở Giáo dục và Đào tạo tỉnh Cà Mau" for "Sở Giáo dục
	// và Đào tạo"), 0 when none is close. A suggestion only.
	Guess int64
	// Kind is the kind a new agency of that name would have, read from
	// its first words (Sở → department, UBND xã → commune, …).
	Kind agency.Kind
}

// assigner resolves agency names to register IDs: first the user's own
// mapping of names the register does not know, then the matcher. Names it
// cannot resolve are kept, once each, with the tasks naming them; an
// agency is never created from a name here.
type assigner struct {
	m         *matcher
	agencies  []agency.Agency
	mapping   map[string]int64 // folded name → ID, from Options.Mapping
	unmatched []*Unmatched
	byName    map[string]*Unmatched // folded name
	// cells remembers what each cell resolved to: appendices repeat the
	// same lead and cooperating cells row after row.
	cells map[string][]item
}

func newAssigner(agencies []agency.Agency, mapping map[string]int64) *assigner {
	a := &assigner{m: newMatcher(agencies), agencies: agencies, mapping: map[string]int64{}, byName: map[string]*Unmatched{}, cells: map[string][]item{}}
	for name, id := range mapping {
		a.mapping[vntext.Fold(vntext.NFC(name))] = id
	}
	return a
}

func (a *assigner) mapped(name string) (int64, bool) {
	id, ok := a.mapping[vntext.Fold(name)]
	return id, ok && id != 0
}

// item is one agency a cell or heading names: one the register knows
// (id), or a name as written that it does not.
type item struct {
	id   int64
	name string
}

// items resolves a cell listing agencies ("Sở Tài chính; Sở Nội vụ, UBND
// các xã"), in the order written; the user's mapping applies to the whole
// cell and to each name in it.
func (a *assigner) items(cell string) []item {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil
	}
	if its, ok := a.cells[cell]; ok {
		return its
	}
	if id, ok := a.mapped(cell); ok {
		return []item{{id: id}}
	}
	var out []item
	defer func() { a.cells[cell] = out }()
	for _, it := range a.m.resolveList(cell) {
		if it.id == 0 {
			if id, ok := a.mapped(it.name); ok {
				it = item{id: id}
			}
		}
		if !slices.ContainsFunc(out, func(o item) bool { return o.id == it.id && vntext.Fold(o.name) == vntext.Fold(it.name) }) {
			out = append(out, it)
		}
	}
	return out
}

// note records that task ti names an unknown agency.
func (a *assigner) note(name string, ti int, lead bool) {
	k := vntext.Fold(name)
	if k == "" {
		return
	}
	u := a.byName[k]
	if u == nil {
		u = &Unmatched{Name: name}
		a.byName[k] = u
		a.unmatched = append(a.unmatched, u)
	}
	if len(u.Tasks) == 0 || u.Tasks[len(u.Tasks)-1] != ti {
		u.Tasks = append(u.Tasks, ti)
	}
	if lead {
		u.Leads++
	}
}

// unmatchedList gives the unknown names with their guesses, never nil.
func (a *assigner) unmatchedList() []Unmatched {
	out := make([]Unmatched, 0, len(a.unmatched))
	var register []namedWords
	if len(a.unmatched) > 0 {
		register = registerWords(a.agencies)
	}
	for _, u := range a.unmatched {
		u.Guess = guessAgency(u.Name, register)
		u.Kind = guessKind(u.Name)
		out = append(out, *u)
	}
	return out
}

// assign sets a task's lead and cooperating agencies, in this order of
// authority: the lead written in its own field (a table's lead cell, a
// "Chủ trì:" line), the lead its text names ("Sở X chủ trì", the subject of
// "phối hợp với"), the agency its heading puts in charge, and the only
// agency its text names (unless the text has it cooperate or addresses
// it). Names the register does not know stay as written on the draft
// task and are noted for the mapping screen.
//
// several reports a lead field naming more than one agency: the first
// leads, the others cooperate.
//
// text is what to read the agencies named from: the task's text, or for a
// table row its task cell (its other cells are given as fields).
func (a *assigner) assign(t *plan.DraftTask, ti int, text string, leadCells, coopCells []string, headLead string) (several bool) {
	var lead *item
	var coops []item
	for _, c := range leadCells {
		its := a.items(c)
		if len(its) == 0 {
			continue
		}
		several = several || len(its) > 1
		if lead == nil {
			lead = &its[0]
			its = its[1:]
		}
		coops = append(coops, its...)
	}
	for _, c := range coopCells {
		coops = append(coops, a.items(c)...)
	}
	ms := a.m.find(text)
	for _, m := range ms {
		t.MentionedAgencyIDs = append(t.MentionedAgencyIDs, m.AgencyID)
		switch {
		case m.Lead && lead == nil:
			lead = &item{id: m.AgencyID}
		case m.Coop:
			coops = append(coops, item{id: m.AgencyID})
		}
	}
	if lead == nil && headLead != "" {
		if its := a.items(headLead); len(its) > 0 {
			lead = &its[0]
		}
	}
	if lead == nil && len(ms) == 1 && !ms[0].Coop && !ms[0].Object {
		lead = &item{id: ms[0].AgencyID}
	}
	if lead != nil {
		t.LeadAgencyID = lead.id
		if lead.id == 0 {
			t.LeadName = lead.name
			a.note(lead.name, ti, true)
		}
	}
	for _, c := range coops {
		switch {
		case c.id != 0:
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, c.id)
		case lead != nil && lead.id == 0 && vntext.Fold(c.name) == vntext.Fold(lead.name):
		case !slices.ContainsFunc(t.CooperatingNames, func(n string) bool { return vntext.Fold(n) == vntext.Fold(c.name) }):
			t.CooperatingNames = append(t.CooperatingNames, c.name)
			a.note(c.name, ti, false)
		}
	}
	settle(&t.Task)
	return several
}

// settle makes a task's agency lists consistent: no duplicates, the lead not
// among the cooperating agencies, every assigned agency among the mentioned.
func settle(t *plan.Task) {
	t.CooperatingAgencyIDs = slices.DeleteFunc(dedupIDs(t.CooperatingAgencyIDs), func(id int64) bool { return id == t.LeadAgencyID })
	if t.LeadAgencyID != 0 {
		t.MentionedAgencyIDs = append(t.MentionedAgencyIDs, t.LeadAgencyID)
	}
	t.MentionedAgencyIDs = dedupIDs(append(t.MentionedAgencyIDs, t.CooperatingAgencyIDs...))
	if len(t.CooperatingAgencyIDs) == 0 {
		t.CooperatingAgencyIDs = nil
	}
	if len(t.MentionedAgencyIDs) == 0 {
		t.MentionedAgencyIDs = nil
	}
}

// dedupIDs keeps the first of each ID, in order, dropping zeros.
func dedupIDs(ids []int64) []int64 {
	out := ids[:0:0]
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

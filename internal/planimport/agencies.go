package planimport

import (
	"slices"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// assigner resolves agency names to register IDs: first the user's own
// mapping of names the register does not know, then the matcher. Names it
// cannot resolve are collected, once each, for the user to map; an agency is
// never created from a name.
type assigner struct {
	m       *matcher
	mapping map[string]int64 // folded name → ID, from Options.Mapping
	unknown []string
	seen    map[string]bool // folded unknown names
}

func newAssigner(agencies []agency.Agency, mapping map[string]int64) *assigner {
	a := &assigner{m: newMatcher(agencies), mapping: map[string]int64{}, seen: map[string]bool{}}
	for name, id := range mapping {
		a.mapping[vntext.Fold(vntext.NFC(name))] = id
	}
	return a
}

func (a *assigner) mapped(name string) (int64, bool) {
	id, ok := a.mapping[vntext.Fold(name)]
	return id, ok && id != 0
}

func (a *assigner) addUnknown(name string) {
	if k := vntext.Fold(name); k != "" && !a.seen[k] {
		a.seen[k] = true
		a.unknown = append(a.unknown, name)
	}
}

// name resolves one agency name (a lead cell, a "Chủ trì:" value).
func (a *assigner) name(name string) (int64, bool) {
	if id, ok := a.mapped(name); ok {
		return id, true
	}
	return a.m.lookup(name)
}

// lead resolves a lead-agency cell. A cell naming several agencies gives the
// first as lead and the others back as extra (to become cooperating).
func (a *assigner) lead(cell string) (lead int64, extra []int64) {
	if cell == "" {
		return 0, nil
	}
	if id, ok := a.name(cell); ok {
		return id, nil
	}
	ids := a.list(cell)
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], ids[1:]
}

// list resolves a cell listing agencies ("Sở Tài chính; Sở Nội vụ, UBND các
// xã"). When the matcher can split nothing out of a non-empty cell, the
// whole cell is one unknown name.
func (a *assigner) list(cell string) []int64 {
	if cell == "" {
		return nil
	}
	if id, ok := a.mapped(cell); ok {
		return []int64{id}
	}
	ids, unknown := a.m.resolveList(cell)
	if len(ids) == 0 && len(unknown) == 0 {
		unknown = []string{cell}
	}
	for _, name := range unknown {
		if id, ok := a.mapped(name); ok {
			ids = append(ids, id)
		} else {
			a.addUnknown(name)
		}
	}
	return dedupIDs(ids)
}

// mentions fills a task's agencies from its text: all mentioned ones, the
// lead (marked "chủ trì", the subject of "phối hợp với", or the only agency
// named when the text neither has it cooperate nor addresses it), the
// cooperating ones (marked "phối hợp").
func (a *assigner) mentions(t *plan.Task) {
	ms := a.m.find(t.Text)
	for _, m := range ms {
		t.MentionedAgencyIDs = append(t.MentionedAgencyIDs, m.AgencyID)
		switch {
		case m.Lead && t.LeadAgencyID == 0:
			t.LeadAgencyID = m.AgencyID
		case m.Coop:
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, m.AgencyID)
		}
	}
	t.MentionedAgencyIDs = dedupIDs(t.MentionedAgencyIDs)
	if t.LeadAgencyID == 0 && len(ms) == 1 && !ms[0].Coop && !ms[0].Object {
		t.LeadAgencyID = ms[0].AgencyID
	}
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

package agency

import "slices"

// The decisions of a reorganisation against the data as it is when it is
// applied. The store reads the data and applies the moves in one
// transaction; what may be done, and what goes where, is decided here.

// Agencies lists every agency r names: the ones that end, the successor
// and those a split assigns tasks or indicators to; each once.
func (r *Reorganisation) Agencies() []int64 {
	var out []int64
	add := func(id int64) {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, id := range r.From {
		add(id)
	}
	add(r.Into)
	for _, m := range []map[int64]int64{r.Tasks, r.Indicators} {
		ids := make([]int64, 0, len(m))
		for _, to := range m {
			ids = append(ids, to)
		}
		slices.Sort(ids)
		for _, id := range ids {
			add(id)
		}
	}
	return out
}

// CheckRegister checks r against the register on the day it is applied:
// the agencies that end exist and are in existence on the effective day,
// and so are the successor and every agency a split assigns work to, which
// may not be the agency split. found holds the agencies r names
// (Agencies) that exist. A *ReorgError lists every refusal.
func (r *Reorganisation) CheckRegister(found map[int64]*Agency) error {
	var out []Refusal
	ending := map[int64]bool{}
	for _, id := range r.From {
		a := found[id]
		switch {
		case a == nil:
			out = append(out, Refusal{Field: "from", Code: RefuseNoAgency, ID: id})
			continue
		case !a.ActiveOn(r.Effective):
			out = append(out, Refusal{Field: "from", Code: RefuseInactive, ID: id, Name: a.Name})
		}
		ending[id] = true
	}
	active := func(field string, id int64) {
		switch a := found[id]; {
		case a == nil:
			out = append(out, Refusal{Field: field, Code: RefuseNoAgency, ID: id})
		case !a.ActiveOn(r.Effective):
			out = append(out, Refusal{Field: field, Code: RefuseInactive, ID: id, Name: a.Name})
		}
	}
	if r.Into != 0 {
		active("into", r.Into)
	}
	for _, part := range []struct {
		field    string
		assigned map[int64]int64
	}{{"tasks", r.Tasks}, {"indicators", r.Indicators}} {
		for _, id := range sortedKeys(part.assigned) {
			to := part.assigned[id]
			if ending[to] {
				out = append(out, Refusal{Field: part.field, Code: RefuseToSplit, ID: to})
			} else {
				active(part.field, to)
			}
		}
	}
	if len(out) > 0 {
		return Refused(out...)
	}
	return nil
}

// NameTaken is the refusal of a new successor whose name an agency in
// existence has.
func NameTaken() error { return Refused(Refusal{Field: "new.name", Code: RefuseNameTaken}) }

// TaskSuccessor is the agency task id goes to (as lead, or as
// cooperating agency): the one a split assigns it, else succ.
func (r *Reorganisation) TaskSuccessor(id, succ int64) int64 {
	if to, ok := r.Tasks[id]; ok {
		return to
	}
	return succ
}

// AssignTasks sets the agency each open task led by an ended agency goes
// to (TaskSuccessor). It refuses an assignment of a task that is not among
// them, and a split that leaves one of them to nobody.
func (r *Reorganisation) AssignTasks(moves []ReorgMove, succ int64) error {
	if err := assign(moves, r.Tasks, succ, "tasks"); err != nil {
		return err
	}
	if r.Kind != ReorgSplit {
		return nil
	}
	for _, m := range moves {
		if m.To == 0 {
			return Refused(Refusal{Field: "tasks", Code: RefuseUnassigned, ID: m.ID, Name: m.Label})
		}
	}
	return nil
}

// AssignIndicators sets the agency each indicator of an ended agency goes
// to: the one a split assigns it, else succ. It refuses an assignment of
// an indicator that is not among them.
func (r *Reorganisation) AssignIndicators(moves []ReorgMove, succ int64) error {
	return assign(moves, r.Indicators, succ, "indicators")
}

// assign sets each move's To from assigned, else succ, and refuses an
// assigned ID that is not among the moves.
func assign(moves []ReorgMove, assigned map[int64]int64, succ int64, field string) error {
	moving := map[int64]bool{}
	for i := range moves {
		moves[i].To = succ
		if to, ok := assigned[moves[i].ID]; ok {
			moves[i].To = to
		}
		moving[moves[i].ID] = true
	}
	for _, id := range sortedKeys(assigned) {
		if !moving[id] {
			return Refused(Refusal{Field: field, Code: RefuseNotMoving, ID: id})
		}
	}
	return nil
}

// ReportPartTo is the agency whose report of the same period takes a part
// (entry, file, contribution, indicator value) of an ended agency's report
// not yet sent: owner, the agency the part now belongs to (its task's
// lead, its indicator's agency, as moved); a part that belongs to nobody
// in particular (a contribution, a file of the whole report) goes to the
// successor succ. 0 when nobody takes it (no successor, or the owner is
// itself ending): the part is dropped.
func (r *Reorganisation) ReportPartTo(owner, succ int64) int64 {
	if owner == 0 {
		owner = succ
	}
	if owner == 0 || slices.Contains(r.From, owner) {
		return 0
	}
	return owner
}

func sortedKeys(m map[int64]int64) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

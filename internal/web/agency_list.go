package web

import (
	"net/http"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// agencyRow is one agency in the hierarchy list.
type agencyRow struct {
	agency.Agency
	Depth  int  // 0 for top-level agencies; CSS indents by it
	Active bool // in existence today
	// Now is the successor's name when the agency ended in a
	// reorganisation: shown as "nay là …".
	Now string
}

// agencyListView is the agency list's data.
type agencyListView struct {
	Rows        []agencyRow
	Saved       bool // an agency was just saved
	Reorganised bool // a reorganisation was just applied
}

// agencyList shows the agencies as a hierarchy (a trung tâm under its sở),
// siblings in Vietnamese collation.
func (h *handler) agencyList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.Agencies(r.Context())
	if err != nil {
		return err
	}
	rows := agencyHierarchy(list)
	today := h.app.Today()
	byID := agencyIndex(list)
	for i := range rows {
		rows[i].Active = rows[i].ActiveOn(today)
		if succ := byID[rows[i].SuccessorID]; succ != nil {
			rows[i].Now = succ.Name
		}
	}
	q := r.URL.Query()
	v := agencyListView{Rows: rows, Saved: q.Get("saved") == "1", Reorganised: q.Get("reorganised") == "1"}
	return h.render(w, r, http.StatusOK, "agency_list", &page{Title: "Cơ quan, đơn vị", Nav: "agencies", Data: v})
}

// agencyHierarchy flattens the agency tree depth-first, children right
// after their parent. An agency whose parent is missing, or that sits in a
// cycle, is shown at the top level rather than lost.
func agencyHierarchy(list []agency.Agency) []agencyRow {
	sorted := append([]agency.Agency(nil), list...)
	vntext.Sort(sorted, func(a agency.Agency) string { return a.Name })
	byID := agencyIndex(sorted)
	children := map[int64][]agency.Agency{}
	var roots []agency.Agency
	for _, a := range sorted {
		if a.ParentID != 0 && byID[a.ParentID] != nil && !inCycle(byID, a.ID) {
			children[a.ParentID] = append(children[a.ParentID], a)
		} else {
			roots = append(roots, a)
		}
	}
	var out []agencyRow
	var walk func(a agency.Agency, depth int)
	walk = func(a agency.Agency, depth int) {
		out = append(out, agencyRow{Agency: a, Depth: min(depth, 4)})
		for _, c := range children[a.ID] {
			walk(c, depth+1)
		}
	}
	for _, a := range roots {
		walk(a, 0)
	}
	return out
}

// inCycle reports whether following parents from id never reaches the top
// (id or one of its ancestors sits in a cycle).
func inCycle(byID map[int64]*agency.Agency, id int64) bool {
	seen := map[int64]bool{}
	for cur := id; cur != 0; {
		if seen[cur] {
			return true
		}
		seen[cur] = true
		a := byID[cur]
		if a == nil {
			return false
		}
		cur = a.ParentID
	}
	return false
}

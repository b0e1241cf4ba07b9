package web

import (
	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/vntext"
)

// importDone is the page after a plan was imported: what was stored, in
// counts, and the way to the plan.
type importDone struct {
	PlanID     int64
	Title      string
	Code       string
	IssuedOn   string // dd/mm/yyyy
	Tasks      int
	Sections   int
	Created    []agency.Agency // agencies made with the plan
	Mapped     int             // names mapped to agencies of the register
	Dismissed  []string        // names said not to be agencies
	Unassigned int             // tasks stored without a lead agency
}

// newImportDone summarises a stored import.
func newImportDone(res *app.ImportedPlan) importDone {
	p := res.Draft.Plan
	d := importDone{PlanID: res.PlanID, Title: p.Title, Code: p.Code, IssuedOn: vntext.FormatDate(p.IssuedOn),
		Tasks: len(res.Draft.Tasks), Sections: len(res.Draft.Sections), Created: res.Created, Unassigned: res.Unassigned}
	for _, n := range res.Names {
		switch {
		case n.Choice.AgencyID != 0:
			d.Mapped++
		case n.Choice.NotAgency:
			d.Dismissed = append(d.Dismissed, n.Name)
		}
	}
	return d
}

package app

import "time"

// ImportSummary is the one answer of an import that programs read: the
// object `tiendo plan import --json` prints and POST /api/v1/plans/import
// answers. Its field names are a contract; it is built here so that the
// two can never differ.
type ImportSummary struct {
	// PlanID is the stored plan's ID; null on a preview or a dry run.
	PlanID     *int64                 `json:"plan_id"`
	Title      string                 `json:"title"`
	Sections   int                    `json:"sections"`
	Tasks      int                    `json:"tasks"`
	References []ImportSummaryRef     `json:"references"`
	Warnings   []ImportSummaryWarning `json:"warnings"`
	// UnmatchedAgencies are the agency names the files use that are left
	// without an agency: neither in the register nor mapped, created or
	// dismissed as not an agency. Their tasks are stored unassigned, the
	// names kept in their text.
	UnmatchedAgencies []string `json:"unmatched_agencies"`
}

// ImportSummaryRef is a document the files cite.
type ImportSummaryRef struct {
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	IssuerCode string `json:"issuer_code,omitempty"`
	IssuedOn   string `json:"issued_on,omitempty"` // YYYY-MM-DD
	Text       string `json:"text"`
}

// ImportSummaryWarning is something to check: a line of a file (File when
// the import has several), or the plan as a whole (no line).
type ImportSummaryWarning struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Summary is the import's answer for programs; the plans of the register
// with the same number or title come first among the warnings.
func (r *ImportedPlan) Summary() ImportSummary {
	sum := ImportSummary{
		Title:             r.Draft.Plan.Title,
		Sections:          len(r.Draft.Sections),
		Tasks:             len(r.Draft.Tasks),
		References:        []ImportSummaryRef{},
		Warnings:          []ImportSummaryWarning{},
		UnmatchedAgencies: append([]string{}, r.Left...),
	}
	if r.PlanID != 0 {
		id := r.PlanID
		sum.PlanID = &id
	}
	for _, ref := range r.References {
		s := ImportSummaryRef{Kind: ref.Kind, Number: ref.Number, IssuerCode: ref.IssuerCode, Text: ref.Text}
		if !ref.IssuedOn.IsZero() {
			s.IssuedOn = ref.IssuedOn.Format(time.DateOnly)
		}
		sum.References = append(sum.References, s)
	}
	for _, s := range r.Similar {
		sum.Warnings = append(sum.Warnings, ImportSummaryWarning{Message: s.Message()})
	}
	for _, w := range r.Warnings {
		sum.Warnings = append(sum.Warnings, ImportSummaryWarning{File: w.File, Line: w.Line, Message: w.Message})
	}
	return sum
}

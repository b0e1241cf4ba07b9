package api

import (
	"time"

	"tiendo/internal/agency"
)

// agencyJSON is an agency (cơ quan, đơn vị) as the API shows it. Active
// says whether it exists today, so integrators need not compare dates.
type agencyJSON struct {
	ID          int64    `json:"id"`
	ParentID    *int64   `json:"parent_id"`
	Name        string   `json:"name"`
	ShortName   string   `json:"short_name"`
	Aliases     []string `json:"aliases"`
	Kind        string   `json:"kind"`
	ValidFrom   *string  `json:"valid_from"`
	ValidTo     *string  `json:"valid_to"`
	SuccessorID *int64   `json:"successor_id"`
	Active      bool     `json:"active"`
}

// agencyView is ag as the API shows it on day today; it points into ag.
func agencyView(ag *agency.Agency, today time.Time) agencyJSON {
	return agencyJSON{
		ID:          ag.ID,
		ParentID:    nullID(&ag.ParentID),
		Name:        ag.Name,
		ShortName:   ag.ShortName,
		Aliases:     nonNil(ag.Aliases),
		Kind:        string(ag.Kind),
		ValidFrom:   nullDate(ag.ValidFrom),
		ValidTo:     nullDate(ag.ValidTo),
		SuccessorID: nullID(&ag.SuccessorID),
		Active:      ag.ActiveOn(today),
	}
}

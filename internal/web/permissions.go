package web

import (
	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// permit says whether u holds permission p: nil when it does, else an
// error for fail (errForbidden, or a reporting error whose Vietnamese
// message says who may do this). A nil user holds only auth.Public.
func permit(u *auth.User, p auth.Permission) error {
	if u == nil || u.Disabled || !u.Role.Valid() {
		if p == auth.Public {
			return nil
		}
		return errForbidden
	}
	if auth.Can(u, p) {
		return nil
	}
	// Refusals of the reporting permissions say who may act, in the
	// reporting rules' own words.
	switch p {
	case auth.WriteReport, auth.RequestExtension:
		return reporting.ErrAgencyOnly
	case auth.SubmitReport:
		if u.Role == auth.RoleOfficer {
			return reporting.ErrHeadOnly
		}
		return reporting.ErrAgencyOnly
	case auth.ReviewReport, auth.DecideExtension:
		return reporting.ErrReviewOnly
	}
	return errForbidden
}

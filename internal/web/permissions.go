package web

import (
	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// Permissions of the reporting routes. internal/auth has no permission
// codes for reporting yet (only the reserved ReadOwnAgency), so the web UI
// names its own here and checks them by role in permit; the rules for one
// report (whose agency, which state, which period) stay with
// reporting.Can, which every handler calls on the report itself.
const (
	// permWriteReport: draft an agency's report (entries, contributions,
	// values, texts, files) and start a correction — the agency's head or
	// officer (chuyên viên, lãnh đạo).
	permWriteReport auth.Permission = "report.write"
	// permSubmitReport: approve and send — the agency's head only.
	permSubmitReport auth.Permission = "report.submit"
	// permReviewReport: accept or return — the coordinator (and admin).
	permReviewReport auth.Permission = "report.review"
	// permRequestExtension: ask for a new deadline or changed content — the
	// head or officer of the task's lead agency.
	permRequestExtension auth.Permission = "extension.request"
	// permDecideExtension: approve or refuse such a request — the coordinator (and admin).
	permDecideExtension auth.Permission = "extension.decide"
)

// webPermissions lists the permissions defined here, for the route test.
var webPermissions = []auth.Permission{permWriteReport, permSubmitReport, permReviewReport, permRequestExtension, permDecideExtension}

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
	agencyUser := u.Role == auth.RoleHead || u.Role == auth.RoleOfficer
	reviewer := u.Role == auth.RoleCoordinator || u.Role == auth.RoleAdmin
	switch p {
	case permWriteReport, permRequestExtension:
		if !agencyUser {
			return reporting.ErrAgencyOnly
		}
	case permSubmitReport:
		if !agencyUser {
			return reporting.ErrAgencyOnly
		}
		if u.Role != auth.RoleHead {
			return reporting.ErrHeadOnly
		}
	case permReviewReport, permDecideExtension:
		if !reviewer {
			return reporting.ErrReviewOnly
		}
	default:
		if !auth.Can(u, p) {
			return errForbidden
		}
	}
	return nil
}

// Package auth holds accounts: users and their roles, what each role may do,
// Argon2id password hashes, and the random tokens behind sessions and API
// bearer tokens. The store keeps only hashes of tokens.
package auth

import "time"

// Role is what a user is in the system. The codes are used by the CLI and the API.
type Role string

// Roles.
const (
	RoleAdmin       Role = "admin"       // quản trị
	RoleCoordinator Role = "coordinator" // điều phối (Sở KH&CN)
	RoleHead        Role = "head"        // lãnh đạo cơ quan
	RoleOfficer     Role = "officer"     // chuyên viên cơ quan
	RoleLeader      Role = "leader"      // lãnh đạo tỉnh (read-only)
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleHead, RoleOfficer, RoleLeader}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị"
	case RoleCoordinator:
		return "Điều phối"
	case RoleHead:
		return "Lãnh đạo cơ quan"
	case RoleOfficer:
		return "Chuyên viên cơ quan"
	case RoleLeader:
		return "Lãnh đạo tỉnh"
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// NeedsAgency reports whether users of this role belong to an agency.
func (r Role) NeedsAgency() bool { return r == RoleHead || r == RoleOfficer }

// User is an account.
type User struct {
	ID        int64
	Username  string
	FullName  string
	Email     string
	Role      Role
	AgencyID  int64 // required for head and officer; 0 otherwise
	Disabled  bool
	CreatedAt time.Time
}

// Permission is one thing a route lets a user do.
type Permission string

// Permissions checked by routes.
const (
	Public        Permission = "public"         // anyone, signed in or not
	ReadPlan      Permission = "plan.read"      // browse plans, tasks, agencies
	EditPlan      Permission = "plan.edit"      // create and edit tasks, import plans
	ManageAgency  Permission = "agency.manage"  // add and edit agencies
	ManageUsers   Permission = "user.manage"    // add users, reset passwords
	ReadOwnAgency Permission = "agency.readown" // read reports: each report's own rule narrows it (reporting.Can)

	// Reporting. These say whether a role may ever take the action; the
	// rule for one report or task (whose agency, which state, which period)
	// is reporting.Can, checked by the handler and again by the store.
	WriteReport      Permission = "report.write"      // draft entries, contributions, values, texts, files; start a correction: head or officer
	SubmitReport     Permission = "report.submit"     // approve and send the agency's report: head
	ReviewReport     Permission = "report.review"     // accept or return a report: coordinator, admin
	RequestExtension Permission = "extension.request" // ask for a new deadline or changed content: head or officer
	DecideExtension  Permission = "extension.decide"  // approve or refuse such a request: coordinator, admin

	// Accounts and oversight.
	OwnAccount Permission = "account.own" // manage one's own sign-in: two-factor, API tokens, sessions: every signed-in user
	ReadAudit  Permission = "audit.read"  // read and export the audit log: coordinator, admin
)

// Permissions lists every permission, for tests that walk route tables.
var Permissions = []Permission{Public, ReadPlan, EditPlan, ManageAgency, ManageUsers, ReadOwnAgency,
	WriteReport, SubmitReport, ReviewReport, RequestExtension, DecideExtension, OwnAccount, ReadAudit}

// Can reports whether u holds permission p. A nil user (not signed in) holds only Public.
func Can(u *User, p Permission) bool {
	if p == Public {
		return true
	}
	if u == nil || u.Disabled || !u.Role.Valid() {
		return false
	}
	switch p {
	case ReadPlan, ReadOwnAgency, OwnAccount:
		return true
	case EditPlan, ManageAgency, ReviewReport, DecideExtension, ReadAudit:
		return u.Role == RoleAdmin || u.Role == RoleCoordinator
	case WriteReport, RequestExtension:
		return u.Role.NeedsAgency() && u.AgencyID > 0
	case SubmitReport:
		return u.Role == RoleHead && u.AgencyID > 0
	case ManageUsers:
		return u.Role == RoleAdmin
	}
	return false
}

// SessionCookie is the name of the cookie that carries a web session token.
const SessionCookie = "tiendo_session"

// SessionTTL is how long a session lasts after sign-in (the absolute
// limit, whatever the activity) unless serve's --session-max says otherwise.
const SessionTTL = 12 * time.Hour

// SessionIdle is how long a session lasts unused unless serve's
// --session-idle says otherwise: an office PC left signed in over lunch
// stays so, one left overnight does not.
const SessionIdle = 2 * time.Hour

// SessionLimits are the two lifetimes of a web session.
type SessionLimits struct {
	Idle time.Duration // ends after this long unused; 0: no idle limit
	Max  time.Duration // ends this long after sign-in, used or not
}

// DefaultSessionLimits are SessionIdle and SessionTTL.
var DefaultSessionLimits = SessionLimits{Idle: SessionIdle, Max: SessionTTL}

package auth

// TokenScope limits what an API token may do, below what its user may do:
// a script that only reads dashboards should not be able to submit reports
// if its token leaks.
type TokenScope string

// The token scopes.
const (
	ScopeRead   TokenScope = "read"   // read only: GET routes with a read permission
	ScopeReport TokenScope = "report" // read, and write and submit the agency's reports and extension requests
	ScopeFull   TokenScope = "full"   // everything the user may do (tokens made before scopes existed)
)

// TokenScopes lists the scopes, narrowest first.
var TokenScopes = []TokenScope{ScopeRead, ScopeReport, ScopeFull}

// Valid reports whether s is a known scope.
func (s TokenScope) Valid() bool { return s == ScopeRead || s == ScopeReport || s == ScopeFull }

// Label is the scope's Vietnamese name.
func (s TokenScope) Label() string {
	switch s {
	case ScopeRead:
		return "Chỉ đọc"
	case ScopeReport:
		return "Đọc và viết báo cáo"
	case ScopeFull:
		return "Toàn quyền của người dùng"
	}
	return string(s)
}

// ScopeAllows reports whether a token of scope may use a route that needs
// perm with method. The user's own permission is checked separately; the
// scope can only narrow it.
func ScopeAllows(scope TokenScope, perm Permission, method string) bool {
	read := (method == "GET" || method == "HEAD") && (perm == Public || perm == ReadPlan || perm == ReadOwnAgency)
	switch scope {
	case ScopeFull:
		return true
	case ScopeRead:
		return read
	case ScopeReport:
		return read || perm == WriteReport || perm == SubmitReport || perm == RequestExtension
	}
	return false
}

package store

// THIS FILE IS A TEMPORARY SCAFFOLD: it fixes the store's method set so that
// the web and API packages can be written against it while the store is
// being built. Each method moves to its aggregate file (agency.go, plan.go,
// task.go, user.go, session.go, token.go, indicator.go, audit.go) with a
// real implementation; this file is then deleted.

import (
	"context"
	"errors"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
)

var errTODO = errors.New("store: not implemented yet")

// Errors callers test with errors.Is.
var (
	ErrNotFound  = errors.New("store: not found")
	ErrConflict  = errors.New("store: version conflict") // the row changed since it was read
	ErrDuplicate = errors.New("store: duplicate")        // a unique key (username, plan code, agency name) is taken
)

// Store is the one place that holds SQL. It works on SQLite and PostgreSQL.
type Store struct{}

// Open opens (creating and migrating as needed) the database named by dsn:
// a file path for SQLite, or a postgres:// URL.
func Open(ctx context.Context, dsn string) (*Store, error) { return nil, errTODO }

// Close closes the database.
func (s *Store) Close() error { return errTODO }

// Ping checks that the database answers (for /healthz).
func (s *Store) Ping(ctx context.Context) error { return errTODO }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return "" }

// CreateAgency stores a new agency and sets a.ID and a.Version.
func (s *Store) CreateAgency(ctx context.Context, actor int64, a *agency.Agency) error {
	return errTODO
}

// UpdateAgency saves a; a.Version must be the version read (ErrConflict otherwise); it is incremented.
func (s *Store) UpdateAgency(ctx context.Context, actor int64, a *agency.Agency) error {
	return errTODO
}

// Agency reads one agency.
func (s *Store) Agency(ctx context.Context, id int64) (*agency.Agency, error) { return nil, errTODO }

// Agencies lists every agency, sorted by name in Vietnamese collation.
func (s *Store) Agencies(ctx context.Context) ([]agency.Agency, error) { return nil, errTODO }

// CreatePlan stores a whole plan draft — plan, section tree, tasks with
// their agencies and cited documents — in one transaction, fills the IDs
// in d, and returns the plan ID.
func (s *Store) CreatePlan(ctx context.Context, actor int64, d *plan.Draft) (int64, error) {
	return 0, errTODO
}

// Plans lists plans, newest first.
func (s *Store) Plans(ctx context.Context) ([]plan.Plan, error) { return nil, errTODO }

// Plan reads one plan.
func (s *Store) Plan(ctx context.Context, id int64) (*plan.Plan, error) { return nil, errTODO }

// Sections lists a plan's sections in document order (parents before
// children), with TaskCount counting tasks in each section and its descendants.
func (s *Store) Sections(ctx context.Context, planID int64) ([]plan.Section, error) {
	return nil, errTODO
}

// Section reads one section.
func (s *Store) Section(ctx context.Context, id int64) (*plan.Section, error) { return nil, errTODO }

// Tasks lists one page of a plan's tasks matching f, and the total number matching.
func (s *Store) Tasks(ctx context.Context, f plan.TaskFilter) ([]plan.Task, int, error) {
	return nil, 0, errTODO
}

// Task reads one task with its cooperating and mentioned agencies and its cited documents.
func (s *Store) Task(ctx context.Context, id int64) (*plan.Task, error) { return nil, errTODO }

// CreateTask stores a new task at the end of its section (unless t.Ord is
// set) and sets t.ID, t.Ord and t.Version.
func (s *Store) CreateTask(ctx context.Context, actor int64, t *plan.Task) error { return errTODO }

// UpdateTask saves t; t.Version must be the version read (ErrConflict
// otherwise); it is incremented.
func (s *Store) UpdateTask(ctx context.Context, actor int64, t *plan.Task) error { return errTODO }

// CreateIndicator stores a new indicator and sets ind.ID.
func (s *Store) CreateIndicator(ctx context.Context, actor int64, ind *indicator.Indicator) error {
	return errTODO
}

// Indicators lists a plan's indicators by code.
func (s *Store) Indicators(ctx context.Context, planID int64) ([]indicator.Indicator, error) {
	return nil, errTODO
}

// CreateUser stores a new user with an Argon2id password hash; ErrDuplicate when the username is taken.
func (s *Store) CreateUser(ctx context.Context, actor int64, u *auth.User, passwordHash string) error {
	return errTODO
}

// UserByName reads a user and its password hash by username.
func (s *Store) UserByName(ctx context.Context, username string) (*auth.User, string, error) {
	return nil, "", errTODO
}

// User reads one user.
func (s *Store) User(ctx context.Context, id int64) (*auth.User, error) { return nil, errTODO }

// Users lists every user by username.
func (s *Store) Users(ctx context.Context) ([]auth.User, error) { return nil, errTODO }

// CreateSession stores a session under the hash of its cookie token.
func (s *Store) CreateSession(ctx context.Context, tokenHash []byte, userID int64, expires time.Time) error {
	return errTODO
}

// SessionUser returns the user of a live session; ErrNotFound when the
// session is absent or expired or the user is disabled.
func (s *Store) SessionUser(ctx context.Context, tokenHash []byte, now time.Time) (*auth.User, error) {
	return nil, errTODO
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error { return errTODO }

// CreateToken stores an API bearer token's hash for a user; a zero expires never expires.
func (s *Store) CreateToken(ctx context.Context, actor, userID int64, tokenHash []byte, name string, expires time.Time) error {
	return errTODO
}

// TokenUser returns the user of a live API token and records its last use;
// ErrNotFound when absent, expired or revoked, or the user is disabled.
func (s *Store) TokenUser(ctx context.Context, tokenHash []byte, now time.Time) (*auth.User, error) {
	return nil, errTODO
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64  // 0 for the system (CLI, demo loader)
	Action   string // "task.update", "plan.create", …
	Object   string // "task", "plan", "agency", "user"
	ObjectID int64
	Detail   string // JSON: what changed
}

// AuditEntries lists the latest audit entries, newest first.
func (s *Store) AuditEntries(ctx context.Context, limit int) ([]AuditEntry, error) {
	return nil, errTODO
}

// Package gen generates a national dataset for load and speed work (tiendo
// gen): provinces, each with its agencies (UBND tỉnh, sở, ban, ngành and
// UBND xã), accounts, one Resolution 57 plan with task groups, tasks in
// every deadline form, indicators with yearly targets, and quarters of
// reports in every state — accepted on time and late, submitted and
// waiting, returned, drafts and missing ones — with the task claims that
// accepting them would have made.
//
// It is deterministic: the same Config (seed and today included) gives
// the same data, row for row. Each province draws from its own random
// stream, so one province's data does not depend on the others'.
// Plans, agencies and indicators go through the store's normal paths;
// accounts and reports, which are many, through its bulk seeding paths.
package gen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// Config says how much to generate.
type Config struct {
	Provinces int // 1–34
	Agencies  int // in all, spread evenly over the provinces
	Tasks     int // in all, spread evenly over the provinces
	Quarters  int // reporting quarters up to and including today's
	Seed      uint64
	Today     time.Time // the day the data is "as of"; reports exist for the quarters started by then
	// Password is the password of every generated account; it is hashed
	// once.
	Password string
	// Progress, when set, is called after each province with how many
	// are done, out of Provinces.
	Progress func(done, total int)
	// National adds the Government's action programme the provinces'
	// plans implement (national.go): a national plan of one task per
	// group and subject, with one task in eight of every province linked
	// to the national task of its group and subject.
	National bool
}

// Result counts what was stored.
type Result struct {
	Plans, Agencies, Users, Tasks, Indicators int
	Periods, Reports, Entries, Values         int
	NationalTasks                             int // the national programme's (its plan is not in Plans)
	Links                                     int // tasks linked to the national programme
}

// Limits of a Config.
const (
	maxQuarters = 40
	minAgencies = 1 + 20 + 1 // the province, its departments and at least one commune
	maxCommunes = 400        // distinct commune names per province
)

// Check says what is wrong with c, in words a command line can print.
func (c Config) Check() error {
	var errs []error
	if c.Provinces < 1 || c.Provinces > len(provinces) {
		errs = append(errs, fmt.Errorf("--provinces must be 1–%d (Vietnam has %d provinces and cities)", len(provinces), len(provinces)))
	} else {
		if per := c.Agencies / c.Provinces; per < minAgencies || per > minAgencies-1+maxCommunes {
			errs = append(errs, fmt.Errorf("--agencies must give each province %d–%d agencies (%d provinces: %d–%d in all)",
				minAgencies, minAgencies-1+maxCommunes, c.Provinces, minAgencies*c.Provinces, (minAgencies-1+maxCommunes)*c.Provinces))
		}
		if c.Tasks < c.Provinces*len(groups) {
			errs = append(errs, fmt.Errorf("--tasks must be at least %d (%d task groups in each of %d provinces)",
				c.Provinces*len(groups), len(groups), c.Provinces))
		}
	}
	if c.Quarters < 1 || c.Quarters > maxQuarters {
		errs = append(errs, fmt.Errorf("--quarters must be 1–%d", maxQuarters))
	}
	if c.Today.IsZero() {
		errs = append(errs, errors.New("today is not set"))
	}
	if err := auth.CheckPassword(c.Password); err != nil {
		errs = append(errs, fmt.Errorf("password: %w", err))
	}
	return errors.Join(errs...)
}

// Run fills an empty database. It refuses one that holds plans, agencies
// or users, so that a real register is never mixed with generated data.
// Each province is stored in a few transactions; a failure stops the run
// and says which province, leaving the provinces before it in place.
func Run(ctx context.Context, s *store.Store, c Config) (*Result, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, s); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(c.Password)
	if err != nil {
		return nil, err
	}
	admin := []auth.User{{Username: "quantri", FullName: "Quản trị hệ thống", Role: auth.RoleAdmin}}
	if err := s.SeedUsers(ctx, 0, admin, hash); err != nil {
		return nil, err
	}
	res := &Result{Users: 1}
	var subjects []subject
	for i := range c.Provinces {
		p := newProvince(c, i)
		if err := p.store(ctx, s, hash, res); err != nil {
			return res, fmt.Errorf("gen: %s: %w", p.name, err)
		}
		subjects = append(subjects, p.subjects...)
		if c.Progress != nil {
			c.Progress(i+1, c.Provinces)
		}
	}
	if c.National {
		if err := storeNational(ctx, s, c, subjects, res); err != nil {
			return res, fmt.Errorf("gen: the national programme: %w", err)
		}
	}
	// A bulk load leaves PostgreSQL's planner without statistics until
	// autovacuum comes by: the first minutes' queries would be planned
	// as over empty tables (store.Analyze); and its index-only reads
	// would fetch every row from the table until a vacuum
	// (store.VacuumAnalyze).
	return res, s.VacuumAnalyze(ctx)
}

func checkEmpty(ctx context.Context, s *store.Store) error {
	plans, err := s.Plans(ctx)
	if err != nil {
		return err
	}
	agencies, err := s.Agencies(ctx)
	if err != nil {
		return err
	}
	users, err := s.Users(ctx)
	if err != nil {
		return err
	}
	if len(plans) > 0 || len(agencies) > 0 || len(users) > 0 {
		return fmt.Errorf("gen: the database already holds %d plan(s), %d agencies and %d users; generated data goes only into a new database",
			len(plans), len(agencies), len(users))
	}
	return nil
}

// share is province i's part of n spread over k provinces: the first
// n mod k provinces take one more.
func share(n, k, i int) int {
	if i < n%k {
		return n/k + 1
	}
	return n / k
}

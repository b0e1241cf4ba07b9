package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// cmdLoad runs a load against a running server for a bounded time and
// prints what it measured. --mix bare asks /healthz only: the ceiling of
// this machine for the same run. --mix deadline is the reporting deadline:
// 80 % reads (the plan's dashboard, the national rollup, the national
// programme's roll-up by upstream task when the database has one, open
// tasks by due date, "Việc của tôi") and 20 % writes (report entries, submits, and the
// coordinator's returns) by the heads of agencies with open reports; it
// needs --db to make them short-lived tokens (revoked at the end), and
// afterwards reads back every acknowledged write.
func cmdLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", stderr)
	base := fs.String("url", "", "the server, e.g. http://127.0.0.1:8080")
	dur := fs.Duration("duration", 30*time.Second, "how long to load")
	conc := fs.Int("concurrency", 16, "clients at once")
	mix := fs.String("mix", "deadline", "deadline (reporting-deadline mix), read (one plan by token: a cheap read) or bare (/healthz only)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	db := fs.String("db", envOr("TIENDO_DB", ""), "the server's database, to make the deadline mix's tokens (env TIENDO_DB)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	switch {
	case *base == "":
		return errors.New("--url is required: the running server, e.g. http://127.0.0.1:8080")
	case *conc < 1 || *dur <= 0:
		return errors.New("--concurrency and --duration must be positive")
	case *mix != "deadline" && *mix != "bare" && *mix != "read":
		return fmt.Errorf("--mix %q: deadline, read or bare", *mix)
	case *mix != "bare" && *db == "":
		return fmt.Errorf("--mix %s needs --db: the server's database, to make the agencies' tokens", *mix)
	}
	l := &loader{base: strings.TrimRight(*base, "/"), client: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc, ReadBufferSize: 64 << 10}}}
	if *mix != "bare" {
		s, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer s.Close()
		prepare := l.prepare
		if *mix == "read" {
			prepare = l.prepareRead
		}
		revoke, err := prepare(ctx, s, *conc)
		defer revoke()
		if err != nil {
			return err
		}
	}
	res := l.run(ctx, *mix, *dur, *conc)
	if *mix == "deadline" {
		res.Lost = l.verify(ctx)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "mix %s, %d clients, %s: %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %d errors\n",
		res.Mix, *conc, *dur, res.RPS, res.P50, res.P95, res.P99, res.Errors)
	for _, k := range res.kinds {
		fmt.Fprintf(stdout, "  %-10s %7d req  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %d errors\n", k.name, k.n, k.p50, k.p95, k.p99, k.errors)
	}
	if *mix == "deadline" {
		fmt.Fprintf(stdout, "writes acknowledged: %d; lost or changed when read back: %d\n", res.Acknowledged, res.Lost)
	}
	if res.Lost > 0 {
		return fmt.Errorf("%d acknowledged writes were not stored", res.Lost)
	}
	return nil
}

// prepareRead makes one "read" token, of the first agency head, for the
// read mix, and finds the head's plan.
func (l *loader) prepareRead(ctx context.Context, s *store.Store, _ int) (revoke func(), err error) {
	revoke = func() {}
	users, err := s.Users(ctx)
	if err != nil {
		return revoke, err
	}
	for _, u := range users {
		if u.Role != auth.RoleHead || u.Disabled {
			continue
		}
		t, hash := auth.NewToken()
		id, err := s.CreateScopedToken(ctx, 0, u.ID, hash, "tiendo load", auth.ScopeRead, time.Now().Add(2*time.Hour))
		if err != nil {
			return revoke, err
		}
		revoke = func() { s.RevokeTokenID(context.WithoutCancel(ctx), 0, 0, id) }
		a := &agent{token: t}
		var plans struct{ Items []struct{ ID int64 } }
		if err := l.getJSON(ctx, t, "/api/v1/plans", &plans); err != nil {
			return revoke, err
		}
		if len(plans.Items) == 0 {
			return revoke, fmt.Errorf("no plan on %s", l.base)
		}
		a.plan = plans.Items[0].ID
		l.agents = []*agent{a}
		return revoke, nil
	}
	return revoke, errors.New("no agency head in the database: the read mix signs in as one (tiendo user add --role head)")
}

// prepare makes a "report" token for the heads of up to conc agencies,
// spread evenly over the heads of the database (so, on a national
// dataset, over the provinces), finds what each may write, and makes a
// coordinator's token to return submitted reports. revoke revokes them.
func (l *loader) prepare(ctx context.Context, s *store.Store, conc int) (revoke func(), err error) {
	var made []int64
	revoke = func() {
		for _, id := range made {
			s.RevokeTokenID(context.WithoutCancel(ctx), 0, 0, id)
		}
	}
	users, err := s.Users(ctx)
	if err != nil {
		return revoke, err
	}
	var heads []auth.User
	seen := map[int64]bool{}
	var coord *auth.User
	for i, u := range users {
		switch {
		case u.Disabled:
		case u.Role == auth.RoleHead && !seen[u.AgencyID]:
			seen[u.AgencyID] = true
			heads = append(heads, u)
		case u.Role == auth.RoleCoordinator && coord == nil:
			coord = &users[i]
		}
	}
	if len(heads) == 0 {
		return revoke, errors.New("no agency head in the database: the deadline mix signs in as heads (tiendo user add --role head)")
	}
	token := func(u *auth.User, scope auth.TokenScope) (string, error) {
		t, hash := auth.NewToken()
		id, err := s.CreateScopedToken(ctx, 0, u.ID, hash, "tiendo load", scope, time.Now().Add(2*time.Hour))
		if err == nil {
			made = append(made, id)
		}
		return t, err
	}
	if coord != nil {
		if l.coord, err = token(coord, auth.ScopeFull); err != nil {
			return revoke, err
		}
	}
	n := min(conc, len(heads))
	for k := range n {
		u := heads[k*len(heads)/n]
		t, err := token(&u, auth.ScopeReport)
		if err != nil {
			return revoke, err
		}
		a := &agent{token: t}
		if err := l.findWork(ctx, a); err != nil {
			return revoke, err
		}
		l.agents = append(l.agents, a)
	}
	writable := 0
	for _, a := range l.agents {
		if a.report != 0 {
			writable++
		}
	}
	if writable == 0 {
		return revoke, errors.New("no agency has a report open for writing today: pick a database (or --clock) within a reporting period")
	}
	return revoke, l.findNational(ctx, l.agents[0].token)
}

// findNational finds the national programme whose roll-up the deadline
// mix reads: the first plan of level national.
func (l *loader) findNational(ctx context.Context, token string) error {
	var plans struct {
		Items []struct {
			ID    int64
			Level string
		}
	}
	if err := l.getJSON(ctx, token, "/api/v1/plans", &plans); err != nil {
		return err
	}
	for _, p := range plans.Items {
		if p.Level == "national" {
			l.national = p.ID
			return nil
		}
	}
	return nil
}

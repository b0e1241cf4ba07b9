package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"tiendo/internal/auth"
)

// TestWatchDrops: a notification drops what depends on the row it names,
// and a read begun before a drop keeps nothing.
func TestWatchDrops(t *testing.T) {
	w := newWatch()
	k := func(kind watchKind, id int64) watchKey { return watchKey{kind: kind, id: id} }
	fill := func() {
		w.listening(true)
		for _, key := range []watchKey{k(watchPlan, 1), k(watchPlan, 2), k(watchSettings, 1), k(watchPlans, 0),
			k(watchList, 0), k(watchWork, 7), k(watchWork, 8), {kind: watchToken, name: "x"},
			{kind: watchCounter, name: "agencies"}, {kind: watchCounter, name: "rollup"}} {
			w.put(key, w.begin(), 1)
		}
	}
	kept := func(key watchKey) bool { _, ok := w.get(key); return ok }
	fill()
	w.notified("p1")
	for _, c := range []struct {
		key  watchKey
		want bool
	}{
		{k(watchPlan, 1), false}, {k(watchSettings, 1), false}, {k(watchPlans, 0), false}, {k(watchList, 0), false},
		{k(watchWork, 7), false}, {k(watchPlan, 2), true}, {watchKey{kind: watchToken, name: "x"}, true},
		{watchKey{kind: watchCounter, name: "agencies"}, true},
	} {
		if got := kept(c.key); got != c.want {
			t.Errorf("after p1: %c%d%s kept %v, want %v", c.key.kind, c.key.id, c.key.name, got, c.want)
		}
	}
	fill()
	w.notified("r1")
	if kept(k(watchPlan, 1)) || kept(k(watchPlans, 0)) || !kept(k(watchSettings, 1)) || !kept(k(watchWork, 7)) || !kept(k(watchList, 0)) {
		t.Error("r1 must drop plan 1's versions and every plan's, nothing else")
	}
	fill()
	w.notified("f1")
	if kept(k(watchPlan, 1)) || kept(k(watchSettings, 1)) || kept(k(watchWork, 7)) || !kept(k(watchList, 0)) || !kept(k(watchPlan, 2)) {
		t.Error("f1 must drop plan 1's versions and settings and every agency's work, not the register")
	}
	fill()
	w.notified("w7")
	if kept(k(watchWork, 7)) || !kept(k(watchWork, 8)) {
		t.Error("w7 must drop agency 7's work only")
	}
	w.notified("cplan_names")
	if kept(k(watchWork, 8)) || !kept(watchKey{kind: watchCounter, name: "rollup"}) {
		t.Error("cplan_names must drop every agency's work, and no other counter")
	}
	w.notified("a")
	if kept(watchKey{kind: watchToken, name: "x"}) {
		t.Error("a must drop every token")
	}
	w.notified("?what")
	if kept(k(watchPlan, 2)) {
		t.Error("an unknown notification must drop everything")
	}

	// A read that began before a drop of its key keeps nothing.
	at := w.begin()
	w.notified("p2")
	w.put(k(watchPlan, 2), at, 1)
	if kept(k(watchPlan, 2)) {
		t.Error("kept a read begun before its row's notification")
	}
	at = w.begin()
	w.notified("w9") // another key: the read stands
	w.put(k(watchPlan, 2), at, 1)
	if !kept(k(watchPlan, 2)) {
		t.Error("a notification of another row refused the read")
	}
	// Not listening: nothing is kept, and a waiting writer is released.
	m, ok := w.expect()
	if !ok {
		t.Fatal("no marker while listening")
	}
	w.listening(false)
	select {
	case <-m.seen:
	default:
		t.Error("a writer waiting for its marker was not released when the listener stopped")
	}
	w.put(k(watchPlan, 2), w.begin(), 1)
	if kept(k(watchPlan, 2)) {
		t.Error("kept a read while not listening")
	}
	if _, ok := w.expect(); ok {
		t.Error("a marker while not listening")
	}
	// Markers: another instance's is ignored, one's own releases its writer.
	w.listening(true)
	m, _ = w.expect()
	w.notified("mffff:" + m.payload[len(m.payload)-1:])
	w.notified("m" + "other" + m.payload[len("m")+len(w.instance):])
	select {
	case <-m.seen:
		t.Fatal("released by another instance's marker")
	default:
	}
	w.notified(m.payload)
	select {
	case <-m.seen:
	default:
		t.Error("not released by its own marker")
	}
}

// watching waits until s's listener listens.
func watching(t *testing.T, s *Store) {
	t.Helper()
	for i := 0; ; i++ {
		s.watch.mu.Lock()
		live := s.watch.live
		s.watch.mu.Unlock()
		if live {
			return
		}
		if i == 500 {
			t.Fatal("the listener did not start listening within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// countReads counts the reads s runs through query and queryRow.
func countReads(t *testing.T, s *Store) *atomic.Int64 {
	var n atomic.Int64
	s.trace = func(string, []any) { n.Add(1) }
	t.Cleanup(func() { s.trace = nil })
	return &n
}

// TestWatchReadsOwnWrites: on PostgreSQL a kept read costs no query, and
// a write through Transact is seen by the next read at once, every time.
// Without the marker's wait the read runs ahead of the notification.
func TestWatchReadsOwnWrites(t *testing.T) {
	s := newPGStore(t)
	ctx := context.Background()
	f := newRepFix(t, s)
	planID := f.d.Plan.ID
	watching(t, s)
	reads := countReads(t, s)
	facts, _, err := s.FactsVersion(ctx, planID)
	must(t, err)
	// Notifications arrive late: a write that did not wait for its marker
	// would read its plan's old version.
	late := func() { time.Sleep(time.Millisecond) }
	s.watch.delay.Store(&late)
	before := reads.Load()
	if again, _, err := s.FactsVersion(ctx, planID); err != nil || again != facts || reads.Load() != before {
		t.Fatalf("a second read of an unchanged version: %d (%v), %d queries, want %d and none",
			again, err, reads.Load()-before, facts)
	}
	// Audited writes send their marker in the transaction, the others
	// after their commit: both kinds, in turn.
	for i := range 50 {
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := s.exec(ctx, tx, `UPDATE plans SET facts_version = facts_version + 1 WHERE id = ?`, planID); err != nil {
				return err
			}
			if i%2 == 1 {
				return nil
			}
			return s.audit(ctx, tx, 0, "test.bump", "plan", planID, nil)
		}))
		got, _, err := s.FactsVersion(ctx, planID)
		must(t, err)
		if got != facts+1 {
			t.Fatalf("write %d: read facts version %d right after writing %d", i, got, facts+1)
		}
		facts = got
	}
}

// TestWatchMarkerUnflushed: an audited write sends its marker with its
// audit rows, in its transaction, and no statement after its commit sends
// a notification: a notification committed with the WAL flush would hold
// PostgreSQL's notification-queue lock, which every committing writer
// needs, for the length of that flush. A write without audit rows sends
// its marker after its commit, in a transaction that does not wait for
// the disk.
func TestWatchMarkerUnflushed(t *testing.T) {
	s := newPGStore(t)
	f := newRepFix(t, s)
	watching(t, s)
	write := func(audited bool) []string {
		ctx, tally := WithTally(context.Background())
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := s.exec(ctx, tx, `UPDATE plans SET facts_version = facts_version + 1 WHERE id = ?`, f.d.Plan.ID); err != nil {
				return err
			}
			if !audited {
				return nil
			}
			return s.audit(ctx, tx, 0, "test.bump", "plan", f.d.Plan.ID, nil)
		}))
		return tally.Statements()
	}
	stmts := write(true)
	commit := slices.Index(stmts, "COMMIT")
	if commit < 1 || !strings.Contains(stmts[commit-1], "audit_append") || !strings.Contains(stmts[commit-1], "pg_notify") {
		t.Fatalf("an audited write's last statement before COMMIT does not send its marker:\n%s", strings.Join(stmts, "\n"))
	}
	for _, q := range stmts[commit+1:] {
		if strings.Contains(q, "pg_notify") {
			t.Errorf("an audited write notifies after its commit: %s", q)
		}
	}
	stmts = write(false)
	commit = slices.Index(stmts, "COMMIT")
	if after := strings.Join(stmts[commit+1:], "\n"); !strings.Contains(after, "pg_notify") ||
		!strings.Contains(after, "'synchronous_commit', 'off'") {
		t.Errorf("a write without audit rows: its marker after the commit, committed without the disk, want; got:\n%s", after)
	}
}

// TestWatchFollowsOtherInstances: a token revoked, a user disabled or a
// counter moved by another instance is seen here within moments, with no
// query on the reads in between.
func TestWatchFollowsOtherInstances(t *testing.T) {
	url := newPGSchema(t)
	ctx := context.Background()
	open := func() *Store {
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	watching(t, a)
	u := auth.User{Username: "api", Role: auth.RoleCoordinator}
	must(t, b.CreateUser(ctx, 0, &u, "x"))
	one, two := auth.HashToken("một"), auth.HashToken("hai")
	must(t, b.CreateToken(ctx, u.ID, u.ID, one, "một", time.Time{}))
	must(t, b.CreateToken(ctx, u.ID, u.ID, two, "hai", time.Time{}))
	now := time.Now()
	for _, h := range [][]byte{one, two} {
		_, err := a.TokenUser(ctx, h, now)
		must(t, err)
	}
	reads := countReads(t, a)
	if _, err := a.TokenUser(ctx, one, now); err != nil || reads.Load() != 0 {
		t.Fatalf("a kept token: %v, %d queries", err, reads.Load())
	}
	eventually := func(what string, ok func() bool) {
		t.Helper()
		for i := 0; !ok(); i++ {
			if i == 500 {
				t.Fatalf("%s: not seen by the other instance within 5 s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	must(t, b.RevokeToken(ctx, u.ID, one))
	eventually("token revoked", func() bool {
		_, err := a.TokenUser(ctx, one, now)
		return errors.Is(err, ErrNotFound)
	})
	if _, err := a.TokenUser(ctx, two, now); err != nil {
		t.Fatalf("the other token: %v", err)
	}
	must(t, b.SetUserDisabled(ctx, u.ID, u.ID, true))
	eventually("user disabled", func() bool {
		_, err := a.TokenUser(ctx, two, now)
		return errors.Is(err, ErrNotFound)
	})
	v, err := a.counter(ctx, "rollup")
	must(t, err)
	_, err = b.exec(ctx, b.w, `UPDATE counters SET value = value + 1 WHERE name = 'rollup'`)
	must(t, err)
	eventually("counter moved", func() bool {
		got, err := a.counter(ctx, "rollup")
		must(t, err)
		return got == v+1
	})
}

// TestWatchListenerLost: while its listener's connection is gone a store
// keeps nothing, so a change it is not told of is still read; once the
// listener is back it keeps again.
func TestWatchListenerLost(t *testing.T) {
	s := newPGStore(t)
	ctx := context.Background()
	watching(t, s)
	var schema string
	must(t, s.queryRow(ctx, s.r, `SELECT current_schema()`).Scan(&schema))
	var killed int
	must(t, s.queryRow(ctx, s.r, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = 'tiendo listen' AND query LIKE '%' || ? || '%'`, schema).Scan(&killed))
	if killed != 1 {
		t.Fatalf("%d listeners terminated, want 1", killed)
	}
	for i := 0; ; i++ { // the listener finds its connection gone, and connects again
		v1, err := s.counter(ctx, "rollup")
		must(t, err)
		_, err = s.exec(ctx, s.w, `UPDATE counters SET value = value + 1 WHERE name = 'rollup'`)
		must(t, err)
		s.watch.mu.Lock()
		live := s.watch.live
		s.watch.mu.Unlock()
		v2, err := s.counter(ctx, "rollup")
		must(t, err)
		if !live && v2 != v1+1 {
			t.Fatalf("not listening, read %d after %d was moved", v2, v1)
		}
		if live && i > 0 {
			break
		}
		if i == 1000 {
			t.Fatal("the listener did not come back within 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	watching(t, s)
	_, err := s.counter(ctx, "agencies")
	must(t, err)
	reads := countReads(t, s)
	if _, err := s.counter(ctx, "agencies"); err != nil || reads.Load() != 0 {
		t.Fatalf("after the listener came back: %v, %d queries, want a kept read", err, reads.Load())
	}
}

// settled waits, after a write made outside Transact, until s's watch has
// applied what it announced (Transact does this itself).
func settled(t testing.TB, s *Store) {
	t.Helper()
	s.markCommitted(context.Background())
}

// unwatched stops s's listener: every read asks the database.
func unwatched(s *Store) {
	if s.stopListen != nil {
		s.stopListen()
		s.stopListen = nil
	}
}

// TestWatchNotifications: each change of a watched row announces itself
// as watch.notified reads it (migration 00033), and the writes no kept
// read depends on (a token's last use, a second factor's step, a plan's
// versions written unchanged) announce nothing.
func TestWatchNotifications(t *testing.T) {
	url := newPGSchema(t)
	ctx := context.Background()
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	unwatched(s)
	f := newRepFix(t, s)
	planID, tc := f.d.Plan.ID, f.ag["tc"]
	mine := f.report(t, f.q3, "tc")
	u := auth.User{Username: "api", Role: auth.RoleCoordinator}
	must(t, s.CreateUser(ctx, 0, &u, "x"))
	must(t, s.CreateToken(ctx, u.ID, u.ID, auth.HashToken("t"), "t", time.Time{}))

	cfg, err := pgx.ParseConfig(url)
	must(t, err)
	conn, err := pgx.ConnectConfig(ctx, cfg)
	must(t, err)
	defer conn.Close(ctx)
	var channel string
	must(t, conn.QueryRow(ctx, `SELECT left('tiendo.' || current_schema(), 63)`).Scan(&channel))
	_, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize())
	must(t, err)
	heard := func() []string {
		var got []string
		for {
			wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
			n, err := conn.WaitForNotification(wctx)
			cancel()
			if err != nil {
				return got
			}
			got = append(got, n.Payload)
		}
	}
	id := strconv.FormatInt(planID, 10)
	for _, c := range []struct {
		what, query string
		args        []any
		want        []string
	}{
		{"facts", `UPDATE plans SET facts_version = facts_version + 1 WHERE id = ?`, []any{planID}, []string{"f" + id}},
		{"reports", `UPDATE plans SET reports_version = reports_version + 1 WHERE id = ?`, []any{planID}, []string{"r" + id}},
		{"versions unchanged", `UPDATE plans SET facts_version = facts_version WHERE id = ?`, []any{planID}, nil},
		{"title", `UPDATE plans SET title = 'Tên khác' WHERE id = ?`, []any{planID}, []string{"p" + id, "cplan_names"}},
		{"status", `UPDATE plans SET status = status, issuer = 'UBND khác' WHERE id = ?`, []any{planID}, []string{"p" + id}},
		{"counter", `UPDATE counters SET value = value + 1 WHERE name = 'rollup'`, nil, []string{"crollup"}},
		{"agency work", `UPDATE reports SET return_reason = return_reason || 'x' WHERE id = ?`, []any{mine.ID},
			[]string{"w" + strconv.FormatInt(tc, 10)}},
		{"token used", `UPDATE api_tokens SET last_used_at = ?`, []any{tsArg(time.Now())}, nil},
		{"token revoked", `UPDATE api_tokens SET revoked_at = ?`, []any{tsArg(time.Now())}, []string{"a"}},
		{"second factor step", `UPDATE users SET totp_last_step = totp_last_step + 1`, nil, nil},
		{"user disabled", `UPDATE users SET disabled = true WHERE id = ?`, []any{u.ID}, []string{"a"}},
	} {
		_, err := s.exec(ctx, s.w, c.query, c.args...)
		must(t, err)
		got := heard()
		slices.Sort(got)
		if slices.Sort(c.want); !slices.Equal(got, c.want) {
			t.Errorf("%s: heard %q, want %q", c.what, got, c.want)
		}
	}
}

package store

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"tiendo/internal/plan"
)

// catalogTrigger is a trigger as the database's catalogue describes it.
type catalogTrigger struct {
	name, table string
	events      map[string]bool // INSERT, UPDATE, DELETE
	moves       map[Counter]bool
	body        string // what it does, lower case
}

// counters are the counters a trigger can move.
var counters = []Counter{FactsVersion, ReportsVersion}

// triggerEvent reads the event of a SQLite trigger from its CREATE text.
var triggerEvent = regexp.MustCompile(`(?is)^\s*CREATE\s+TRIGGER\s+\S+\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+(INSERT|UPDATE|DELETE)\b`)

// triggers reads every trigger of s's schema from the catalogue: the
// table it is on, the writes it fires on and the counters its action
// moves (sqlite_master's text; pg_trigger's type bits and its function's
// source on PostgreSQL).
func triggers(t *testing.T, s *Store) []catalogTrigger {
	t.Helper()
	ctx := context.Background()
	var out []catalogTrigger
	moves := func(body string) map[Counter]bool {
		m := map[Counter]bool{}
		for _, c := range counters {
			if strings.Contains(body, string(c)) {
				m[c] = true
			}
		}
		return m
	}
	if s.Dialect() == dialectPostgres {
		rows, err := s.r.QueryContext(ctx, `SELECT t.tgname, c.relname, t.tgtype, p.prosrc
			FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal AND n.nspname = current_schema()`)
		must(t, err)
		defer rows.Close()
		for rows.Next() {
			x := catalogTrigger{events: map[string]bool{}}
			var typ int
			var src string
			must(t, rows.Scan(&x.name, &x.table, &typ, &src))
			// TRIGGER_TYPE_INSERT, _DELETE, _UPDATE (catalog/pg_trigger.h).
			x.events[OnInsert], x.events[OnDelete], x.events[OnUpdate] = typ&(1<<2) != 0, typ&(1<<3) != 0, typ&(1<<4) != 0
			x.moves, x.body = moves(src), strings.ToLower(src)
			if strings.HasSuffix(x.name, "_watch") {
				// Migration 00033's triggers read the versions to announce
				// their change; they move nothing.
				x.moves = nil
			}
			out = append(out, x)
		}
		must(t, rows.Err())
		return out
	}
	rows, err := s.r.QueryContext(ctx, `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'`)
	must(t, err)
	defer rows.Close()
	for rows.Next() {
		var x catalogTrigger
		var text string
		must(t, rows.Scan(&x.name, &x.table, &text))
		m := triggerEvent.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("trigger %s: cannot read its event from %q", x.name, text)
		}
		x.events = map[string]bool{strings.ToUpper(m[1]): true}
		_, body, _ := strings.Cut(strings.ToUpper(text), " BEGIN")
		x.body = strings.ToLower(body)
		x.moves = moves(x.body)
		out = append(out, x)
	}
	must(t, rows.Err())
	return out
}

// tableRead finds the tables a query reads.
var tableRead = regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+([a-z_][a-z_0-9]*)`)

// TestFigureTables keeps FigureTables and the migrations' triggers in
// step, on the database's own catalogue: every table listed has triggers
// that move its counters on the writes listed, every trigger that moves a
// counter is on a table listed, and every table the figures read
// (Facts, FigureSettings) is listed.
func TestFigureTables(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		listed := map[string]FigureTable{}
		for _, ft := range FigureTables() {
			listed[ft.Name] = ft
		}
		all := triggers(t, s)
		for _, ft := range FigureTables() {
			for _, c := range ft.Moves {
				covered := map[string]bool{}
				for _, x := range all {
					if x.table == ft.Name && x.moves[c] {
						for e, on := range x.events {
							covered[e] = covered[e] || on
						}
					}
				}
				want := ft.Events
				if c != FactsVersion { // moved by some writes only
					want = want[:0:0]
					if len(covered) == 0 {
						t.Errorf("%s: no trigger moves %s", ft.Name, c)
					}
				}
				for _, e := range want {
					if !covered[e] {
						t.Errorf("%s: no trigger moves %s on %s (a table the figures read: see FigureTables)", ft.Name, c, e)
					}
				}
			}
		}
		for _, x := range all {
			ft, ok := listed[x.table]
			for c := range x.moves {
				if !ok || !slices.Contains(ft.Moves, c) {
					t.Errorf("trigger %s on %s moves %s, which FigureTables does not say", x.name, x.table, c)
				}
			}
		}

		// The tables the figures read, as the store reads them.
		ctx := context.Background()
		f := newRepFix(t, s)
		read := map[string]bool{}
		var mu sync.Mutex // Facts reads on several connections at once
		s.trace = func(q string, _ []any) {
			mu.Lock()
			defer mu.Unlock()
			for _, m := range tableRead.FindAllStringSubmatch(q, -1) {
				read[strings.ToLower(m[1])] = true
			}
		}
		defer func() { s.trace = nil }()
		_, err := s.Facts(ctx, f.d.Plan.ID, plan.Date(2026, 12, 31))
		must(t, err)
		_, err = s.FigureSettings(ctx, f.d.Plan.ID)
		must(t, err)
		s.trace = nil
		// The agencies come through the store's agency cache, which reads
		// the 'agencies' counter to know its copy current (and the
		// agencies only when it is not): reading the counter is reading
		// the agencies.
		if read["counters"] {
			delete(read, "counters")
			read["agencies"] = true
		}
		for _, want := range []string{"tasks", "reports", "report_claims", "agencies"} {
			if !read[want] {
				t.Fatalf("the trace saw no read of %s (saw %v): is Facts still traced?", want, read)
			}
		}
		for table := range read {
			if _, ok := listed[table]; !ok {
				t.Errorf("the figures read %s, which FigureTables does not list (and no trigger moves a counter for)", table)
			}
		}
	})
}

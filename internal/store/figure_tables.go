package store

// The figure cache (internal/figcache) keeps each plan's computed figures
// under two counters of its plans row, and trusts them: a kept figure is
// right as long as neither moved. They are moved by triggers, in the same
// transaction as the write, so that no write path can forget — but a
// trigger is SQL that nothing in Go points to. This file is that pointer:
// every table the figures are computed from (store.Facts and the plan's
// figure settings read them), with the counter its triggers move.
// TestFigureTables reads each database's catalogue (sqlite_master,
// pg_trigger) and fails when a table listed here lacks its triggers, when
// a counter moves on a table not listed, or when Facts reads a table not
// listed: a new table that feeds the figures needs a line here and a
// trigger in both dialects' migrations.

// Counter is a counter a figure table's triggers move.
type Counter string

// The counters of the figure cache.
const (
	// FactsVersion is plans.facts_version: any change the figures read.
	FactsVersion Counter = "facts_version"
	// ReportsVersion is plans.reports_version: a report sent or returned
	// (its state changing short of accepted), which only the report counts
	// read; the cache recounts them (figures.RecountReports) instead of
	// recomputing everything.
	ReportsVersion Counter = "reports_version"
)

// Events a trigger fires on.
const (
	OnInsert = "INSERT"
	OnUpdate = "UPDATE"
	OnDelete = "DELETE"
)

// FigureTable is a table the figures are computed from.
type FigureTable struct {
	Name string
	// Moves are the counters its triggers move: FactsVersion of the row's
	// plan (of every plan, for agencies), and for reports ReportsVersion.
	Moves []Counter
	// Events are the writes its triggers fire on: every kind, but for the
	// plan row itself (its counters are columns of it: only a change of
	// what the figures read moves them) and for the tables whose rows are
	// only ever inserted and deleted.
	Events []string
	// Reads says what of it the figures read.
	Reads string
}

// FigureTables lists every table a plan's figures are computed from, in
// the order of the migrations that added their triggers (00011, 00012,
// 00015, 00016, 00017, 00034).
func FigureTables() []FigureTable {
	all := []string{OnInsert, OnUpdate, OnDelete}
	facts := []Counter{FactsVersion}
	return []FigureTable{
		{"tasks", facts, all, "every task of the plan: deadline, claim, agencies, dates"},
		{"sections", facts, all, "groups and sub-groups, for the figures by group"},
		{"periods", facts, all, "the reporting periods"},
		{"regimes", facts, all, "the due-soon window"},
		{"indicators", facts, all, "indicators: unit, direction, owner"},
		{"figure_settings", facts, all, "traffic-light thresholds and warning lag"},
		{"reports", []Counter{FactsVersion, ReportsVersion}, all,
			"each revision's state and timeliness: sent or returned moves reports_version, anything else facts_version"},
		{"task_agencies", facts, all, "cooperating agencies"},
		{"indicator_targets", facts, all, "targets per year"},
		{"report_entries", facts, all, "task claims of accepted reports (read through report_claims)"},
		{"report_indicator_values", facts, all, "indicator values of accepted reports"},
		{"agencies", facts, all, "names and tree of the agencies named (every plan's)"},
		{"task_arrangements", facts, []string{OnInsert, OnDelete}, "tasks' agencies before a reorganisation or amendment"},
		{"indicator_arrangements", facts, []string{OnInsert, OnDelete}, "indicators' owners before a reorganisation"},
		{"task_versions", facts, []string{OnInsert, OnDelete}, "tasks as they were before an amendment"},
		{"plans", facts, []string{OnUpdate}, "the plan's status and issue date"},
		// Kept by triggers on reports and report_entries (migration 00034),
		// whose own triggers move the counter: none of its own.
		{"report_claims", nil, nil, "each accepted report's claims in one value"},
	}
}

package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Row images: what a reorganisation changed, row by row, so that it can be
// undone (reorg_undo.go). Before applying, the rows it may write — its
// scope — are read; after, again; every row that differs is kept with both
// images. Reading the scope twice instead of logging each write keeps the
// reorganisation's own code free of undo bookkeeping, and catches writes
// made by triggers and cascades too.

// reorgScope is what a reorganisation may write: the agencies ended and
// their successors, the open tasks and indicators of the agencies ended,
// their accounts, and the periods (of the plans it touches) not over by
// the effective day, whose reports it merges.
type reorgScope struct {
	Agencies   []int64 `json:"agencies"`
	Tasks      []int64 `json:"tasks"`
	Indicators []int64 `json:"indicators"`
	Users      []int64 `json:"users"`
	Periods    []int64 `json:"periods"`
	Plans      []int64 `json:"plans"`
	// Successors are the agencies that took the work: reports they are
	// given after the reorganisation are its consequence (undo removes an
	// unopened one).
	Successors []int64 `json:"successors"`
}

// imageTable is a table a reorganisation writes, in the order parents come
// before children: undo inserts in this order and deletes in reverse.
type imageTable struct {
	name string
	key  []string // primary key columns
	// of is the table's rows in scope, as a condition on the table; "" when
	// the scope holds none.
	of func(sc *reorgScope) (string, []any)
}

// in is the condition "col IN (ids)"; "" for no IDs.
func in(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "", nil
	}
	list, args := inIDs(ids)
	return col + " IN " + list, args
}

// inIDs is the list "(?, ?, …)" of ids with its arguments.
func inIDs(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(" + placeholders(len(ids)) + ")", args
}

// ofReports is the rows of a report's child table in the scope's periods.
func ofReports(sc *reorgScope) (string, []any) {
	cond, args := in("period_id", sc.Periods)
	if cond == "" {
		return "", nil
	}
	return "report_id IN (SELECT id FROM reports WHERE " + cond + ")", args
}

// imageTables lists what a reorganisation writes (store/reorg*.go).
func imageTables() []imageTable {
	id := []string{"id"}
	return []imageTable{
		{"agencies", id, func(sc *reorgScope) (string, []any) { return in("id", sc.Agencies) }},
		{"users", id, func(sc *reorgScope) (string, []any) { return in("id", sc.Users) }},
		{"tasks", id, func(sc *reorgScope) (string, []any) { return in("id", sc.Tasks) }},
		{"task_agencies", []string{"task_id", "role", "agency_id"}, func(sc *reorgScope) (string, []any) { return in("task_id", sc.Tasks) }},
		{"task_arrangements", id, func(sc *reorgScope) (string, []any) { return in("task_id", sc.Tasks) }},
		{"indicators", id, func(sc *reorgScope) (string, []any) { return in("id", sc.Indicators) }},
		{"indicator_arrangements", id, func(sc *reorgScope) (string, []any) { return in("indicator_id", sc.Indicators) }},
		{"reports", id, func(sc *reorgScope) (string, []any) { return in("period_id", sc.Periods) }},
		{"report_entries", id, ofReports},
		{"report_contributions", id, ofReports},
		{"report_indicator_values", id, ofReports},
		{"report_files", id, ofReports},
	}
}

// tableNamed is the imageTable called name.
func tableNamed(name string) (imageTable, bool) {
	for _, t := range imageTables() {
		if t.name == name {
			return t, true
		}
	}
	return imageTable{}, false
}

// image is one row: column → encoded value (encodeCell).
type image map[string]string

// imageRow is a row of a table with its key (the key columns' encoded
// values joined by "|").
type imageRow struct {
	table, pk string
	cols      image
}

// snapshot reads the scope's rows of every table, keyed by table and key.
func (s *Store) snapshot(ctx context.Context, tx *sql.Tx, sc *reorgScope) (map[string]imageRow, error) {
	out := map[string]imageRow{}
	for _, t := range imageTables() {
		cond, args := t.of(sc)
		if cond == "" {
			continue
		}
		rows, err := s.tableRows(ctx, tx, t, cond, args)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.table+"\x00"+r.pk] = r
		}
	}
	return out, nil
}

// tableRows reads the rows of t matching cond, every column encoded.
func (s *Store) tableRows(ctx context.Context, tx *sql.Tx, t imageTable, cond string, args []any) ([]imageRow, error) {
	// Not through the statement cache: the IN lists make many shapes.
	rows, err := s.query(ctx, tx, `SELECT * FROM `+t.name+` WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []imageRow
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		img := make(image, len(cols))
		for i, c := range cols {
			e, err := encodeCell(vals[i])
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.name, c, err)
			}
			img[c] = e
		}
		keys := make([]string, len(t.key))
		for i, k := range t.key {
			keys[i] = img[k]
		}
		out = append(out, imageRow{table: t.name, pk: strings.Join(keys, "|"), cols: img})
	}
	return out, rows.Err()
}

// encodeCell writes a column value as text that keeps its type, so that
// undo writes back exactly what was read: "n" NULL, "i:" integer,
// "f:" float, "B:" boolean, "s:" text, "b:" bytes (base64), "t:" time.
func encodeCell(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "n", nil
	case int64:
		return "i:" + strconv.FormatInt(x, 10), nil
	case int32:
		return "i:" + strconv.FormatInt(int64(x), 10), nil
	case int16:
		return "i:" + strconv.FormatInt(int64(x), 10), nil
	case float64:
		return "f:" + strconv.FormatFloat(x, 'g', -1, 64), nil
	case float32:
		return "f:" + strconv.FormatFloat(float64(x), 'g', -1, 32), nil
	case bool:
		if x {
			return "B:1", nil
		}
		return "B:0", nil
	case string:
		return "s:" + x, nil
	case []byte:
		return "b:" + base64.StdEncoding.EncodeToString(x), nil
	case time.Time:
		return "t:" + x.UTC().Format(time.RFC3339Nano), nil
	}
	return "", fmt.Errorf("store: cannot keep a value of type %T for undo", v)
}

// decodeCell is the argument that writes back an encoded value.
func decodeCell(e string) (any, error) {
	if e == "n" {
		return nil, nil
	}
	tag, v, ok := strings.Cut(e, ":")
	if !ok {
		return nil, fmt.Errorf("store: bad undo value %q", e)
	}
	switch tag {
	case "i":
		return strconv.ParseInt(v, 10, 64)
	case "f":
		return strconv.ParseFloat(v, 64)
	case "B":
		return v == "1", nil
	case "s":
		return v, nil
	case "b":
		return base64.StdEncoding.DecodeString(v)
	case "t":
		return time.Parse(time.RFC3339Nano, v)
	}
	return nil, fmt.Errorf("store: bad undo value %q", e)
}

// rowChange is a row a reorganisation changed: before nil when it made
// the row, after nil when it removed it.
type rowChange struct {
	table, pk     string
	before, after image
}

// rowChanges compares two snapshots of one scope, in table order then key
// order (so that undo replays them in a fixed order).
func rowChanges(before, after map[string]imageRow) []rowChange {
	var out []rowChange
	for k, b := range before {
		a, ok := after[k]
		switch {
		case !ok:
			out = append(out, rowChange{table: b.table, pk: b.pk, before: b.cols})
		case !sameImage(a.cols, b.cols):
			out = append(out, rowChange{table: b.table, pk: b.pk, before: b.cols, after: a.cols})
		}
	}
	for k, a := range after {
		if _, ok := before[k]; !ok {
			out = append(out, rowChange{table: a.table, pk: a.pk, after: a.cols})
		}
	}
	order := map[string]int{}
	for i, t := range imageTables() {
		order[t.name] = i
	}
	slices.SortFunc(out, func(x, y rowChange) int {
		if c := order[x.table] - order[y.table]; c != 0 {
			return c
		}
		return strings.Compare(x.pk, y.pk)
	})
	return out
}

func sameImage(a, b image) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// marshalImage is the stored form of an image; NULL for none.
func marshalImage(img image) (any, error) {
	if img == nil {
		return nil, nil
	}
	b, err := json.Marshal(img)
	return string(b), err
}

func unmarshalImage(v sql.NullString) (image, error) {
	if !v.Valid {
		return nil, nil
	}
	var img image
	err := json.Unmarshal([]byte(v.String), &img)
	return img, err
}

package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Agency roles in task_agencies.
const (
	roleCoop    = "coop"    // cơ quan phối hợp: assigned
	roleMention = "mention" // named in the task text: a suggestion
)

const taskCols = `t.id, t.plan_id, t.section_id, t.ord, t.title, t.text, t.lead_agency_id,
	t.deadline_kind, t.deadline_text, t.due_date, t.deadline_start, t.deadline_every,
	t.original_deadline_kind, t.original_deadline_text, t.original_due_date, t.original_deadline_start,
	t.original_deadline_every, t.product, t.progress, t.completed_on, t.reported_at,
	t.claim_status, t.claim_reason, t.claim_period_start, t.added_on, t.removed_on, t.version, t.created_at, t.updated_at`

func scanTask(sc scanner) (plan.Task, error) {
	return scanTaskWith(newAnyRow(taskColCount), sc)
}

// taskColCount is the number of taskCols.
const taskColCount = 29

// scanTaskWith is scanTask through row, which a read of many tasks
// reuses (anyRow: no reflection per column; Facts reads every task of a
// plan).
func scanTaskWith(row *anyRow, sc scanner) (plan.Task, error) {
	if err := sc.Scan(row.p...); err != nil {
		return plan.Task{}, err
	}
	return taskOfRow(row)
}

// taskOfRow is the task in row's first taskColCount columns, as scanned.
func taskOfRow(row *anyRow) (plan.Task, error) {
	t := plan.Task{ID: row.int(0), PlanID: row.int(1), SectionID: row.int(2), Ord: int(row.int(3)),
		Title: row.str(4), Text: row.str(5), LeadAgencyID: row.int(6),
		Deadline: plan.Deadline{Kind: plan.DeadlineKind(row.str(7)), Text: row.str(8), Due: row.time(9),
			Start: row.time(10), Every: row.str(11)},
		OriginalDeadline: plan.Deadline{Kind: plan.DeadlineKind(row.str(12)), Text: row.str(13), Due: row.time(14),
			Start: row.time(15), Every: row.str(16)},
		Product: row.str(17), Progress: int(row.int(18)), CompletedOn: row.time(19), ReportedAt: row.time(20),
		Claim: plan.Claim(row.str(21)), ClaimReason: row.str(22), ClaimPeriod: row.time(23), AddedOn: row.time(24),
		RemovedOn: row.time(25), Version: int(row.int(26)), CreatedAt: row.time(27), UpdatedAt: row.time(28)}
	err := row.err
	row.err = nil
	return t, err
}

// normTask puts t's texts in NFC and its agency lists in canonical form.
func normTask(t *plan.Task) {
	t.Title = strings.TrimSpace(vntext.NFC(t.Title))
	t.Text = strings.TrimSpace(vntext.NFC(t.Text))
	t.Product = strings.TrimSpace(vntext.NFC(t.Product))
	t.Deadline.Text = strings.TrimSpace(vntext.NFC(t.Deadline.Text))
	t.CooperatingAgencyIDs = uniqueIDs(t.CooperatingAgencyIDs)
	t.MentionedAgencyIDs = uniqueIDs(t.MentionedAgencyIDs)
	for i := range t.References {
		normRef(&t.References[i])
	}
}

// taskSearch is the text the Query filter matches words against (see vntext.SearchKey).
func taskSearch(t *plan.Task) string {
	return vntext.SearchKey(t.Title + " " + t.Text + " " + t.Product)
}

// uniqueIDs drops zeros and repeats, keeping the first-listed order; nil when empty.
func uniqueIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

const insertTaskSQL = `INSERT INTO tasks (plan_id, section_id, section_seq, ord, title, text, search, lead_agency_id,
	deadline_kind, deadline_text, due_date, deadline_start, deadline_every,
	original_deadline_kind, original_deadline_text, original_due_date, original_deadline_start, original_deadline_every,
	product, progress, completed_on, reported_at, added_on, version, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`

// insertTask stores t (already normalised, PlanID, SectionID and Ord set)
// with its agencies and cited documents, and sets t.ID, t.Version and the
// timestamps. A task without an original deadline gets its deadline as
// the original.
func insertTask(ctx context.Context, b *batch, t *plan.Task, sectionSeq int, at time.Time) error {
	if t.OriginalDeadline == (plan.Deadline{}) {
		t.OriginalDeadline = t.Deadline
	}
	d, o := &t.Deadline, &t.OriginalDeadline
	err := b.queryRow(ctx, insertTaskSQL, t.PlanID, t.SectionID, sectionSeq, t.Ord, t.Title, t.Text, taskSearch(t),
		refArg(t.LeadAgencyID), string(d.Kind), d.Text, dateArg(d.Due), dateArg(d.Start), d.Every,
		string(o.Kind), o.Text, dateArg(o.Due), dateArg(o.Start), o.Every, t.Product,
		t.Progress, dateArg(t.CompletedOn), tsArg(t.ReportedAt), dateArg(t.AddedOn), tsArg(at), tsArg(at)).Scan(&t.ID)
	if err != nil {
		return err
	}
	t.Version, t.CreatedAt, t.UpdatedAt = 1, at, at
	if err := addTaskAgencies(ctx, b, t.ID, t.CooperatingAgencyIDs, t.MentionedAgencyIDs); err != nil {
		return err
	}
	return linkRefs(ctx, b, "task_documents", "task_id", t.ID, t.References)
}

// addTaskAgencies links a task to its cooperating and mentioned agencies
// with one INSERT.
func addTaskAgencies(ctx context.Context, b *batch, taskID int64, coop, mention []int64) error {
	args := make([]any, 0, 4*(len(coop)+len(mention)))
	for i, a := range coop {
		args = append(args, taskID, a, roleCoop, i+1)
	}
	for i, a := range mention {
		args = append(args, taskID, a, roleMention, i+1)
	}
	if len(args) == 0 {
		return nil
	}
	_, err := b.exec(ctx, `INSERT INTO task_agencies (task_id, agency_id, role, ord) VALUES `+rowsOf(len(args)/4, 4), args...)
	return err
}

// Task reads one task with its cooperating and mentioned agencies and its cited documents.
func (s *Store) Task(ctx context.Context, id int64) (t *plan.Task, err error) {
	defer wrap(&err, "store.Task(%d)", id)
	v, err := s.readTask(ctx, s.r, id)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// TaskWithPlanStatus is Task with its plan's state, read in the task's
// row: what an edit checks before it writes (app.UpdateTask), one
// statement fewer than Task and Plan.
func (s *Store) TaskWithPlanStatus(ctx context.Context, id int64) (t *plan.Task, status plan.PlanStatus, err error) {
	defer wrap(&err, "store.TaskWithPlanStatus(%d)", id)
	v, err := s.readTaskAnd(ctx, s.r, taskPlanStatusSQL, id, &status)
	if err != nil {
		return nil, "", err
	}
	return &v, status, nil
}

// TaskRow reads task id's row alone: without its agencies (the lead's ID
// is there) and cited documents. For answers that name a task or judge it
// by its deadline, one query where Task makes three.
func (s *Store) TaskRow(ctx context.Context, id int64) (t *plan.Task, err error) {
	defer wrap(&err, "store.TaskRow(%d)", id)
	v, err := scanTask(s.queryRow(ctx, s.r, `SELECT `+taskCols+` FROM tasks t WHERE t.id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// readTask reads a task whole: row, agencies and documents.
func (s *Store) readTask(ctx context.Context, q querier, id int64) (plan.Task, error) {
	return s.readTaskAnd(ctx, q, `SELECT `+taskCols+`, `+taskLinkCols+` FROM tasks t WHERE t.id = ?`, id)
}

// taskLinkCols, read with a task's row, say whether it has any agencies
// (task_agencies) and any cited documents: most tasks have neither, and
// readTask reads them only when there are some (a statement each; every
// task edit reads its task twice). Each is one seek of a primary key.
const taskLinkCols = `EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id),
	EXISTS (SELECT 1 FROM task_documents td WHERE td.task_id = t.id)`

// readTaskAnd is readTask with the row read by query: taskCols, then
// taskLinkCols, then columns (another table's, joined) scanned into extra.
func (s *Store) readTaskAnd(ctx context.Context, q querier, query string, id int64, extra ...any) (plan.Task, error) {
	var agencies, documents bool
	t, err := scanTask(moreCols{s.qrow(ctx, q, query, id), append([]any{&agencies, &documents}, extra...)})
	if err != nil {
		return t, err
	}
	if agencies {
		if err := s.taskAgencies(ctx, q, &t); err != nil {
			return t, err
		}
	}
	if documents {
		t.References, err = s.taskRefs(ctx, q, id)
	}
	return t, err
}

// taskAgencies reads t's cooperating and mentioned agencies.
func (s *Store) taskAgencies(ctx context.Context, q querier, t *plan.Task) error {
	rows, err := s.qrows(ctx, q, `SELECT agency_id, role FROM task_agencies WHERE task_id = ? ORDER BY role, ord`, t.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a int64
		var role string
		if err := rows.Scan(&a, &role); err != nil {
			return err
		}
		if role == roleCoop {
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, a)
		} else {
			t.MentionedAgencyIDs = append(t.MentionedAgencyIDs, a)
		}
	}
	return rows.Err()
}

// CreateTask stores a new task at the end of its section (unless t.Ord is
// set) and sets t.ID, t.Ord and t.Version. The plan is the section's;
// ErrReference when the section (or an agency) does not exist or t.PlanID
// names another plan.
func (s *Store) CreateTask(ctx context.Context, actor int64, t *plan.Task) (err error) {
	defer wrap(&err, "store.CreateTask(section %d)", t.SectionID)
	normTask(t)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		planID, seq, status, err := s.sectionPlan(ctx, tx, t.SectionID)
		if err != nil || t.PlanID != 0 && t.PlanID != planID {
			return cmp.Or(err, ErrReference)
		}
		if readOnly(status) {
			return ErrReadOnly
		}
		t.PlanID = planID
		if t.Ord <= 0 {
			if err := s.qrow(ctx, tx, `SELECT COALESCE(MAX(ord), 0) + 1 FROM tasks WHERE section_id = ?`,
				t.SectionID).Scan(&t.Ord); err != nil {
				return err
			}
		}
		b := s.newBatch(tx, false)
		if err := insertTask(ctx, b, t, seq, at); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "task.create", "task", t.ID, taskDetail(t))
	})
}

// planWritable is ErrReadOnly for a plan replaced or closed.
func (s *Store) planWritable(ctx context.Context, q querier, planID int64) error {
	var status plan.PlanStatus
	if err := s.qrow(ctx, q, `SELECT status FROM plans WHERE id = ?`, planID).Scan(&status); err != nil {
		return err
	}
	return writableStatus(status)
}

// writableStatus is ErrReadOnly for a plan status whose plan is history
// (replaced or closed), nil otherwise.
func writableStatus(status plan.PlanStatus) error {
	if readOnly(status) {
		return ErrReadOnly
	}
	return nil
}

// readOnly reports whether a plan in this state takes no more task writes.
func readOnly(status plan.PlanStatus) bool {
	return status == plan.PlanReplaced || status == plan.PlanClosed
}

// sectionPlan is the plan and seq of a section with the plan's state, in
// one read inside a task write's transaction (sectionPlace, then
// planWritable, read them in two); ErrReference when there is no such
// section.
func (s *Store) sectionPlan(ctx context.Context, q querier, sectionID int64) (planID int64, seq int, status plan.PlanStatus, err error) {
	err = s.qrow(ctx, q, `SELECT s.plan_id, s.seq, p.status FROM sections s JOIN plans p ON p.id = s.plan_id
		WHERE s.id = ?`, sectionID).Scan(&planID, &seq, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, "", ErrReference
	}
	return planID, seq, status, err
}

// sectionPlace returns the plan and seq of a section, checking it belongs
// to wantPlan when that is set.
func (s *Store) sectionPlace(ctx context.Context, q querier, sectionID, wantPlan int64) (planID int64, seq int, err error) {
	err = s.qrow(ctx, q, `SELECT plan_id, seq FROM sections WHERE id = ?`, sectionID).Scan(&planID, &seq)
	if errors.Is(err, sql.ErrNoRows) || err == nil && wantPlan != 0 && wantPlan != planID {
		return 0, 0, ErrReference
	}
	return planID, seq, err
}

// taskDetail is what the audit log keeps of a created task.
func taskDetail(t *plan.Task) map[string]any {
	return map[string]any{
		"plan_id": t.PlanID, "section_id": t.SectionID, "ord": t.Ord, "title": t.Title, "text": t.Text,
		"lead_agency_id": t.LeadAgencyID, "cooperating_agency_ids": t.CooperatingAgencyIDs,
		"deadline_text": t.Deadline.Text, "due_date": dateArg(t.Deadline.Due), "product": t.Product,
	}
}

// UpdateTask saves t; t.Version must be the version read (ErrConflict
// otherwise); it is incremented. Every field is saved, including the
// agency lists and the cited documents, so t should come from Task and be
// changed, not built from scratch. A task may move to another section of
// its plan; with t.Ord 0 it goes to that section's end (or keeps its place
// when it stays).
func (s *Store) UpdateTask(ctx context.Context, actor int64, t *plan.Task) (err error) {
	defer wrap(&err, "store.UpdateTask(%d)", t.ID)
	normTask(t)
	// Folded before the transaction: the writer need not be held for it.
	search := taskSearch(t)
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		// The task with its plan's state in one read.
		var status plan.PlanStatus
		old, err := s.readTaskAnd(ctx, tx, taskPlanStatusSQL, t.ID, &status)
		if err != nil {
			return err
		}
		if old.Version != t.Version {
			return ErrConflict
		}
		// A task that stays in its section is in its plan (the composite
		// foreign key), whose state is read; one that moves, or changes
		// its place in it, needs the section's place (seq), read with the
		// plan's state as before; when the section is not the plan's, the
		// plan's state is read alone, so that the errors come in the order
		// they always did.
		seq := -1
		if t.SectionID != old.SectionID || t.Ord > 0 && t.Ord != old.Ord {
			planID, sseq, sstatus, err := s.sectionPlan(ctx, tx, t.SectionID)
			if err != nil && !errors.Is(err, ErrReference) {
				return err
			}
			if err != nil || planID != old.PlanID {
				if err := s.planWritable(ctx, tx, old.PlanID); err != nil {
					return err
				}
				return ErrReference
			}
			seq, status = sseq, sstatus
		}
		if readOnly(status) {
			return ErrReadOnly
		}
		t.PlanID = old.PlanID
		if t.Ord <= 0 {
			t.Ord = old.Ord
			if t.SectionID != old.SectionID {
				if err := s.qrow(ctx, tx, `SELECT COALESCE(MAX(ord), 0) + 1 FROM tasks WHERE section_id = ?`,
					t.SectionID).Scan(&t.Ord); err != nil {
					return err
				}
			}
		}
		keepReportingFields(&old, t)
		query, args := taskUpdate(&old, t, seq, search, at)
		res, err := s.texec(ctx, tx, query, args...)
		if err != nil {
			return err
		}
		if err := s.checkVersion(ctx, tx, res, "tasks", t.ID); err != nil {
			return err
		}
		c := taskChanges(&old, t)
		if err := s.saveTaskLinks(ctx, tx, &old, t, c); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "task.update", "task", t.ID, c); err != nil {
			return err
		}
		t.Version++
		t.CreatedAt, t.UpdatedAt = old.CreatedAt, at
		return nil
	})
}

// taskPlanStatusSQL reads a task's row with its plan's state.
const taskPlanStatusSQL = `SELECT ` + taskCols + `, ` + taskLinkCols + `, p.status
	FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?`

// taskUpdate is UpdateTask's UPDATE of t (old as stored, read in the same
// transaction; seq its new section's place, or -1 when neither its section
// nor its place in it changes) and its arguments. The columns an index,
// a foreign key or a trigger's UPDATE OF list names are set only when
// their values change: SQLite rewrites an index entry (and checks the
// key, runs the trigger) whenever its column is in the SET list, equal or
// not, and the pages so dirtied are written at commit, under the writer.
// The rest are always set. Grouped, at most sixteen shapes of the
// statement (the write-statement cache keeps each).
func taskUpdate(old, t *plan.Task, seq int, search string, at time.Time) (string, []any) {
	d, o := &t.Deadline, &t.OriginalDeadline
	var b strings.Builder
	b.WriteString(`UPDATE tasks SET title = ?, text = ?, search = ?, product = ?, deadline_text = ?, deadline_start = ?,
		deadline_every = ?, original_deadline_kind = ?, original_deadline_text = ?, original_due_date = ?,
		original_deadline_start = ?, original_deadline_every = ?, progress = ?, reported_at = ?,
		version = version + 1, updated_at = ?`)
	args := make([]any, 0, 24)
	args = append(args, t.Title, t.Text, search, t.Product, d.Text, dateArg(d.Start), d.Every,
		string(o.Kind), o.Text, dateArg(o.Due), dateArg(o.Start), o.Every, t.Progress, tsArg(t.ReportedAt), tsArg(at))
	if seq >= 0 {
		// tasks_order, tasks_due, tasks_open_now, tasks_section; the
		// foreign key to sections.
		b.WriteString(`, section_id = ?, section_seq = ?, ord = ?`)
		args = append(args, t.SectionID, seq, t.Ord)
	}
	if t.LeadAgencyID != old.LeadAgencyID {
		b.WriteString(`, lead_agency_id = ?`) // tasks_lead; the foreign key to agencies
		args = append(args, refArg(t.LeadAgencyID))
	}
	if d.Kind != old.Deadline.Kind || dateArg(d.Due) != dateArg(old.Deadline.Due) {
		// tasks_due, tasks_open_now, tasks_per_period_claim (by its
		// condition); tasks_per_period_update
		b.WriteString(`, deadline_kind = ?, due_date = ?`)
		args = append(args, string(d.Kind), dateArg(d.Due))
	}
	if dateArg(t.CompletedOn) != dateArg(old.CompletedOn) {
		// tasks_open_now (by its condition); tasks_count_update, tasks_per_period_update
		b.WriteString(`, completed_on = ?`)
		args = append(args, dateArg(t.CompletedOn))
	}
	b.WriteString(` WHERE id = ? AND version = ?`)
	args = append(args, t.ID, t.Version)
	return b.String(), args
}

// keepReportingFields sets on t, about to be saved by UpdateTask, the
// fields that UpdateTask does not take from its caller: the claim (kept by
// AcceptReport) and the original deadline. Editing the register corrects
// the original deadline too while no extension has changed the task's
// deadline; after one, the original stays (DecideExtension sets both).
func keepReportingFields(old, t *plan.Task) {
	t.Claim, t.ClaimReason, t.ClaimPeriod = old.Claim, old.ClaimReason, old.ClaimPeriod
	if old.OriginalDeadline == old.Deadline {
		t.OriginalDeadline = t.Deadline
	} else {
		t.OriginalDeadline = old.OriginalDeadline
	}
}

// saveTaskLinks replaces the agency lists and cited documents that changed.
func (s *Store) saveTaskLinks(ctx context.Context, tx *sql.Tx, old, t *plan.Task, c changes) error {
	b := s.newBatch(tx, false)
	var coop, mention []int64
	for _, l := range []struct {
		field, role string
		ids         []int64
		add         *[]int64
	}{
		{"cooperating_agency_ids", roleCoop, t.CooperatingAgencyIDs, &coop},
		{"mentioned_agency_ids", roleMention, t.MentionedAgencyIDs, &mention},
	} {
		if _, ok := c[l.field]; !ok {
			continue
		}
		if _, err := b.exec(ctx, `DELETE FROM task_agencies WHERE task_id = ? AND role = ?`, t.ID, l.role); err != nil {
			return err
		}
		*l.add = l.ids
	}
	if err := addTaskAgencies(ctx, b, t.ID, coop, mention); err != nil {
		return err
	}
	if _, ok := c["references"]; !ok {
		t.References = old.References // keep the stored IDs
		return nil
	}
	if _, err := b.exec(ctx, `DELETE FROM task_documents WHERE task_id = ?`, t.ID); err != nil {
		return err
	}
	return linkRefs(ctx, b, "task_documents", "task_id", t.ID, t.References)
}

// taskChanges lists what an update changes, for the audit log and to
// know which links to rewrite.
func taskChanges(old, t *plan.Task) changes {
	c := changes{}
	c.add("section_id", old.SectionID, t.SectionID)
	c.add("ord", old.Ord, t.Ord)
	c.add("title", old.Title, t.Title)
	c.add("text", old.Text, t.Text)
	c.add("lead_agency_id", old.LeadAgencyID, t.LeadAgencyID)
	c.add("cooperating_agency_ids", old.CooperatingAgencyIDs, t.CooperatingAgencyIDs)
	c.add("mentioned_agency_ids", old.MentionedAgencyIDs, t.MentionedAgencyIDs)
	c.add("deadline_kind", old.Deadline.Kind, t.Deadline.Kind)
	c.add("deadline_text", old.Deadline.Text, t.Deadline.Text)
	c.add("due_date", dateArg(old.Deadline.Due), dateArg(t.Deadline.Due))
	c.add("deadline_start", dateArg(old.Deadline.Start), dateArg(t.Deadline.Start))
	c.add("deadline_every", old.Deadline.Every, t.Deadline.Every)
	c.add("original_deadline_text", old.OriginalDeadline.Text, t.OriginalDeadline.Text)
	c.add("original_due_date", dateArg(old.OriginalDeadline.Due), dateArg(t.OriginalDeadline.Due))
	c.add("product", old.Product, t.Product)
	c.add("progress", old.Progress, t.Progress)
	c.add("completed_on", dateArg(old.CompletedOn), dateArg(t.CompletedOn))
	c.add("reported_at", tsArg(old.ReportedAt), tsArg(t.ReportedAt))
	c.add("references", refNumbers(old.References), refNumbers(t.References))
	return c
}

// refNumbers is how a task's citations are compared and logged: by number.
func refNumbers(refs []plan.Reference) []string {
	var out []string
	for _, r := range refs {
		if r.Number != "" {
			out = append(out, r.Number)
		}
	}
	return out
}

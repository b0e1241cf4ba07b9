package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// CreatePlan stores a whole plan draft — plan, section tree, tasks with
// their agencies and cited documents — in one transaction, fills the IDs
// in d, and returns the plan ID. Nothing is stored, and d is left as it
// was, when any part fails.
//
// Sections get their seq (document order) from a preorder walk of the tree
// and an Ord among siblings when the draft leaves it 0; tasks get an Ord
// within their section when 0. Cited documents are upserted by number.
// Statements are prepared once for the transaction: an import is a few
// hundred inserts.
func (s *Store) CreatePlan(ctx context.Context, actor int64, d *plan.Draft) (planID int64, err error) {
	defer wrap(&err, "store.CreatePlan(%q)", d.Plan.Code)
	return s.createPlan(ctx, actor, d, nil)
}

// createPlan is CreatePlan, first creating the agencies given (see
// CreatePlanWithAgencies) in the same transaction.
func (s *Store) createPlan(ctx context.Context, actor int64, d *plan.Draft, agencies []agency.Agency) (planID int64, err error) {
	tree, err := walkDraft(d)
	if err != nil {
		return 0, err
	}
	p := d.Plan
	normPlan(&p)
	secs := make([]plan.Section, len(d.Sections))
	for i := range d.Sections {
		secs[i] = d.Sections[i].Section
		secs[i].Ord = tree.ord[i]
		normSection(&secs[i])
	}
	tasks := make([]plan.Task, len(d.Tasks))
	for i := range d.Tasks {
		tasks[i] = d.Tasks[i].Task
		tasks[i].References = slices.Clone(tasks[i].References)
		tasks[i].Ord = tree.taskOrd[i]
		normTask(&tasks[i])
	}
	refs := slices.Clone(d.References)
	at := now()

	err = s.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.assignNewAgencies(ctx, tx, actor, agencies, d.Tasks, tasks, at); err != nil {
			return err
		}
		b := s.newBatch(tx, true)
		defer b.close()
		if p.ReplacesID == 0 {
			id, err := s.lookupPlanID(ctx, tx, p.Replaces)
			if err != nil {
				return err
			}
			p.ReplacesID = id
		}
		if err := b.queryRow(ctx, `INSERT INTO plans (code, issued_on, issuer, level, title, status, replaces_id, replaces_code,
			reporting_rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Code, dateArg(p.IssuedOn), p.Issuer, string(p.Level), p.Title, string(p.Status), refArg(p.ReplacesID), p.Replaces,
			p.ReportingRule, tsArg(at), tsArg(at)).Scan(&p.ID); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = at, at
		for _, i := range tree.preorder {
			x := &secs[i]
			x.PlanID = p.ID
			if par := d.Sections[i].Parent; par >= 0 {
				x.ParentID = secs[par].ID
			}
			if err := b.queryRow(ctx, `INSERT INTO sections (plan_id, parent_id, kind, number, label, title, body, ord,
				seq, seq_end, holds_tasks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				x.PlanID, refArg(x.ParentID), string(x.Kind), x.Number, x.Label, x.Title, x.Body, x.Ord,
				tree.seq[i], tree.end[i], x.HoldsTasks).Scan(&x.ID); err != nil {
				return fmt.Errorf("section %q: %w", x.Label, err)
			}
		}
		for i := range tasks {
			t := &tasks[i]
			si := d.Tasks[i].Section
			t.PlanID, t.SectionID = p.ID, secs[si].ID
			if err := insertTask(ctx, b, t, tree.seq[si], at); err != nil {
				return fmt.Errorf("task %d (%s): %w", i+1, secs[si].Label, err)
			}
		}
		if err := linkRefs(ctx, b, "plan_documents", "plan_id", p.ID, refs); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "plan.create", "plan", p.ID, map[string]any{
			"code": p.Code, "title": p.Title, "sections": len(secs), "tasks": len(tasks), "references": len(refs),
		})
	})
	if err != nil {
		return 0, err
	}
	d.Plan = p
	for i := range secs {
		d.Sections[i].Section = secs[i]
	}
	for i := range tasks {
		d.Tasks[i].Task = tasks[i]
	}
	d.References = refs
	if len(tasks) >= analyzeAfterTasks {
		// A large import: its tables analyzed before they are read
		// (analyze.go). The plan is stored whatever comes of it —
		// statistics only guide the planner, and autovacuum gathers them
		// later anyway — so a failure here is not the import's.
		_ = s.Analyze(ctx, "tasks", "task_agencies", "sections")
	}
	return p.ID, nil
}

func normSection(x *plan.Section) {
	x.Number = strings.TrimSpace(vntext.NFC(x.Number))
	x.Label = strings.TrimSpace(vntext.NFC(x.Label))
	x.Title = strings.TrimSpace(vntext.NFC(x.Title))
	x.Body = strings.TrimSpace(vntext.NFC(x.Body))
}

// draftTree is the shape of a draft's section tree as stored.
type draftTree struct {
	preorder []int // section indexes in document order
	seq, end []int // per section index: its seq and its last descendant's seq
	ord      []int // per section index: position among siblings
	taskOrd  []int // per task index: position within its section
}

// walkDraft checks a draft's indexes (parents before children, tasks in
// existing sections) and numbers its tree.
func walkDraft(d *plan.Draft) (*draftTree, error) {
	n := len(d.Sections)
	tr := &draftTree{seq: make([]int, n), end: make([]int, n), ord: make([]int, n), taskOrd: make([]int, len(d.Tasks))}
	children := make([][]int, n+1) // children[n] holds the roots
	for i, x := range d.Sections {
		switch {
		case x.Parent == -1:
			children[n] = append(children[n], i)
		case x.Parent >= 0 && x.Parent < i:
			children[x.Parent] = append(children[x.Parent], i)
		default:
			return nil, fmt.Errorf("section %d (%q): parent index %d is not an earlier section", i, x.Label, x.Parent)
		}
	}
	for _, kids := range children {
		for k, c := range kids {
			if tr.ord[c] = d.Sections[c].Ord; tr.ord[c] <= 0 {
				tr.ord[c] = k + 1
			}
		}
	}
	var walk func(i int) int
	walk = func(i int) int {
		tr.preorder = append(tr.preorder, i)
		tr.seq[i] = len(tr.preorder)
		last := tr.seq[i]
		for _, c := range children[i] {
			last = walk(c)
		}
		tr.end[i] = last
		return last
	}
	for _, r := range children[n] {
		walk(r)
	}
	next := make([]int, n)
	for i, t := range d.Tasks {
		if t.Section < 0 || t.Section >= n {
			return nil, fmt.Errorf("task %d: section index %d out of range", i+1, t.Section)
		}
		if tr.taskOrd[i] = t.Ord; tr.taskOrd[i] <= 0 {
			tr.taskOrd[i] = next[t.Section] + 1
		}
		next[t.Section] = max(next[t.Section], tr.taskOrd[i])
	}
	return tr, nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// Links between tasks across plans (migration 00025): a task links to the
// upstream tasks it implements. A link is never deleted: unlinking stamps
// unlinked_at, so a task's rows are its links' history.

const linkCols = `l.id, l.task_id, l.plan_id, l.upstream_task_id, l.upstream_plan_id, l.how, l.linked_at, l.linked_by,
	l.unlinked_at, l.unlinked_by`

func scanLink(sc scanner) (rollup.Link, error) {
	var l rollup.Link
	err := sc.Scan(&l.ID, &l.TaskID, &l.PlanID, &l.UpstreamTaskID, &l.UpstreamPlanID, &l.How, timeCol{&l.LinkedAt},
		idCol{&l.LinkedBy}, timeCol{&l.UnlinkedAt}, idCol{&l.UnlinkedBy})
	return l, err
}

// LinkSet is what a task's links to upstream tasks should be after a
// write: exactly UpstreamTaskIDs among the tasks of UpstreamPlanID (0: of
// every upstream plan — the task's whole set).
type LinkSet struct {
	TaskID          int64
	UpstreamPlanID  int64
	UpstreamTaskIDs []int64
}

// LinkDiff is what a write did (or, on a dry run, would do) to one task's
// links.
type LinkDiff struct {
	TaskID         int64
	Added, Removed []int64 // upstream task IDs
}

// SetTaskLinks brings the links of each task in sets to its set, in one
// transaction with one audit row a task changed: links missing are made
// (how), links not in the set are ended. Every new link is checked
// against the stored plans — a *rollup.LinkError when one is refused, and
// then nothing is written: the upstream task exists, is in another plan of
// the same level or above, still in its plan, and that plan is in force
// (active), and the upstream plan has no task linked to the task's plan.
// A task of a replaced or closed plan is ErrReadOnly; an unknown task
// ErrNotFound. With dryRun the transaction is rolled back and the diffs
// say what it would have done.
func (s *Store) SetTaskLinks(ctx context.Context, actor int64, sets []LinkSet, how rollup.How, dryRun bool) (diffs []LinkDiff, err error) {
	defer wrap(&err, "store.SetTaskLinks(%d tasks)", len(sets))
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		diffs = diffs[:0]
		plans := map[int64]*linkPlan{}
		for _, set := range sets {
			d, err := s.setTaskLinks(ctx, tx, actor, set, how, plans)
			if err != nil {
				return err
			}
			if len(d.Added)+len(d.Removed) > 0 {
				diffs = append(diffs, d)
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return diffs, nil
	}
	return diffs, err
}

// linkPlan is what the link checks need of a plan.
type linkPlan struct {
	code   string
	level  plan.Level
	status plan.PlanStatus
}

func (s *Store) linkPlanOf(ctx context.Context, tx *sql.Tx, id int64, seen map[int64]*linkPlan) (*linkPlan, error) {
	if p := seen[id]; p != nil {
		return p, nil
	}
	p := &linkPlan{}
	if err := s.tqueryRow(ctx, tx, `SELECT code, level, status FROM plans WHERE id = ?`, id).Scan(&p.code, &p.level, &p.status); err != nil {
		return nil, err
	}
	seen[id] = p
	return p, nil
}

func (s *Store) setTaskLinks(ctx context.Context, tx *sql.Tx, actor int64, set LinkSet, how rollup.How, plans map[int64]*linkPlan) (LinkDiff, error) {
	d := LinkDiff{TaskID: set.TaskID}
	var planID int64
	if err := s.tqueryRow(ctx, tx, `SELECT plan_id FROM tasks WHERE id = ?`, set.TaskID).Scan(&planID); err != nil {
		return d, err
	}
	own, err := s.linkPlanOf(ctx, tx, planID, plans)
	if err != nil {
		return d, err
	}
	if own.status == plan.PlanReplaced || own.status == plan.PlanClosed {
		return d, ErrReadOnly
	}
	current := map[int64]int64{} // upstream task → link ID
	rows, err := s.tquery(ctx, tx, `SELECT id, upstream_task_id, upstream_plan_id FROM task_links
		WHERE task_id = ? AND unlinked_at IS NULL`, set.TaskID)
	if err != nil {
		return d, err
	}
	for rows.Next() {
		var id, up, upPlan int64
		if err := rows.Scan(&id, &up, &upPlan); err != nil {
			rows.Close()
			return d, err
		}
		if set.UpstreamPlanID == 0 || upPlan == set.UpstreamPlanID {
			current[up] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	want := map[int64]bool{}
	at := now()
	for _, up := range set.UpstreamTaskIDs {
		if want[up] {
			continue
		}
		want[up] = true
		if _, ok := current[up]; ok {
			continue
		}
		upPlan, err := s.checkLink(ctx, tx, set.TaskID, planID, own, up, set.UpstreamPlanID, plans)
		if err != nil {
			return d, err
		}
		if _, err := s.texec(ctx, tx, `INSERT INTO task_links (task_id, plan_id, upstream_task_id, upstream_plan_id, how,
			linked_at, linked_by) VALUES (?, ?, ?, ?, ?, ?, ?)`, set.TaskID, planID, up, upPlan, string(how), tsArg(at),
			refArg(actor)); err != nil {
			return d, err
		}
		d.Added = append(d.Added, up)
	}
	for up, id := range current {
		if want[up] {
			continue
		}
		if _, err := s.texec(ctx, tx, `UPDATE task_links SET unlinked_at = ?, unlinked_by = ? WHERE id = ?`,
			tsArg(at), refArg(actor), id); err != nil {
			return d, err
		}
		d.Removed = append(d.Removed, up)
	}
	slices.Sort(d.Removed)
	if len(d.Added)+len(d.Removed) == 0 {
		return d, nil
	}
	return d, s.audit(ctx, tx, actor, "task.links", "task", set.TaskID, map[string]any{
		"added": d.Added, "removed": d.Removed, "how": how, "upstream_plan_id": set.UpstreamPlanID})
}

// checkLink applies the link rules to a new link from task (of plan
// planID, own) to up, and returns up's plan.
func (s *Store) checkLink(ctx context.Context, tx *sql.Tx, task, planID int64, own *linkPlan, up, wantPlan int64, plans map[int64]*linkPlan) (int64, error) {
	refuse := func(r rollup.LinkReason, upCode string, upLevel plan.Level) error {
		return &rollup.LinkError{Reason: r, TaskID: task, UpstreamTaskID: up, PlanCode: own.code, UpstreamCode: upCode,
			PlanLevel: own.level, UpLevel: upLevel}
	}
	var upPlan int64
	var removed sql.NullString
	err := s.tqueryRow(ctx, tx, `SELECT plan_id, removed_on FROM tasks WHERE id = ?`, up).Scan(&upPlan, &removed)
	if errors.Is(err, sql.ErrNoRows) || err == nil && wantPlan != 0 && upPlan != wantPlan {
		return 0, refuse(rollup.LinkUpstreamMissing, "", "")
	}
	if err != nil {
		return 0, err
	}
	if upPlan == planID {
		return 0, refuse(rollup.LinkSamePlan, own.code, own.level)
	}
	p, err := s.linkPlanOf(ctx, tx, upPlan, plans)
	if err != nil {
		return 0, err
	}
	switch {
	case !rollup.CanLinkLevels(own.level, p.level):
		return 0, refuse(rollup.LinkLowerLevel, p.code, p.level)
	case p.status != plan.PlanActive:
		return 0, refuse(rollup.LinkUpstreamEnded, p.code, p.level)
	case removed.Valid && removed.String != "":
		return 0, refuse(rollup.LinkUpstreamRemoved, p.code, p.level)
	}
	var one int
	err = s.tqueryRow(ctx, tx, `SELECT 1 FROM task_links WHERE plan_id = ? AND upstream_plan_id = ? AND unlinked_at IS NULL
		LIMIT 1`, upPlan, planID).Scan(&one)
	if err == nil {
		return 0, refuse(rollup.LinkCycle, p.code, p.level)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return upPlan, nil
}

// TaskLinks lists every link of a task to upstream tasks, current and
// ended, oldest first: its links and their history.
func (s *Store) TaskLinks(ctx context.Context, taskID int64) (list []rollup.Link, err error) {
	defer wrap(&err, "store.TaskLinks(%d)", taskID)
	err = s.each(ctx, `SELECT `+linkCols+` FROM task_links l WHERE l.task_id = ? ORDER BY l.id`, []any{taskID},
		func(rows *sql.Rows) error {
			l, err := scanLink(rows)
			list = append(list, l)
			return err
		})
	return list, err
}

// DownstreamLinks lists the current links to a task from the tasks that
// implement it (of plans below or beside its own), oldest first.
func (s *Store) DownstreamLinks(ctx context.Context, upstreamTaskID int64) (list []rollup.Link, err error) {
	defer wrap(&err, "store.DownstreamLinks(%d)", upstreamTaskID)
	err = s.each(ctx, `SELECT `+linkCols+` FROM task_links l WHERE l.upstream_task_id = ? AND l.unlinked_at IS NULL
		ORDER BY l.id`, []any{upstreamTaskID}, func(rows *sql.Rows) error {
		l, err := scanLink(rows)
		list = append(list, l)
		return err
	})
	return list, err
}

// PlanLinks lists the current links of plan planID's tasks to the tasks
// of upstream plan upstreamPlanID (0: to any plan), by task.
func (s *Store) PlanLinks(ctx context.Context, planID, upstreamPlanID int64) (byTask map[int64][]rollup.Link, err error) {
	defer wrap(&err, "store.PlanLinks(%d → %d)", planID, upstreamPlanID)
	q := `SELECT ` + linkCols + ` FROM task_links l WHERE l.plan_id = ? AND l.unlinked_at IS NULL`
	args := []any{planID}
	if upstreamPlanID != 0 {
		q += ` AND l.upstream_plan_id = ?`
		args = append(args, upstreamPlanID)
	}
	byTask = map[int64][]rollup.Link{}
	err = s.each(ctx, q+` ORDER BY l.task_id, l.id`, args, func(rows *sql.Rows) error {
		l, err := scanLink(rows)
		byTask[l.TaskID] = append(byTask[l.TaskID], l)
		return err
	})
	return byTask, err
}

// PlanLinkCounts counts, for plan planID, its tasks linked to each
// upstream plan (current links): upstream plan ID → tasks.
func (s *Store) PlanLinkCounts(ctx context.Context, planID int64) (counts map[int64]int, err error) {
	defer wrap(&err, "store.PlanLinkCounts(%d)", planID)
	counts = map[int64]int{}
	err = s.each(ctx, `SELECT upstream_plan_id, COUNT(DISTINCT task_id) FROM task_links
		WHERE plan_id = ? AND unlinked_at IS NULL GROUP BY upstream_plan_id`, []any{planID}, func(rows *sql.Rows) error {
		var up int64
		var n int
		err := rows.Scan(&up, &n)
		counts[up] = n
		return err
	})
	return counts, err
}

// LinkedPlans lists the plans with a task linked (now) to a task of
// upstream plan upstreamPlanID, by ID.
func (s *Store) LinkedPlans(ctx context.Context, upstreamPlanID int64) (ids []int64, err error) {
	defer wrap(&err, "store.LinkedPlans(%d)", upstreamPlanID)
	err = s.each(ctx, `SELECT DISTINCT plan_id FROM task_links WHERE upstream_plan_id = ? AND unlinked_at IS NULL
		ORDER BY plan_id`, []any{upstreamPlanID}, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// RollupVersion reads the counter every link and package written moves
// (migrations 00025, 00026): a kept roll-up is right while it stands.
func (s *Store) RollupVersion(ctx context.Context) (v int64, err error) {
	defer wrap(&err, "store.RollupVersion")
	return s.counter(ctx, "rollup")
}

// carryLinks copies, in tx, the current links of task old to task new (a
// replacement carried old into new): new implements what old did, and
// the tasks that implemented old now implement new too. The old links
// stay with the old task, whose plan becomes history.
func (s *Store) carryLinks(ctx context.Context, tx *sql.Tx, actor, oldTask, newTask, newPlan int64) error {
	at := tsArg(now())
	if _, err := s.texec(ctx, tx, `INSERT INTO task_links (task_id, plan_id, upstream_task_id, upstream_plan_id, how, linked_at, linked_by)
		SELECT ?, ?, l.upstream_task_id, l.upstream_plan_id, 'carry', ?, ? FROM task_links l
		WHERE l.task_id = ? AND l.unlinked_at IS NULL AND l.upstream_plan_id <> ?
		AND NOT EXISTS (SELECT 1 FROM task_links x WHERE x.task_id = ? AND x.upstream_task_id = l.upstream_task_id AND x.unlinked_at IS NULL)`,
		newTask, newPlan, at, refArg(actor), oldTask, newPlan, newTask); err != nil {
		return err
	}
	_, err := s.texec(ctx, tx, `INSERT INTO task_links (task_id, plan_id, upstream_task_id, upstream_plan_id, how, linked_at, linked_by)
		SELECT l.task_id, l.plan_id, ?, ?, 'carry', ?, ? FROM task_links l
		WHERE l.upstream_task_id = ? AND l.unlinked_at IS NULL AND l.plan_id <> ?
		AND NOT EXISTS (SELECT 1 FROM task_links x WHERE x.task_id = l.task_id AND x.upstream_task_id = ? AND x.unlinked_at IS NULL)`,
		newTask, newPlan, at, refArg(actor), oldTask, newPlan, newTask)
	return err
}

// PlanTasks reads every task of plan planID in plan order, removed ones
// included, with their cooperating agencies: what link pages number
// (rollup.Numbers) and suggest among.
func (s *Store) PlanTasks(ctx context.Context, planID int64) (list []plan.Task, err error) {
	defer wrap(&err, "store.PlanTasks(%d)", planID)
	return s.factTasks(ctx, planID)
}

// UpstreamPlanLinks counts, for every plan with tasks linked to it now,
// the tasks linked: upstream plan ID → tasks.
func (s *Store) UpstreamPlanLinks(ctx context.Context) (counts map[int64]int, err error) {
	defer wrap(&err, "store.UpstreamPlanLinks")
	counts = map[int64]int{}
	// Plan by plan, each from its range of task_links_upstream_plan,
	// rather than grouping every link.
	err = s.each(ctx, `SELECT p.id, (SELECT COUNT(DISTINCT l.task_id) FROM task_links l
		WHERE l.upstream_plan_id = p.id AND l.unlinked_at IS NULL) FROM plans p`, nil, func(rows *sql.Rows) error {
		var id int64
		var n int
		err := rows.Scan(&id, &n)
		if n > 0 {
			counts[id] = n
		}
		return err
	})
	return counts, err
}

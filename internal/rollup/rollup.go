// Package rollup holds the domain of plans linked across levels: a task of
// a province's plan links to the tasks of the national programme (or a
// ministry's plan) it implements, an indicator to the upstream indicator
// it feeds; the roll-up of an upstream plan gathers, per upstream task,
// every linked task with its status, progress and accepted result, and
// computes the upstream task's status by one documented rule (Combine).
// Provinces on their own servers send their part as signed packages
// (package.go).
//
// It is pure: no SQL, no HTTP. The store keeps links and packages; the
// statuses of linked tasks are judged by internal/figures, as dashboards
// judge them; internal/app assembles the roll-up.
package rollup

import (
	"time"

	"tiendo/internal/plan"
)

// NotLinked is the computed status of an upstream task no task is linked
// to: shown as such, never as "not started".
const NotLinked plan.Status = "not_linked"

// StatusLabel is the Vietnamese name of a roll-up status: a task status,
// or NotLinked.
func StatusLabel(s plan.Status) string {
	if s == NotLinked {
		return "Chưa có nhiệm vụ liên kết"
	}
	return s.Label()
}

// Statuses are the computed statuses of upstream tasks in the order the
// dashboard shows them: the task statuses, then NotLinked.
var Statuses = append(append([]plan.Status{}, plan.Statuses...), NotLinked)

// Combine is the computed status of an upstream task from the statuses of
// the tasks linked to it (in the period shown). The rule, in order:
//
//  1. no linked task: NotLinked;
//  2. every linked task cancelled (không thực hiện): cancelled;
//     otherwise cancelled tasks are left out of what follows;
//  3. any linked task overdue: overdue;
//  4. every linked task done: done late when any was late, else done on
//     time;
//  5. any open linked task due soon: due soon;
//  6. every open linked task paused: paused;
//  7. nothing done and every open linked task not started (or paused):
//     not started;
//  8. otherwise: in progress.
//
// So an upstream task is done only when every province's part is, and
// overdue as soon as one province's part is.
func Combine(linked []plan.Status) plan.Status {
	if len(linked) == 0 {
		return NotLinked
	}
	n := map[plan.Status]int{}
	for _, s := range linked {
		n[s]++
	}
	active := len(linked) - n[plan.StatusCancelled]
	if active == 0 {
		return plan.StatusCancelled
	}
	if n[plan.StatusOverdue] > 0 {
		return plan.StatusOverdue
	}
	done := n[plan.StatusDoneOnTime] + n[plan.StatusDoneLate]
	if done == active {
		if n[plan.StatusDoneLate] > 0 {
			return plan.StatusDoneLate
		}
		return plan.StatusDoneOnTime
	}
	open := active - done
	switch {
	case n[plan.StatusDueSoon] > 0:
		return plan.StatusDueSoon
	case n[plan.StatusPaused] == open:
		return plan.StatusPaused
	case done == 0 && n[plan.StatusNotStarted]+n[plan.StatusPaused] == open:
		return plan.StatusNotStarted
	}
	return plan.StatusInProgress
}

// Progress is the progress of an upstream task: the mean of its linked
// tasks' progress, cancelled ones left out and done ones at 100; 0 when
// nothing counts.
func Progress(linked []Linked) int {
	sum, n := 0, 0
	for _, l := range linked {
		switch l.Status {
		case plan.StatusCancelled:
			continue
		case plan.StatusDoneOnTime, plan.StatusDoneLate:
			sum += 100
		default:
			sum += l.Progress
		}
		n++
	}
	if n == 0 {
		return 0
	}
	return (sum + n/2) / n
}

// Item is one upstream task of a roll-up: its computed status and every
// task linked to it.
type Item struct {
	UpstreamTaskID int64
	Number         int    // the task's STT in the upstream plan (Numbers); 0 when removed from it
	Title          string // the upstream task's title (its text's start when it has none)
	Status         plan.Status
	Progress       int
	Linked         []Linked
}

// Combined fills its Status and Progress from its Linked (Combine, Progress).
func (it *Item) Combined() {
	st := make([]plan.Status, len(it.Linked))
	for i, l := range it.Linked {
		st[i] = l.Status
	}
	it.Status, it.Progress = Combine(st), Progress(it.Linked)
}

// Linked is one task linked to an upstream task, as the roll-up shows it:
// a task on this instance (PackageID 0) or one a province sent in a
// package (its IDs are the sender's, its names as the sender wrote them).
type Linked struct {
	PlanID, TaskID, AgencyID int64
	Number                   int    // the task's STT in its plan
	Title                    string // the task's title
	Status                   plan.Status
	OverdueDays              int
	Progress                 int
	Result                   string // the latest accepted result up to the period; "" when none
	ResultPeriod             string // the label of the period that result was accepted for
	// ResultReport is the report that result was accepted in (this
	// instance's; 0 for a package's), whose files are its evidence.
	ResultReport int64

	// Of a package: who sent it, and the names the sender gave (on this
	// instance they are read from the register).
	PackageID  int64
	Sender     string
	PlanCode   string
	PlanTitle  string
	AgencyName string
	AsOf       time.Time // the day the sender judged the status on
	// Evidence backs the result: the documents its entry cites (and, in a
	// package, the files attached to it).
	Evidence []Evidence
}

// Remote reports whether l came in a package from another instance.
func (l *Linked) Remote() bool { return l.PackageID != 0 }

// Evidence is what backs a linked task's result: the documents its
// accepted entry cites (one a line) and the files attached to it.
type Evidence struct {
	Text  string `json:"text,omitempty"`
	Files []File `json:"files,omitempty"`
}

// File is an evidence file as a package lists it: its name, size and
// SHA-256 (the bytes stay with the sender).
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Numbers gives each task its STT: its position, from 1, among the tasks
// in plan order that are in the plan now (not removed by an amendment).
// tasks must be in plan order. Bulk link sheets and packages name tasks by
// it.
func Numbers(tasks []plan.Task) map[int64]int {
	out := make(map[int64]int, len(tasks))
	n := 0
	for i := range tasks {
		if !tasks[i].RemovedOn.IsZero() {
			continue
		}
		n++
		out[tasks[i].ID] = n
	}
	return out
}

// TitleOf is the title a task is listed under: its own, or its text's start.
func TitleOf(t *plan.Task) string {
	if t.Title != "" {
		return t.Title
	}
	return plan.TitleFromText(t.Text)
}

package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// flowActions are the audit actions of the flow's steps.
var flowActions = map[string]reporting.Action{
	"report.submit": reporting.ActSubmit,
	"report.return": reporting.ActReturn,
	"report.accept": reporting.ActAccept,
	"report.revise": reporting.ActRevise,
}

// reportHistory reads report id's history from the audit log, oldest
// first: the flow's steps (who, when, why, on time) and the other saves.
// Every page and answer that shows a report's history reads it here.
func (a *App) reportHistory(ctx context.Context, id int64) ([]reporting.FlowStep, []reporting.ReportChange, error) {
	entries, err := a.store.AuditFor(ctx, "report", id)
	if err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, nil, err
	}
	var steps []reporting.FlowStep
	var changes []reporting.ReportChange
	for _, e := range entries {
		act, ok := flowActions[e.Action]
		if !ok {
			changes = append(changes, reporting.ReportChange{Action: e.Action, At: e.At, By: e.UserID})
			continue
		}
		steps = append(steps, flowStep(act, e.At, e.UserID, e.Detail))
	}
	return steps, changes, nil
}

// flowStep reads one step from its audit detail, as far as the detail
// records it (a detail that cannot be read leaves those fields empty):
// the step's own time (the injected clock's; logged is the log's), a
// return's reason, a submission's timeliness. The state is the one the
// step leads to; a report revised stays accepted (the new revision is a
// draft of its own).
func flowStep(act reporting.Action, logged time.Time, by int64, detail string) reporting.FlowStep {
	s := reporting.FlowStep{Action: act, State: reporting.After("", act), At: logged, By: by}
	if act == reporting.ActRevise {
		s.State = reporting.StateAccepted
	}
	var d map[string]any
	if json.Unmarshal([]byte(detail), &d) != nil {
		return s
	}
	if at, ok := d["at"].(string); ok {
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
			s.At = t
		}
	}
	for _, k := range []string{"reason", "return_reason"} {
		switch v := d[k].(type) {
		case string:
			if v = strings.TrimSpace(v); v != "" {
				s.Reason = v
			}
		case map[string]any: // a change {old, new}
			if n, ok := v["new"].(string); ok {
				s.Reason = strings.TrimSpace(n)
			}
		}
	}
	if b, ok := d["on_time"].(bool); ok {
		s.OnTime = &b
	}
	return s
}

package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestFlowOverGuards: a step of the flow (SubmitReportOver,
// ReturnReportOver, AcceptReportOver) writes over a report read before its
// transaction, so what its checks rest on may change between the read and
// the write. Each case changes one thing, then takes the step over the
// stale read, held to the version read (pinned) or not: the step is
// refused as it would have been on a fresh read and changes nothing, or,
// not held to a version, goes through after the change as it did when the
// transaction read the report itself. Through, its answer is the report's
// row as stored.
func TestFlowOverGuards(t *testing.T) {
	june5 := plan.Date(2025, 6, 5)
	closePlan := func(t *testing.T, f *repFix, _ *reporting.Report) {
		ctx := context.Background()
		p, err := f.s.Plan(ctx, f.d.Plan.ID)
		must(t, err)
		p.Status = plan.PlanClosed
		must(t, f.s.UpdatePlan(ctx, 0, p))
	}
	submit := func(t *testing.T, f *repFix, r *reporting.Report) {
		_, err := f.s.SubmitReport(context.Background(), f.at("head:khcn", june5), r.ID, 0)
		must(t, err)
	}
	sendBack := func(t *testing.T, f *repFix, r *reporting.Report) {
		_, err := f.s.ReturnReport(context.Background(), f.at("coord", june5), r.ID, "Bổ sung", 0)
		must(t, err)
	}
	for _, c := range []struct {
		name   string
		step   reporting.Action
		pinned bool                                               // held to the version read
		change func(t *testing.T, f *repFix, r *reporting.Report) // between the read and the write
		want   error                                              // nil: taken
	}{
		{name: "submit: the plan closed", step: reporting.ActSubmit, change: closePlan, want: ErrReadOnly},
		{name: "submit: the plan closed, pinned", step: reporting.ActSubmit, pinned: true, change: closePlan, want: ErrReadOnly},
		{name: "submit: a line saved", step: reporting.ActSubmit,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 0, 70) }},
		{name: "submit: a line saved, pinned", step: reporting.ActSubmit, pinned: true, want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 0, 70) }},
		{name: "submit: submitted", step: reporting.ActSubmit, change: submit, want: reporting.ErrSubmitted},
		{name: "submit: a task given to the agency", step: reporting.ActSubmit, want: reporting.ErrIncomplete,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) { f.giveTask(t, 1, "khcn") }},
		{name: "return: returned", step: reporting.ActReturn, change: sendBack, want: reporting.ErrNotSubmitted},
		{name: "return: returned and sent again", step: reporting.ActReturn,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { sendBack(t, f, r); submit(t, f, r) }},
		{name: "return: returned and sent again, pinned", step: reporting.ActReturn, pinned: true, want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { sendBack(t, f, r); submit(t, f, r) }},
		{name: "return: the plan closed", step: reporting.ActReturn, pinned: true, change: closePlan},
		{name: "accept: returned", step: reporting.ActAccept, change: sendBack, want: reporting.ErrNotSubmitted},
		{name: "accept: returned and sent again, pinned", step: reporting.ActAccept, pinned: true, want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { sendBack(t, f, r); submit(t, f, r) }},
		{name: "accept: the plan closed", step: reporting.ActAccept, pinned: true, change: closePlan},
	} {
		t.Run(c.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				f := newRepFix(t, s)
				r := f.report(t, f.q2, "khcn")
				f.saveLine(t, r, 0, 40)
				f.saveLine(t, r, 2, 40)
				if c.step != reporting.ActSubmit {
					submit(t, f, r)
				}
				x, err := s.ReadStepReport(ctx, r.ID)
				must(t, err)
				c.change(t, f, r)
				before, err := s.readReportRow(ctx, s.r, r.ID)
				must(t, err)
				version := 0
				if c.pinned {
					version = x.Report.Version
				}
				var got *reporting.Report
				want := reporting.StateSubmitted
				switch c.step {
				case reporting.ActSubmit:
					got, err = s.SubmitReportOver(ctx, f.at("head:khcn", june5), x, version)
				case reporting.ActReturn:
					got, err = s.ReturnReportOver(ctx, f.at("coord", june5), x, "Thiếu số liệu", version)
					want = reporting.StateReturned
				case reporting.ActAccept:
					got, err = s.AcceptReportOver(ctx, f.at("coord", june5), x, version)
					want = reporting.StateAccepted
				}
				after, rerr := s.readReportRow(ctx, s.r, r.ID)
				must(t, rerr)
				if c.want == nil {
					must(t, err)
					if after.State != want || after.Version != before.Version+1 {
						t.Errorf("after the step: %s version %d, want %s version %d", after.State, after.Version, want, before.Version+1)
					}
					if !reflect.DeepEqual(got, after) {
						t.Errorf("the step's answer is not the report as stored:\n%+v\n%+v", got, after)
					}
					return
				}
				if !errors.Is(err, c.want) {
					t.Fatalf("a step over a stale read: %v, want %v", err, c.want)
				}
				if after.Version != before.Version || after.State != before.State {
					t.Errorf("a refused step changed the report: %s version %d → %s version %d", before.State,
						before.Version, after.State, after.Version)
				}
			})
		})
	}
}

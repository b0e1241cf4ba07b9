package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/notify"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// The report's flow: the agency's head submits (approves and sends), the
// coordinator accepts (which locks it and makes its claims the tasks') or
// returns it with a reason, and the agency starts a correction of an
// accepted report (a new revision). Each step checks reporting.Can on the
// report as it is now, read once (store.ReadStepReport); the store checks
// it again on the row it writes over (see store.SubmitReportOver).
//
// read holds the versions of the report the person read (the page's, or
// an HTTP If-Match list): when the report's version now is not among them
// the step is refused (Conflict) and nothing changes. A nil read takes
// the report as it is.

// SubmitReport approves and sends report id (its agency's head), once its
// period has begun and every line states the task's status
// (reporting.ErrIncomplete, with the lines, otherwise). After the due day
// it is sent and marked late. It returns the report as sent: its header
// and period, as every step (a step changes no line, contribution, value
// or file; ReadReport reads them).
func (a *App) SubmitReport(ctx context.Context, by *auth.User, id int64, read []int) (_ *reporting.Report, err error) {
	defer derrors.Wrap(&err, "app.SubmitReport(%d)", id)
	return a.reportStep(ctx, by, id, reporting.ActSubmit, read, nil,
		func(act reporting.Actor, version int, x *store.StepReport) (*reporting.Report, error) {
			n, err := a.reportNotice(ctx, act, x.Report, notify.KindReportSubmitted, "")
			if err != nil {
				return nil, err
			}
			return a.store.SubmitReportOver(ctx, act, x, version, n...)
		})
}

// AcceptReport accepts submitted report id (the coordinator): it is
// locked, and its lines' claims become the tasks' status.
func (a *App) AcceptReport(ctx context.Context, by *auth.User, id int64, read []int) (_ *reporting.Report, err error) {
	defer derrors.Wrap(&err, "app.AcceptReport(%d)", id)
	return a.reportStep(ctx, by, id, reporting.ActAccept, read, nil,
		func(act reporting.Actor, version int, x *store.StepReport) (*reporting.Report, error) {
			n, err := a.reportNotice(ctx, act, x.Report, notify.KindReportAccepted, "")
			if err != nil {
				return nil, err
			}
			return a.store.AcceptReportOver(ctx, act, x, version, n...)
		})
}

// ReturnReport sends submitted report id back to its agency with a reason
// (the coordinator); without one it is refused with
// reporting.ErrReasonRequired. The agency fixes it and sends it again.
// Each step tells who waits on it (reportNotice) in its own transaction.
func (a *App) ReturnReport(ctx context.Context, by *auth.User, id int64, reason string, read []int) (_ *reporting.Report, err error) {
	defer derrors.Wrap(&err, "app.ReturnReport(%d)", id)
	check := func() error { return reporting.CheckReturnReason(reason) }
	return a.reportStep(ctx, by, id, reporting.ActReturn, read, check,
		func(act reporting.Actor, version int, x *store.StepReport) (*reporting.Report, error) {
			n, err := a.reportNotice(ctx, act, x.Report, notify.KindReportReturned, strings.TrimSpace(vntext.NFC(reason)))
			if err != nil {
				return nil, err
			}
			return a.store.ReturnReportOver(ctx, act, x, reason, version, n...)
		})
}

// ReviseReport starts a correction of accepted report id (its agency): a
// new revision, a draft copy of it, which the agency edits and sends
// again; the accepted one stays as it was. It returns the new revision.
func (a *App) ReviseReport(ctx context.Context, by *auth.User, id int64) (_ *reporting.Report, err error) {
	defer derrors.Wrap(&err, "app.ReviseReport(%d)", id)
	return a.reportStep(ctx, by, id, reporting.ActRevise, nil, nil,
		func(act reporting.Actor, _ int, _ *store.StepReport) (*reporting.Report, error) {
			return a.store.ReviseReport(ctx, act, id)
		})
}

// reportStep runs step act on report id for by: the rule, the person's
// version read, the person's input (check, may be nil), then the store's write,
// given the version to hold it to (0: none) and the report as read
// (store.ReadStepReport: the store writes over it without reading it
// again, and the step's notices say what it holds).
func (a *App) reportStep(ctx context.Context, by *auth.User, id int64, act reporting.Action, read []int,
	check func() error, step func(act reporting.Actor, version int, x *store.StepReport) (*reporting.Report, error)) (*reporting.Report, error) {
	x, err := a.store.ReadStepReport(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoReport, id)
	}
	rep := x.Report
	if err := reporting.Can(by, rep, act, a.Today()); err != nil {
		return nil, err
	}
	version := 0
	if read != nil {
		if !slices.Contains(read, rep.Version) {
			return nil, derrors.New(derrors.Conflict,
				"Báo cáo đã thay đổi sau phiên bản bạn đọc (hiện tại là phiên bản %d). Hãy đọc lại báo cáo rồi thực hiện lại. Không có gì thay đổi.",
				rep.Version)
		}
		version = rep.Version
	}
	if check != nil {
		if err := check(); err != nil {
			return nil, err
		}
	}
	out, err := step(a.actor(by), version, x)
	if errors.Is(err, derrors.Conflict) {
		return nil, derrors.New(derrors.Conflict, "Báo cáo vừa được người khác thay đổi; hãy đọc lại rồi thực hiện lại. Không có gì thay đổi.")
	}
	return out, notFoundAs(err, msgNoReport, id)
}

package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// Evidence files: attached to a report still being written (to one task's
// line or to the report as a whole), read by whoever may read the report.

// msgNoFile names a file that does not exist.
const msgNoFile = "Không có tệp mã %d."

// AddReportFile attaches an evidence file to report reportID: to the line
// of taskID (a task the report's agency leads or cooperates on;
// reporting.ErrNotAssigned otherwise) or, with 0, to the report as a
// whole. The name is kept as reporting.CleanFileName says; the type is
// judged by the bytes (reporting.SniffFile: PDF, DOCX, XLSX, JPG, PNG, at
// most 20 MB), never by what the client says, and a refused file stores
// nothing (its *reporting.Error says why).
func (a *App) AddReportFile(ctx context.Context, by *auth.User, reportID, taskID int64, name string, data []byte) (_ *reporting.File, err error) {
	defer derrors.Wrap(&err, "app.AddReportFile(report %d)", reportID)
	if _, err := a.reportHeader(ctx, by, reportID, reporting.ActEdit); err != nil {
		return nil, err
	}
	f := &reporting.File{TaskID: taskID, Name: reporting.CleanFileName(name)}
	if _, err := reporting.SniffFile(f.Name, data); err != nil {
		return nil, err
	}
	if err := a.store.AddReportFile(ctx, a.actor(by), reportID, f, data); err != nil {
		return nil, notFoundAs(err, msgNoReport, reportID)
	}
	return f, nil
}

// DeleteReportFile removes evidence file id from its report, under the
// report's edit rule. It returns the file as it was.
func (a *App) DeleteReportFile(ctx context.Context, by *auth.User, id int64) (_ *reporting.File, err error) {
	defer derrors.Wrap(&err, "app.DeleteReportFile(%d)", id)
	f, err := a.store.ReportFileInfo(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoFile, id)
	}
	if _, err := a.reportHeader(ctx, by, f.ReportID, reporting.ActEdit); err != nil {
		return nil, err
	}
	if err := a.store.DeleteReportFile(ctx, a.actor(by), id); err != nil {
		return nil, notFoundAs(err, msgNoFile, id)
	}
	return f, nil
}

// ReportFile reads evidence file id and its bytes for by, who must be
// allowed to read the report it belongs to.
func (a *App) ReportFile(ctx context.Context, by *auth.User, id int64) (*reporting.File, []byte, error) {
	f, data, err := a.store.ReportFile(ctx, id)
	if err != nil {
		return nil, nil, notFoundAs(err, msgNoFile, id)
	}
	if _, err := a.reportHeader(ctx, by, f.ReportID, reporting.ActView); err != nil {
		return nil, nil, err
	}
	return f, data, nil
}

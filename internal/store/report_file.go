package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"tiendo/internal/reporting"
)

// AddReportFile attaches an evidence file to the report (reporting.ActEdit),
// to the entry of f.TaskID (a task of the report's agency) or, with 0, to
// the report as a whole. The type is checked by content
// (reporting.SniffFile; its errors are returned as they are). Sets f.ID,
// ContentType, Size, SHA256, UploadedAt/By. The bytes are stored in the
// database, once per distinct content.
func (s *Store) AddReportFile(ctx context.Context, a reporting.Actor, reportID int64, f *reporting.File, data []byte) (err error) {
	defer wrap(&err, "store.AddReportFile(report %d)", reportID)
	f.Name = reporting.CleanFileName(f.Name)
	ct, err := reporting.SniffFile(f.Name, data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	f.ReportID, f.ContentType, f.Size, f.SHA256 = reportID, ct, int64(len(data)), hex.EncodeToString(sum[:])
	at := actorTime(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		r, err := s.editReport(ctx, tx, a, reportID, 0)
		if err != nil {
			return err
		}
		if f.TaskID != 0 {
			var one int
			err := s.tqueryRow(ctx, tx, `SELECT 1 FROM tasks t WHERE t.id = ? AND t.plan_id = ? AND (t.lead_agency_id = ?
				OR EXISTS (SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.agency_id = ? AND ta.role = 'coop'))`,
				f.TaskID, r.PlanID, r.AgencyID, r.AgencyID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return reporting.ErrNotAssigned
			}
			if err != nil {
				return err
			}
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO file_blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			f.SHA256, f.Size, data); err != nil {
			return err
		}
		if err := s.tqueryRow(ctx, tx, `INSERT INTO report_files (report_id, task_id, name, content_type, size, sha256,
			uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			reportID, refArg(f.TaskID), f.Name, f.ContentType, f.Size, f.SHA256, tsArg(at), refArg(a.UserID())).Scan(&f.ID); err != nil {
			return err
		}
		f.UploadedAt, f.UploadedBy = at, a.UserID()
		return s.audit(ctx, tx, a.UserID(), "report.file.add", "report", reportID, map[string]any{
			"file_id": f.ID, "task_id": f.TaskID, "name": f.Name, "content_type": f.ContentType, "size": f.Size,
			"sha256": f.SHA256,
		})
	})
}

// ReportFile reads a file's metadata and bytes. The caller checks that the
// person may view the file's report.
func (s *Store) ReportFile(ctx context.Context, id int64) (f *reporting.File, data []byte, err error) {
	defer wrap(&err, "store.ReportFile(%d)", id)
	var v reporting.File
	err = s.queryRow(ctx, s.r, `SELECT f.id, f.report_id, f.task_id, f.name, f.content_type, f.size, f.sha256,
		f.uploaded_at, f.uploaded_by, b.data FROM report_files f JOIN file_blobs b ON b.sha256 = f.sha256
		WHERE f.id = ?`, id).Scan(&v.ID, &v.ReportID, idCol{&v.TaskID}, &v.Name, &v.ContentType, &v.Size, &v.SHA256,
		timeCol{&v.UploadedAt}, idCol{&v.UploadedBy}, &data)
	if err != nil {
		return nil, nil, err
	}
	return &v, data, nil
}

// ReportFileInfo reads a file's metadata, without its bytes.
func (s *Store) ReportFileInfo(ctx context.Context, id int64) (f *reporting.File, err error) {
	defer wrap(&err, "store.ReportFileInfo(%d)", id)
	v, err := scanFile(s.queryRow(ctx, s.r, `SELECT `+fileCols+` FROM report_files WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// DeleteReportFile removes a file from its report (reporting.ActEdit on the
// report); its content goes too when no other report holds it.
func (s *Store) DeleteReportFile(ctx context.Context, a reporting.Actor, id int64) (err error) {
	defer wrap(&err, "store.DeleteReportFile(%d)", id)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		f, err := scanFile(s.tqueryRow(ctx, tx, `SELECT `+fileCols+` FROM report_files WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if _, err := s.editReport(ctx, tx, a, f.ReportID, 0); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM report_files WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `DELETE FROM file_blobs WHERE sha256 = ?
			AND NOT EXISTS (SELECT 1 FROM report_files WHERE sha256 = ?)`, f.SHA256, f.SHA256); err != nil {
			return err
		}
		return s.audit(ctx, tx, a.UserID(), "report.file.delete", "report", f.ReportID, map[string]any{
			"file_id": f.ID, "task_id": f.TaskID, "name": f.Name, "sha256": f.SHA256,
		})
	})
}

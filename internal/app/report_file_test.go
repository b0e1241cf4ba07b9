package app_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// TestReportFiles: evidence is judged by its bytes and kept under a clean
// name; it is read under the report's view rule and removed under its
// edit rule.
func TestReportFiles(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	pdf := []byte("%PDF-1.7\nbiên bản\n%%EOF\n")

	if _, err := f.app.AddReportFile(ctx, f.officer, f.report, 0, "bao-cao.pdf", []byte("MZ\x90\x00")); !errors.Is(err, reporting.ErrFileType) {
		t.Errorf("a program named .pdf: %v, want ErrFileType", err)
	}
	if _, err := f.app.AddReportFile(ctx, f.otherHead, f.report, 0, "x.pdf", pdf); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency uploads: %v", err)
	}
	if _, err := f.app.AddReportFile(ctx, f.officer, f.report, f.t3, "x.pdf", pdf); !errors.Is(err, reporting.ErrNotAssigned) {
		t.Errorf("a line not the agency's: %v", err)
	}
	file, err := f.app.AddReportFile(ctx, f.officer, f.report, f.task2, `C:\Tài liệu\Biên bản họp.pdf`, pdf)
	if err != nil {
		t.Fatal(err)
	}
	if file.Name != "Biên bản họp.pdf" || file.ContentType != reporting.TypePDF || file.ReportID != f.report || file.TaskID != f.task2 {
		t.Errorf("stored %+v", file)
	}

	got, data, err := f.app.ReportFile(ctx, f.coordinator, file.ID)
	if err != nil || got.ID != file.ID || !bytes.Equal(data, pdf) {
		t.Errorf("the coordinator reads %+v, %v", got, err)
	}
	if _, _, err := f.app.ReportFile(ctx, f.leader, file.ID); !errors.Is(err, reporting.ErrAcceptedOnly) {
		t.Errorf("the leader before acceptance: %v", err)
	}
	if _, _, err := f.app.ReportFile(ctx, f.officer, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no such file: %v", err)
	}

	if _, err := f.app.DeleteReportFile(ctx, f.otherHead, file.ID); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency deletes: %v", err)
	}
	if gone, err := f.app.DeleteReportFile(ctx, f.head, file.ID); err != nil || gone.ReportID != f.report {
		t.Errorf("the head deletes: %+v, %v", gone, err)
	}
	if _, _, err := f.app.ReportFile(ctx, f.officer, file.ID); !errors.Is(err, derrors.NotFound) {
		t.Errorf("after deletion: %v", err)
	}
}

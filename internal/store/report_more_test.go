package store

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

func TestReportFiles(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		a := f.at("officer:khcn", plan.Date(2025, 6, 5))
		r := f.report(t, f.q2, "khcn")
		pdf := []byte("%PDF-1.7\nbáo cáo\n%%EOF\n")
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
			w, _ := zw.Create(n)
			w.Write([]byte("<x/>"))
		}
		zw.Close()

		f1 := reporting.File{Name: `C:\Users\cv\Biên bản.pdf`, TaskID: f.task(0)}
		must(t, s.AddReportFile(ctx, a, r.ID, &f1, pdf))
		if f1.ID == 0 || f1.Name != "Biên bản.pdf" || f1.ContentType != reporting.TypePDF || f1.Size != int64(len(pdf)) || len(f1.SHA256) != 64 {
			t.Errorf("file %+v", f1)
		}
		f2 := reporting.File{Name: "ke-hoach.docx"}
		must(t, s.AddReportFile(ctx, a, r.ID, &f2, buf.Bytes()))
		// The same content again shares its bytes.
		f3 := reporting.File{Name: "ban-sao.pdf"}
		must(t, s.AddReportFile(ctx, a, r.ID, &f3, pdf))
		var blobs int
		must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM file_blobs`).Scan(&blobs))
		if blobs != 2 {
			t.Errorf("%d blobs, want 2", blobs)
		}
		// Type by content: a renamed file and an unknown one are refused.
		wantErr(t, s.AddReportFile(ctx, a, r.ID, &reporting.File{Name: "anh.png"}, pdf), reporting.ErrFileMismatch)
		wantErr(t, s.AddReportFile(ctx, a, r.ID, &reporting.File{Name: "x.pdf"}, []byte("MZ\x90")), reporting.ErrFileType)
		wantErr(t, s.AddReportFile(ctx, a, r.ID, &reporting.File{Name: "x.pdf", TaskID: f.task(3)}, pdf), reporting.ErrNotAssigned)
		wantErr(t, s.AddReportFile(ctx, f.at("officer:tc", plan.Date(2025, 6, 5)), r.ID, &reporting.File{Name: "x.pdf"}, pdf), reporting.ErrOtherAgency)

		got, data, err := s.ReportFile(ctx, f1.ID)
		must(t, err)
		if !bytes.Equal(data, pdf) || got.Name != f1.Name || got.TaskID != f.task(0) || got.ReportID != r.ID {
			t.Errorf("read back %+v", got)
		}
		rep, err := s.Report(ctx, r.ID)
		must(t, err)
		if len(rep.Files) != 3 || rep.Files[1].ContentType != reporting.TypeDOCX {
			t.Errorf("report files %+v", rep.Files)
		}
		// Deleting one copy keeps the shared bytes; deleting the last drops them.
		must(t, s.DeleteReportFile(ctx, a, f3.ID))
		_, data, err = s.ReportFile(ctx, f1.ID)
		must(t, err)
		if !bytes.Equal(data, pdf) {
			t.Error("shared bytes lost")
		}
		must(t, s.DeleteReportFile(ctx, a, f1.ID))
		must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM file_blobs`).Scan(&blobs))
		if blobs != 1 {
			t.Errorf("%d blobs after deleting, want 1", blobs)
		}
		_, _, err = s.ReportFile(ctx, f1.ID)
		wantErr(t, err, ErrNotFound)
		hist, err := s.AuditFor(ctx, "report", r.ID)
		must(t, err)
		if len(hist) != 5 || hist[0].Action != "report.file.add" || hist[4].Action != "report.file.delete" {
			t.Errorf("history %+v", hist)
		}
	})
}

func TestIndicatorValues(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		mine := indicator.Indicator{PlanID: f.d.Plan.ID, Code: "CT01", Name: "Dịch vụ công trực tuyến", Unit: "%", AgencyID: f.ag["khcn"],
			Direction: indicator.Increase, Aggregation: indicator.Average}
		theirs := indicator.Indicator{PlanID: f.d.Plan.ID, Code: "CT02", Name: "Chi cho KH&CN", Unit: "%", AgencyID: f.ag["tc"],
			Direction: indicator.Increase, Aggregation: indicator.Sum}
		must(t, s.CreateIndicator(ctx, 0, &mine))
		must(t, s.CreateIndicator(ctx, 0, &theirs))
		a := f.at("officer:khcn", plan.Date(2025, 6, 5))
		r := f.report(t, f.q2, "khcn")
		if len(r.Values) != 1 || r.Values[0].IndicatorID != mine.ID || r.Values[0].Value != nil {
			t.Fatalf("values %+v", r.Values)
		}
		x := 62.5
		v := reporting.IndicatorValue{IndicatorID: mine.ID, Value: &x, Note: "Số liệu đến 14/5"}
		must(t, s.SaveIndicatorValue(ctx, a, r.ID, &v))
		stale := reporting.IndicatorValue{IndicatorID: mine.ID, Value: &x}
		wantErr(t, s.SaveIndicatorValue(ctx, a, r.ID, &stale), ErrConflict)
		v.Value = nil
		must(t, s.SaveIndicatorValue(ctx, a, r.ID, &v))
		wantErr(t, s.SaveIndicatorValue(ctx, a, r.ID, &reporting.IndicatorValue{IndicatorID: theirs.ID, Value: &x}), reporting.ErrNotAssigned)
		got, err := s.Report(ctx, r.ID)
		must(t, err)
		if len(got.Values) != 1 || got.Values[0].Value != nil || got.Values[0].Version != 2 || got.Values[0].Note != "Số liệu đến 14/5" {
			t.Errorf("stored %+v", got.Values)
		}
	})
}

// oneWins checks that exactly one of concurrent saves (their errors) won
// and that the others were refused with ErrConflict.
func oneWins(t *testing.T, errs []error) {
	t.Helper()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, ErrConflict):
			t.Errorf("unexpected error %v", err)
		}
	}
	if wins != 1 {
		t.Errorf("%d saves won, want 1", wins)
	}
}

// TestConcurrentEntrySaves: many people save the same entry read at the
// same version at once; exactly one wins, the others get ErrConflict.
func TestConcurrentEntrySaves(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		r := f.report(t, f.q2, "khcn")
		a := f.at("officer:khcn", plan.Date(2025, 6, 5))
		first := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Result: "bản đầu"}
		must(t, s.SaveEntry(ctx, a, r.ID, &first))
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: i, Version: first.Version}
				errs[i] = s.SaveEntry(ctx, a, r.ID, &e)
			}()
		}
		wg.Wait()
		oneWins(t, errs)
		got, err := s.Report(ctx, r.ID)
		must(t, err)
		if e := entryOf(t, got, f.task(0)); e.Version != 2 {
			t.Errorf("entry version %d", e.Version)
		}
	})
}

func TestExtensions(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		day := plan.Date(2025, 6, 20)
		officer, coord := f.at("officer:khcn", day), f.at("coord", day)

		e := reporting.Extension{TaskID: f.task(0), Kind: reporting.ExtendDeadline, DeadlineText: "Quý IV/2025", Reason: "Chờ bố trí kinh phí"}
		wantErr(t, s.RequestExtension(ctx, f.at("officer:tc", day), &e), reporting.ErrNotAssigned)
		must(t, s.RequestExtension(ctx, officer, &e))
		if e.ID == 0 || e.State != reporting.ExtensionPending || e.AgencyID != f.ag["khcn"] || e.OldDeadline.Text != "Quý II/2025" ||
			!e.Deadline.Due.Equal(plan.Date(2025, 12, 31)) {
			t.Errorf("request %+v", e)
		}
		_, err := s.DecideExtension(ctx, officer, e.ID, true, "")
		wantErr(t, err, reporting.ErrReviewOnly)
		got, err := s.DecideExtension(ctx, coord, e.ID, true, "Đồng ý")
		must(t, err)
		if got.State != reporting.ExtensionApproved || got.DecidedBy != coord.User.ID || got.Note != "Đồng ý" {
			t.Errorf("decided %+v", got)
		}
		_, err = s.DecideExtension(ctx, coord, e.ID, false, "đổi ý")
		wantErr(t, err, reporting.ErrDecided)
		tk, err := s.Task(ctx, f.task(0))
		must(t, err)
		if !tk.Deadline.Due.Equal(plan.Date(2025, 12, 31)) || tk.Deadline.Text != "Quý IV/2025" ||
			!tk.OriginalDeadline.Due.Equal(plan.Date(2025, 6, 30)) || tk.OriginalDeadline.Text != "Quý II/2025" {
			t.Errorf("task after extension: %+v / %+v", tk.Deadline, tk.OriginalDeadline)
		}
		// Judged by the new deadline: in progress on 20/9 rather than overdue.
		if st := plan.ComputeStatus(tk, plan.Date(2025, 9, 20), 0); st != plan.StatusNotStarted {
			t.Errorf("status after extension %s", st)
		}
		// Editing the task in the register keeps the original after an extension.
		tk.Product = "Hội nghị quán triệt và báo cáo"
		must(t, s.UpdateTask(ctx, 0, tk))
		tk, err = s.Task(ctx, f.task(0))
		must(t, err)
		if !tk.OriginalDeadline.Due.Equal(plan.Date(2025, 6, 30)) {
			t.Error("register edit lost the original deadline")
		}
		// Without an extension, a register edit corrects the original too.
		t1, err := s.Task(ctx, f.task(1))
		must(t, err)
		t1.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: "30/11/2025", Due: plan.Date(2025, 11, 30)}
		must(t, s.UpdateTask(ctx, 0, t1))
		t1, err = s.Task(ctx, f.task(1))
		must(t, err)
		if t1.OriginalDeadline != t1.Deadline {
			t.Errorf("corrected deadline %+v, original %+v", t1.Deadline, t1.OriginalDeadline)
		}

		// An amendment, refused with a note, changes nothing.
		am := reporting.Extension{TaskID: f.task(2), Kind: reporting.AmendContent, Product: "Báo cáo rà soát", Reason: "Sản phẩm cụ thể hơn"}
		must(t, s.RequestExtension(ctx, officer, &am))
		_, err = s.DecideExtension(ctx, coord, am.ID, false, "")
		wantErr(t, err, reporting.ErrNoteRequired)
		_, err = s.DecideExtension(ctx, coord, am.ID, false, "Giữ như kế hoạch")
		must(t, err)
		t2, err := s.Task(ctx, f.task(2))
		must(t, err)
		if t2.Product != "" {
			t.Errorf("refused amendment applied: %q", t2.Product)
		}
		// An approved amendment changes the content, searchable at once.
		am2 := reporting.Extension{TaskID: f.task(2), Kind: reporting.AmendContent, Text: "Rà soát, hệ thống hóa văn bản", Reason: "Rõ hơn"}
		must(t, s.RequestExtension(ctx, officer, &am2))
		_, err = s.DecideExtension(ctx, coord, am2.ID, true, "")
		must(t, err)
		found, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: f.d.Plan.ID, Query: "he thong hoa"})
		must(t, err)
		if len(found) != 1 || found[0].ID != f.task(2) {
			t.Errorf("search after amendment: %d tasks", len(found))
		}

		list, err := s.Extensions(ctx, reporting.ExtensionFilter{TaskID: f.task(2)})
		must(t, err)
		if len(list) != 2 || list[0].ID != am2.ID || list[1].State != reporting.ExtensionRefused {
			t.Errorf("history %+v", list)
		}
		pending, err := s.Extensions(ctx, reporting.ExtensionFilter{PlanID: f.d.Plan.ID, State: reporting.ExtensionPending})
		must(t, err)
		if len(pending) != 0 {
			t.Errorf("%d pending", len(pending))
		}
		one, err := s.Extension(ctx, e.ID)
		must(t, err)
		if one.DeadlineText != "Quý IV/2025" {
			t.Errorf("read back %+v", one)
		}
		hist, err := s.AuditFor(ctx, "task", f.task(0))
		must(t, err)
		var actions []string
		for _, h := range hist {
			actions = append(actions, h.Action)
		}
		want := []string{"extension.request", "extension.decide", "task.extension", "task.update"}
		if len(actions) != len(want) {
			t.Fatalf("task history %v", actions)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Errorf("task history %v, want %v", actions, want)
				break
			}
		}
	})
}

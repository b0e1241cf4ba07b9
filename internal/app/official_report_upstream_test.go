package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestOfficialReportUpstream adds to Cà Mau's official report of quarter
// III the part on the tasks assigned from above: the national programme's
// tasks its tasks implement, with their status and result; the document
// carries it as the last item of part I, and leaves it out unless asked.
func TestOfficialReportUpstream(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	f.link(t, f.task1, f.u2)
	f.link(t, f.task2, f.u1)
	f.link(t, f.b1, f.u1) // Bạc Liêu's: not in Cà Mau's report
	f.accept(t, f.plan, f.q3A, f.taichinh,
		reporting.Entry{TaskID: f.task2, Status: plan.ClaimInProgress, Percent: 60, Result: "Đã phân bổ kinh phí."})
	rep, err := f.app.OfficialReport(ctx, f.leader, f.plan, f.q3A)
	if err != nil {
		t.Fatal(err)
	}
	text := func() string {
		t.Helper()
		var b bytes.Buffer
		if err := render.WriteDocx(&b, rep); err != nil {
			t.Fatal(err)
		}
		z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range z.File {
			if f.Name == "word/document.xml" {
				r, _ := f.Open()
				x, _ := io.ReadAll(r)
				return string(x)
			}
		}
		t.Fatal("no document.xml")
		return ""
	}
	if strings.Contains(text(), render.HeadingUpstream) {
		t.Error("the part is in the report without being asked for")
	}
	if err := f.app.OfficialReportUpstream(ctx, f.leader, rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Upstream) != 1 || rep.Upstream[0].PlanCode != "03/NQ-CP" || len(rep.Upstream[0].Tasks) != 2 {
		t.Fatalf("upstream part: %+v", rep.Upstream)
	}
	for _, u := range rep.Upstream[0].Tasks {
		if len(u.Parts) != 1 {
			t.Errorf("upstream task %d lists %d tasks (Bạc Liêu's must not count): %+v", u.Number, len(u.Parts), u.Parts)
		}
	}
	doc := text()
	for _, want := range []string{". " + render.HeadingUpstream, "03/NQ-CP", "Đã phân bổ kinh phí.", "Sở Tài chính", "Sắp đến hạn"} {
		if !strings.Contains(doc, want) && !strings.Contains(strings.ToLower(doc), strings.ToLower(want)) {
			t.Errorf("the document lacks %q", want)
		}
	}
}

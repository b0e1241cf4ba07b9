package planimport

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// ownTasks counts the tasks placed directly in each section, by label.
func ownTasks(d plan.Draft) map[string]int {
	n := map[string]int{}
	for _, t := range d.Tasks {
		n[d.Sections[t.Section].Label]++
	}
	return n
}

func sectionByLabel(t *testing.T, d plan.Draft, label string) plan.DraftSection {
	t.Helper()
	for _, s := range d.Sections {
		if s.Label == label {
			return s
		}
	}
	t.Fatalf("no section %s", label)
	return plan.DraftSection{}
}

func parseReference(t testing.TB) *Result {
	t.Helper()
	res, err := Parse("ca-mau-kh-nq71.txt", readReference(t), Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestReferencePlan checks the importer against Cà Mau's plan, figures
// counted by hand from the file: 63 tasks in part III, groups 1–7, 4.1–4.6
// and 7.1–7.2 as sub-groups; parts I, II, V, VI as plan text.
func TestReferencePlan(t *testing.T) {
	res := parseReference(t)
	d := res.Draft
	if res.Format != "txt" {
		t.Errorf("format = %q", res.Format)
	}
	if len(d.Tasks) != 63 {
		t.Errorf("tasks = %d, want 63", len(d.Tasks))
	}
	want := map[string]int{
		"III.1": 2, "III.2": 8, "III.3": 15,
		"III.4.1": 2, "III.4.2": 2, "III.4.3": 4, "III.4.4": 2, "III.4.5": 1, "III.4.6": 2,
		"III.5": 13, "III.6": 7, "III.7.1": 2, "III.7.2": 3,
	}
	if got := ownTasks(d); !reflect.DeepEqual(got, want) {
		t.Errorf("tasks per section = %v\nwant %v", got, want)
	}
	for label, n := range map[string]int{"III": 63, "III.4": 13, "III.7": 5, "I": 0, "VI": 0} {
		if got := sectionByLabel(t, d, label).TaskCount; got != n {
			t.Errorf("%s.TaskCount = %d, want %d", label, got, n)
		}
	}

	var labels []string
	for _, s := range d.Sections {
		labels = append(labels, s.Label)
		inIII := s.Label == "III" || strings.HasPrefix(s.Label, "III.")
		if s.HoldsTasks != inIII {
			t.Errorf("%s.HoldsTasks = %v", s.Label, s.HoldsTasks)
		}
		if inIII && s.Body != "" {
			t.Errorf("%s has body text %q: under III every paragraph is a task", s.Label, s.Body)
		}
		if s.Parent >= 0 && d.Sections[s.Parent].Label+"."+s.Number != s.Label && s.Kind != plan.KindSubgroup {
			t.Errorf("%s: label does not extend its parent's", s.Label)
		}
	}
	wantLabels := "I I.1 I.2 II II.1 II.2 III III.1 III.2 III.3 III.4 III.4.1 III.4.2 III.4.3 III.4.4 III.4.5 III.4.6 III.5 III.6 III.7 III.7.1 III.7.2 V VI VI.1 VI.2 VI.3 VI.4 VI.5 VI.6"
	if got := strings.Join(labels, " "); got != wantLabels {
		t.Errorf("labels = %s\nwant %s", got, wantLabels)
	}
	s41 := sectionByLabel(t, d, "III.4.1")
	if s41.Kind != plan.KindSubgroup || s41.Number != "4.1" || d.Sections[s41.Parent].Label != "III.4" {
		t.Errorf("III.4.1 = %+v", s41)
	}
	// Plan text of the parts that are not tasks, one paragraph a line.
	for label, paras := range map[string]int{"I.1": 2, "I.2": 2, "II.1": 1, "V": 1, "VI.5": 2, "VI.6": 4} {
		if got := len(strings.Split(sectionByLabel(t, d, label).Body, "\n")); got != paras {
			t.Errorf("%s body has %d paragraphs, want %d", label, got, paras)
		}
	}
	if b := sectionByLabel(t, d, "I.1").Body; !strings.HasPrefix(b, "- Quán triệt") {
		t.Errorf("I.1 body = %.40q…", b)
	}
	// "Nơi nhận" and its list are not plan content.
	for _, s := range d.Sections {
		if strings.Contains(s.Body, "Lưu: VT") || strings.Contains(s.Body, "Nơi nhận") {
			t.Errorf("%s body holds the recipients block", s.Label)
		}
	}

	pl := d.Plan
	if !strings.HasPrefix(pl.Title, "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025") || !strings.HasSuffix(pl.Title, "TRÊN ĐỊA BÀN TỈNH CÀ MAU") {
		t.Errorf("title = %q", pl.Title)
	}
	if pl.Replaces != "60/KH-UBND" {
		t.Errorf("replaces = %q", pl.Replaces)
	}
	if pl.Status != plan.PlanDraft || pl.Code != "" || !pl.IssuedOn.IsZero() {
		t.Errorf("plan = %+v", pl)
	}
	if res.Regime == nil {
		t.Fatal("no regime")
	}
	r := *res.Regime
	if r.Frequency != "quarter" || r.DueDay != 10 || r.DueMonth != "last" ||
		!strings.HasPrefix(r.Text, "Các sở, ban, ngành, địa phương định kỳ hàng quý báo cáo") || !strings.HasSuffix(r.Text, "trước ngày 10 tháng cuối quý để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.") {
		t.Errorf("regime = %+v", r)
	}
	if pl.ReportingRule != r.Text {
		t.Errorf("reporting rule = %q", pl.ReportingRule)
	}

	msgs := warningTexts(res.Warnings)
	for _, w := range []string{
		"93: mục IV không có (sau mục III là mục V)",
		"0: không tìm thấy số, ký hiệu của kế hoạch",
		"0: không tìm thấy ngày ban hành",
	} {
		if !strings.Contains(msgs, w) {
			t.Errorf("no warning %q in\n%s", w, msgs)
		}
	}
	if len(res.UnknownAgencies) != 0 {
		t.Errorf("unknown agencies = %v: free text never lists unknown names", res.UnknownAgencies)
	}
}

// TestReferencePlanReaders checks what comes from the text readers of
// internal/plan and internal/agency: citations, deadlines, titles, agencies.
func TestReferencePlanReaders(t *testing.T) {
	res := parseReference(t)
	d := res.Draft
	day := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	wantRefs := []struct {
		number string
		date   time.Time
	}{
		{"71/NQ-CP", day(2025, 4, 1)},
		{"57-NQ/TW", day(2024, 12, 22)},
		{"60/KH-UBND", day(2025, 2, 25)},
		{"03/NQ-CP", day(2025, 1, 9)},
		{"86-CTr/TU", day(2025, 2, 19)},
		{"1132/QĐ-TTg", day(2024, 10, 9)},
		{"70/2025/UBTVQH15", time.Time{}},
	}
	seen := map[string]int{}
	for _, r := range res.References {
		seen[r.Number]++
	}
	for _, w := range wantRefs {
		var got *plan.Reference
		for i := range res.References {
			if res.References[i].Number == w.number {
				got = &res.References[i]
			}
		}
		switch {
		case got == nil:
			t.Errorf("reference %s not found", w.number)
		case !got.IssuedOn.Equal(w.date):
			t.Errorf("reference %s dated %v, want %v", w.number, got.IssuedOn, w.date)
		case seen[w.number] != 1:
			t.Errorf("reference %s listed %d times", w.number, seen[w.number])
		}
	}
	// The plan's own citations (title block, parts I, II, V, VI), not the tasks'.
	own := map[string]bool{}
	for _, r := range d.References {
		own[r.Number] = true
	}
	if !own["71/NQ-CP"] || !own["60/KH-UBND"] || !own["86-CTr/TU"] || own["1132/QĐ-TTg"] {
		t.Errorf("plan references = %v", d.References)
	}

	centre := agencyID(t, "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ")
	for _, tk := range d.Tasks {
		label := fmt.Sprintf("%s#%d", d.Sections[tk.Section].Label, tk.Ord)
		if tk.Title == "" || len([]rune(tk.Title)) > 121 {
			t.Errorf("%s title = %q", label, tk.Title)
		}
		switch label {
		case "III.3#6": // "… (trực thuộc Trung tâm Thông tin và Ứng dụng khoa học và công nghệ)", "Trong giai đoạn 2025 - 2030"
			if tk.LeadAgencyID != centre || !reflect.DeepEqual(tk.MentionedAgencyIDs, []int64{centre}) {
				t.Errorf("%s agencies: lead %d, mentioned %v", label, tk.LeadAgencyID, tk.MentionedAgencyIDs)
			}
			if tk.Deadline.Kind != plan.DeadlineRange || !tk.Deadline.Due.Equal(day(2030, 12, 31)) {
				t.Errorf("%s deadline = %+v", label, tk.Deadline)
			}
		case "III.3#8": // "Thường xuyên phối hợp …": how often, not a deadline
			if tk.Deadline.Kind != plan.DeadlineNone {
				t.Errorf("%s deadline = %+v", label, tk.Deadline)
			}
		case "III.3#1":
			if len(tk.References) != 2 || tk.References[0].Number != "1132/QĐ-TTg" {
				t.Errorf("%s references = %+v", label, tk.References)
			}
		}
	}
}

// TestReferencePlanDOCX: the same plan saved as Word gives the same draft.
func TestReferencePlanDOCX(t *testing.T) {
	text := string(readReference(t))
	docx := buildDOCX(t, wordParas(strings.Split(text, "\n")...))
	got, err := Parse("ca-mau-kh-nq71.docx", docx, Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	want := parseReference(t)
	if got.Format != "docx" || got.Files[0].Format != "docx" || got.Files[0].Role != "plan" {
		t.Errorf("format = %q, files %+v", got.Format, got.Files)
	}
	got.Format, got.Files = want.Format, want.Files
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("DOCX result differs from TXT:\n%s", firstDiff(string(g), string(w)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d", len(al), len(bl))
}

func warningTexts(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "%d: %s\n", w.Line, w.Message)
	}
	return b.String()
}

// golden is the reviewable shape of an import: the tree and the warnings,
// without what the text readers add (those are asserted above), so that a
// change to the numbering rules shows up as a diff of testdata/golden.
type golden struct {
	Title         string
	Code          string `json:",omitempty"`
	IssuedOn      string `json:",omitempty"`
	Issuer        string `json:",omitempty"`
	Replaces      string
	ReportingRule string
	Regime        *Regime
	Tasks         int
	Sections      []goldenSection
	Warnings      []string
}

type goldenSection struct {
	Label      string
	Kind       plan.SectionKind
	Title      string
	Tasks      int  `json:",omitempty"`
	HoldsTasks bool `json:",omitempty"`
	Paragraphs int  `json:",omitempty"` // lines of Body
}

func goldenOf(res *Result) golden {
	d := res.Draft
	g := golden{
		Title: d.Plan.Title, Code: d.Plan.Code, Issuer: d.Plan.Issuer, Replaces: d.Plan.Replaces,
		ReportingRule: d.Plan.ReportingRule, Regime: res.Regime, Tasks: len(d.Tasks),
		IssuedOn: vntext.FormatDate(d.Plan.IssuedOn),
	}
	for _, s := range d.Sections {
		gs := goldenSection{Label: s.Label, Kind: s.Kind, Title: s.Title, Tasks: s.TaskCount, HoldsTasks: s.HoldsTasks}
		if s.Body != "" {
			gs.Paragraphs = len(strings.Split(s.Body, "\n"))
		}
		g.Sections = append(g.Sections, gs)
	}
	for _, w := range res.Warnings {
		g.Warnings = append(g.Warnings, fmt.Sprintf("%d: %s", w.Line, w.Message))
	}
	return g
}

// checkGolden compares v, as indented JSON, with testdata/golden/name;
// go test -update rewrites the file.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s changed (go test -update to accept):\n%s", path, firstDiff(buf.String(), string(want)))
	}
}

func TestReferencePlanGolden(t *testing.T) {
	checkGolden(t, "ca-mau.json", goldenOf(parseReference(t)))
}

package web

import (
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/planimport"
)

func TestSafeNext(t *testing.T) {
	cases := map[string]string{
		"":                       "/",
		"/tasks/3":               "/tasks/3",
		"/search?q=dau+tu":       "/search?q=dau+tu",
		"//evil.example/x":       "/",
		"/\\evil.example":        "/",
		"https://evil.example/":  "/",
		"javascript:alert(1)":    "/",
		"/login?next=/plans":     "/",
		"/plans\r\nSet-Cookie:x": "/",
		"plans":                  "/",
	}
	for in, want := range cases {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]time.Time{
		"01/07/2025": time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		"1/7/2025":   time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		" 29/2/2024": time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		"31-12-2030": time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC),
		"":           {},
	}
	for in, want := range ok {
		got, err := parseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2025", "29/2/2025", "2025-07-01", "tháng 7", "13/13/2025", "00/01/2025"} {
		if _, err := parseDate(in); err == nil {
			t.Errorf("parseDate(%q) accepted", in)
		}
	}
}

func TestAgencyHierarchy(t *testing.T) {
	list := []agency.Agency{
		{ID: 1, Name: "Ủy ban nhân dân tỉnh"},
		{ID: 2, Name: "Sở Tài chính", ParentID: 1},
		{ID: 3, Name: "Sở Công Thương", ParentID: 1},
		{ID: 4, Name: "Trung tâm Thông tin", ParentID: 3},
		{ID: 5, Name: "Đài phát thanh"},
		{ID: 6, Name: "Vòng A", ParentID: 7},
		{ID: 7, Name: "Vòng B", ParentID: 6},
	}
	rows := agencyHierarchy(list)
	var got []string
	for _, r := range rows {
		got = append(got, string(rune('0'+r.Depth))+r.Name)
	}
	// Vietnamese order: Đ after D, Ủ (a U) before V; the cycle is shown, not lost.
	want := []string{"0Đài phát thanh", "0Ủy ban nhân dân tỉnh", "1Sở Công Thương", "2Trung tâm Thông tin", "1Sở Tài chính", "0Vòng A", "0Vòng B"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %q, want %q (all: %v)", i, got[i], want[i], got)
		}
	}
}

func TestDescribeRegime(t *testing.T) {
	got := describeRegime(&planimport.Regime{Frequency: "quarter", DueDay: 10, DueMonth: "last"})
	if want := "Báo cáo hằng quý, trước ngày 10 của tháng cuối quý."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEmbeddedAssetsParse(t *testing.T) {
	a, err := loadAssets("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"login", "message", "plan_list", "plan_show", "task_show", "task_form", "agency_list", "agency_form", "search", "user_list", "import_upload", "import_preview",
		"work_agency", "work_coordinator", "work_leader", "report_list", "report_show", "report_edit", "extension_list"} {
		if a.pages[name] == nil {
			t.Errorf("template %s missing", name)
		}
	}
	if u := a.staticURL("app.css"); len(u) < len("/static/x/app.css") || u == "/static/missing/app.css" {
		t.Errorf("staticURL = %q", u)
	}
}

// TestDevDirReloads checks that with DevDir set, a changed template shows
// on the next request without a restart.
func TestDevDirReloads(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, embedded); err != nil {
		t.Fatal(err)
	}
	h := &handler{devDir: filepath.Join(dir, "templates"), log: slog.New(slog.DiscardHandler)}
	render := func() string {
		w := httptest.NewRecorder()
		if err := h.render(w, httptest.NewRequest("GET", "/login", nil), 200, "login", &page{Title: "Đăng nhập", Data: loginForm{}}); err != nil {
			t.Fatal(err)
		}
		return w.Body.String()
	}
	if strings.Contains(render(), "DẤU-MỚI") {
		t.Fatal("marker present before the change")
	}
	p := filepath.Join(dir, "templates", "login.html")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "<h1>Đăng nhập</h1>", "<h1>DẤU-MỚI</h1>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(render(), "DẤU-MỚI") {
		t.Error("changed template not reloaded")
	}
}

func TestLocalLink(t *testing.T) {
	cases := map[string]string{
		"":                       "",
		"/":                      "/",
		"/reports/12":            "/reports/12",
		"/periods/3/report?x=1":  "/periods/3/report?x=1",
		"//evil.example/x":       "",
		"/\\evil.example":        "",
		"https://evil.example/":  "",
		"javascript:alert(1)":    "",
		"/plans\r\nSet-Cookie:x": "",
		"reports/12":             "",
	}
	for in, want := range cases {
		if got := localLink(in); got != want {
			t.Errorf("localLink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDaysList(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		ok   bool
	}{
		{"", nil, true},
		{"7, 2", []int{7, 2}, true},
		{"7,2", []int{7, 2}, true},
		{" 10 ; 3  3 ", []int{10, 3, 3}, true},
		{"-1", []int{-1}, true}, // the range is Regime.Validate's
		{"7, hai", nil, false},
		{"1.5", nil, false},
	} {
		got, ok := parseDaysList(c.in)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("parseDaysList(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if got := daysList([]int{10, 3}); got != "10, 3" {
		t.Errorf("daysList = %q", got)
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
)

// auditRows counts the entries an audit page lists.
func auditRows(body string) int { return strings.Count(body, "data-audit=") }

func TestAuditPageFilters(t *testing.T) {
	a := newApp(t)
	a.as("head")    // session.create by lanhdao (Sở Tài chính)
	a.as("officer") // session.create by chuyenvien (Sở Tài chính)
	c := a.as("coordinator")
	id := func(username string) string {
		users, err := a.store.Users(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.Username == username {
				return ids(u.ID)
			}
		}
		t.Fatalf("no user %s", username)
		return ""
	}
	get := func(q url.Values) *response {
		t.Helper()
		r := c.get("/audit?" + q.Encode())
		if r.status != http.StatusOK {
			t.Fatalf("GET /audit?%s: %d\n%s", q.Encode(), r.status, r.body)
		}
		return r
	}

	all := auditRows(get(url.Values{}).body)
	if all < 10 {
		t.Fatalf("audit page lists %d entries; want the seed's writes", all)
	}
	byHead := get(url.Values{"user": {id("lanhdao")}}).body
	if n := auditRows(byHead); n != 1 || !strings.Contains(byHead, "Trần Thị Lãnh (lanhdao)") || !strings.Contains(byHead, "Đăng nhập") {
		t.Errorf("filter by user: %d rows\n%s", n, byHead)
	}
	// Each entry is a sentence, its raw record folded behind a toggle.
	if got := parseHTML(t, byHead).text("li.audit-entry p.audit-sentence"); got != "Trần Thị Lãnh đăng nhập." {
		t.Errorf("sentence %q", got)
	}
	if !strings.Contains(byHead, `<details class="audit-raw">`) || strings.Contains(byHead, `\u0026`) {
		t.Errorf("raw record: want it behind a toggle, unescaped")
	}
	byAgency := get(url.Values{"agency": {ids(a.f.agencyTC)}}).body
	if n := auditRows(byAgency); n != 2 || strings.Contains(parseHTML(t, byAgency).text("ol.audit-log"), "Nguyễn Văn Điều") {
		t.Errorf("filter by agency: %d rows; want the sign-ins of Sở Tài chính's two users", n)
	}
	byObject := get(url.Values{"object": {"plan"}, "object_id": {ids(a.f.planID)}}).body
	if n := auditRows(byObject); n == 0 || n == all || strings.Contains(byObject, `data-action="session.create"`) {
		t.Errorf("filter by object: %d of %d rows", n, all)
	}
	today := time.Now().In(clock.Local).Format("02/01/2006")
	if n := auditRows(get(url.Values{"from": {today}, "to": {today}}).body); n != all {
		t.Errorf("filter by today: %d rows; want all %d", n, all)
	}
	if n := auditRows(get(url.Values{"from": {"01/01/2020"}, "to": {"31/12/2020"}}).body); n != 0 {
		t.Errorf("filter by 2020: %d rows; want none", n)
	}

	for _, bad := range []string{"from=32/01/2025", "to=hôm+nay", "from=02/02/2025&to=01/02/2025", "user=abc", "object_id=-1"} {
		r := c.get("/audit?" + bad)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `class="alert alert-error audit-problem"`) {
			t.Errorf("GET /audit?%s: %d; want 422 with a message", bad, r.status)
		}
	}
	// SQL metacharacters in the object filter are a value, not SQL.
	if n := auditRows(get(url.Values{"object": {"plan' OR '1'='1"}}).body); n != 0 {
		t.Errorf("object filter with quotes matched %d rows", n)
	}
}

func TestAuditPagePaging(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	for i := range 120 {
		if err := a.store.CreateAgency(ctx, 0, &agency.Agency{Name: fmt.Sprintf("UBND xã Thử %d", i), Kind: agency.KindCommune}); err != nil {
			t.Fatal(err)
		}
	}
	c := a.as("admin")
	first := c.get("/audit?object=agency")
	if n := auditRows(first.body); n != 100 {
		t.Fatalf("first page: %d rows; want %d", n, 100)
	}
	link := attr(first.doc().one("a.audit-older"), "href")
	second := c.get(link)
	n := auditRows(second.body)
	if n != 126-100 { // 6 seeded agencies + 120
		t.Fatalf("second page (%s): %d rows; want %d", link, n, 126-100)
	}
	if strings.Contains(second.body, "audit-older") {
		t.Error("last page links to an older one")
	}
}

func TestAuditExportXLSX(t *testing.T) {
	a := newApp(t)
	a.as("head")
	c := a.as("admin")
	r := c.get("/audit.xlsx?agency=" + ids(a.f.agencyTC))
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/vnd.openxmlformats") {
		t.Fatalf("GET /audit.xlsx: %d %s", r.status, r.header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Nhật ký")
	if err != nil {
		t.Fatal(err)
	}
	var data [][]string
	for _, row := range rows {
		if len(row) > 4 && row[4] == "session.create" {
			data = append(data, row)
		}
	}
	if len(data) != 1 || !strings.Contains(data[0][2], "lanhdao") {
		t.Fatalf("export of Sở Tài chính's entries: %v", rows)
	}
	if r := c.get("/audit.xlsx?from=99/99/2025"); r.status != http.StatusUnprocessableEntity {
		t.Errorf("export with a bad date: %d; want 422", r.status)
	}
}

func TestAuditPagePermission(t *testing.T) {
	a := newApp(t)
	for _, role := range []string{"head", "officer", "leader"} {
		c := a.as(role)
		for _, path := range []string{"/audit", "/audit.xlsx"} {
			if r := c.get(path); r.status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d; want 403", role, path, r.status)
			}
		}
		if strings.Contains(c.get("/").body, `href="/audit"`) {
			t.Errorf("%s sees the audit link", role)
		}
	}
	for _, role := range []string{"admin", "coordinator"} {
		if !strings.Contains(a.as(role).get("/").body, `href="/audit"`) {
			t.Errorf("%s has no audit link in the header", role)
		}
	}
}

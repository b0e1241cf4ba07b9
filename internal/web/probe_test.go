package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/web"
)

// xssPayloads are what an attacker types into free-text fields.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(2)>`,
	`javascript:alert(3)`,
	`</textarea><script>alert(4)</script>`,
	`{{.}}<svg onload=alert(5)>`,
}

// TestStoredXSS stores script payloads in every free-text field people
// type — plan title, task title, text and product, agency names, user
// names, report texts and entry results, evidence file names, indicator
// names — then reads every page as several roles: the payloads show as
// text, never as markup (no script but /static/ ones, no on… attribute, no
// javascript: link).
func TestStoredXSS(t *testing.T) {
	a := newReportingApp(t)
	ctx := context.Background()
	all := strings.Join(xssPayloads, " ")
	p, err := a.store.Plan(ctx, a.f.planID)
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Kế hoạch " + all
	if err := a.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{a.f.taskDueSoon, a.f.taskLater, a.f.taskOverdue} {
		task := a.task(id)
		task.Title, task.Text, task.Product = xssPayloads[1], "Nhiệm vụ "+all, xssPayloads[2]
		if err := a.store.UpdateTask(ctx, 0, task); err != nil {
			t.Fatal(err)
		}
	}
	ag, err := a.store.Agency(ctx, a.f.agencyNV)
	if err != nil {
		t.Fatal(err)
	}
	ag.Name, ag.ShortName = "Sở "+xssPayloads[0], xssPayloads[4]
	if err := a.store.UpdateAgency(ctx, 0, ag); err != nil {
		t.Fatal(err)
	}
	if err := a.store.CreateAgency(ctx, 0, &agency.Agency{Name: "UBND xã " + xssPayloads[3], Kind: agency.KindCommune}); err != nil {
		t.Fatal(err)
	}
	if err := a.store.CreateUser(ctx, 0, &auth.User{Username: "xss", FullName: xssPayloads[1], Role: auth.RoleLeader}, passwordHash()); err != nil {
		t.Fatal(err)
	}
	head, _, _ := a.store.UserByName(ctx, "lanhdao")
	act := reporting.Actor{User: head, Now: testNow}
	rep := a.report("{rep}")
	if _, err := a.store.SaveReportTexts(ctx, act, rep.ID, reporting.Texts{Summary: all, Difficulties: all, Proposals: all, NextTasks: all}, rep.Version); err != nil {
		t.Fatal(err)
	}
	if err := a.store.SaveEntry(ctx, act, rep.ID, &reporting.Entry{TaskID: a.f.taskDueSoon, Status: "in_progress", Percent: 10, Result: all}); err != nil {
		t.Fatal(err)
	}
	f := &reporting.File{Name: `"><img src=x onerror=alert(6)>.pdf`}
	if err := a.store.AddReportFile(ctx, act, rep.ID, f, []byte("%PDF-1.7\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	a.vars["file"], a.vars["filenv"] = ids(f.ID), ids(f.ID)

	var paths []string
	for p := range web.RoutePermissions() {
		method, path, _ := strings.Cut(p, " ")
		if method == "GET" && !strings.HasPrefix(path, "/static/") && !strings.HasSuffix(path, ".xlsx") && !strings.HasSuffix(path, ".csv") && !strings.HasSuffix(path, ".docx") {
			paths = append(paths, fillMatrixPath(a, path, "own", 1))
		}
	}
	paths = append(paths, "/search?q=alert", "/search?q="+url.QueryEscape(xssPayloads[0]), "/audit?object=task")
	pages := 0
	for _, role := range []string{"admin", "coordinator", "head", "leader"} {
		c := a.as(role)
		for _, path := range paths {
			r := c.get(path)
			if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				continue
			}
			pages++
			if bad := unsafeMarkup(r.body); bad != "" {
				t.Errorf("%s GET %s: %s", role, path, bad)
			}
		}
	}
	if pages < 60 {
		t.Fatalf("only %d pages read", pages)
	}
	// The payload is there, as text.
	if !strings.Contains(a.as("head").get("/reports/"+ids(rep.ID)).body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the payload is not shown escaped on the report page: the test is not looking at it")
	}
}

// unsafeMarkup finds markup a payload could have injected: a script that
// is not one of ours, an event-handler attribute, a javascript: URL.
func unsafeMarkup(body string) string {
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return "unparseable page"
	}
	var bad string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			src := ""
			for _, at := range n.Attr {
				k, v := strings.ToLower(at.Key), strings.ToLower(strings.TrimSpace(at.Val))
				if strings.HasPrefix(k, "on") {
					bad = "event attribute " + at.Key + "=" + at.Val + " on <" + n.Data + ">"
				}
				if (k == "href" || k == "src" || k == "action" || k == "formaction") && strings.HasPrefix(v, "javascript:") {
					bad = "javascript: URL in " + k
				}
				if k == "src" {
					src = at.Val
				}
			}
			if n.Data == "script" && !strings.HasPrefix(src, "/static/") {
				bad = "a script that is not ours"
			}
			if n.Data == "iframe" || n.Data == "object" || n.Data == "embed" { // (charts are inline SVG of ours)
				bad = "an injected <" + n.Data + ">"
			}
		}
		for c := n.FirstChild; c != nil && bad == ""; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return bad
}

// sqlProbes are filter values an attacker (or an unlucky person) types.
var sqlProbes = []string{`' OR '1'='1`, `1; DROP TABLE tasks; --`, `%`, `_`, `\`, `"`, `' UNION SELECT password_hash FROM users --`, "a\x00b", strings.Repeat("đ", 3000)}

// TestSQLMetacharactersInFilters sends those values in every filter
// parameter of every page and API list: no 5xx, nothing widened (a search
// for % or _ finds what has a literal % or _ — here nothing), nothing
// changed.
func TestSQLMetacharactersInFilters(t *testing.T) {
	a := newReportingApp(t)
	count := func(table string) int {
		var n int
		a.store.Transact(context.Background(), func(tx *sql.Tx) error {
			return tx.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n)
		})
		return n
	}
	params := []string{"q", "plan", "period", "agency", "state", "status", "section", "lead", "group", "sort", "page", "object", "object_id", "user", "from", "to", "before", "limit", "offset", "kind", "role"}
	var paths []string
	for p := range web.RoutePermissions() {
		method, path, _ := strings.Cut(p, " ")
		if method == "GET" && !strings.HasPrefix(path, "/static/") {
			paths = append(paths, fillMatrixPath(a, path, "own", 1))
		}
	}
	for _, p := range []string{"/plans", "/plans/{P}/tasks", "/tasks/{T}", "/reports", "/extensions", "/agencies", "/me/due"} {
		paths = append(paths, "/api/v1"+strings.NewReplacer("{P}", ids(a.f.planID), "{T}", ids(a.f.taskLater)).Replace(p))
	}
	c := a.as("coordinator")
	// A first pass with harmless values: reading some pages opens the
	// period's reports, which is not what the probes are about.
	for _, path := range paths {
		c.get(path + "?q=a")
	}
	before := map[string]int{}
	for _, table := range []string{"tasks", "users", "reports", "agencies", "plans", "report_entries"} {
		before[table] = count(table)
	}
	for _, probe := range sqlProbes {
		q := url.Values{}
		for _, k := range params {
			q.Set(k, probe)
		}
		for _, path := range paths {
			r := c.get(path + "?" + q.Encode())
			if r.status >= 500 {
				t.Errorf("GET %s with %q in every filter: %d", path, probe, r.status)
			}
		}
	}
	for _, probe := range []string{"%", "_", `' OR '1'='1`} {
		if n := parseHTML(t, c.get("/search?q="+url.QueryEscape(probe)).body).text("p.result-count strong"); n != "" && n != "0" {
			t.Errorf("search for %q found %s tasks; nothing holds it", probe, n)
		}
	}
	for table, n := range before {
		if got := count(table); got != n {
			t.Errorf("%s: %d rows, %d before the probes", table, got, n)
		}
	}
}

package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
	"tiendo/internal/web"
)

// draftMarker is written into the Sở Nội vụ's draft report.
const draftMarker = "Bí mật dự thảo Nội vụ 7731"

// extensionMarker is written into the Sở Nội vụ's extension requests (a
// reason) and the coordinator's refusal of one (a note).
const extensionMarker = "Lý do riêng Nội vụ 5529"

// TestNoDraftLeaks: the Sở Nội vụ writes a draft (its texts and an
// evidence file carry a marker; a contribution to another agency's task
// is left out: that is written for the lead agency to read, by design). Signed in as the head and the
// officer of the Sở Tài chính, as the provincial leader, and signed out,
// every GET route of the UI — with their own and the other agency's IDs —,
// every GET route of the API, the exports (.xlsx, .csv, .docx: unzipped
// and searched), search for the marker and the open data never show it.
// Likewise the Sở Nội vụ's extension requests — a pending one and one the
// coordinator refused, on a task on which the Sở Tài chính cooperates —
// reach the Sở Tài chính's head and officer nowhere, the task's page and
// history included (the rule of GET /api/v1/extensions/{id}).
func TestNoDraftLeaks(t *testing.T) {
	a := newReportingApp(t)
	ctx := context.Background()
	nv, _, err := a.store.UserByName(ctx, "lanhdaonv")
	if err != nil {
		t.Fatal(err)
	}
	act := reporting.Actor{User: nv, Now: testNow}
	rep := a.report("{repnv}")
	if _, err := a.store.SaveReportTexts(ctx, act, rep.ID, reporting.Texts{Summary: draftMarker, Proposals: draftMarker}, rep.Version); err != nil {
		t.Fatal(err)
	}
	f := &reporting.File{Name: "Bi-mat-du-thao-Noi-vu-7731.pdf"}
	if err := a.store.AddReportFile(ctx, act, rep.ID, f, []byte("%PDF-1.7\n"+draftMarker+"\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	a.vars["file"], a.vars["filenv"] = ids(f.ID), ids(f.ID)
	markers := []string{draftMarker, vntext.Fold(draftMarker), "7731"}
	extTask := extensionRequests(t, a, nv)
	extMarkers := []string{extensionMarker, vntext.Fold(extensionMarker), "5529"}

	var paths []string
	for p := range web.RoutePermissions() {
		method, path, _ := strings.Cut(p, " ")
		if method != "GET" || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/login") {
			continue
		}
		for _, side := range []string{"own", "other"} {
			paths = append(paths, fillMatrixPath(a, path, side, 1))
		}
	}
	// Searches for the marker's words, without the marker itself (the page
	// shows the query back).
	paths = append(paths, "/search?q=du+thao+noi+vu", "/search?q=bi+mat",
		"/reports?plan="+ids(a.f.planID), "/plans/"+ids(a.f.planID)+"/tasks?q=bi+mat")
	var api struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	json.Unmarshal([]byte(a.as("leader").get("/api/v1/openapi.json").body), &api)
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for path, ops := range api.Paths {
		if _, ok := ops["get"]; ok {
			for _, side := range []string{"own", "other"} {
				p := fillMatrixPath(a, path, side, 1)
				paths = append(paths, "/api/v1"+param.ReplaceAllString(p, "1"))
			}
		}
	}
	paths = append(paths, "/api/v1/reports?plan="+ids(a.f.planID), "/api/v1/files/"+ids(f.ID), "/api/v1/reports/"+ids(rep.ID))
	// The task with the requests, its history and its requests, by every
	// way there is to ask.
	tp := ids(extTask)
	paths = append(paths, "/tasks/"+tp, "/extensions", "/extensions?task="+tp, "/extensions?state=pending",
		"/plans/"+ids(a.f.planID)+"/tasks?q=ly+do+rieng", "/search?q=ly+do+rieng+noi+vu", "/audit?object=task&object_id="+tp,
		"/api/v1/tasks/"+tp, "/api/v1/tasks/"+tp+"/history", "/api/v1/extensions", "/api/v1/extensions?task="+tp, "/api/v1/me/due")
	if len(paths) < 100 {
		t.Fatalf("only %d addresses to look at", len(paths))
	}

	for _, role := range []string{"head", "officer", "leader", "anon"} {
		c := a.as(role)
		seen := 0
		for _, p := range paths {
			r := c.get(p)
			if r.status == http.StatusOK {
				seen++
			}
			body := readable(t, r)
			for _, m := range markers {
				if strings.Contains(body, m) {
					t.Errorf("%s GET %s (%d) shows the other agency's draft (%q)", role, p, r.status, m)
				}
			}
			// Leaders read every agency's requests, as the API lets them.
			for _, m := range extMarkers {
				if role != "leader" && strings.Contains(body, m) {
					t.Errorf("%s GET %s (%d) shows the other agency's extension request (%q)", role, p, r.status, m)
				}
			}
		}
		if role != "anon" && seen < 30 {
			t.Errorf("%s read only %d pages: the crawl is not reaching the application", role, seen)
		}
	}
	// Open data, signed out: every dataset the catalogue lists.
	c := a.as("anon")
	cat := c.get("/open/")
	for _, m := range regexp.MustCompile(`href="(/open/[^"]+)"`).FindAllStringSubmatch(cat.body, -1) {
		r := c.get(strings.ReplaceAll(m[1], "&amp;", "&"))
		for _, mk := range markers {
			if strings.Contains(readable(t, r), mk) {
				t.Errorf("open data %s shows a draft", m[1])
			}
		}
	}
	// And the agency itself does see its draft (the marker is findable).
	if !strings.Contains(a.as("head_nv").get("/reports/"+ids(rep.ID)).body, draftMarker) {
		t.Fatal("the Sở Nội vụ does not see its own draft: the marker is not where the test looks")
	}
	// … and its requests in the task's history, twice (the reason, the note).
	for _, role := range []string{"head_nv", "coordinator"} {
		if n := strings.Count(a.as(role).get("/tasks/"+tp).doc().text(".task-history"), extensionMarker); n < 2 {
			t.Fatalf("%s sees the marker %d times in the task's history: it is not where the test looks", role, n)
		}
	}
	// The Sở Tài chính still sees the rest of the task's history.
	if !strings.Contains(a.as("head").get("/tasks/"+tp).doc().text(".task-history"), "Sửa nhiệm vụ") {
		t.Error("the cooperating agency lost the task's own history")
	}
}

// extensionRequests makes the Sở Nội vụ lead a task on which the Sở Tài
// chính cooperates and ask, as nv, for two extensions with the marker: one
// the coordinator refuses with the marker in the note, one left pending.
// It returns the task.
func extensionRequests(t *testing.T, a *app, nv *auth.User) int64 {
	ctx := context.Background()
	task := a.task(a.f.taskLater)
	task.LeadAgencyID, task.CooperatingAgencyIDs = a.f.agencyNV, []int64{a.f.agencyTC}
	if err := a.store.UpdateTask(ctx, 0, task); err != nil {
		t.Fatal(err)
	}
	coord, _, err := a.store.UserByName(ctx, "dieuphoi")
	if err != nil {
		t.Fatal(err)
	}
	ask := func() *reporting.Extension {
		e := &reporting.Extension{TaskID: task.ID, Kind: reporting.ExtendDeadline, DeadlineText: "Quý IV/2027", Reason: extensionMarker}
		if err := a.store.RequestExtension(ctx, reporting.Actor{User: nv, Now: testNow}, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	refused := ask()
	if _, err := a.store.DecideExtension(ctx, reporting.Actor{User: coord, Now: testNow}, refused.ID, false, "Từ chối: "+extensionMarker); err != nil {
		t.Fatal(err)
	}
	ask()
	return task.ID
}

// readable is a response's text, with the XML of a .docx/.xlsx unzipped.
func readable(t *testing.T, r *response) string {
	if !strings.HasPrefix(r.body, "PK\x03\x04") {
		return r.body
	}
	zr, err := zip.NewReader(strings.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		return r.body
	}
	var b bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		io.Copy(&b, io.LimitReader(rc, 64<<20))
		rc.Close()
	}
	return b.String()
}

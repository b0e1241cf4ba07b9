package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestTaskEditBothEdges edits a task's text through the task form and
// through PATCH /api/v1/tasks/{id}: both go through the same use case
// (app.UpdateTask), so both store the documents the new text cites — the
// web form once stored none.
func TestTaskEditBothEdges(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	numbers := func(id int64) []string {
		var out []string
		for _, r := range a.task(id).References {
			out = append(out, r.Number)
		}
		return out
	}

	// Through the web form, as the coordinator types it.
	web := a.task(a.f.taskLater)
	form := url.Values{
		"title":         {web.Title},
		"text":          {"Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị tại các xã."},
		"deadline_text": {web.Deadline.Text},
		"product":       {web.Product},
		"version":       {strconv.Itoa(web.Version)},
	}
	if web.LeadAgencyID != 0 {
		form.Set("lead_agency_id", strconv.FormatInt(web.LeadAgencyID, 10))
	}
	r := a.as("coordinator").post("/tasks/"+ids(web.ID)+"/edit", form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("web edit: %d\n%s", r.status, r.body)
	}
	if got := numbers(web.ID); len(got) != 1 || got[0] != "57-NQ/TW" {
		t.Errorf("after the web edit the task cites %v, want [57-NQ/TW]", got)
	}

	// Through the API, with a coordinator's token.
	coordinator := a.userID(t, "dieuphoi")
	token, hash := auth.NewToken()
	if err := a.store.CreateToken(ctx, 0, coordinator, hash, "tích hợp", time.Time{}); err != nil {
		t.Fatal(err)
	}
	body := `{"text": "Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ."}`
	req, _ := http.NewRequest("PATCH", a.srv.URL+"/api/v1/tasks/"+ids(a.f.taskDueSoon), strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("API edit: %d", res.StatusCode)
	}
	if got := numbers(a.f.taskDueSoon); len(got) != 1 || got[0] != "71/NQ-CP" {
		t.Errorf("after the API edit the task cites %v, want [71/NQ-CP]", got)
	}

	// Both edges judge the same input the same way: an agency that does
	// not exist is refused with the same message, beside the same field.
	form.Set("lead_agency_id", "999999")
	form.Set("version", strconv.Itoa(a.task(web.ID).Version))
	r = a.as("coordinator").post("/tasks/"+ids(web.ID)+"/edit", form)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Không có cơ quan mã 999999") {
		t.Errorf("web: unknown agency gives %d", r.status)
	}
	req, _ = http.NewRequest("PATCH", a.srv.URL+"/api/v1/tasks/"+ids(web.ID), strings.NewReader(`{"lead_agency_id": 999999}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b := new(strings.Builder)
	_, _ = io.Copy(b, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b.String(), "Không có cơ quan mã 999999") {
		t.Errorf("API: unknown agency gives %d %s", res.StatusCode, b)
	}
}

package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// unchanged checks that a refused PATCH left T1 as seeded.
func unchanged(t *testing.T, e *env, _ *response) {
	t.Helper()
	t1 := e.task("T1")
	if t1.Version != 1 || t1.Product != "" || t1.Text != "Đầu tư hạ tầng số cho các xã, phường." ||
		t1.LeadAgencyID != e.ids["KHCN"] || t1.Deadline.Text != "Quý II/2025" || t1.SectionID != e.ids["III.1"] {
		t.Errorf("T1 changed by a refused write: %+v", t1)
	}
}

// patched checks T1 after a successful PATCH: version 2, ETag "2", the
// product set and every other field as it was.
func patched(product string) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, r *response) {
		t.Helper()
		if r.Header.Get("ETag") != `"2"` || num(r.JSON["version"]) != 2 {
			t.Errorf("ETag %q version %v, want 2", r.Header.Get("ETag"), r.JSON["version"])
		}
		t1 := e.task("T1")
		if t1.Version != 2 || t1.Product != product {
			t.Errorf("stored T1: version %d product %q", t1.Version, t1.Product)
		}
		if t1.Text != "Đầu tư hạ tầng số cho các xã, phường." || t1.Title != "Đầu tư hạ tầng số" || t1.LeadAgencyID != e.ids["KHCN"] ||
			!slices.Equal(t1.CooperatingAgencyIDs, []int64{e.ids["TC"]}) || t1.Deadline.Text != "Quý II/2025" ||
			!t1.Deadline.Due.Equal(plan.Date(2025, 6, 30)) || t1.SectionID != e.ids["III.1"] {
			t.Errorf("PATCH of product changed other fields: %+v", t1)
		}
		if r.JSON["product"] != product || r.JSON["status"] != "not_started" {
			t.Errorf("answer = %s", r.Raw)
		}
	}
}

func TestTaskPatch(t *testing.T) {
	patch := func(name string, as auth.Role, ifMatch, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		sc := scenario{name: name, method: "PATCH", path: "/tasks/{T1}", as: as, body: body, status: status, code: code, check: check}
		if ifMatch != "" {
			sc.header = map[string]string{"If-Match": ifMatch}
		}
		return sc
	}
	run(t, []scenario{
		patch("one field, If-Match", auth.RoleCoordinator, `"1"`, `{"product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("weak ETag", auth.RoleAdmin, `W/"1"`, `{"product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("ETag list", auth.RoleAdmin, `"7", "1"`, `{"product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("If-Match *", auth.RoleAdmin, `*`, `{"product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("version in the body", auth.RoleCoordinator, "", `{"version": 1, "product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("no version: last writer wins", auth.RoleCoordinator, "", `{"product": "Báo cáo"}`, 200, "", patched("Báo cáo")),
		patch("stale If-Match", auth.RoleCoordinator, `"7"`, `{"product": "Báo cáo"}`, 409, "conflict", unchanged),
		patch("stale body version", auth.RoleCoordinator, "", `{"version": 0, "product": "Báo cáo"}`, 409, "conflict", unchanged),
		patch("If-Match and body disagree", auth.RoleCoordinator, `"1"`, `{"version": 3, "product": "Báo cáo"}`, 409, "conflict", unchanged),
		patch("If-Match not an ETag", auth.RoleCoordinator, `abc`, `{"product": "Báo cáo"}`, 400, "bad_request", unchanged),
		patch("empty patch changes nothing", auth.RoleCoordinator, `"1"`, `{}`, 200, "", func(t *testing.T, e *env, r *response) {
			if r.Header.Get("ETag") != `"1"` {
				t.Errorf("ETag %q", r.Header.Get("ETag"))
			}
			unchanged(t, e, r)
		}),
		patch("null clears", auth.RoleCoordinator, `"1"`,
			`{"lead_agency_id": null, "cooperating_agency_ids": null, "deadline_text": null, "product": null}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				j := r.JSON
				if j["lead_agency_id"] != nil || len(j["cooperating_agency_ids"].([]any)) != 0 || j["deadline_text"] != "" ||
					j["due_date"] != nil || j["deadline_kind"] != nil {
					t.Errorf("answer = %s", r.Raw)
				}
				t1 := e.task("T1")
				if t1.LeadAgencyID != 0 || len(t1.CooperatingAgencyIDs) != 0 || t1.Deadline != (plan.Deadline{}) || t1.Text == "" {
					t.Errorf("stored = %+v", t1)
				}
			}),
		patch("a new deadline recomputes the status", auth.RoleCoordinator, `"1"`, `{"deadline_text": "15/6/2025"}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if r.JSON["due_date"] != "2025-06-15" || r.JSON["status"] != "overdue" || r.JSON["deadline_kind"] != "date" {
					t.Errorf("answer = %s", r.Raw)
				}
			}),
		patch("assignments", auth.RoleCoordinator, `"1"`, `{"lead_agency_id": {NV}, "cooperating_agency_ids": [{TC}, {KHCN}, {TC}]}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				t1 := e.task("T1")
				want := []int64{e.ids["KHCN"], e.ids["TC"]}
				slices.Sort(want)
				got := slices.Sorted(slices.Values(t1.CooperatingAgencyIDs))
				if t1.LeadAgencyID != e.ids["NV"] || !slices.Equal(got, want) {
					t.Errorf("stored lead %d coop %v", t1.LeadAgencyID, t1.CooperatingAgencyIDs)
				}
			}),
		patch("move to another section", auth.RoleCoordinator, `"1"`, `{"section_id": {III.2}}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if num(r.JSON["section_id"]) != e.ids["III.2"] || num(r.JSON["order"]) != 4 {
					t.Errorf("answer = %s", r.Raw)
				}
			}),
		patch("new text keeps an explicit title", auth.RoleCoordinator, `"1"`, `{"text": "Đầu tư hạ tầng số giai đoạn 2."}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if r.JSON["text"] != "Đầu tư hạ tầng số giai đoạn 2." || r.JSON["title"] != "Đầu tư hạ tầng số" {
					t.Errorf("answer = %s", r.Raw)
				}
			}),
		patch("emptied title is derived from the text", auth.RoleCoordinator, `"1"`, `{"title": ""}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if title, _ := r.JSON["title"].(string); title == "" || !strings.HasPrefix("Đầu tư hạ tầng số cho các xã, phường.", strings.TrimRight(title, "…")) {
					t.Errorf("title = %q", title)
				}
			}),
		patch("text cleared", auth.RoleCoordinator, `"1"`, `{"text": null}`, 422, "invalid", all(wantField("text"), unchanged)),
		patch("section of another plan", auth.RoleCoordinator, `"1"`, `{"section_id": {P2.I}}`, 422, "invalid", all(wantField("section_id"), unchanged)),
		patch("unknown agency", auth.RoleCoordinator, `"1"`, `{"cooperating_agency_ids": [99999]}`, 422, "invalid", all(wantField("cooperating_agency_ids"), unchanged)),
		patch("lead also cooperating", auth.RoleCoordinator, `"1"`, `{"lead_agency_id": {TC}}`, 422, "invalid", all(wantField("cooperating_agency_ids"), unchanged)),
		patch("unreadable deadline", auth.RoleCoordinator, `"1"`, `{"deadline_text": "chưa rõ"}`, 422, "invalid", all(wantField("deadline_text"), unchanged)),
		patch("head may not write", auth.RoleHead, `"1"`, `{"product": "x"}`, 403, "forbidden", unchanged),
		patch("officer may not write", auth.RoleOfficer, `"1"`, `{"product": "x"}`, 403, "forbidden", unchanged),
		patch("leader may not write", auth.RoleLeader, `"1"`, `{"product": "x"}`, 403, "forbidden", unchanged),
		patch("no token", "", `"1"`, `{"product": "x"}`, 401, "unauthorized", unchanged),
		patch("malformed JSON", auth.RoleCoordinator, `"1"`, `{"product": x}`, 400, "bad_request", all(messageHas("vị trí"), unchanged)),
		patch("computed status is not writable", auth.RoleCoordinator, `"1"`, `{"status": "done_on_time"}`, 400, "bad_request", all(wantField("status"), unchanged)),
		patch("wrong type", auth.RoleCoordinator, `"1"`, `{"lead_agency_id": "Sở Tài chính"}`, 400, "bad_request", all(wantField("lead_agency_id"), unchanged)),
		patch("body over 1 MiB", auth.RoleCoordinator, `"1"`, `{"product": "`+strings.Repeat("b", 1<<20)+`"}`, 413, "too_large", unchanged),
		{name: "text/plain", method: "PATCH", path: "/tasks/{T1}", as: auth.RoleCoordinator, body: `{"product": "x"}`,
			header: map[string]string{"Content-Type": "text/plain"}, status: 415, code: "unsupported_media_type", check: unchanged},
		{name: "merge-patch media type", method: "PATCH", path: "/tasks/{T1}", as: auth.RoleCoordinator, body: `{"product": "Báo cáo"}`,
			header: map[string]string{"Content-Type": "application/merge-patch+json", "If-Match": `"1"`}, status: 200, check: patched("Báo cáo")},
		{name: "unknown task", method: "PATCH", path: "/tasks/4040404", as: auth.RoleCoordinator, body: `{"product": "x"}`, status: 404, code: "not_found"},
		{name: "task id not a number", method: "PATCH", path: "/tasks/T1", as: auth.RoleCoordinator, body: `{"product": "x"}`, status: 400, code: "bad_request"},
		{name: "task of a replaced plan", method: "PATCH", path: "/tasks/{P3.T1}", as: auth.RoleCoordinator, body: `{"product": "x"}`, status: 409, code: "conflict",
			check: func(t *testing.T, e *env, r *response) {
				if e.task("P3.T1").Version != 1 {
					t.Error("task of a replaced plan was changed")
				}
			}},
	})
}

// TestTaskPatchSequence is the optimistic-locking story end to end: read,
// write with the ETag read, then a second writer holding the old ETag loses.
func TestTaskPatchSequence(t *testing.T) {
	e := newEnv(t)
	got := e.do("GET", "/tasks/{T2}", auth.RoleCoordinator, "", nil)
	tag := got.Header.Get("ETag")
	first := e.do("PATCH", "/tasks/{T2}", auth.RoleCoordinator, `{"product": "Lần 1"}`, map[string]string{"If-Match": tag})
	if first.Status != 200 || first.Header.Get("ETag") != `"2"` {
		t.Fatalf("first PATCH: %d %s", first.Status, first.Raw)
	}
	second := e.do("PATCH", "/tasks/{T2}", auth.RoleAdmin, `{"product": "Lần 2"}`, map[string]string{"If-Match": tag})
	if second.Status != 409 {
		t.Fatalf("second PATCH with a stale ETag: %d %s", second.Status, second.Raw)
	}
	checkError(t, second, "conflict")
	if p := e.task("T2").Product; p != "Lần 1" {
		t.Errorf("product %q, want the first writer's", p)
	}
	third := e.do("PATCH", "/tasks/{T2}", auth.RoleAdmin, `{"product": "Lần 2"}`, map[string]string{"If-Match": first.Header.Get("ETag")})
	if third.Status != 200 || e.task("T2").Product != "Lần 2" || e.task("T2").Version != 3 {
		t.Fatalf("third PATCH with the fresh ETag: %d %s", third.Status, third.Raw)
	}
}

// TestTaskPatchConcurrentUnversioned: PATCHes that name no version ask for
// "last writer wins", so many of them at once on one task must all succeed
// (the handler retries the store's version check) and each must count.
func TestTaskPatchConcurrentUnversioned(t *testing.T) {
	e := newEnv(t)
	before := e.task("T2").Version
	const n = 16
	status := make(chan int, n)
	for i := range n {
		go func() {
			r := e.do("PATCH", "/tasks/{T2}", auth.RoleCoordinator, fmt.Sprintf(`{"product": "Ghi lần %d"}`, i), nil)
			if r.Status != 200 {
				t.Logf("%s", r.Raw)
			}
			status <- r.Status
		}()
	}
	for range n {
		if s := <-status; s != 200 {
			t.Errorf("unversioned concurrent PATCH: status %d, want 200", s)
		}
	}
	if got := e.task("T2").Version; got != before+n {
		t.Errorf("version %d after %d writes from %d, want %d", got, n, before, before+n)
	}
}

package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
)

// TestUsersAPI: administrators list, create (201 with a one-time setup_url
// instead of a password), change and lock accounts, and issue reset links;
// wrong fields are 422 per field with nothing stored; other roles 403.
func TestUsersAPI(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin := auth.RoleAdmin

	r := e.do("GET", "/users", admin, "", nil)
	list := items(t, r)
	if r.Status != 200 || len(list) != len(auth.Roles) || num(r.JSON["total"]) != int64(len(list)) {
		t.Fatalf("GET /users: %d %s", r.Status, r.Raw)
	}
	for _, u := range list {
		for _, k := range []string{"password", "password_hash", "totp_secret"} {
			if _, ok := u[k]; ok {
				t.Errorf("user carries %s", k)
			}
		}
		if u["username"] == "head" && (u["agency_name"] != "Sở Khoa học và Công nghệ" || num(u["tokens"]) != 1 ||
			u["role_label"] != "Lãnh đạo cơ quan" || u["has_password"] != true || u["last_sign_in_at"] != nil) {
			t.Errorf("head listed as %v", u)
		}
	}
	if r := e.do("GET", "/users", auth.RoleCoordinator, "", nil); r.Status != 403 {
		t.Errorf("the coordinator lists accounts: %d", r.Status)
	}

	// Wrong fields: 422 each, nothing stored.
	for name, c := range map[string]struct {
		body, field string
		status      int
	}{
		"a username with diacritics": {`{"username":"Nguyễn","role":"leader"}`, "username", 422},
		"a head without an agency":   {`{"username":"nva","role":"head"}`, "agency_id", 422},
		"an unknown role":            {`{"username":"nva","role":"boss"}`, "role", 422},
		"an ended agency":            {`{"username":"nva","role":"officer","agency_id":{TTTT}}`, "agency_id", 422},
		"a taken name":               {`{"username":"HEAD","role":"leader"}`, "username", 422},
		"a password is not taken":    {`{"username":"nva","role":"leader","password":"x"}`, "password", 400},
	} {
		r := e.do("POST", "/users", admin, c.body, nil)
		if r.Status != c.status || field(r, c.field) == "" {
			t.Errorf("%s: %d %s", name, r.Status, r.Raw)
		}
	}
	if n := len(items(t, e.do("GET", "/users", admin, "", nil))); n != len(auth.Roles) {
		t.Fatalf("refused creations stored %d accounts", n-len(auth.Roles))
	}

	r = e.do("POST", "/users", admin, `{"username":"nguyenvana","full_name":"Nguyễn Văn A","email":"NVA@camau.gov.vn","role":"officer","agency_id":{TC}}`, nil)
	if r.Status != http.StatusCreated || r.JSON["has_password"] != false || r.JSON["email"] != "nva@camau.gov.vn" ||
		num(r.JSON["agency_id"]) != e.ids["TC"] || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %s", r.Status, r.Raw)
	}
	id := num(r.JSON["id"])
	setup, _ := r.JSON["setup_url"].(string)
	if !strings.HasPrefix(setup, "http://example.com/login/link/") || r.Header.Get("Location") != "/api/v1/users/"+itoa(id) {
		t.Errorf("setup_url %q, Location %q", setup, r.Header.Get("Location"))
	}
	exp, err := time.Parse(time.RFC3339, r.JSON["setup_expires_at"].(string))
	if d := time.Until(exp); err != nil || d < 23*time.Hour || d > 25*time.Hour {
		t.Errorf("setup_expires_at %v (%v)", r.JSON["setup_expires_at"], err)
	}
	if u, _, err := e.st.UserByName(ctx, "nguyenvana"); err != nil || u.ID != id {
		t.Fatalf("not stored: %v", err)
	}

	// PATCH: each field; a lock stops the person's token at once.
	tok, hash := auth.NewToken()
	if err := e.st.CreateToken(ctx, 0, id, hash, "x", time.Time{}); err != nil {
		t.Fatal(err)
	}
	bearer := map[string]string{"Authorization": "Bearer " + tok}
	if r := e.do("GET", "/plans", "", "", bearer); r.Status != 200 {
		t.Fatalf("the new user's token: %d", r.Status)
	}
	r = e.do("PATCH", "/users/"+itoa(id), admin, `{"full_name":"Nguyễn Văn Ân","role":"leader"}`, nil)
	if r.Status != 200 || r.JSON["role"] != "leader" || r.JSON["agency_id"] != nil || r.JSON["full_name"] != "Nguyễn Văn Ân" {
		t.Errorf("PATCH role: %d %s", r.Status, r.Raw)
	}
	r = e.do("PATCH", "/users/"+itoa(id), admin, `{"role":"head","agency_id":{NV},"email":""}`, nil)
	if r.Status != 200 || num(r.JSON["agency_id"]) != e.ids["NV"] || r.JSON["email"] != "" {
		t.Errorf("PATCH agency: %d %s", r.Status, r.Raw)
	}
	r = e.do("PATCH", "/users/"+itoa(id), admin, `{"disabled":true}`, nil)
	if r.Status != 200 || r.JSON["disabled"] != true {
		t.Errorf("PATCH disabled: %d %s", r.Status, r.Raw)
	}
	if r := e.do("GET", "/plans", "", "", bearer); r.Status != 401 {
		t.Errorf("a locked user's token: %d", r.Status)
	}
	if r := e.do("POST", "/users/"+itoa(id)+"/password-reset", admin, "", nil); r.Status != 422 {
		t.Errorf("a reset link for a locked account: %d %s", r.Status, r.Raw)
	}
	if r := e.do("PATCH", "/users/"+itoa(id), admin, `{"disabled":false}`, nil); r.Status != 200 || r.JSON["disabled"] != false {
		t.Errorf("unlock: %d", r.Status)
	}
	for name, c := range map[string]struct {
		path, body string
		status     int
		field      string
	}{
		"an agency for a leader":   {"/users/{user:leader}", `{"agency_id":{TC}}`, 422, "agency_id"},
		"the admin locks itself":   {"/users/{user:admin}", `{"disabled":true}`, 422, "disabled"},
		"the admin demotes itself": {"/users/{user:admin}", `{"role":"leader"}`, 422, "role"},
		"a wrong e-mail":           {"/users/{user:officer}", `{"email":"x@"}`, 422, "email"},
		"disabled null":            {"/users/{user:officer}", `{"disabled":null}`, 422, "disabled"},
		"the username":             {"/users/{user:officer}", `{"username":"x"}`, 400, "username"},
	} {
		if r := e.do("PATCH", c.path, admin, c.body, nil); r.Status != c.status || field(r, c.field) == "" {
			t.Errorf("%s: %d %s", name, r.Status, r.Raw)
		}
	}
	if r := e.do("PATCH", "/users/999999", admin, `{"disabled":true}`, nil); r.Status != 404 {
		t.Errorf("no such account: %d", r.Status)
	}
	if r := e.do("PATCH", "/users/"+itoa(id), auth.RoleCoordinator, `{"disabled":true}`, nil); r.Status != 403 {
		t.Errorf("the coordinator locks: %d", r.Status)
	}

	// Reset links: each ends the one before.
	first := e.do("POST", "/users/"+itoa(id)+"/password-reset", admin, "", nil)
	second := e.do("POST", "/users/"+itoa(id)+"/password-reset", admin, "", nil)
	url1, _ := first.JSON["reset_url"].(string)
	url2, _ := second.JSON["reset_url"].(string)
	if first.Status != 200 || second.Status != 200 || url1 == url2 || !strings.Contains(url2, "/login/link/") ||
		first.JSON["expires_at"] == nil {
		t.Fatalf("reset links: %s / %s", first.Raw, second.Raw)
	}
	web := func(u string) int {
		req := httptest.NewRequest("GET", u[strings.Index(u, "/login/"):], nil)
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		return rec.Code
	}
	if web(url1) != http.StatusGone || web(url2) != http.StatusOK || web(setup) != http.StatusGone {
		t.Errorf("links: first %d, second %d, setup %d; want 410, 200, 410", web(url1), web(url2), web(setup))
	}
	if r := e.do("POST", "/users/999999/password-reset", admin, "", nil); r.Status != 404 {
		t.Errorf("a link for no account: %d", r.Status)
	}
}

// TestMyNotices: GET /me/notices lists the caller's own notices, newest
// first, with the kinds of the flow and "reminder" for the reminder job's;
// POST /me/notices/{id}/read marks one read (another user's is 404).
func TestMyNotices(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	ctx := context.Background()
	e.reportIDs(t, "2025-Q2")
	if err := e.st.AddNotice(ctx, &notify.Notice{UserID: e.ids["user:head"], Kind: "before", Text: "Sắp đến hạn: Báo cáo Quý II/2025.", Link: "/reports/1"}); err != nil {
		t.Fatal(err)
	}
	const R = "/reports/{R.KHCN}"
	for _, task := range []string{"T1", "T4", "T7"} {
		if r := e.do("PUT", R+"/entries/{"+task+"}", auth.RoleHead, `{"status":"completed","completed_on":"2025-05-10"}`, nil); r.Status != 200 {
			t.Fatalf("entry %s: %d %s", task, r.Status, r.Raw)
		}
	}
	if r := e.do("POST", R+"/submit", auth.RoleHead, "", nil); r.Status >= 300 {
		t.Fatalf("submit: %d %s", r.Status, r.Raw)
	}
	if r := e.do("POST", R+"/return", auth.RoleCoordinator, `{"reason":"Thiếu minh chứng cho T4."}`, nil); r.Status >= 300 {
		t.Fatalf("return: %d %s", r.Status, r.Raw)
	}

	r := e.do("GET", "/me/notices", auth.RoleHead, "", nil)
	list := items(t, r)
	if r.Status != 200 || len(list) != 2 || num(r.JSON["total"]) != 2 {
		t.Fatalf("head's notices: %d %s", r.Status, r.Raw)
	}
	got := list[0]
	if got["kind"] != "report_returned" || got["read"] != false || !strings.Contains(got["text"].(string), "Thiếu minh chứng cho T4.") ||
		got["link"] != "/reports/"+itoa(e.ids["R.KHCN"]) || !strings.HasSuffix(got["created_at"].(string), "+07:00") {
		t.Errorf("returned notice %v", got)
	}
	if list[1]["kind"] != "reminder" {
		t.Errorf("a reminder's kind: %v", list[1]["kind"])
	}
	keys := []string{}
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "created_at,id,kind,link,read,text" {
		t.Errorf("notice fields %v", keys)
	}
	coord := items(t, e.do("GET", "/me/notices", auth.RoleCoordinator, "", nil))
	if len(coord) != 1 || coord[0]["kind"] != "report_submitted" {
		t.Errorf("coordinator's notices %v", coord)
	}

	id := itoa(num(got["id"]))
	if r := e.do("POST", "/me/notices/"+id+"/read", auth.RoleCoordinator, "", nil); r.Status != 404 {
		t.Errorf("another user's notice read: %d", r.Status)
	}
	if r := e.do("POST", "/me/notices/"+id+"/read", auth.RoleHead, "", nil); r.Status != 204 {
		t.Errorf("read: %d %s", r.Status, r.Raw)
	}
	r = e.do("GET", "/me/notices?unread=true", auth.RoleHead, "", nil)
	if l := items(t, r); len(l) != 1 || num(r.JSON["total"]) != 1 || l[0]["kind"] != "reminder" {
		t.Errorf("unread after reading one: %s", r.Raw)
	}
	if r := e.do("GET", "/me/notices?limit=1", auth.RoleHead, "", nil); len(items(t, r)) != 1 || num(r.JSON["total"]) != 2 {
		t.Errorf("limit=1: %s", r.Raw)
	}
	for _, q := range []string{"?unread=maybe", "?limit=0", "?limit=500"} {
		if r := e.do("GET", "/me/notices"+q, auth.RoleHead, "", nil); r.Status != 400 {
			t.Errorf("%s: %d", q, r.Status)
		}
	}
	if r := e.do("GET", "/me/notices", "", "", nil); r.Status != 401 {
		t.Errorf("signed out: %d", r.Status)
	}
}

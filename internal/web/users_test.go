package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/auth"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/notify/smtp/smtptest"
)

func TestUserAdmin(t *testing.T)  { flowUserAdmin(t, newApp(t)) }
func TestUserImport(t *testing.T) { flowUserImport(t, newApp(t)) }
func TestForgotNoMail(t *testing.T) {
	flowForgotNoMail(t, newApp(t))
}

// uploadTo posts a file to path as the named form field "file".
func (c *client) uploadTo(path, filename string, data []byte) *response {
	c.a.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	part, err := mw.CreateFormFile("file", filename)
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		c.a.t.Fatal(err)
	}
	req, err := http.NewRequest("POST", c.a.srv.URL+path, &b)
	if err != nil {
		c.a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.a.srv.URL)
	return c.do(req)
}

// linkPath is the path of the one-time link a page shows in textarea.link-url.
func linkPath(t *testing.T, r *response) string {
	t.Helper()
	link := strings.TrimSpace(textOf(r.doc().one("textarea.link-url")))
	i := strings.Index(link, "/login/link/")
	if i < 0 || !strings.HasPrefix(link, "http") {
		t.Fatalf("no link on the page (%d): %q", r.status, link)
	}
	return link[i:]
}

// flowUserAdmin: the administrator creates an account (a wrong field is
// named and the typed values kept, nothing stored), hands over its setup
// link, the person sets a password through it and is signed in; the
// administrator edits the account — a change of role ends the person's
// session — and issues a reset link that ends the earlier one.
func flowUserAdmin(t *testing.T, a *app) {
	admin := a.as("admin")
	if r := admin.get("/users/new"); r.status != http.StatusOK || r.doc().count("form.user-form select#agency_id option") < 5 {
		t.Fatalf("new user form: %d", r.status)
	}
	bad := url.Values{"username": {"Nguyễn An"}, "full_name": {"Nguyễn Văn An"}, "email": {"an@"}, "role": {"head"}, "agency_id": {"0"}}
	r := admin.post("/users/new", bad)
	d := r.doc()
	if r.status != http.StatusUnprocessableEntity || d.count(".field.invalid") != 3 ||
		attr(d.one("#full_name"), "value") != "Nguyễn Văn An" || !strings.Contains(d.text("[data-field=agency_id] .field-error"), "phải thuộc một cơ quan") {
		t.Fatalf("bad account: %d, %d fields marked", r.status, d.count(".field.invalid"))
	}
	if _, _, err := a.store.UserByName(context.Background(), "nguyen.an"); err == nil {
		t.Fatal("stored before it was right")
	}
	good := url.Values{"username": {"nguyen.an"}, "full_name": {"Nguyễn Văn An"}, "email": {"an@camau.gov.vn"},
		"role": {"officer"}, "agency_id": {ids(a.f.agencyNV)}}
	r = admin.post("/users/new", good)
	if r.status != http.StatusOK || !strings.Contains(r.doc().text("p.alert-ok"), "nguyen.an") {
		t.Fatalf("create: %d\n%s", r.status, r.body)
	}
	path := linkPath(t, r)
	id := a.userID(t, "nguyen.an")
	row := "tr[data-user='" + ids(id) + "']"
	if got := admin.get("/users").doc().text(row + " .state"); !strings.Contains(got, "Chờ thiết lập") {
		t.Errorf("a new account's state: %q", got)
	}
	if r := admin.post("/users/new", good); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "đã có người dùng") {
		t.Errorf("the same username again: %d", r.status)
	}

	// The person opens the link: no second factor for an officer.
	person := a.anon()
	d = person.get(path).doc()
	if d.count("input#password") != 1 || d.count("img.totp-qr") != 0 || !strings.Contains(d.text("form"), "Nguyễn Văn An") {
		t.Fatalf("setup page:\n%s", d.text("main"))
	}
	const pw = "sông Ông Đốc chảy qua thị trấn nhỏ"
	if r := person.post(path, url.Values{"password": {pw}, "confirm": {pw + "x"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.doc().text(".field.invalid .field-error"), "không giống nhau") {
		t.Errorf("a mistyped confirmation: %d", r.status)
	}
	r = person.post(path, url.Values{"password": {pw}, "confirm": {pw}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" || !person.signedIn() {
		t.Fatalf("setup: %d → %q", r.status, r.header.Get("Location"))
	}
	if r := a.anon().post(path, url.Values{"password": {pw}, "confirm": {pw}}); r.status != http.StatusGone {
		t.Errorf("the link used again: %d", r.status)
	}
	d = admin.get("/users").doc()
	if !strings.Contains(d.text(row+" .state"), "Đang hoạt động") || strings.Contains(d.text(row+" .last-sign-in"), "Chưa") {
		t.Errorf("after setup: %q, %q", d.text(row+" .state"), d.text(row+" .last-sign-in"))
	}
	if d := admin.get("/users?q=NGUYEN+VAN+AN").doc(); d.count("table.users tbody tr[data-user]") != 1 {
		t.Errorf("search without diacritics finds %d", d.count("table.users tbody tr[data-user]"))
	}
	if d := admin.get("/users?role=leader").doc(); d.count("table.users tbody tr[data-user]") != 1 {
		t.Errorf("role filter finds %d", d.count("table.users tbody tr[data-user]"))
	}

	// Edit: a new role ends the person's session.
	edit := admin.get("/users/" + ids(id) + "/edit")
	if edit.status != http.StatusOK || attr(edit.doc().one("#email"), "value") != "an@camau.gov.vn" {
		t.Fatalf("edit form: %d", edit.status)
	}
	change := formValues(edit.doc(), "form.user-form")
	change.Set("role", "head")
	change.Set("full_name", "Nguyễn Văn Ân")
	if r := admin.post("/users/"+ids(id)+"/edit", change); r.header.Get("Location") != "/users?done=updated" {
		t.Fatalf("save: %d\n%s", r.status, r.body)
	}
	if person.signedIn() {
		t.Error("a change of role left the session")
	}
	if got := admin.get("/users").doc().text(row + " .role"); got != "Lãnh đạo cơ quan" {
		t.Errorf("role after edit: %q", got)
	}
	change.Set("role", "leader")
	change.Set("email", "sai địa chỉ")
	if r := admin.post("/users/"+ids(id)+"/edit", change); r.status != http.StatusUnprocessableEntity {
		t.Errorf("a wrong e-mail: %d", r.status)
	}
	// The administrator's own role is not theirs to change.
	self := admin.get("/users/" + ids(a.userID(t, "quantri")) + "/edit").doc()
	if !hasAttr(self.one("select#role"), "disabled") {
		t.Error("own role editable")
	}

	// A reset link ends the earlier one, and works once.
	r1 := admin.post("/users/"+ids(id)+"/password-link", nil)
	first := linkPath(t, r1)
	second := linkPath(t, admin.post("/users/"+ids(id)+"/password-link", nil))
	if r := a.anon().get(first); r.status != http.StatusGone {
		t.Errorf("an ended link: %d", r.status)
	}
	if r := a.anon().get(second); r.status != http.StatusOK {
		t.Errorf("the newest link: %d", r.status)
	}
	if r := a.as("coordinator").post("/users/"+ids(id)+"/password-link", nil); r.status != http.StatusForbidden {
		t.Errorf("the coordinator issues a link: %d", r.status)
	}
	if r := a.as("coordinator").post("/users/new", good); r.status != http.StatusForbidden {
		t.Errorf("the coordinator creates an account: %d", r.status)
	}
}

// xlsxOf writes rows (the first the header) as a workbook.
func xlsxOf(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := x.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// flowUserImport: bulk creation downloads a template, previews a sheet
// with an error per row and stores nothing while any row is wrong, then
// creates a right sheet's accounts all at once, each with its link.
func flowUserImport(t *testing.T, a *app) {
	admin := a.as("admin")
	if r := admin.get("/users/import"); r.status != http.StatusOK || r.doc().count("a.template-link") != 1 {
		t.Fatalf("import page: %d", r.status)
	}
	tpl := admin.get("/users/import/template.xlsx")
	if tpl.status != http.StatusOK || !strings.Contains(tpl.header.Get("Content-Type"), "spreadsheetml") ||
		!strings.Contains(tpl.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("template: %d %q", tpl.status, tpl.header.Get("Content-Type"))
	}
	x, err := excelize.OpenReader(strings.NewReader(tpl.body))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := x.GetRows("Người dùng")
	lists, _ := x.GetRows("Danh mục")
	x.Close()
	if len(head) < 2 || strings.Join(head[1], "|") != "Tên đăng nhập|Họ và tên|E-mail|Vai trò|Cơ quan" || len(lists) < 7 {
		t.Errorf("template rows %q; lists %d", head, len(lists))
	}
	before := len(admin.get("/users").doc().all("table.users tbody tr[data-user]"))
	header := []string{"Tên đăng nhập", "Họ và tên", "E-mail", "Vai trò", "Cơ quan"}
	r := admin.uploadTo("/users/import", "nguoi-dung.xlsx", xlsxOf(t, header,
		[]string{"tc.lanhdao2", "Võ Thị Hai", "hai@camau.gov.vn", "Lãnh đạo cơ quan", "Sở Tài chính"},
		[]string{"chuyenvien", "Trùng", "", "Chuyên viên cơ quan", "Sở Tài chính"},
		[]string{"nv.cv1", "Đặng Ba", "", "Chuyên viên cơ quan", ""},
		[]string{"kh.cv1", "Lý Tư", "", "Thư ký", "Sở KH&CN"},
	))
	d := r.doc()
	if r.status != http.StatusUnprocessableEntity || d.count("tr.row-bad") != 3 || d.count("form[action='/users/import/confirm']") != 0 {
		t.Fatalf("a sheet with errors: %d, %d bad rows", r.status, d.count("tr.row-bad"))
	}
	for row, want := range map[string]string{"3": "đã có người dùng", "4": "phải thuộc một cơ quan", "5": "Không hiểu vai trò"} {
		if got := d.text("tr[data-row='" + row + "'] .row-errors"); !strings.Contains(got, want) {
			t.Errorf("row %s: %q, want %q", row, got, want)
		}
	}
	if n := len(admin.get("/users").doc().all("table.users tbody tr[data-user]")); n != before {
		t.Fatalf("a sheet with errors stored %d accounts", n-before)
	}
	if r := admin.uploadTo("/users/import", "x.xlsx", []byte("not a workbook")); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.doc().text("p.alert-error"), ".xlsx") {
		t.Errorf("not a workbook: %d", r.status)
	}

	r = admin.uploadTo("/users/import", "nguoi-dung.xlsx", xlsxOf(t, header,
		[]string{"tc.lanhdao2", "Võ Thị Hai", "hai@camau.gov.vn", "Lãnh đạo cơ quan", "Sở Tài chính"},
		[]string{"nv.cv1", "Đặng Ba", "", "chuyen vien", "sở nội vụ"},
		[]string{"tinh.ld2", "Hà Năm", "", "Lãnh đạo tỉnh", ""},
	))
	d = r.doc()
	if r.status != http.StatusOK || d.count("tr.row-bad") != 0 || d.count("form[action='/users/import/confirm'] button") != 1 {
		t.Fatalf("a right sheet: %d\n%s", r.status, d.text("main"))
	}
	confirm := formValues(d, "form[action='/users/import/confirm']")
	// A tampered or stale list is checked again: nothing stored.
	stale := url.Values{"accounts": {strings.Replace(confirm.Get("accounts"), "tinh.ld2", "chuyenvien", 1)}}
	if r := admin.post("/users/import/confirm", stale); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Chưa tạo tài khoản nào") {
		t.Errorf("a stale list: %d", r.status)
	}
	if r := admin.post("/users/import/confirm", url.Values{"accounts": {"[{"}}); r.status != http.StatusBadRequest {
		t.Errorf("a broken list: %d", r.status)
	}
	r = admin.post("/users/import/confirm", confirm)
	d = r.doc()
	if r.status != http.StatusOK || d.count("tr.created-user") != 3 || len(d.all("textarea.link-url")) != 3 {
		t.Fatalf("confirm: %d\n%s", r.status, d.text("main"))
	}
	if n := len(admin.get("/users").doc().all("table.users tbody tr[data-user]")); n != before+3 {
		t.Errorf("%d accounts created, want 3", n-before)
	}
	link := strings.TrimSpace(textOf(d.all("textarea.link-url")[1]))
	if r := a.anon().get(link[strings.Index(link, "/login/link/"):]); r.status != http.StatusOK || !strings.Contains(r.body, "nv.cv1") {
		t.Errorf("a created account's link: %d", r.status)
	}
	if r := a.as("coordinator").uploadTo("/users/import", "x.xlsx", []byte("x")); r.status != http.StatusForbidden {
		t.Errorf("the coordinator imports accounts: %d", r.status)
	}
}

// flowForgotNoMail: without e-mail "Quên mật khẩu?" says whom to ask, and
// answers a name the same whatever it is.
func flowForgotNoMail(t *testing.T, a *app) {
	c := a.anon()
	if d := c.get("/login").doc(); d.count("a[href='/login/forgot']") != 1 {
		t.Error("no “Quên mật khẩu?” on the sign-in page")
	}
	if d := c.get("/login/forgot").doc(); d.count(".no-mail") != 1 || d.count("form input#username") != 0 {
		t.Error("without e-mail the page asks for a name")
	}
	known := c.post("/login/forgot", url.Values{"username": {"chuyenvien"}}).doc().text("main")
	unknown := c.post("/login/forgot", url.Values{"username": {"khongco"}}).doc().text("main")
	if known != unknown || !strings.Contains(known, "Nếu tên đăng nhập có trong hệ thống") {
		t.Errorf("answers differ:\n%s\n---\n%s", known, unknown)
	}
}

// TestForgotPasswordMail: with e-mail on, "Quên mật khẩu?" e-mails a reset
// link built on the configured address (never the request's Host), and
// answers a known and an unknown name with the same page after the same
// time; the link sets a new password once.
func TestForgotPasswordMail(t *testing.T) {
	srv := smtptest.Start(t, false)
	mailer, err := smtp.NewMailer(smtp.Config{Host: srv.Host, Port: srv.Port, TLS: smtp.TLSNone, From: "tiendo@camau.gov.vn"})
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t, func(a *app, ctx context.Context) {
		a.mailer, a.baseURL = mailer, "https://tiendo.camau.gov.vn"
		u, _, err := a.store.UserByName(ctx, "chuyenvien")
		if err != nil {
			t.Fatal(err)
		}
		u.Email = "cv@camau.gov.vn"
		if err := a.store.UpdateAccount(ctx, 0, u); err != nil {
			t.Fatal(err)
		}
	})
	c := a.anon()
	if d := c.get("/login/forgot").doc(); d.count("form input#username") != 1 {
		t.Fatal("no form with e-mail on")
	}
	ask := func(name string) (string, time.Duration) {
		start := time.Now()
		r := c.post("/login/forgot", url.Values{"username": {name}})
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d", name, r.status)
		}
		return r.doc().text("main"), time.Since(start)
	}
	known, tk := ask("chuyenvien")
	unknown, tu := ask("khong-co-ai")
	noMail, tn := ask("lanhdao")
	if known != unknown || known != noMail {
		t.Errorf("answers differ")
	}
	for _, d := range []time.Duration{tk, tu, tn} {
		if d < 300*time.Millisecond || d > 800*time.Millisecond {
			t.Errorf("answers took %v, %v, %v; want the same floor", tk, tu, tn)
			break
		}
	}
	var msgs []smtptest.Received
	for deadline := time.Now().Add(5 * time.Second); len(msgs) == 0 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		msgs = srv.Messages()
	}
	if len(msgs) != 1 || msgs[0].Rcpts[0] != "cv@camau.gov.vn" {
		t.Fatalf("%d e-mails: %+v", len(msgs), msgs)
	}
	link := regexp.MustCompile(`https://tiendo\.camau\.gov\.vn(/login/link/[A-Za-z0-9_-]+)`).FindStringSubmatch(msgs[0].Body)
	if link == nil {
		t.Fatalf("no link on the configured address in:\n%s", msgs[0].Body)
	}
	const pw = "mùa gió chướng trên cánh rừng đước Năm Căn"
	r := a.anon().post(link[1], url.Values{"password": {pw}, "confirm": {pw}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("reset through the e-mailed link: %d\n%s", r.status, r.body)
	}
	_, hash, err := a.store.UserByName(context.Background(), "chuyenvien")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.VerifyPassword(pw, hash); !ok {
		t.Error("the new password was not set")
	}
}

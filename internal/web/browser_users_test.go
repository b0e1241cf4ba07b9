package web_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// shotBoth saves the page at a phone's and a desktop's width, when
// TIENDO_SCREENSHOTS names a directory, and comes back to the phone.
func (b *browser) shotBoth(name string) {
	b.t.Helper()
	if os.Getenv("TIENDO_SCREENSHOTS") == "" {
		return
	}
	for _, w := range []int64{390, 1366} {
		b.do("width "+strconv.FormatInt(w, 10), chromedp.EmulateViewport(w, 900))
		b.shot(name + "-" + strconv.FormatInt(w, 10))
	}
	b.do("phone", chromedp.EmulateViewport(390, 844))
}

// value is the value of the input matching sel.
func (b *browser) value(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	b.must("value of "+sel, err)
	return v
}

// setPassword fills and sends a password link's page.
func (b *browser) setPassword(link, pw string) {
	b.t.Helper()
	b.do("open the link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.CSS("#password")),
		chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.SendKeys(chromedp.CSS("#confirm"), pw),
	)
	// Signed in: on a phone the header's links sit folded in its menu
	// (present, not visible).
	b.eval(`document.body.insertAdjacentHTML("beforeend", "<i id=old-page></i>")`)
	b.do("set the password",
		chromedp.Click(chromedp.CSS("form.password-link-form button[type=submit]")),
		chromedp.WaitNotPresent(chromedp.CSS("#old-page")),
		chromedp.WaitReady(chromedp.CSS("nav.main-nav")),
	)
}

// whoText is the header's account name, also where it sits folded in the
// phone's menu (present, not shown: innerText would be empty).
func (b *browser) whoText() string {
	b.t.Helper()
	who, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector("header .who") || {}).textContent || ""`))
	b.must("the header's account", err)
	return strings.TrimSpace(who)
}

// TestBrowserAccounts drives account administration through the real
// pages on a phone: the administrator creates an account and copies its
// setup link; the person opens it, chooses a password and is signed in;
// the administrator creates accounts from a spreadsheet (a sheet with
// errors first: nothing created), and issues a reset link that the person
// uses.
func TestBrowserAccounts(t *testing.T) {
	a := newApp(t)
	b := newBrowser(t, a)
	b.signIn("quantri")

	// One account, through the form.
	b.do("users", chromedp.Navigate(a.srv.URL+"/users"), chromedp.WaitVisible(chromedp.CSS("table.users")))
	b.shotBoth("users")
	b.clickThrough(".users-tools a[href='/users/new']", "form.user-form #username")
	b.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#username"), "vo.thi.hoa"),
		chromedp.SendKeys(chromedp.CSS("#full_name"), "Võ Thị Hoa"),
		chromedp.SendKeys(chromedp.CSS("#email"), "hoa@camau.gov.vn"),
	)
	b.choose("#role", "officer")
	b.choose("#agency_id", ids(a.f.agencyNV))
	b.shotBoth("user-new")
	b.clickThrough("form.user-form button[type=submit]", "textarea.link-url")
	b.shotBoth("user-created")
	link := b.value("textarea.link-url")
	if !strings.Contains(link, "/login/link/") || !strings.Contains(b.text("p.alert-ok"), "vo.thi.hoa") {
		t.Fatalf("link page: %q", link)
	}
	b.signOut()
	b.do("open the setup link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#password")))
	b.shotBoth("user-setup")
	b.setPassword(link, "đồng lúa Thới Bình chín vàng mùa gặt")
	if who := b.whoText(); !strings.HasPrefix(who, "vo.thi.hoa") {
		t.Errorf("signed in as %q after the setup", who)
	}
	b.signOut()

	// Many accounts, from a spreadsheet.
	dir := t.TempDir()
	header := []string{"Tên đăng nhập", "Họ và tên", "E-mail", "Vai trò", "Cơ quan"}
	bad := filepath.Join(dir, "nguoi-dung-loi.xlsx")
	good := filepath.Join(dir, "nguoi-dung.xlsx")
	for file, rows := range map[string][][]string{
		bad: {header,
			{"tc.ld2", "Ngô Văn Sáu", "sau@camau.gov.vn", "Lãnh đạo cơ quan", "Sở Tài chính"},
			{"chuyenvien", "Trùng tên", "", "Chuyên viên cơ quan", "Sở Tài chính"},
			{"nv.cv3", "Đinh Bảy", "bay@", "Chuyên viên cơ quan", "Sở Nội Vụ"},
			{"kh.cv4", "Mai Tám", "", "Thư ký", "Sở KH&CN"}},
		good: {header,
			{"tc.ld2", "Ngô Văn Sáu", "sau@camau.gov.vn", "Lãnh đạo cơ quan", "Sở Tài chính"},
			{"nv.cv3", "Đinh Bảy", "bay@camau.gov.vn", "Chuyên viên cơ quan", "Sở Nội Vụ"},
			{"kh.cv4", "Mai Tám", "", "chuyen vien", "Sở KH&CN"},
			{"tinh.ld5", "Lâm Chín", "", "Lãnh đạo tỉnh", ""}},
	} {
		if err := os.WriteFile(file, xlsxOf(t, rows...), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b.signIn("quantri")
	b.do("bulk page", chromedp.Navigate(a.srv.URL+"/users/import"), chromedp.WaitVisible(chromedp.CSS("#file")))
	b.shotBoth("bulk-upload")
	b.do("choose the sheet with errors", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{bad}))
	b.clickThrough("form[action='/users/import'] button[type=submit]", "table.user-preview")
	b.shotBoth("bulk-errors")
	if n := b.count("tr.row-bad"); n != 3 || b.count("form[action='/users/import/confirm']") != 0 {
		t.Errorf("%d rows marked, confirm offered: %d", n, b.count("form[action='/users/import/confirm']"))
	}
	if _, _, err := a.store.UserByName(context.Background(), "tc.ld2"); err == nil {
		t.Fatal("a sheet with errors created an account")
	}
	b.do("upload the fixed sheet", chromedp.Navigate(a.srv.URL+"/users/import"), chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{good}))
	b.clickThrough("form[action='/users/import'] button[type=submit]", "form[action='/users/import/confirm'] button")
	b.shotBoth("bulk-preview")
	b.clickThrough("form[action='/users/import/confirm'] button", "table.created-users")
	b.shotBoth("bulk-created")
	if n := b.count("tr.created-user"); n != 4 {
		t.Errorf("%d accounts created, want 4", n)
	}
	for _, name := range []string{"tc.ld2", "nv.cv3", "kh.cv4", "tinh.ld5"} {
		if _, _, err := a.store.UserByName(context.Background(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	// A forgotten password: the administrator's reset link.
	b.do("users", chromedp.Navigate(a.srv.URL+"/users?q=chuyenvien"), chromedp.WaitVisible(chromedp.CSS("table.users")))
	id := ids(a.userID(t, "chuyenvien"))
	b.clickThrough("tr[data-user='"+id+"'] button.user-link", "textarea.link-url")
	b.shotBoth("reset-link")
	reset := b.value("textarea.link-url")
	b.signOut()
	b.do("forgot page", chromedp.Navigate(a.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("a[href='/login/forgot']")))
	b.clickThrough("a[href='/login/forgot']", ".no-mail")
	b.shotBoth("forgot")
	b.do("open the reset link", chromedp.Navigate(reset), chromedp.WaitVisible(chromedp.CSS("#password")))
	b.shotBoth("reset-page")
	b.setPassword(reset, "nước lợ Cà Mau nuôi tôm quanh năm")
	if who := b.whoText(); !strings.HasPrefix(who, "chuyenvien") {
		t.Errorf("signed in as %q after the reset", who)
	}
	b.signOut()
	b.do("the reset link again", chromedp.Navigate(reset), chromedp.WaitVisible(chromedp.CSS("p.link-gone")))
	b.shotBoth("link-gone")

	// A coordinator's lost phone: the administrator resets the second
	// factor and issues a link; the coordinator enrols again through it
	// (a password alone is refused).
	b.signIn("quantri")
	coord := ids(a.userID(t, "dieuphoi"))
	b.do("users", chromedp.Navigate(a.srv.URL+"/users?q=dieuphoi"), chromedp.WaitVisible(chromedp.CSS("table.users")))
	b.clickThrough("tr[data-user='"+coord+"'] button.user-reset-2fa", "p.alert-ok")
	b.clickThrough("tr[data-user='"+coord+"'] button.user-link", "textarea.link-url")
	enrol := b.value("textarea.link-url")
	b.signOut()
	b.do("password alone", chromedp.SendKeys(chromedp.CSS("#username"), "dieuphoi"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword))
	b.clickThrough("form button.primary", "p.alert-error")
	if got := b.text("p.alert-error"); !strings.Contains(got, "đường dẫn thiết lập") {
		t.Errorf("password alone for a coordinator without 2FA: %q", got)
	}
	b.do("open the enrolment link", chromedp.Navigate(enrol), chromedp.WaitVisible(chromedp.CSS("img.totp-qr")))
	b.shotBoth("setup-2fa")
	secret := strings.ReplaceAll(b.text("code.totp-secret"), " ", "")
	code, err := auth.TOTPCode(secret, a.totp.peek())
	if err != nil {
		t.Fatal(err)
	}
	b.do("fill", chromedp.SendKeys(chromedp.CSS("#password"), testPassword), chromedp.SendKeys(chromedp.CSS("#confirm"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#code"), code))
	b.clickThrough("form.password-link-form button[type=submit]", "ul.recovery-codes")
	if n := b.count("ul.recovery-codes li"); n != auth.RecoveryCodeCount {
		t.Errorf("%d recovery codes shown", n)
	}
}

// TestBrowserNoticeAfterReturn: the coordinator returns a report with a
// reason; the agency's head sees the unread count in the header, the
// notice with the reason in "Thông báo", and opens the report from it.
func TestBrowserNoticeAfterReturn(t *testing.T) {
	a := newReportingApp(t)
	ctx := context.Background()
	rep := a.vars["rep"]
	officer := a.as("officer")
	for _, task := range []string{ids(a.f.taskDueSoon), a.vars["cont"]} {
		r := officer.post("/reports/"+rep+"/entries/"+task, url.Values{"status": {"in_progress"}, "percent": {"50"},
			"result": {"Đang triển khai."}, "version": {"0"}})
		if r.status != 303 {
			t.Fatalf("entry %s: %d\n%s", task, r.status, r.body)
		}
	}
	v := strconv.Itoa(a.report("{rep}").Version)
	if r := a.as("head").post("/reports/"+rep+"/submit", url.Values{"version": {v}, "confirm": {"yes"}}); r.status != 303 {
		t.Fatalf("submit: %d", r.status)
	}
	b := newBrowser(t, a)
	b.signIn("dieuphoi")
	// On a phone the unread count stands beside the brand, the menu folded.
	if b.count("a.unread-phone .unread-count") != 1 {
		t.Error("the coordinator has no unread count after a submission")
	}
	b.do("the report", chromedp.Navigate(a.srv.URL+"/reports/"+rep), chromedp.WaitVisible(chromedp.CSS("#return-reason")),
		chromedp.SendKeys(chromedp.CSS("#return-reason"), "Bổ sung minh chứng cho nhiệm vụ chính quyền số."))
	b.clickThrough("form.return-form button", ".alert-ok")
	b.signOut()

	b.signIn("lanhdao")
	if got := b.text("a.unread-phone .unread-count"); !strings.HasPrefix(got, "1\n") && !strings.HasPrefix(got, "1 ") && got != "1" {
		t.Errorf("unread count %q, want 1", got)
	}
	b.clickThrough("a.unread-phone", "ol.notices")
	b.shotBoth("notice-returned")
	if got := b.text("li.notice.unread .notice-text"); !strings.Contains(got, "bị trả lại") ||
		!strings.Contains(got, "Bổ sung minh chứng cho nhiệm vụ chính quyền số.") {
		t.Errorf("notice %q", got)
	}
	if got := b.text("li.notice.unread .notice-kind"); got != "Báo cáo bị trả lại" {
		t.Errorf("kind %q", got)
	}
	b.clickThrough("li.notice.unread form.notice-open button", ".returned-alert")
	if path, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("location.pathname")); err != nil || path != "/reports/"+rep {
		t.Errorf("the notice opened %q (%v)", path, err)
	}
	if b.count(".unread-count") != 0 {
		t.Error("the notice is still unread after opening it")
	}
	if st := a.report("{rep}").State; st != reporting.StateReturned {
		t.Errorf("report state %s", st)
	}
	list, err := a.store.Notices(ctx, a.userID(t, "chuyenvien"), true, 10)
	if err != nil || len(list) != 1 || list[0].Kind != "report_returned" {
		t.Errorf("the officer's notices: %+v, %v", list, err)
	}
}

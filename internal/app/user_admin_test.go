package app_test

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/notify/smtp/smtptest"
)

// userCount is how many accounts the fixture's store holds.
func userCount(t *testing.T, f *fixture) int {
	t.Helper()
	list, err := f.store.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// TestCreateUser: an administrator creates an account without a password
// and gets its one-time setup link; a wrong field is named, nothing is
// stored; nobody else may.
func TestCreateUser(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before := userCount(t, f)
	bad := map[string]app.NewUser{
		"username":  {Username: "Nguyễn A", Role: auth.RoleLeader},
		"email":     {Username: "nva", Email: "nva@", Role: auth.RoleLeader},
		"role":      {Username: "nva", Role: "boss"},
		"agency_id": {Username: "nva", Role: auth.RoleHead},
	}
	for field, in := range bad {
		if _, _, err := f.app.CreateUser(ctx, f.admin, in); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)[field] == "" {
			t.Errorf("%s wrong: %v", field, err)
		}
	}
	for name, in := range map[string]app.NewUser{
		"taken (another case)": {Username: "ChuyenVien", Role: auth.RoleLeader},
		"ended agency":         {Username: "nva", Role: auth.RoleOfficer, AgencyID: f.ended},
		"leader in an agency":  {Username: "nva", Role: auth.RoleLeader, AgencyID: f.taichinh},
	} {
		if _, _, err := f.app.CreateUser(ctx, f.admin, in); !errors.Is(err, derrors.Invalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, _, err := f.app.CreateUser(ctx, f.coordinator, app.NewUser{Username: "nva", Role: auth.RoleLeader}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("the coordinator creates an account: %v", err)
	}
	if n := userCount(t, f); n != before {
		t.Fatalf("refused creations stored %d accounts", n-before)
	}

	acc, link, err := f.app.CreateUser(ctx, f.admin, app.NewUser{Username: " nguyenvana ", FullName: "  Nguyễn   Văn A ",
		Email: "NVA@CaMau.gov.vn", Role: auth.RoleOfficer, AgencyID: f.taichinh})
	if err != nil {
		t.Fatal(err)
	}
	if acc.Username != "nguyenvana" || acc.FullName != "Nguyễn Văn A" || acc.Email != "nva@camau.gov.vn" ||
		acc.HasPassword || acc.Agency != "Sở Tài chính" || !acc.LinkExpires.Equal(link.ExpiresAt) || link.Mailed {
		t.Errorf("created %+v with %+v", acc, link)
	}
	if d := time.Until(link.ExpiresAt); d < 23*time.Hour || d > 25*time.Hour {
		t.Errorf("link expires in %v, want 24 h", d)
	}
	// No password yet: any password is refused like a wrong one.
	if _, err := f.app.SignInWithPassword(ctx, app.PasswordSignIn{Username: "nguyenvana", Password: "bất kỳ mật khẩu nào"}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("sign-in before the setup: %v", err)
	}
	info, err := f.app.PasswordLinkInfo(ctx, link.Token)
	if err != nil || info.Purpose != auth.LinkSetup || info.Enrol {
		t.Fatalf("setup link: %+v, %v", info, err)
	}
	const pw = "Cây đước Năm Căn đứng vững trước gió"
	step, err := f.app.UsePasswordLink(ctx, app.LinkUse{Token: link.Token, Password: pw, Confirm: pw})
	if err != nil || step.Session == "" || step.User.ID != acc.ID {
		t.Fatalf("setup: %+v, %v", step, err)
	}
	if u, err := f.app.SessionUser(ctx, step.Session); err != nil || u.ID != acc.ID {
		t.Errorf("session after setup: %v, %v", u, err)
	}
	if list, err := f.app.UserAccounts(ctx, f.admin); err != nil {
		t.Fatal(err)
	} else {
		i := slices.IndexFunc(list, func(u app.UserAccount) bool { return u.ID == acc.ID })
		if i < 0 || !list[i].HasPassword || list[i].LastSignIn.IsZero() || !list[i].LinkExpires.IsZero() {
			t.Errorf("listed after setup: %+v", list[i])
		}
	}
}

// TestUpdateUser: the administrator edits, locks and unlocks; the rules
// that keep a province administered hold.
func TestUpdateUser(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	coord := auth.RoleCoordinator
	// A role without an agency drops it.
	acc, err := f.app.UpdateUser(ctx, f.admin, f.head.ID, app.UserPatch{Role: &coord})
	if err != nil || acc.Role != coord || acc.AgencyID != 0 {
		t.Fatalf("head → coordinator: %+v, %v", acc, err)
	}
	officer := auth.RoleOfficer
	if _, err := f.app.UpdateUser(ctx, f.admin, f.head.ID, app.UserPatch{Role: &officer}); derrors.FieldsOf(err)["agency_id"] == "" {
		t.Errorf("officer without an agency: %v", err)
	}
	leader := auth.RoleLeader
	if _, err := f.app.UpdateUser(ctx, f.admin, f.admin.ID, app.UserPatch{Role: &leader}); derrors.FieldsOf(err)["role"] == "" {
		t.Errorf("the admin demotes themselves: %v", err)
	}
	yes := true
	if _, err := f.app.UpdateUser(ctx, f.admin, f.admin.ID, app.UserPatch{Disabled: &yes}); derrors.FieldsOf(err)["disabled"] == "" {
		t.Errorf("the admin locks themselves: %v", err)
	}
	// A second admin may lock the first; the last one cannot lock or
	// demote themselves.
	admin := auth.RoleAdmin
	if _, err := f.app.UpdateUser(ctx, f.admin, f.leader.ID, app.UserPatch{Role: &admin}); err != nil {
		t.Fatal(err)
	}
	second, err := f.store.User(ctx, f.leader.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.UpdateUser(ctx, second, f.admin.ID, app.UserPatch{Disabled: &yes}); err != nil {
		t.Fatalf("locking one of two admins: %v", err)
	}
	no := false
	if _, err := f.app.UpdateUser(ctx, second, f.leader.ID, app.UserPatch{Role: &leader}); !errors.Is(err, derrors.Invalid) {
		t.Errorf("the last admin demoted themselves: %v", err)
	}
	if _, err := f.app.UpdateUser(ctx, second, f.admin.ID, app.UserPatch{Disabled: &no}); err != nil {
		t.Fatal(err)
	}
	email := "bad address"
	if _, err := f.app.UpdateUser(ctx, f.admin, f.officer.ID, app.UserPatch{Email: &email}); derrors.FieldsOf(err)["email"] == "" {
		t.Errorf("a wrong e-mail: %v", err)
	}
	if _, err := f.app.UpdateUser(ctx, f.officer, f.officer.ID, app.UserPatch{Email: &email}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer edits accounts: %v", err)
	}
	if _, err := f.app.UpdateUser(ctx, f.admin, 999999, app.UserPatch{Disabled: &yes}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no such account: %v", err)
	}
	// A locked account gets no link; an unlocked one does.
	if err := f.app.DisableUser(ctx, f.admin, f.officer.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.IssuePasswordLink(ctx, f.admin, f.officer.ID); !errors.Is(err, derrors.Invalid) {
		t.Errorf("a link for a locked account: %v", err)
	}
	if err := f.app.EnableUser(ctx, f.admin, f.officer.ID); err != nil {
		t.Fatal(err)
	}
	if l, err := f.app.IssuePasswordLink(ctx, f.admin, f.officer.ID); err != nil || l.Token == "" {
		t.Errorf("a link for an unlocked account: %+v, %v", l, err)
	}
}

// userSheet writes an .xlsx of the rows under the template's header.
func userSheet(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	all := append([][]string{{"DANH SÁCH"}, {"Tên đăng nhập", "Họ và tên", "E-mail", "Vai trò", "Cơ quan"}}, rows...)
	for i, row := range all {
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

// TestUserSheet: bulk creation reads roles and agencies as people write
// them, names each row's problem, and creates all accounts or none.
func TestUserSheet(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before := userCount(t, f)
	sheet, err := f.app.ReadUserSheet(ctx, f.admin, userSheet(t,
		[]string{"nva", "Nguyễn Văn A", "nva@camau.gov.vn", "Chuyên viên cơ quan", "Sở Tài chính"},
		[]string{"ttb", "Trần Thị B", "", "lanh dao co quan", "sở tài chính"},
		[]string{"lct", "Lê C", "", "Lãnh đạo tỉnh", ""},
		[]string{"NVA", "Trùng tên", "", "officer", "Sở KH&CN"},
		[]string{"chuyenvien", "Đã có", "", "officer", "Sở Nội vụ"},
		[]string{"pvd", "Phạm D", "", "giám đốc", "Sở Tài chính"},
		[]string{"hve", "Hồ E", "", "Chuyên viên", "Sở Không Có"},
		[]string{"tth", "Tạ H", "", "Chuyên viên", "Sở Thông tin và Truyền thông"},
		[]string{"", "", "", "", ""},
		[]string{"Đỗ G", "Đỗ G", "sai@", "Điều phối", ""},
	))
	if err != nil {
		t.Fatal(err)
	}
	problems := map[int]string{}
	for _, r := range sheet.Rows {
		var msgs []string
		for _, m := range r.Errors {
			msgs = append(msgs, m)
		}
		slices.Sort(msgs)
		problems[r.Row] = strings.Join(msgs, " | ")
	}
	want := map[int]string{3: "", 4: "", 5: "", 6: "trùng", 7: "đã có người dùng", 8: "Không hiểu vai trò “giám đốc”",
		9: "Không có cơ quan “Sở Không Có”", 10: "Không có cơ quan “Sở Thông tin và Truyền thông”", 12: "Tên đăng nhập dài"}
	for row, w := range want {
		if got, ok := problems[row]; !ok || (w == "" && got != "") || (w != "" && !strings.Contains(got, w)) {
			t.Errorf("row %d: %q, want %q", row, got, w)
		}
	}
	if !strings.Contains(problems[12], "e-mail") || sheet.Bad != 6 || len(sheet.Rows) != 9 {
		t.Errorf("row 12 %q; %d bad of %d", problems[12], sheet.Bad, len(sheet.Rows))
	}
	if r := sheet.Rows[1]; r.User.Role != auth.RoleHead || r.User.AgencyID != f.taichinh {
		t.Errorf("row 4 read as %+v", r.User)
	}

	// All or none.
	in := []app.NewUser{{Username: "nva", Role: auth.RoleOfficer, AgencyID: f.taichinh}, {Username: "chuyenvien", Role: auth.RoleLeader}}
	if _, err := f.app.CreateUsers(ctx, f.admin, in); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)["1.username"] == "" {
		t.Fatalf("a taken username in a batch: %v", err)
	}
	if n := userCount(t, f); n != before {
		t.Fatalf("a refused batch stored %d accounts", n-before)
	}
	in[1].Username = "ttb"
	out, err := f.app.CreateUsers(ctx, f.admin, in)
	if err != nil || len(out) != 2 || out[0].Link.Token == "" || out[0].Link.Token == out[1].Link.Token || out[0].Account.Agency != "Sở Tài chính" {
		t.Fatalf("batch: %+v, %v", out, err)
	}
	if n := userCount(t, f); n != before+2 {
		t.Errorf("%d accounts created, want 2", n-before)
	}
	if _, err := f.app.ReadUserSheet(ctx, f.admin, []byte("không phải bảng tính")); !errors.Is(err, derrors.Invalid) || !strings.Contains(derrors.MessageOf(err), ".xlsx") {
		t.Errorf("not a workbook: %v", err)
	}
	var tpl bytes.Buffer
	if err := f.app.WriteUserTemplate(ctx, f.admin, &tpl); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ReadUserSheet(ctx, f.admin, tpl.Bytes()); !errors.Is(err, derrors.Invalid) || !strings.Contains(derrors.MessageOf(err), "không có dòng nào") {
		t.Errorf("the empty template: %v", err)
	}
}

// linkRe finds a password link in an e-mail.
var linkRe = regexp.MustCompile(`https://tiendo\.camau\.gov\.vn/login/link/[A-Za-z0-9_-]{43}`)

// waitMessages waits up to five seconds for n messages at srv.
func waitMessages(t *testing.T, srv *smtptest.Server, n int) []smtptest.Received {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if msgs := srv.Messages(); len(msgs) >= n {
			return msgs
		}
	}
	t.Fatalf("%d messages arrived, want %d", len(srv.Messages()), n)
	return nil
}

// TestRequestPasswordReset: "Quên mật khẩu?" e-mails a reset link to a
// known account with an address, and answers the same, after the same
// time, for an unknown name, an account without an address and a second
// request within the quarter hour (no e-mail then).
func TestRequestPasswordReset(t *testing.T) {
	f := newMailFix(t)
	ctx := context.Background()
	timed := func(name string) time.Duration {
		start := time.Now()
		if err := f.app.RequestPasswordReset(ctx, name); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return time.Since(start)
	}
	known := timed("chuyenvien")
	msgs := waitMessages(t, f.smtp, 1)
	link := linkRe.FindString(msgs[0].Body)
	if link == "" || len(msgs[0].Rcpts) != 1 || msgs[0].Rcpts[0] != "chuyenvien@camau.gov.vn" ||
		!strings.Contains(msgs[0].Subject(t), "Đặt lại mật khẩu") {
		t.Fatalf("reset e-mail to %v: %q\n%s", msgs[0].Rcpts, msgs[0].Subject(t), msgs[0].Body)
	}
	var others []time.Duration
	for _, name := range []string{"khongco", "lanhdaotinh", "chuyenvien", strings.Repeat("x", 300)} {
		others = append(others, timed(name))
	}
	for i, d := range append(others, known) {
		if d < 300*time.Millisecond || d > 700*time.Millisecond {
			t.Errorf("answer %d took %v; want the same floor (300 ms) for every name", i, d)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if n := len(f.smtp.Messages()); n != 1 {
		t.Errorf("%d e-mails after the other requests, want still 1", n)
	}
	token := link[strings.LastIndex(link, "/")+1:]
	const pw = "Mũi Cà Mau nơi đất liền vươn ra biển"
	if step, err := f.app.UsePasswordLink(ctx, app.LinkUse{Token: token, Password: pw, Confirm: pw}); err != nil || step.Session == "" {
		t.Errorf("the e-mailed link: %+v, %v", step, err)
	}
	// Mail off: nothing is sent, the answer is the same.
	if err := f.reportFix.app.RequestPasswordReset(ctx, "lanhdao"); err != nil {
		t.Error(err)
	}
	// An administrator's link is e-mailed too.
	l, err := f.app.IssuePasswordLink(ctx, f.admin, f.head.ID)
	if err != nil || !l.Mailed {
		t.Fatalf("admin's link: %+v, %v", l, err)
	}
	msgs = waitMessages(t, f.smtp, 2)
	if !strings.Contains(msgs[1].Body, l.Path) || msgs[1].Rcpts[0] != "lanhdao@camau.gov.vn" {
		t.Errorf("admin's link e-mail:\n%s", msgs[1].Body)
	}
}

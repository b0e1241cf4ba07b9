package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/server"
	"tiendo/internal/store"
)

// refPlan is the reference plan, the file a coordinator would import.
const refPlan = "../../internal/demo/ca-mau-kh-nq71.txt"

// goodPassword passes auth.CheckPassword.
const goodPassword = "mật khẩu đủ dài 2025"

// result is what one command line did.
type result struct {
	stdout, stderr string
	err            error
}

// runCmd runs a command line as main would, with the given standard input.
func runCmd(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return result{out.String(), errb.String(), err}
}

// tempDB is a database path in a fresh temporary directory; the file is
// created by the first command that opens it.
func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "t.db")
}

// openStore opens the database a command wrote, to check what it stored.
func openStore(t *testing.T, db string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// planCodes lists the codes of the plans stored in db, in order.
func planCodes(t *testing.T, db string) []string {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	plans, err := s.Plans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{}
	for _, p := range plans {
		codes = append(codes, p.Code)
	}
	slices.Sort(codes)
	return codes
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"frobnicate"},
		{"plan"},
		{"plan", "export"},
		{"user"},
		{"user", "delete"},
		{"token"},
		{"token", "rename"},
		{"plan", "import"}, // no FILE
		{"plan", "import", refPlan, "--no-such-flag"},   // bad flag
		{"serve", "--no-such-flag"},                     // bad flag
		{"user", "add", "--username"},                   // flag without value
		{"token", "create", "--user", "x", "--expires"}, // flag without value
	} {
		r := runCmd(t, "", args...)
		if !errors.Is(r.err, errUsage) {
			t.Errorf("run(%q) = %v, want errUsage", args, r.err)
		}
		if r.stdout != "" {
			t.Errorf("run(%q) wrote to stdout: %q", args, r.stdout)
		}
		if r.stderr == "" {
			t.Errorf("run(%q) said nothing on stderr", args)
		}
	}
	for _, h := range []string{"help", "-h", "--help"} {
		r := runCmd(t, "", h)
		if r.err != nil || !strings.Contains(r.stdout, "tiendo plan import FILE") {
			t.Errorf("run(%s) = %v, stdout %q; want the usage on stdout", h, r.err, r.stdout)
		}
	}
}

func TestPlanImportJSON(t *testing.T) {
	db := tempDB(t)
	r := runCmd(t, "", "plan", "import", refPlan, "--db", db, "--json")
	if r.err != nil {
		t.Fatalf("plan import: %v\n%s", r.err, r.stderr)
	}

	// Exactly one JSON object, on one line, and nothing else.
	if strings.Count(r.stdout, "\n") != 1 || !strings.HasSuffix(r.stdout, "}\n") {
		t.Errorf("stdout is not one line holding one object:\n%s", r.stdout)
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("more than one JSON value on stdout: %v", err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"plan_id", "references", "sections", "tasks", "title", "unmatched_agencies", "warnings"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}

	var sum struct {
		PlanID     int64  `json:"plan_id"`
		Title      string `json:"title"`
		Sections   int    `json:"sections"`
		Tasks      int    `json:"tasks"`
		References []map[string]any
		Warnings   []struct {
			Line    int    `json:"line"`
			Message string `json:"message"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.PlanID <= 0 || sum.Tasks != 63 || sum.Sections <= 0 || !strings.Contains(sum.Title, "71/NQ-CP") {
		t.Errorf("plan_id %d, tasks %d, sections %d, title %q; want a plan id, 63 tasks, sections and the title",
			sum.PlanID, sum.Tasks, sum.Sections, sum.Title)
	}
	if len(sum.References) == 0 {
		t.Error("no references")
	}
	numbers := map[string]bool{}
	for _, ref := range sum.References {
		for _, k := range []string{"kind", "number", "text"} {
			if s, _ := ref[k].(string); s == "" {
				t.Errorf("reference %v: no %s", ref, k)
			}
		}
		n, _ := ref["number"].(string)
		numbers[n] = true
	}
	if !numbers["1132/QĐ-TTg"] {
		t.Errorf("references %v lack Quyết định 1132/QĐ-TTg", sum.References)
	}
	var sawIV bool
	for _, w := range sum.Warnings {
		if strings.Contains(w.Message, "mục IV") {
			sawIV = w.Line > 0
		}
	}
	if !sawIV {
		t.Errorf("warnings %+v: want one, with its line, about the missing mục IV", sum.Warnings)
	}

	// The summary tells the truth about what was stored.
	s := openStore(t, db)
	p, err := s.Plan(context.Background(), sum.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != sum.Title || p.Code != "" {
		t.Errorf("stored plan: title %q code %q", p.Title, p.Code)
	}
	secs, err := s.Sections(context.Background(), sum.PlanID)
	if err != nil || len(secs) != sum.Sections {
		t.Errorf("stored %d sections (%v), summary says %d", len(secs), err, sum.Sections)
	}
}

// TestPlanImportCodes: plans without a code can be imported repeatedly; a
// code is unique, and a second import under it stores nothing.
func TestPlanImportCodes(t *testing.T) {
	db := tempDB(t)
	for i := range 2 {
		if r := runCmd(t, "", "plan", "import", refPlan, "--db", db); r.err != nil {
			t.Fatalf("import %d without --code: %v", i+1, r.err)
		}
	}
	if got := planCodes(t, db); !slices.Equal(got, []string{"", ""}) {
		t.Fatalf("codes after two imports without --code: %q", got)
	}

	r := runCmd(t, "", "plan", "import", refPlan, "--db", db, "--code", "60/KH-UBND", "--date", "25/02/2025", "--issuer", "UBND tỉnh Cà Mau")
	if r.err != nil {
		t.Fatalf("import with --code: %v", r.err)
	}
	if !strings.Contains(r.stdout, "63 nhiệm vụ") {
		t.Errorf("stdout %q: want the task count", r.stdout)
	}
	s := openStore(t, db)
	p, err := s.PlanByCode(context.Background(), "60/KH-UBND")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.IssuedOn.Format("2006-01-02"); got != "2025-02-25" || p.Issuer != "UBND tỉnh Cà Mau" {
		t.Errorf("stored date %s issuer %q", got, p.Issuer)
	}

	r = runCmd(t, "", "plan", "import", refPlan, "--db", db, "--code", "60/KH-UBND", "--json")
	if r.err == nil {
		t.Fatal("second import with the same --code succeeded")
	}
	if msg := r.err.Error(); !strings.Contains(msg, "60/KH-UBND") || !strings.Contains(msg, "already exists") || !strings.Contains(msg, "nothing stored") {
		t.Errorf("error %q: want the code, that it exists, and that nothing was stored", msg)
	}
	if r.stdout != "" {
		t.Errorf("a failed import printed %q", r.stdout)
	}
	if got := planCodes(t, db); !slices.Equal(got, []string{"", "", "60/KH-UBND"}) {
		t.Errorf("codes after the refused import: %q", got)
	}
}

// TestPlanImportBadInput: each bad file or option is an error and stores nothing.
func TestPlanImportBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i>>3) // deterministic binary noise, NULs included
	}
	for _, tc := range []struct {
		name string
		args []string
		want string // in the error message
	}{
		{"garbage", []string{write("rac.txt", garbage)}, "UTF-8"},
		{"empty", []string{write("rong.txt", nil)}, "rỗng"},
		{"not a plan", []string{write("ghichu.txt", []byte("Xin chào\nđây là ghi chú\n"))}, "không có mục đánh số"},
		{"docx not a zip", []string{write("kehoach.docx", garbage)}, ""},
		{"no such file", []string{filepath.Join(dir, "khong-co.txt")}, "no such file"},
		{"impossible date", []string{refPlan, "--date", "31/02/2025"}, "--date"},
		{"date not dd/mm/yyyy", []string{refPlan, "--date", "2025-02-25"}, "--date"},
		{"bad status", []string{refPlan, "--status", "done"}, "--status"},
		{"bad map", []string{refPlan, "--map", "Sở Tài chính"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := tempDB(t)
			if r := runCmd(t, "", "plan", "import", refPlan, "--db", db, "--code", "1/KH-UBND"); r.err != nil { // one plan already there
				t.Fatal(r.err)
			}
			r := runCmd(t, "", append([]string{"plan", "import", "--db", db, "--json"}, tc.args...)...)
			if r.err == nil {
				t.Fatalf("import succeeded:\n%s", r.stdout)
			}
			if !strings.Contains(r.err.Error(), tc.want) {
				t.Errorf("error %q: want it to mention %q", r.err, tc.want)
			}
			if r.stdout != "" {
				t.Errorf("printed %q", r.stdout)
			}
			if got := planCodes(t, db); !slices.Equal(got, []string{"1/KH-UBND"}) {
				t.Errorf("plans after the refused import: %q", got)
			}
		})
	}
}

func TestUserAdd(t *testing.T) {
	db := tempDB(t)
	add := func(stdin string, args ...string) result {
		return runCmd(t, stdin, append([]string{"user", "add", "--db", db, "--password-stdin"}, args...)...)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"short password", "ngắn quá\n", []string{"--username", "a", "--role", "admin"}, "12"},
		{"11 letters", "đườngphốhồn\n", []string{"--username", "a", "--role", "admin"}, "12"},
		{"an empty password", "", []string{"--username", "a", "--role", "admin", "--password-stdin"}, "12"},
		{"head without agency", goodPassword + "\n", []string{"--username", "a", "--role", "head"}, "--agency"},
		{"officer without agency", goodPassword + "\n", []string{"--username", "a", "--role", "officer"}, "--agency"},
		{"head of no agency", goodPassword + "\n", []string{"--username", "a", "--role", "head", "--agency", "999"}, "no such agency"},
		{"unknown role", goodPassword + "\n", []string{"--username", "a", "--role", "root"}, "--role"},
		{"no username", goodPassword + "\n", []string{"--role", "admin"}, "--username"},
		{"blank username", goodPassword + "\n", []string{"--username", "  ", "--role", "admin"}, "--username"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := add(tc.stdin, tc.args...)
			if r.err == nil || !strings.Contains(r.err.Error(), tc.want) {
				t.Errorf("error %v: want one mentioning %q", r.err, tc.want)
			}
		})
	}
	s := openStore(t, db)
	if users, err := s.Users(context.Background()); err != nil || len(users) != 0 {
		t.Fatalf("after refused commands: %d users (%v), want 0", len(users), err)
	}

	// A password piped from a Windows console ends in CRLF: the CR is not part of it.
	r := add(goodPassword+"\r\nsecond line ignored\n", "--username", "quantri", "--role", "admin", "--full-name", "Quản trị")
	if r.err != nil {
		t.Fatalf("user add: %v", r.err)
	}
	if !strings.Contains(r.stdout, "created user quantri") {
		t.Errorf("stdout %q", r.stdout)
	}
	u, hash, err := s.UserByName(context.Background(), "quantri")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != auth.RoleAdmin || u.FullName != "Quản trị" || u.AgencyID != 0 {
		t.Errorf("stored user %+v", u)
	}
	if ok, err := auth.VerifyPassword(goodPassword, hash); !ok || err != nil {
		t.Errorf("the stored hash does not verify the password: %v, %v", ok, err)
	}

	r = add(goodPassword+"\n", "--username", "quantri", "--role", "leader")
	if r.err == nil || !strings.Contains(r.err.Error(), "already exists") {
		t.Errorf("duplicate user: %v, want an error saying it exists", r.err)
	}
	if users, _ := s.Users(context.Background()); len(users) != 1 {
		t.Errorf("%d users after the duplicate, want 1", len(users))
	}
}

func TestTokenCreate(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, goodPassword, "user", "add", "--db", db, "--username", "lanhdaotinh", "--role", "leader", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	r := runCmd(t, "", "token", "create", "--db", db, "--user", "lanhdaotinh", "--expires", "90d")
	if r.err != nil {
		t.Fatalf("token create: %v\n%s", r.err, r.stderr)
	}
	token, ok := strings.CutSuffix(r.stdout, "\n")
	if !ok || strings.ContainsAny(token, "\n \t") || len(token) < 40 {
		t.Fatalf("stdout %q: want only a token (≥ 40 characters) on one line", r.stdout)
	}

	// The API accepts it, over the same database.
	s := openStore(t, db)
	h, err := server.New(server.Config{Store: s})
	if err != nil {
		t.Fatal(err)
	}
	get := func(token string) int {
		req := httptest.NewRequest("GET", "/api/v1/plans", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	if code := get(token); code != http.StatusOK {
		t.Errorf("GET /api/v1/plans with the token = %d, want 200", code)
	}
	if code := get(token + "x"); code != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/plans with a wrong token = %d, want 401", code)
	}

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown user", []string{"--user", "khongco"}, "no user"},
		{"no user", nil, "--user"},
		{"bad lifetime", []string{"--user", "lanhdaotinh", "--expires", "mãi mãi"}, "--expires"},
		{"negative lifetime", []string{"--user", "lanhdaotinh", "--expires", "-1h"}, "--expires"},
	} {
		r := runCmd(t, "", append([]string{"token", "create", "--db", db}, tc.args...)...)
		if r.err == nil || !strings.Contains(r.err.Error(), tc.want) || r.stdout != "" {
			t.Errorf("%s: err %v, stdout %q; want an error mentioning %q and no output", tc.name, r.err, r.stdout, tc.want)
		}
	}
}

// syncBuffer is a bytes.Buffer that a running server writes to while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// freeAddr picks a free local port: listen on :0, close, reuse the address.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serving is a `tiendo serve` running in the background.
type serving struct {
	addr   string
	stdout *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServe runs cmdServe with args until stop is called, and waits until
// it prints the address it listens on.
func startServe(t *testing.T, args ...string) *serving {
	t.Helper()
	sv := &serving{addr: freeAddr(t), stdout: &syncBuffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	sv.cancel = cancel
	var stderr syncBuffer
	go func() {
		sv.done <- cmdServe(ctx, append(args, "--addr", sv.addr), sv.stdout, &stderr)
	}()
	t.Cleanup(func() { cancel(); <-sv.done })
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(sv.stdout.String(), "://"+sv.addr) {
		select {
		case err := <-sv.done:
			sv.done <- err
			t.Fatalf("serve ended before listening: %v\nstdout:\n%s\nstderr:\n%s", err, sv.stdout, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address in 30 s:\n%s", sv.stdout)
		}
	}
	return sv
}

// stop cancels the context, as SIGINT does, and returns what cmdServe returned.
func (sv *serving) stop(t *testing.T) error {
	t.Helper()
	sv.cancel()
	select {
	case err := <-sv.done:
		sv.done <- err // for the cleanup
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of cancellation")
		return nil
	}
}

func (sv *serving) url(path string) string { return "http://" + sv.addr + path }

func TestServeDemo(t *testing.T) {
	db := tempDB(t)
	sv := startServe(t, "--demo", "--db", db, "--clock", "2025-06-20")

	// The address is printed only once the socket listens: the first
	// request, without retrying, is answered.
	res, err := http.Get(sv.url("/healthz"))
	if err != nil {
		t.Fatalf("healthz right after the address was printed: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("healthz = %d", res.StatusCode)
	}

	// The admin's and coordinator's setup links follow the address.
	linkRe := regexp.MustCompile(`(?m)^http://` + regexp.QuoteMeta(sv.addr) + `(/login/link/[A-Za-z0-9_-]{43})$`)
	for deadline := time.Now().Add(10 * time.Second); len(linkRe.FindAllString(sv.stdout.String(), -1)) < 2 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	out := sv.stdout.String()
	if !strings.Contains(out, "63 nhiệm vụ") {
		t.Errorf("demo output lacks \"63 nhiệm vụ\":\n%s", out)
	}
	// One account line per role, framed after the address: two spaces,
	// username, password (or where its link is), role code. Roles that must
	// use 2FA get a link instead.
	accountLine := regexp.MustCompile(`(?m)^\|   (\S+)\s+([A-Z2-7]{26}|\(đường dẫn bên dưới\))\s+(admin|coordinator|head|officer|leader) \(`)
	if i, j := strings.Index(out, "://"+sv.addr), strings.Index(out, "TÀI KHOẢN MẪU"); i < 0 || j < i {
		t.Errorf("the accounts are not printed after the address:\n%s", out)
	}
	// … and written beside the database, for its owner only.
	file, err := os.ReadFile(db + ".demo-accounts.txt")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(db + ".demo-accounts.txt"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("accounts file mode: %v, %v; want 0600", st.Mode().Perm(), err)
	}
	if n := len(regexp.MustCompile(`(?m)^  \S+\s+([A-Z2-7]{26}|\(đường dẫn bên dưới\))\s`).FindAllString(string(file), -1)); n != 5 {
		t.Errorf("the accounts file lists %d accounts:\n%s", n, file)
	}
	if n := len(regexp.MustCompile(`(?m)^http://\S+/login/link/\S+$`).FindAllString(string(file), -1)); n != 2 {
		t.Errorf("the accounts file has %d setup links, want 2:\n%s", n, file)
	}
	accounts := accountLine.FindAllStringSubmatch(out, -1)
	if len(accounts) != 5 {
		t.Fatalf("demo output lists %d accounts, want 5:\n%s", len(accounts), out)
	}
	roles := map[string]string{} // role → password
	for _, a := range accounts {
		roles[a[3]] = a[2]
	}
	if len(roles) != 5 || strings.HasPrefix(roles["admin"], "(") == false || strings.HasPrefix(roles["leader"], "(") {
		t.Errorf("accounts %v: want one per role, a link for the admin, a password for the leader", accounts)
	}
	links := linkRe.FindAllStringSubmatch(out, -1)
	if len(links) != 2 {
		t.Fatalf("demo output has %d setup links, want 2:\n%s", len(links), out)
	}
	if res, err := http.Get(sv.url(links[0][1])); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("the admin's setup link: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	var leader string
	for _, a := range accounts {
		if a[3] == "leader" {
			leader = a[1]
		}
	}

	// A printed account signs in on the running server.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = client.PostForm(sv.url("/login"), url.Values{"username": {leader}, "password": {roles["leader"]}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
		t.Errorf("sign-in as %s with the printed password = %d, want 303 with a session cookie", leader, res.StatusCode)
	}

	// The API lists the one demo plan, for a token made through the store.
	s := openStore(t, db)
	u, _, err := s.UserByName(context.Background(), "quantri")
	if err != nil {
		t.Fatal(err)
	}
	token, hash := auth.NewToken()
	if err := s.CreateToken(context.Background(), 0, u.ID, hash, "test", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if n := countPlans(t, sv.url("/api/v1/plans"), token); n != 1 {
		t.Errorf("GET /api/v1/plans: %d plans, want 1", n)
	}

	// Cancelling the context (SIGINT, SIGTERM) shuts down gracefully.
	if err := sv.stop(t); err != nil {
		t.Errorf("serve returned %v after cancellation, want nil", err)
	}
	if _, err := http.Get(sv.url("/healthz")); err == nil {
		t.Error("still answering after shutdown")
	}

	// Again on the same database: nothing is loaded twice.
	sv = startServe(t, "--demo", "--db", db)
	out = sv.stdout.String()
	if !strings.Contains(out, "đã có dữ liệu") {
		t.Errorf("second --demo output lacks \"đã có dữ liệu\":\n%s", out)
	}
	if accountLine.MatchString(out) {
		t.Errorf("second --demo prints accounts again:\n%s", out)
	}
	if n := countPlans(t, sv.url("/api/v1/plans"), token); n != 1 {
		t.Errorf("after a second --demo: %d plans, want 1", n)
	}
	if err := sv.stop(t); err != nil {
		t.Errorf("second serve returned %v", err)
	}
}

// countPlans asks the API how many plans there are.
func countPlans(t *testing.T, u, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", u, res.StatusCode)
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
		Total int               `json:"total"`
	}
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != list.Total {
		t.Errorf("%d items, total %d", len(list.Items), list.Total)
	}
	return list.Total
}

func TestServeBadInput(t *testing.T) {
	for _, day := range []string{"2026-13-01", "2025-02-30", "20/6/2025"} {
		dir := t.TempDir()
		db := filepath.Join(dir, "t.db")
		var out, errb bytes.Buffer
		err := cmdServe(context.Background(), []string{"--db", db, "--clock", day, "--addr", "127.0.0.1:0"}, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), "--clock") {
			t.Errorf("--clock %s: %v, want an error naming --clock", day, err)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("--clock %s: the database was created before the options were checked", day)
		}
	}

	// --demo on a database someone already used (an account was added) is
	// refused before anything is stored.
	db := tempDB(t)
	if r := runCmd(t, goodPassword, "user", "add", "--db", db, "--username", "toi", "--role", "admin", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	var out bytes.Buffer
	err := cmdServe(context.Background(), []string{"--demo", "--db", db, "--addr", "127.0.0.1:0"}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "new database") {
		t.Errorf("serve --demo on a used database: %v, want a refusal", err)
	}
	s := openStore(t, db)
	if ags, _ := s.Agencies(context.Background()); len(ags) != 0 || len(planCodes(t, db)) != 0 {
		t.Errorf("serve --demo on a used database stored %d agencies, %d plans", len(ags), len(planCodes(t, db)))
	}

	// A port already taken is an error, not a hang.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan error, 1)
	go func() {
		done <- cmdServe(context.Background(), []string{"--db", tempDB(t), "--addr", ln.Addr().String()}, io.Discard, io.Discard)
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("serve on a taken port returned nil")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve on a taken port did not return")
	}
}

func TestParseLifetime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * 24 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"720h", 720 * time.Hour, true},
		{"30m", 30 * time.Minute, true},
		{"0d", 0, false},
		{"-5d", 0, false},
		{"0s", 0, false},
		{"d", 0, false},
		{"", 0, false},
		{"tomorrow", 0, false},
	} {
		got, err := parseLifetime(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseLifetime(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

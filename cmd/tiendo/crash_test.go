package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"tiendo/internal/store"
)

// TestCrashSafety starts the real binary, has many clients create tasks
// through the API, kills the server with SIGKILL while requests are in
// flight, restarts it on the same database and checks that every write
// that was answered 2xx is there, intact, and that the audit chain holds —
// on SQLite and on PostgreSQL.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it: not in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "tiendo")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("sqlite", func(t *testing.T) { crashRun(t, bin, filepath.Join(t.TempDir(), "tiendo.db")) })
	t.Run("postgres", func(t *testing.T) { crashRun(t, bin, crashPostgres(t)) })
}

// crashPostgres creates a fresh database for the test on the server of
// TIENDO_TEST_POSTGRES and returns its URL; skipped without it.
func crashPostgres(t *testing.T) string {
	admin := os.Getenv("TIENDO_TEST_POSTGRES")
	if admin == "" {
		t.Skip("TIENDO_TEST_POSTGRES not set: the PostgreSQL crash test is skipped")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 5)
	rand.Read(b)
	name := "tiendo_crash_" + hex.EncodeToString(b)
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// proc is one run of the server binary.
type proc struct {
	cmd  *exec.Cmd
	addr string
}

func startBinary(t *testing.T, bin, db string) *proc {
	t.Helper()
	p := &proc{addr: freeAddr(t)}
	p.cmd = exec.Command(bin, "serve", "--db", db, "--addr", p.addr, "--write-rate", "0")
	var out bytes.Buffer
	p.cmd.Stdout, p.cmd.Stderr = &out, &out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Kill(); p.cmd.Wait() })
	for deadline := time.Now().Add(30 * time.Second); ; {
		if res, err := http.Get("http://" + p.addr + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func crashRun(t *testing.T, bin, db string) {
	ctx := context.Background()
	for _, args := range [][]string{
		{"user", "add", "--db", db, "--username", "dieuphoi", "--role", "coordinator", "--password-stdin"},
		{"plan", "import", refPlan, "--db", db},
	} {
		if r := runCmd(t, goodPassword+"\n", args...); r.err != nil {
			t.Fatalf("%v: %v\n%s", args, r.err, r.stderr)
		}
	}
	r := runCmd(t, "", "token", "create", "--db", db, "--user", "dieuphoi")
	if r.err != nil {
		t.Fatal(r.err)
	}
	token := strings.TrimSpace(r.stdout)
	var planID, sectionID int64
	func() {
		s := openStoreNoCleanup(t, db)
		defer s.Close()
		plans, err := s.Plans(ctx)
		if err != nil || len(plans) != 1 {
			t.Fatalf("plans: %v %v", plans, err)
		}
		planID = plans[0].ID
		secs, err := s.Sections(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range secs {
			if sec.HoldsTasks {
				sectionID = sec.ID
			}
		}
	}()

	p := startBinary(t, bin, db)
	type ack struct {
		id   int64
		text string
	}
	var (
		mu     sync.Mutex
		acks   []ack
		n      atomic.Int64
		stop   atomic.Bool
		wg     sync.WaitGroup
		client = &http.Client{Timeout: 10 * time.Second}
	)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				text := fmt.Sprintf("Nhiệm vụ thử sự cố %d-%d: kiểm tra dữ liệu được giữ nguyên sau khi máy chủ bị tắt đột ngột.", g, i)
				body, _ := json.Marshal(map[string]any{"section_id": sectionID, "text": text})
				req, _ := http.NewRequest("POST", fmt.Sprintf("http://%s/api/v1/plans/%d/tasks", p.addr, planID), bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					continue // the server is gone: this write was not acknowledged
				}
				var got struct{ ID int64 }
				json.NewDecoder(res.Body).Decode(&got)
				res.Body.Close()
				if res.StatusCode == http.StatusCreated && got.ID > 0 {
					mu.Lock()
					acks = append(acks, ack{got.ID, text})
					mu.Unlock()
					n.Add(1)
				}
			}
		}()
	}
	for deadline := time.Now().Add(60 * time.Second); n.Load() < 300; {
		if time.Now().After(deadline) {
			t.Fatalf("only %d writes acknowledged in 60 s", n.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := p.cmd.Process.Kill(); err != nil { // SIGKILL, mid-flight
		t.Fatal(err)
	}
	p.cmd.Wait()
	stop.Store(true)
	wg.Wait()
	t.Logf("%d writes acknowledged before SIGKILL", len(acks))

	p = startBinary(t, bin, db)
	for _, a := range acks {
		req, _ := http.NewRequest("GET", fmt.Sprintf("http://%s/api/v1/tasks/%d", p.addr, a.id), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Text string }
		json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || got.Text != a.text {
			t.Fatalf("acknowledged task %d after the crash: %d %q", a.id, res.StatusCode, got.Text)
		}
	}
	p.cmd.Process.Kill()
	p.cmd.Wait()
	if r := runCmd(t, "", "audit", "verify", "--db", db); r.err != nil {
		t.Fatalf("audit chain after the crash: %v\n%s", r.err, r.stdout)
	}
}

// openStoreNoCleanup opens the database for a moment (closed by the caller).
func openStoreNoCleanup(t *testing.T, db string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

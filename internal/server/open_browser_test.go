package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
)

// openSite is the whole application over the demo (two quarters of
// reports), served on 25/11/2026 for a browser.
func openSite(t *testing.T) (url string, planID int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "open.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := demo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Date(2026, 11, 25)
	if _, err := demo.LoadReports(ctx, st, res.PlanID, today); err != nil {
		t.Fatal(err)
	}
	h, err := server.New(server.Config{Store: st, Clock: clock.Fixed(today.Add(3 * time.Hour)),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), TwoFactorRoles: []auth.Role{}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, res.PlanID
}

// chromium starts headless Debian Chromium, or skips the test where it is
// absent (or in -short mode).
func chromium(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := ""
	for _, p := range []string{os.Getenv("TIENDO_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("chromium not installed (apt-get install chromium, or set TIENDO_CHROMIUM): /open browser test skipped")
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true))
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// axeSource is axe-core, vendored beside the web crawl that also runs it
// (internal/web/testdata/axe/README.md).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeViolation is one failed rule as axe reports it.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []string }
}

// awaitPromise makes an evaluation wait for the promise it returns.
func awaitPromise(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }

// TestOpenInBrowser reads the public pages in headless Chromium on a
// phone (390 × 844) and on a desktop (1366 × 900): the house style
// applied (the UI's stylesheet loads under the site's CSP), nothing wider
// than the screen, axe-core's WCAG 2.1 A and AA rules all passing
// (contrast included), the skip link first under the keyboard, and a
// status card reached and followed with the keyboard alone to a task
// list as long as the card's number.
func TestOpenInBrowser(t *testing.T) {
	base, planID := openSite(t)
	ctx := chromium(t)
	axe := axeSource(t)
	pages := []string{"/open/", fmt.Sprintf("/open/plans/%d", planID), fmt.Sprintf("/open/plans/%d/tasks?status=overdue", planID)}
	for _, size := range []struct {
		name string
		w, h int64
	}{{"phone", 390, 844}, {"desktop", 1366, 900}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		for _, path := range pages {
			where := size.name + " " + path
			if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			// The house style: the header wears the accent colour.
			bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.site")).backgroundColor`))
			if err != nil || bg != "rgb(11, 92, 173)" {
				t.Errorf("%s: header background %q (%v): the stylesheet did not load", where, bg, err)
			}
			// Phone-friendly: the page itself never scrolls sideways.
			over, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
			if err != nil || over {
				w, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				t.Errorf("%s: the page is %dpx wide on a %dpx screen (%v)", where, w, size.w, err)
			}
			// axe-core, WCAG 2.1 A and AA.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
				t.Fatalf("%s: load axe: %v", where, err)
			}
			js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, awaitPromise))
			if err != nil {
				t.Fatalf("%s: axe: %v", where, err)
			}
			var result struct {
				Violations []axeViolation
				Passes     int
			}
			if err := json.Unmarshal([]byte(out), &result); err != nil {
				t.Fatal(err)
			}
			if result.Passes < 10 {
				t.Errorf("%s: axe passed only %d rules: did it run?", where, result.Passes)
			}
			t.Logf("%s: axe: %d rules passed, %d failed", where, result.Passes, len(result.Violations))
			for _, v := range result.Violations {
				var targets []string
				for i, n := range v.Nodes {
					if i == 3 {
						targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
						break
					}
					targets = append(targets, strings.Join(n.Target, " "))
				}
				t.Errorf("%s: axe %s (%s): %s — %s", where, v.ID, v.Impact, v.Help, strings.Join(targets, "; "))
			}
			if dir := os.Getenv("TIENDO_SCREENSHOTS"); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err == nil {
					name := strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(strings.Trim(path, "/"))
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, size.w)), png, 0o644)
				}
			}
		}

		// The keyboard: the first Tab reaches the skip link, shown; then
		// Tab on to the first status card and follow it with Enter.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/open/"), chromedp.WaitVisible(chromedp.CSS("main h1")),
			chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		skip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.activeElement; const r = a.getBoundingClientRect(); return a.className + (r.left >= 0 && r.width > 0 ? " shown" : " hidden") })()`))
		if err != nil || skip != "skip-link shown" {
			t.Errorf("%s: the first Tab reaches %q (%v), want the skip link, shown", size.name, skip, err)
		}
		var count int
		for i := 0; i < 30; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
				t.Fatal(err)
			}
			n, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest("li.tile") ? document.activeElement.dataset.count : ""`))
			if err != nil {
				t.Fatal(err)
			}
			if n != "" {
				count, _ = strconv.Atoi(n)
				break
			}
			if i == 29 {
				t.Fatalf("%s: 30 Tabs never reach a status card", size.name)
			}
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("ul.filters"))); err != nil {
			t.Fatalf("%s: Enter on a status card: %v", size.name, err)
		}
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("tr.task").length`))
		if err != nil || rows != count {
			t.Errorf("%s: the card said %d, its list has %d tasks (%v)", size.name, count, rows, err)
		}
	}
}

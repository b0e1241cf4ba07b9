package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium; the browser test is skipped without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("TIENDO_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed (apt-get install chromium, or set TIENDO_CHROMIUM): browser smoke test skipped")
	return ""
}

// browser is headless Chromium on a phone-sized window, driving one
// application.
type browser struct {
	t   *testing.T
	a   *app
	ctx context.Context
}

// newBrowser starts Chromium for a (skipping the test where it is absent
// or in -short mode); it stops with the test.
func newBrowser(t *testing.T, a *app) *browser {
	t.Helper()
	return newBrowserFor(t, a, 90*time.Second)
}

// newBrowserFor is newBrowser with a time limit for the whole test.
func newBrowserFor(t *testing.T, a *app, limit time.Duration) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(390, 844), // a phone
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, limit)
	t.Cleanup(cancel)
	return &browser{t: t, a: a, ctx: ctx}
}

func (b *browser) must(what string, err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatalf("browser: %s: %v", what, err)
	}
}

// do runs actions, failing the test on error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.must(what, chromedp.Do(b.ctx, actions...))
}

// text is the visible text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	b.must("text of "+sel, err)
	return strings.TrimSpace(s)
}

// eval evaluates a JavaScript expression in the page.
func (b *browser) eval(js string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](js))
	b.must(js, err)
}

// shot saves a screenshot when TIENDO_SCREENSHOTS names a directory.
func (b *browser) shot(name string) {
	b.t.Helper()
	if dir := os.Getenv("TIENDO_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		b.must("screenshot", err)
		b.must("save screenshot", os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
	}
}

// TestBrowserSignInAndSearch drives headless Chromium through the real
// pages: sign in with the form, search without diacritics from the header
// box, and see the highlighted results — with the site's CSP in force, so
// a stray inline script or style would show up here.
func TestBrowserSignInAndSearch(t *testing.T) {
	a := newApp(t)
	b := newBrowser(t, a)
	ctx, must, text, shot := b.ctx, b.must, b.text, b.shot

	must("sign in", chromedp.Do(ctx,
		chromedp.Navigate(a.srv.URL+"/plans"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "lanhdaotinh"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("table.plans")),
	))
	shot("plans")
	if h := text("h1"); h != "Kế hoạch" {
		t.Errorf("after sign-in the page is %q, want the plan list", h)
	}
	// The stylesheet applied (the CSP allows 'self' only): the header is coloured.
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.site")).backgroundColor`))
	must("header colour", err)
	if bg == "" || bg == "rgba(0, 0, 0, 0)" {
		t.Errorf("stylesheet not applied: header background %q", bg)
	}

	b.openMenu()
	must("search", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("form.search input[name=q]"), "chuyen doi so"),
		chromedp.Submit(chromedp.CSS("form.search input[name=q]")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits")),
	))
	shot("search")
	count, mark := text("p.result-count strong"), text("li.hit .excerpt mark")
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("li.hit mark").length`))
	must("count marks", err)
	if count != "23" || strings.ToLower(mark) != "chuyển" || marks < 20 {
		t.Errorf("search: %s results, first mark %q, %d marks", count, mark, marks)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	must("title", err)
	if !strings.HasPrefix(title, "Tìm kiếm") {
		t.Errorf("title %q", title)
	}

	// The plan tree on a phone: parts fold, tasks show their badges.
	must("plan", chromedp.Do(ctx,
		chromedp.Navigate(a.srv.URL+"/plans/"+ids(a.f.planID)),
		chromedp.WaitVisible(chromedp.CSS(".tree")),
	))
	shot("plan")
	if got := text("li.task-row .badge-red"); got != "Quá hạn (chưa hoàn thành)" {
		t.Errorf("overdue badge %q", got)
	}
}

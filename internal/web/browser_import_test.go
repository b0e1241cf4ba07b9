package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shots saves a screenshot at the phone's width and one at a desktop's
// (1,366 px) when TIENDO_SCREENSHOTS names a directory, and comes back to
// the phone.
func (b *browser) shots(name string) {
	b.t.Helper()
	if os.Getenv("TIENDO_SCREENSHOTS") == "" {
		return
	}
	b.shot(name + "-390")
	b.do("desktop", chromedp.EmulateViewport(1366, 900))
	b.shot(name + "-1366")
	b.do("phone", chromedp.EmulateViewport(390, 844))
}

// fitsWidth fails the test when the page scrolls sideways.
func (b *browser) fitsWidth(page string) {
	b.t.Helper()
	wide, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	b.must("width", err)
	if wide {
		b.t.Errorf("%s is wider than the phone", page)
	}
}

// TestBrowserImportFilesAndMapping drives the import on a phone-sized
// window as the coordinator: choose a plan's text and its appendix
// workbook in the one file input, see the preview with one row per agency
// name the register lacks (its task count, the guess pre-selected), say
// one name is not an agency, give the number and date the text lacks,
// confirm, and read the success message and its link to the plan.
func TestBrowserImportFilesAndMapping(t *testing.T) {
	a := newApp(t)
	b := newBrowser(t, a)
	dir := t.TempDir()
	body, appendix := filepath.Join(dir, "ke-hoach.txt"), filepath.Join(dir, "phu-luc.xlsx")
	b.must("write body", os.WriteFile(body, []byte(importBody), 0o600))
	b.must("write appendix", os.WriteFile(appendix, importAppendix(t), 0o600))

	// Headless Chromium keeps its window at least 500 px wide: emulate the phone.
	b.do("phone", chromedp.EmulateViewport(390, 844))
	b.signIn("dieuphoi")
	b.do("upload page",
		chromedp.Navigate(a.srv.URL+"/import"),
		chromedp.WaitVisible(chromedp.CSS("form.upload input[type=file][multiple]")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{body, appendix}),
	)
	b.fitsWidth("the upload page")
	b.shots("import-upload")
	b.clickThrough("form.upload button[type=submit]", "form.confirm")
	b.fitsWidth("the preview")
	b.shots("import-preview")
	if n := b.count("[data-unknown]"); n != 4 {
		t.Errorf("%d mapping rows, want 4", n)
	}
	if got := b.text(`[data-unknown="Trung tâm Lưu trữ lịch sử tỉnh"] .name-tasks`); got != "2" {
		t.Errorf("task count %q", got)
	}
	guess, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('[data-unknown="Sở Thông tin và Truyền thông tỉnh Cà Mau"] select').value`))
	b.must("guess", err)
	if guess != ids(a.f.agencyKHCN) {
		t.Errorf("guess pre-selected %q, want Sở KH&CN", guess)
	}
	b.choose(`[data-unknown="Hội Nông dân tỉnh"] select`, "none")
	b.do("number and date", chromedp.SendKeys(chromedp.CSS("#code"), "12/KH-UBND"),
		chromedp.SendKeys(chromedp.CSS("#issued_on"), "20/08/2025"))
	b.clickThrough("form.confirm button[type=submit]", ".import-done")
	b.fitsWidth("the success page")
	b.shots("import-done")
	if got := b.text(".import-done .done-summary"); !strings.Contains(got, "12/KH-UBND") || !strings.Contains(got, "5 nhiệm vụ") {
		t.Errorf("success message %q", got)
	}
	if got := b.text(".done-dismissed"); !strings.Contains(got, "Hội Nông dân tỉnh") {
		t.Errorf("dismissed %q", got)
	}
	b.clickThrough("a.plan-link", ".tree")
	if got := b.text("h1"); got != "Kế hoạch 12/KH-UBND" {
		t.Errorf("the link leads to %q", got)
	}

	// The same files again: the preview warns of the plan just imported.
	b.do("upload again",
		chromedp.Navigate(a.srv.URL+"/import"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{appendix, body}),
	)
	b.clickThrough("form.upload button[type=submit]", ".similar-plan")
	b.fitsWidth("the preview with a warning")
	b.shots("import-preview-same")
	if got := b.text(".similar-plan"); !strings.Contains(got, "12/KH-UBND") || !strings.Contains(got, "cùng tên") {
		t.Errorf("warning %q", got)
	}
}

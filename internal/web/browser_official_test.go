package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOfficialReport: on a phone, the coordinator goes from the plan
// page to the official report and both download links deliver their
// documents — fetched by the page itself with the session the browser holds,
// so the links a person clicks are the ones checked.
func TestBrowserOfficialReport(t *testing.T) {
	a := newReportingApp(t)
	b := newBrowser(t, a)
	b.signIn("dieuphoi")
	b.do("open the plan", chromedp.Navigate(a.srv.URL+a.expand("/plans/{plan}")), chromedp.WaitVisible(chromedp.CSS("a.official-report-link")))
	b.clickThrough("a.official-report-link", "a.dl-docx")
	for _, c := range []struct{ sel, mime, magic string }{
		{"a.dl-docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"},
		{"a.dl-xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
	} {
		js := `(async () => {
			const r = await fetch(document.querySelector(` + jsString(c.sel) + `).href);
			const head = new Uint8Array(await r.arrayBuffer()).slice(0, 2);
			return r.status + " " + r.headers.get("Content-Type") + " " + String.fromCharCode(...head) + " " +
				(r.headers.get("Content-Disposition") || "").startsWith("attachment");
		})()`
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		b.must("download "+c.sel, err)
		if want := "200 " + c.mime + " " + c.magic + " true"; got != want {
			t.Errorf("%s: got %q, want %q", c.sel, got, want)
		}
	}
}

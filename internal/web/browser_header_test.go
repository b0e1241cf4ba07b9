package web_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserPhoneHeader: on a 390 px phone the header is one row at most
// 64 px high, its links folded behind a menu button of at least 44 × 44
// px; the button opens the menu (links at least 44 px high, the search box
// and sign-out in it) and Escape closes it; on a 1,366 px desktop the
// links show without a button. Dates typed on the dashboard read
// dd/mm/yyyy whatever the browser's language.
func TestBrowserPhoneHeader(t *testing.T) {
	a := newApp(t)
	b := newBrowser(t, a)
	b.signIn("lanhdaotinh")
	num := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](js))
		b.must(js, err)
		return v
	}
	// shown: the element takes room on the page (display is not none, here
	// or in an ancestor).
	shown := func(sel string) bool {
		return num(`document.querySelector(`+jsString(sel)+`).getClientRects().length`) > 0
	}
	b.do("open the plan list", chromedp.EmulateViewport(390, 844), chromedp.Navigate(a.srv.URL+"/plans"), chromedp.WaitVisible(chromedp.CSS("header.site .menu-toggle")))
	b.shot("header-390-closed")
	if h := num(`document.querySelector("header.site").getBoundingClientRect().height`); h > 64 {
		t.Errorf("the header is %.0f px high on a phone, want at most 64", h)
	}
	if w, h := num(`document.querySelector(".menu-toggle").getBoundingClientRect().width`), num(`document.querySelector(".menu-toggle").getBoundingClientRect().height`); w < 44 || h < 44 {
		t.Errorf("the menu button is %.0f × %.0f px, want at least 44 × 44", w, h)
	}
	if shown("nav.main-nav") || shown("form.search") {
		t.Error("the links and the search box show before the menu is opened")
	}
	b.openMenu()
	b.shot("header-390-open")
	if !shown("nav.main-nav a[href='/plans']") || !shown("form.search input[name=q]") || !shown("form.logout button") {
		t.Error("the open menu lacks its links, the search box or sign-out")
	}
	if n := num(`Math.min.apply(null, Array.from(document.querySelectorAll("nav.main-nav a, .logout .who, .logout button, form.search button")).map(function (e) { return e.getBoundingClientRect().height; }))`); n < 44 {
		t.Errorf("a target in the open menu is %.0f px high, want at least 44", n)
	}
	if got := b.text(".menu-toggle"); got != "Menu" || num(`document.querySelector(".menu-toggle").getAttribute("aria-expanded") === "true" ? 1 : 0`) != 1 {
		t.Errorf("the open menu's button: %q, aria-expanded not true", got)
	}
	b.do("Escape closes it", chromedp.KeyEvent("\x1b"))
	if shown("nav.main-nav") {
		t.Error("Escape did not close the menu")
	}
	if w := num(`document.documentElement.scrollWidth`); w > 390 {
		wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("body *")).filter(function (e) { return e.getBoundingClientRect().right > 391; }).slice(0, 5).map(function (e) { return e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right); }).join("; ")`))
		t.Errorf("the page is %.0f px wide on a 390 px phone: %s", w, wide)
	}

	// Without the script nothing is folded away: the links, the search box
	// and sign-out show, stacked, and no button that could not work.
	noScript := func(off bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return chromedp.Void{}, err
		}
	}
	b.do("no script", noScript(true), chromedp.Navigate(a.srv.URL+"/plans"), chromedp.WaitReady(chromedp.CSS("table.plans")))
	b.shot("header-390-noscript")
	if shown(".menu-toggle") || !shown("nav.main-nav a[href='/plans']") || !shown("form.search input[name=q]") || !shown("form.logout button") {
		t.Error("without the script the header hides what it cannot unfold")
	}
	if w := num(`document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("without the script the page is %.0f px wide", w)
	}
	b.do("script again", noScript(false))

	// On a desktop: no button, the links in view, the header compact.
	b.do("desktop", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(a.srv.URL+"/plans/"+ids(a.f.planID)+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("nav.main-nav a[href='/plans']")))
	b.shot("header-1366")
	if shown(".menu-toggle") {
		t.Error("the menu button shows on a desktop")
	}
	if h := num(`document.querySelector("header.site").getBoundingClientRect().height`); h > 130 {
		t.Errorf("the desktop header is %.0f px high", h)
	}
	// The day the figures are counted on is text in dd/mm/yyyy, not a
	// date input whose format follows the browser's language.
	typ, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById("asof").type + " " + document.getElementById("asof").value`))
	b.must("asof", err)
	if !regexp.MustCompile(`^text \d{2}/\d{2}/\d{4}$`).MatchString(typ) {
		t.Errorf("the dashboard's day input is %q, want a text input reading dd/mm/yyyy", typ)
	}
}

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/reporting"
)

// signIn signs in through the form and waits for "Việc của tôi".
func (b *browser) signIn(username string) {
	b.t.Helper()
	b.do("sign in as "+username,
		chromedp.Navigate(b.a.srv.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		// On a phone the header's links sit folded in its menu: present, not visible.
		chromedp.WaitReady(chromedp.CSS("nav.main-nav a[aria-current=page][href='/'], #code")),
	)
	// Admins and coordinators then give their authenticator's code.
	path, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("location.pathname"))
	b.must("where sign-in went", err)
	if path == "/login/2fa" {
		b.do("second factor for "+username,
			chromedp.SendKeys(chromedp.CSS("#code"), b.a.totp.code(b.t)),
			chromedp.Submit(chromedp.CSS("#code")),
			chromedp.WaitReady(chromedp.CSS("nav.main-nav a[aria-current=page][href='/']")),
		)
	}
}

// signOut presses the header's sign-out button (opening the menu first on a phone).
func (b *browser) signOut() {
	b.t.Helper()
	b.openMenu()
	b.do("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS("#username")))
}

// openMenu opens the header's menu when the window is narrow enough to
// fold it (the menu button shows); on a wide window it does nothing.
func (b *browser) openMenu() {
	b.t.Helper()
	folded, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(function () {
		var t = document.querySelector("header.site .menu-toggle");
		return !!t && t.offsetParent !== null && t.getAttribute("aria-expanded") !== "true";
	})()`))
	b.must("menu state", err)
	if folded {
		b.do("open the menu", chromedp.Click(chromedp.CSS("header.site .menu-toggle")),
			chromedp.WaitVisible(chromedp.CSS("header.site .menu.open")))
	}
}

// clickThrough clicks sel, waits for the next page to replace this one,
// then for wait to show on it.
func (b *browser) clickThrough(sel, wait string) {
	b.t.Helper()
	b.eval(`document.body.insertAdjacentHTML("beforeend", "<i id=old-page></i>")`)
	b.do("click "+sel,
		chromedp.Click(chromedp.CSS(sel)),
		chromedp.WaitNotPresent(chromedp.CSS("#old-page")),
		chromedp.WaitVisible(chromedp.CSS(wait)),
	)
}

// choose picks an option of a select as a person would (the change event fires).
func (b *browser) choose(sel, value string) {
	b.t.Helper()
	b.eval(`(function () { var s = document.querySelector(` + jsString(sel) + `); s.value = ` + jsString(value) +
		`; s.dispatchEvent(new Event("change", { bubbles: true })); })()`)
}

// hidden reports whether the element matching sel is hidden.
func (b *browser) hidden(sel string) bool {
	b.t.Helper()
	h, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector(`+jsString(sel)+`).hidden`))
	b.must("hidden "+sel, err)
	return h
}

// count is how many elements match sel.
func (b *browser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	b.must("count "+sel, err)
	return n
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestBrowserReportFlow drives one quarter's report through the real
// pages on a phone: the officer opens it from "Việc của tôi" and drafts
// (autosaved as she types, then saved by the button), the head submits,
// the coordinator returns it with a reason from his "Việc của tôi", the
// head resubmits from the returned list, and the coordinator accepts.
func TestBrowserReportFlow(t *testing.T) {
	a := newReportingApp(t)
	b := newBrowser(t, a)
	rep, soon, cont := a.vars["rep"], ids(a.f.taskDueSoon), a.vars["cont"]
	entry := func(task, rest string) string { return "#entry-" + task + " " + rest }

	// The officer's "Việc của tôi": this quarter's report, 9 days left.
	b.signIn("chuyenvien")
	b.shot("officer-home")
	if h := b.text("h1"); h != "Việc của tôi" {
		t.Fatalf("home after sign-in is %q", h)
	}
	if got := b.text(".due-reports li[data-report='" + rep + "'] .days-left"); got != "còn 9 ngày" {
		t.Errorf("days left %q", got)
	}
	if got := b.text(".task-alerts li[data-task='" + soon + "'] .badge"); got != "Đang thực hiện, sắp đến hạn" {
		t.Errorf("task alert badge %q", got)
	}

	// She opens the report and drafts; the form saves as she types.
	b.clickThrough(".due-reports li[data-report='"+rep+"'] a.work-title", entry(soon, "select[name=status]"))
	if !b.hidden(entry(soon, "[data-field=completed_on]")) || !b.hidden(entry(soon, "[data-field=reason]")) {
		t.Error("completion date and reason should wait for a status that needs them")
	}
	b.choose(entry(soon, "select[name=status]"), "in_progress")
	b.do("type a line",
		chromedp.SendKeys(chromedp.CSS(entry(soon, "input[name=percent]")), "40"),
		chromedp.SendKeys(chromedp.CSS(entry(soon, "textarea[name=result]")), "Đã triển khai tại 8 sở."),
	)
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector("#entry-`+soon+` .autosave-status").textContent.indexOf("Đã tự động lưu") >= 0`))
	b.must("autosave", err)
	b.shot("officer-autosaved")
	saved := a.report("{rep}")
	for _, e := range saved.Entries {
		if ids(e.TaskID) == soon && (e.Result != "Đã triển khai tại 8 sở." || e.Percent != 40 || e.Status != "in_progress") {
			t.Errorf("autosaved line: %+v", e)
		}
	}
	// A wrong field does not hold back the rest: autosave keeps the valid
	// fields, marks the wrong one and leaves what she typed in it.
	b.do("a wrong percent beside new text",
		chromedp.SendKeys(chromedp.CSS(entry(soon, "input[name=percent]")), "0"),
		chromedp.SendKeys(chromedp.CSS(entry(soon, "textarea[name=difficulties]")), "Thiếu nhân lực."),
	)
	_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector("#entry-`+soon+` .autosave-status").textContent.indexOf("trừ các ô") >= 0`))
	b.must("partial autosave", err)
	b.shot("officer-autosaved-partial")
	for _, e := range a.report("{rep}").Entries {
		if ids(e.TaskID) == soon && (e.Difficulties != "Thiếu nhân lực." || e.Percent != 40) {
			t.Errorf("partly autosaved line: %+v", e)
		}
	}
	if b.count(entry(soon, "input[name=percent][aria-invalid=true] + .autosave-field-error")) != 1 {
		t.Error("the wrong percent is not marked")
	}
	b.do("fix the percent", chromedp.SetValue(chromedp.CSS(entry(soon, "input[name=percent]")), "40"))
	// Pressing Save right after an autosave is no conflict: the form took the new version.
	b.do("type more", chromedp.SendKeys(chromedp.CSS(entry(soon, "textarea[name=proposals]")), "Bổ sung kinh phí."))
	b.clickThrough(entry(soon, "button[type=submit]"), "main h1")
	if b.count(".conflict-alert") != 0 || b.count(".alert-ok") != 1 {
		t.Error("saving by the button right after an autosave was taken for a conflict")
	}
	// A paused task asks for the reason.
	b.choose(entry(cont, "select[name=status]"), "paused")
	if b.hidden(entry(cont, "[data-field=reason]")) {
		t.Error("reason field hidden for a paused task")
	}
	b.choose(entry(cont, "select[name=status]"), "in_progress")
	b.do("type the second line", chromedp.SendKeys(chromedp.CSS(entry(cont, "textarea[name=result]")), "Tổ chức 4 hội nghị."))
	b.clickThrough(entry(cont, "button[type=submit]"), ".alert-ok")
	if got := b.text(".status-line .state"); got != "Đang soạn" {
		t.Errorf("state after drafting %q", got)
	}
	// An officer sees no submit button.
	if b.count("form.submit-form") != 0 {
		t.Error("officer is offered the submit button")
	}
	b.signOut()

	// The head approves and sends.
	b.signIn("lanhdao")
	b.clickThrough(".due-reports li[data-report='"+rep+"'] a.work-title", "form.submit-form button")
	// Sending asks for a tick first: without it the browser keeps the page.
	b.do("submit unconfirmed", chromedp.Click(chromedp.CSS("form.submit-form button")))
	if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!document.querySelector("form.submit-form input[name=confirm]").validity.valid`)); err != nil || !ok {
		t.Errorf("the submit form went without its confirmation box ticked (%v)", err)
	}
	b.do("confirm", chromedp.Click(chromedp.CSS("form.submit-form input[name=confirm]")))
	b.clickThrough("form.submit-form button", ".alert-ok")
	if got := b.text(".status-line .state"); got != reporting.StateSubmitted.Label() {
		t.Errorf("state after submit %q", got)
	}
	b.signOut()

	// The coordinator's "Việc của tôi" shows it waiting; he returns it with a reason.
	b.signIn("dieuphoi")
	b.shot("coordinator-home")
	if got := b.text(".waiting-review li[data-report='" + rep + "'] a.work-title"); got != "Sở Tài chính" {
		t.Errorf("waiting for review: %q", got)
	}
	if got := b.text(".totals .received"); got != "1/3" {
		t.Errorf("received %q", got)
	}
	b.clickThrough(".waiting-review li[data-report='"+rep+"'] a.work-title", "form.return-form textarea")
	b.do("write the reason", chromedp.SendKeys(chromedp.CSS("#return-reason"), "Bổ sung số liệu tháng 9."))
	b.clickThrough("form.return-form button", ".alert-ok")
	if got := b.text(".returned-alert .return-reason"); got != "Bổ sung số liệu tháng 9." {
		t.Errorf("return reason shown %q", got)
	}
	b.signOut()

	// The head finds it returned, with the reason, and sends it again.
	b.signIn("lanhdao")
	if got := b.text(".returned-reports li[data-report='" + rep + "'] .return-reason"); !strings.Contains(got, "Bổ sung số liệu tháng 9.") {
		t.Errorf("returned list reason %q", got)
	}
	b.clickThrough(".returned-reports li[data-report='"+rep+"'] a.work-title", "form.submit-form button")
	b.do("confirm", chromedp.Click(chromedp.CSS("form.submit-form input[name=confirm]")))
	b.clickThrough("form.submit-form button", ".alert-ok")
	b.signOut()

	// The coordinator accepts: locked, four steps in its history.
	b.signIn("dieuphoi")
	b.clickThrough(".waiting-review li[data-report='"+rep+"'] a.work-title", "form.accept-form button")
	b.clickThrough("form.accept-form button", ".alert-ok")
	b.shot("accepted")
	if got := b.text(".status-line .state"); got != reporting.StateAccepted.Label() {
		t.Errorf("state after accept %q", got)
	}
	if steps := b.count("ol.history li.step"); steps != 4 {
		t.Errorf("history has %d steps, want 4", steps)
	}
	b.do("home", chromedp.Navigate(a.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".totals")))
	if got := b.text(".totals .accepted-count"); got != "1" {
		t.Errorf("accepted count on home %q", got)
	}
	if a.report("{rep}").State != reporting.StateAccepted {
		t.Error("the store does not hold the report as accepted")
	}
}

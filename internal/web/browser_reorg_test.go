package web_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserReorganiseAndUndo drives the reorganisation on a phone-sized
// window as the coordinator: merge the Sở Tài chính (which leads the
// "Chính quyền số" task and has two accounts) into the Sở Khoa học và
// Công nghệ (preview, apply), follow the notice to the history, and undo
// it (preview, apply) — the Sở Tài chính and its task are back. The
// history page must fit the phone's width.
func TestBrowserReorganiseAndUndo(t *testing.T) {
	a := newApp(t)
	b := newBrowser(t, a)
	b.signIn("dieuphoi")
	b.do("reorganise form",
		chromedp.Navigate(a.srv.URL+"/agencies/reorganise"),
		chromedp.WaitVisible(chromedp.CSS("form.reorg-form")),
	)
	b.eval(`document.querySelector('#from option[value="` + ids(a.f.agencyTC) + `"]').selected = true;
		document.querySelector('#into').value = "` + ids(a.f.agencyKHCN) + `"`)
	b.do("fill", chromedp.SendKeys(chromedp.CSS("#effective"), "15/06/2025"),
		chromedp.SendKeys(chromedp.CSS("#decision"), "88/QĐ-UBND"))
	b.clickThrough("button[value=preview]", "section.reorg-preview")
	b.shot("reorg-preview")
	if got := b.text("table.reorg-moves[data-part=tasks] tbody tr td"); got != "Chính quyền số" {
		t.Errorf("preview moves task %q, want Chính quyền số", got)
	}
	b.clickThrough("button[value=apply]", "p.reorganised")
	if tk := a.task(a.f.taskDueSoon); tk.LeadAgencyID != a.f.agencyKHCN {
		t.Fatalf("after the merge the task is led by %d, want the Sở KH&CN", tk.LeadAgencyID)
	}
	b.clickThrough("p.reorganised a[href='/agencies/reorganise/history']", "table.reorgs")
	b.shot("reorg-history")
	wide, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	b.must("width", err)
	if wide {
		t.Error("the reorganisation history is wider than the phone")
	}
	if got := b.text("table.reorgs tbody tr .undo-state"); got != "Có thể hoàn tác đến hết ngày 30/09/2025" {
		t.Errorf("undo state %q", got)
	}
	b.clickThrough("table.reorgs tbody tr td a", "dl.reorg-record")
	b.clickThrough("button[value=preview]", "section.undo-preview")
	b.shot("reorg-undo-preview")
	b.clickThrough("button[value=apply]", "p.undone")
	if ag, _ := a.store.Agency(context.Background(), a.f.agencyTC); !ag.ValidTo.IsZero() {
		t.Errorf("after undo in the browser the Sở Tài chính still ends %v", ag.ValidTo)
	}
	if tk := a.task(a.f.taskDueSoon); tk.LeadAgencyID != a.f.agencyTC {
		t.Errorf("after undo the task is led by %d, want the Sở Tài chính again", tk.LeadAgencyID)
	}
}

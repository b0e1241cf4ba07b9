package web_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"tiendo/internal/notify"
)

// newNoticeApp is the application with in-app notices: the officer of Sở
// Tài chính has four — one read, two unread reminders (one whose link
// leaves the site) and an unread one without a link — and the head of the
// same agency one of their own. Their IDs are {n1}…{n4} and {nhead}.
// The regime scenarios run on it too.
func newNoticeApp(t *testing.T) *app { return newApp(t, seedNotices) }

func seedNotices(a *app, ctx context.Context) {
	t, s := a.t, a.store
	user := func(name string) int64 {
		t.Helper()
		u, _, err := s.UserByName(ctx, name)
		if err != nil {
			t.Fatalf("seed notices: user %s: %v", name, err)
		}
		return u.ID
	}
	officer, head := user(usernames["officer"]), user(usernames["head"])
	at := testNow.Add(-72 * time.Hour)
	add := func(key string, n notify.Notice) {
		t.Helper()
		at = at.Add(time.Hour)
		n.CreatedAt = at
		if err := s.AddNotice(ctx, &n); err != nil {
			t.Fatalf("seed notice %s: %v", key, err)
		}
		a.vars[key] = ids(n.ID)
	}
	plan := "/plans/" + ids(a.f.planID)
	add("n1", notify.Notice{UserID: officer, Kind: "before", Text: "Báo cáo Quý II/2025 sắp đến hạn.", Link: plan})
	add("n2", notify.Notice{UserID: officer, Kind: "before", Text: "Báo cáo Quý III/2025 của Sở Tài chính đến hạn ngày 10/09/2025 (còn 9 ngày).", Link: plan})
	add("nhead", notify.Notice{UserID: head, Kind: "overdue", Text: "Báo cáo Quý II/2025 của Sở Tài chính đã quá hạn.", Link: plan})
	add("n3", notify.Notice{UserID: officer, Kind: "overdue", Text: "Một liên kết ra ngoài.", Link: "//evil.example/x"})
	add("n4", notify.Notice{UserID: officer, Kind: "system", Text: "Hệ thống sẽ bảo trì tối thứ Bảy."})
	if _, err := s.MarkNoticeRead(ctx, officer, mustID(t, a.vars["n1"]), at); err != nil {
		t.Fatalf("seed notices: mark read: %v", err)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not an ID: %q", s)
	}
	return id
}

// unreadOf checks how many unread notices a seeded user (by role) has.
func unreadOf(role string, want int) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		ctx := context.Background()
		u, _, err := a.store.UserByName(ctx, usernames[role])
		if err != nil {
			t.Fatal(err)
		}
		if n, err := a.store.UnreadNotices(ctx, u.ID); err != nil || n != want {
			t.Errorf("%s has %d unread notices (%v), want %d", role, n, err, want)
		}
	}
}

// noticeOrder checks that the list shows the notices newest first.
func noticeOrder(keys ...string) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		nodes := r.doc().all("ol.notices > li.notice")
		if len(nodes) != len(keys) {
			t.Fatalf("%d notices listed, want %d", len(nodes), len(keys))
		}
		for i, n := range nodes {
			if got, want := attr(n, "data-notice"), a.vars[keys[i]]; got != want {
				t.Errorf("notice %d is %s, want %s (%s)", i, got, want, keys[i])
			}
		}
	}
}

// noticeScenarios: the unread count in every page's header, the list of
// one's own notices, opening one (marked read, then its link), marking all
// read — and nobody sees or marks another user's notices.
func noticeScenarios() []scenario {
	return []scenario{
		{name: "header: unread count", role: "officer", method: "GET", path: "/", status: 200,
			text: map[string]string{"nav a.notices-link[href=/notices] .unread-count": "3"}},
		{name: "header: the count on the 404 page too", role: "officer", method: "GET", path: "/khong-co", status: 404,
			text: map[string]string{"nav a.notices-link .unread-count": "3"}},
		{name: "header: nothing unread, no number", role: "leader", method: "GET", path: "/plans", status: 200,
			sel: []string{"nav a.notices-link[href=/notices]"}, none: []string{".unread-count"}},
		{name: "header: visitors have none", role: "anon", method: "GET", path: "/login", status: 200, none: []string{"a.notices-link"}},
		{name: "notices: anon goes to sign-in", role: "anon", method: "GET", path: "/notices", status: 303, loc: toLogin + "%2Fnotices"},
		{name: "notices: anon cannot mark", role: "anon", method: "POST", path: "/notices/{n2}/read", form: form(), status: 303, loc: toLogin,
			then: unreadOf("officer", 3)},

		{name: "notice list", role: "officer", method: "GET", path: "/notices", status: 200,
			sel: []string{"nav a.notices-link[aria-current=page]", "form.read-all-form[method=post][action=/notices/read-all]",
				"li.notice.unread[data-notice={n2}] form[method=post][action=/notices/{n2}/read] button",
				"li.notice[data-notice={n2}] .notice-kind.badge-orange", "li.notice[data-notice={n3}] .notice-kind.badge-red",
				"li.notice[data-notice={n1}] a.notice-link[href=/plans/{plan}]"},
			none: []string{"li.notice[data-notice={nhead}]", "li.notice.unread[data-notice={n1}]", "li.notice[data-notice={n1}] form",
				"a[href*=evil]"},
			count: map[string]int{"li.notice": 4, "li.notice.unread": 3, "li.notice.unread .unread-mark": 3},
			text: map[string]string{"li.notice[data-notice={n2}] .notice-text": "còn 9 ngày", "li.notice[data-notice={n4}] .notice-open button": "Đánh dấu đã đọc",
				".tabs a[href*=unread]": "Chưa đọc (3)"},
			then: noticeOrder("n4", "n3", "n2", "n1")},
		{name: "notice list: unread only", role: "officer", method: "GET", path: "/notices?show=unread", status: 200,
			sel: []string{".tabs a[href*=unread][aria-current=page]"}, count: map[string]int{"li.notice": 3, "li.notice.unread": 3},
			then: noticeOrder("n4", "n3", "n2")},
		{name: "notice list: the head's own", role: "head", method: "GET", path: "/notices", status: 200,
			count: map[string]int{"li.notice": 1, "li.notice.unread[data-notice={nhead}]": 1}},
		{name: "notice list: none yet", role: "leader", method: "GET", path: "/notices", status: 200,
			sel: []string{"p.empty"}, none: []string{"form.read-all-form"}, count: map[string]int{"li.notice": 0}},

		// Another user's notice: not found, and stays unread.
		{name: "another user's notice cannot be marked", role: "officer", method: "POST", path: "/notices/{nhead}/read", form: form(), status: 404,
			sel: []string{msgNotFound}, then: unreadOf("head", 1)},
		{name: "an unknown notice", role: "officer", method: "POST", path: "/notices/999999/read", form: form(), status: 404},
		{name: "a notice ID that is no number", role: "officer", method: "POST", path: "/notices/abc/read", form: form(), status: 404,
			then: unreadOf("officer", 3)},

		// Opening a notice marks it read and follows its link.
		{name: "open a notice", role: "officer", method: "POST", path: "/notices/{n2}/read", form: form(), status: 303, loc: "/plans/{plan}$",
			then: unreadOf("officer", 2)},
		{name: "header: one fewer", role: "officer", method: "GET", path: "/plans/{plan}", status: 200,
			text: map[string]string{"nav a.notices-link .unread-count": "2"}},
		{name: "opened notice is read", role: "officer", method: "GET", path: "/notices", status: 200,
			sel: []string{"li.notice[data-notice={n2}] a.notice-link[href=/plans/{plan}]"}, none: []string{"li.notice.unread[data-notice={n2}]"},
			count: map[string]int{"li.notice.unread": 2}},
		{name: "opening a read notice again still follows it", role: "officer", method: "POST", path: "/notices/{n2}/read", form: form(), status: 303, loc: "/plans/{plan}$"},
		{name: "a link off the site is not followed", role: "officer", method: "POST", path: "/notices/{n3}/read", form: form(), status: 303, loc: "/notices$",
			then: unreadOf("officer", 1)},

		// Mark all read: only one's own.
		{name: "mark all read", role: "officer", method: "POST", path: "/notices/read-all", form: form(), status: 303, loc: "/notices?done=read-all$",
			then: func(t *testing.T, a *app, r *response) {
				unreadOf("officer", 0)(t, a, r)
				unreadOf("head", 1)(t, a, r)
			}},
		{name: "all read: the number is gone", role: "officer", method: "GET", path: "/notices?done=read-all", status: 200,
			sel: []string{".alert-ok", "nav a.notices-link"}, none: []string{".unread-count", "form.read-all-form", "li.notice.unread"},
			count: map[string]int{"li.notice": 4}},
		{name: "all read: the head's count is theirs", role: "head", method: "GET", path: "/", status: 200,
			text: map[string]string{"nav a.notices-link .unread-count": "1"}},
		{name: "mark all read with nothing unread", role: "leader", method: "POST", path: "/notices/read-all", form: form(), status: 303, loc: "/notices?done=read-all$"},
	}
}

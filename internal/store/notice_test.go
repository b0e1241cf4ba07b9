package store

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
)

// seedUsers creates n leader accounts (no agency needed) and returns their IDs.
func seedUsers(t testing.TB, s *Store, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		u := auth.User{Username: "nguoi" + string(rune('a'+i)), Role: auth.RoleLeader}
		must(t, s.CreateUser(context.Background(), 0, &u, ""))
		ids[i] = u.ID
	}
	return ids
}

func TestNotices(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := seedUsers(t, s, 2)
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		var ids []int64
		for i, text := range []string{"Nhắc hạn thứ nhất", "Quá hạn 1 ngày", "Tổng hợp tuần"} {
			n := notify.Notice{UserID: u[0], CreatedAt: t0.Add(time.Duration(i) * time.Hour), Kind: "before", Text: text, Link: "/reports/1"}
			must(t, s.AddNotice(ctx, &n))
			if n.ID == 0 {
				t.Fatal("AddNotice did not set the ID")
			}
			ids = append(ids, n.ID)
		}
		other := notify.Notice{UserID: u[1], Kind: "digest", Text: "Của người khác"}
		must(t, s.AddNotice(ctx, &other))
		if other.CreatedAt.IsZero() {
			t.Error("AddNotice did not set CreatedAt")
		}
		wantErr(t, s.AddNotice(ctx, &notify.Notice{UserID: 9999, Kind: "x", Text: "x"}), ErrReference)

		list, err := s.Notices(ctx, u[0], false, 0)
		must(t, err)
		if len(list) != 3 || list[0].Text != "Tổng hợp tuần" || !list[2].CreatedAt.Equal(t0) || list[2].Link != "/reports/1" || !list[0].Unread() {
			t.Fatalf("Notices = %+v", list)
		}
		n, err := s.UnreadNotices(ctx, u[0])
		must(t, err)
		if n != 3 {
			t.Errorf("UnreadNotices = %d, want 3", n)
		}

		read := t0.Add(24 * time.Hour)
		link, err := s.MarkNoticeRead(ctx, u[0], ids[1], read)
		must(t, err)
		if link != "/reports/1" {
			t.Errorf("MarkNoticeRead gave the link %q, want /reports/1", link)
		}
		_, err = s.MarkNoticeRead(ctx, u[0], ids[1], read.Add(time.Hour)) // again: keeps the first time
		must(t, err)
		_, err = s.MarkNoticeRead(ctx, u[1], ids[0], read) // another user's notice
		wantErr(t, err, ErrNotFound)
		_, err = s.MarkNoticeRead(ctx, u[0], 9999, read)
		wantErr(t, err, ErrNotFound)
		unread, err := s.Notices(ctx, u[0], true, 10)
		must(t, err)
		if len(unread) != 2 || unread[0].ID != ids[2] || unread[1].ID != ids[0] {
			t.Errorf("unread = %+v", unread)
		}
		all, err := s.Notices(ctx, u[0], false, 10)
		must(t, err)
		if !all[1].ReadAt.Equal(read) {
			t.Errorf("read_at = %v, want %v", all[1].ReadAt, read)
		}

		m, err := s.MarkAllNoticesRead(ctx, u[0], read)
		must(t, err)
		if m != 2 {
			t.Errorf("MarkAllNoticesRead = %d, want 2", m)
		}
		if n, _ := s.UnreadNotices(ctx, u[0]); n != 0 {
			t.Errorf("%d unread after marking all", n)
		}
		if n, _ := s.UnreadNotices(ctx, u[1]); n != 1 {
			t.Errorf("the other user's notice was marked read")
		}

		purged, err := s.PurgeNotices(ctx, read.Add(time.Minute))
		must(t, err)
		if purged != 3 {
			t.Errorf("PurgeNotices = %d, want 3", purged)
		}
		if list, _ := s.Notices(ctx, u[1], false, 10); len(list) != 1 {
			t.Errorf("an unread notice was purged")
		}
	})
}

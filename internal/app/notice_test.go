package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/notify"
)

// TestNoticeUseCases: each user reads and marks only their own notices.
func TestNoticeUseCases(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	mine := notify.Notice{UserID: f.officer.ID, Kind: "before", Text: "Báo cáo Quý III/2025 sắp đến hạn.", Link: "/reports/1"}
	theirs := notify.Notice{UserID: f.head.ID, Kind: "overdue", Text: "Báo cáo Quý II/2025 đã quá hạn."}
	for _, n := range []*notify.Notice{&mine, &theirs, {UserID: f.officer.ID, Kind: "digest", Text: "Tổng hợp tuần"}} {
		if err := f.store.AddNotice(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := f.app.UnreadNotices(ctx, f.officer); err != nil || n != 2 {
		t.Fatalf("unread = %d, %v", n, err)
	}
	if n, err := f.app.UnreadNotices(ctx, nil); err != nil || n != 0 {
		t.Errorf("nobody's unread = %d, %v", n, err)
	}
	if _, err := f.app.ReadNotice(ctx, f.officer, theirs.ID); !errors.Is(err, derrors.NotFound) {
		t.Errorf("another user's notice: %v, want NotFound", err)
	}
	if link, err := f.app.ReadNotice(ctx, f.officer, mine.ID); err != nil || link != "/reports/1" {
		t.Errorf("read = %q, %v", link, err)
	}
	if list, err := f.app.Notices(ctx, f.officer, true, 10); err != nil || len(list) != 1 || list[0].KindLabel() != "Tổng hợp tuần" {
		t.Errorf("unread list = %+v, %v", list, err)
	}
	if n, err := f.app.ReadAllNotices(ctx, f.officer); err != nil || n != 1 {
		t.Errorf("read all = %d, %v", n, err)
	}
	if _, err := f.app.Notices(ctx, nil, false, 10); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody's notices: %v", err)
	}
}

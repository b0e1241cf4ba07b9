package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
)

// Notices lists by's own in-app notices, newest first: all of them or,
// with unreadOnly, the unread ones; at most limit (1–200).
func (a *App) Notices(ctx context.Context, by *auth.User, unreadOnly bool, limit int) ([]notify.Notice, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	return a.store.Notices(ctx, by.ID, unreadOnly, limit)
}

// NoticePage is Notices with how many notices match in all (total).
func (a *App) NoticePage(ctx context.Context, by *auth.User, unreadOnly bool, limit int) (list []notify.Notice, total int, err error) {
	if list, err = a.Notices(ctx, by, unreadOnly, limit); err != nil {
		return nil, 0, err
	}
	if unreadOnly {
		total, err = a.store.UnreadNotices(ctx, by.ID)
	} else {
		total, err = a.store.CountNotices(ctx, by.ID)
	}
	return list, total, err
}

// UnreadNotices counts by's unread notices, for the number every page's
// header shows beside "Thông báo"; 0 for nobody signed in.
func (a *App) UnreadNotices(ctx context.Context, by *auth.User) (int, error) {
	if by == nil {
		return 0, nil
	}
	return a.store.UnreadNotices(ctx, by.ID)
}

// ReadNotice marks one of by's notices read and returns its link (as
// stored: the edge decides whether to follow it). Another user's notice is
// NotFound: the store matches the notice and the user together.
func (a *App) ReadNotice(ctx context.Context, by *auth.User, id int64) (link string, err error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return "", err
	}
	return a.store.MarkNoticeRead(ctx, by.ID, id, a.clock.Now())
}

// ReadAllNotices marks every unread notice of by's read and returns how
// many.
func (a *App) ReadAllNotices(ctx context.Context, by *auth.User) (int64, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return 0, err
	}
	return a.store.MarkAllNoticesRead(ctx, by.ID, a.clock.Now())
}

package notify

import "time"

// Notice is an in-app notice: a line in a user's notice list, with a link
// to what it is about, unread until the user opens or dismisses it.
type Notice struct {
	ID        int64
	UserID    int64
	CreatedAt time.Time
	Kind      string // "before", "overdue", "digest" for reminders; the flow's kinds (flow.go)
	Text      string
	Link      string    // a path inside the application, "" for none
	ReadAt    time.Time // zero while unread
}

// Unread reports whether the user has not read n yet.
func (n Notice) Unread() bool { return n.ReadAt.IsZero() }

// KindLabel names a notice's kind in Vietnamese; "" for kinds without a
// label.
func (n Notice) KindLabel() string {
	switch n.Kind {
	case KindReportSubmitted:
		return "Báo cáo chờ tiếp nhận"
	case KindReportReturned:
		return "Báo cáo bị trả lại"
	case KindReportAccepted:
		return "Báo cáo đã tiếp nhận"
	case KindExtensionDecided:
		return "Đề nghị đã có quyết định"
	case kindBefore:
		return "Sắp đến hạn"
	case kindOverdue:
		return "Quá hạn"
	case kindDigest:
		return "Tổng hợp tuần"
	}
	return ""
}

package plan

// TEMPORARY SCAFFOLD: signatures of the text readers; the real ones replace
// this file (parse_deadline.go, cite.go, title.go).

import "errors"

// ErrDeadline is wrapped by ParseDeadline's errors: the words are not a deadline form it knows.
var ErrDeadline = errors.New("không đọc được thời hạn")

// ParseDeadline reads a whole deadline phrase ("Quý II/2025", "trong tháng
// 5/2025", "thường xuyên", "2025-2030") into a Deadline keeping the original
// words in Text. Empty text gives the zero Deadline and no error.
func ParseDeadline(text string) (Deadline, error) { return Deadline{Text: text}, nil }

// FindDeadline looks inside a task paragraph for a stated deadline
// ("Thời gian hoàn thành: trong tháng 5/2025", "hoàn thành trước 30/6/2025",
// "thực hiện thường xuyên") and returns it; ok is false when there is none.
func FindDeadline(paragraph string) (d Deadline, ok bool) { return Deadline{}, false }

// FindReferences returns the legal documents cited in text, in order of
// first appearance, each once.
func FindReferences(text string) []Reference { return nil }

// TitleFromText derives a short title (at most about 120 characters, cut at a
// word boundary, without trailing punctuation) from a task paragraph.
func TitleFromText(text string) string { return text }

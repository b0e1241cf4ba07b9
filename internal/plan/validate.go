package plan

import (
	"slices"
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// FieldErrors maps a field name (the API's JSON name: "text", "deadline_text",
// "lead_agency_id", …) to a Vietnamese message saying what is wrong and how to fix it.
type FieldErrors map[string]string

// Limits on task fields, generous for real plans, bounded against abuse.
const (
	MaxTaskText    = 20000
	MaxTaskTitle   = 500
	MaxTaskProduct = 2000
)

// NormalizeTask cleans a task as typed by a person before it is validated
// and stored: NFC text, trimmed fields, a title derived from the text when
// empty, and the deadline read from its words. A deadline that cannot be
// read is reported by ValidateTask, not here.
func NormalizeTask(t *Task) {
	t.Text = strings.TrimSpace(vntext.NFC(t.Text))
	t.Title = strings.TrimSpace(vntext.NFC(t.Title))
	t.Product = strings.TrimSpace(vntext.NFC(t.Product))
	t.Deadline.Text = strings.TrimSpace(vntext.NFC(t.Deadline.Text))
	if t.Title == "" && t.Text != "" {
		t.Title = TitleFromText(t.Text)
	}
	if d, err := ParseDeadline(t.Deadline.Text); err == nil {
		t.Deadline = d
	}
	slices.Sort(t.CooperatingAgencyIDs)
	t.CooperatingAgencyIDs = slices.Compact(t.CooperatingAgencyIDs)
}

// ValidateTask checks a normalised task and returns the problems found,
// keyed by field; nil when the task can be stored. Whether agencies and the
// section exist is the caller's check (it needs the store).
func ValidateTask(t *Task) FieldErrors {
	fe := FieldErrors{}
	if t.SectionID <= 0 {
		fe["section_id"] = "Hãy chọn mục (nhóm nhiệm vụ) chứa nhiệm vụ."
	}
	switch n := utf8.RuneCountInString(t.Text); {
	case n == 0:
		fe["text"] = "Hãy nhập nội dung nhiệm vụ."
	case n > MaxTaskText:
		fe["text"] = "Nội dung nhiệm vụ quá dài (tối đa 20.000 ký tự)."
	}
	if utf8.RuneCountInString(t.Title) > MaxTaskTitle {
		fe["title"] = "Tên ngắn quá dài (tối đa 500 ký tự)."
	}
	if utf8.RuneCountInString(t.Product) > MaxTaskProduct {
		fe["product"] = "Sản phẩm quá dài (tối đa 2.000 ký tự)."
	}
	if t.Deadline.Text != "" {
		if _, err := ParseDeadline(t.Deadline.Text); err != nil {
			fe["deadline_text"] = err.Error()
		}
	}
	if t.LeadAgencyID < 0 {
		fe["lead_agency_id"] = "Cơ quan chủ trì không hợp lệ."
	}
	for _, id := range t.CooperatingAgencyIDs {
		if id <= 0 {
			fe["cooperating_agency_ids"] = "Danh sách cơ quan phối hợp có mã không hợp lệ."
			break
		}
		if id == t.LeadAgencyID {
			fe["cooperating_agency_ids"] = "Cơ quan chủ trì không đồng thời là cơ quan phối hợp."
			break
		}
	}
	if t.Progress < 0 || t.Progress > 100 {
		fe["progress"] = "Tiến độ phải từ 0 đến 100%."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

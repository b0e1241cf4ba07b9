package reporting

import (
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// MaxText bounds every free-text field of a report, generous for real
// reports, bounded against abuse.
const MaxText = 20000

// NormalizeEntry cleans an entry as typed: NFC, trimmed texts, 100% for a
// completed task, no completion date unless completed, no reason unless
// paused or cancelled.
func NormalizeEntry(e *Entry) {
	for _, p := range []*string{&e.Result, &e.Evidence, &e.Difficulties, &e.Proposals, &e.Reason, &e.Explanation} {
		*p = strings.TrimSpace(vntext.NFC(*p))
	}
	if e.Status == plan.ClaimCompleted {
		e.Percent = 100
	} else {
		e.CompletedOn = time.Time{}
	}
	if !e.Status.NeedsReason() {
		e.Reason = ""
	}
	if !e.CompletedOn.IsZero() {
		e.CompletedOn = clock.DateOf(e.CompletedOn)
	}
}

// ValidateEntry checks a normalised entry saved on day today; nil when it
// can be saved as a draft line. The status may still be empty in a draft
// (ValidateForSubmit requires it). Keys are the API's field names.
func ValidateEntry(e *Entry, today time.Time) plan.FieldErrors {
	fe := plan.FieldErrors{}
	if e.Status != plan.ClaimNone && !e.Status.Valid() {
		fe["status"] = "Tình trạng không hợp lệ: chọn chưa triển khai, đang thực hiện, đã hoàn thành, tạm dừng hoặc không thực hiện."
	}
	if e.Percent < 0 || e.Percent > 100 {
		fe["percent"] = "Tiến độ phải từ 0 đến 100%."
	}
	if e.Status == plan.ClaimCompleted {
		switch {
		case e.CompletedOn.IsZero():
			fe["completed_on"] = "Hãy nhập ngày hoàn thành."
		case e.CompletedOn.After(clock.DateOf(today)):
			fe["completed_on"] = "Ngày hoàn thành không được sau ngày hôm nay."
		}
	}
	if e.Status.NeedsReason() && e.Reason == "" {
		fe["reason"] = "Hãy ghi rõ lý do " + strings.ToLower(e.Status.Label()) + "."
	}
	for _, f := range []struct{ key, text string }{
		{"result", e.Result}, {"evidence", e.Evidence}, {"difficulties", e.Difficulties},
		{"proposals", e.Proposals}, {"reason", e.Reason}, {"explanation", e.Explanation},
	} {
		if utf8.RuneCountInString(f.text) > MaxText {
			fe[f.key] = "Nội dung quá dài (tối đa 20.000 ký tự)."
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// CheckEntry normalises and validates an entry: nil, or an *InvalidError
// (errors.Is ErrInvalid) with the field errors.
func CheckEntry(e *Entry, today time.Time) error {
	NormalizeEntry(e)
	return invalid(ErrInvalid, ValidateEntry(e, today))
}

// ValidateForSubmit checks that a report can be sent: every entry states
// the task's status. Fields are keyed "entries.<task id>". It returns nil
// or an *InvalidError matching ErrIncomplete.
func ValidateForSubmit(r *Report) error {
	fe := plan.FieldErrors{}
	for _, e := range r.Entries {
		if e.Status == plan.ClaimNone {
			fe[entryKey(e.TaskID)] = "Chưa khai tình trạng thực hiện nhiệm vụ."
		}
	}
	return invalid(ErrIncomplete, fe)
}

func entryKey(taskID int64) string { return "entries." + itoa(taskID) }

// NormalizeTexts cleans the free-text sections (NFC, trimmed).
func NormalizeTexts(t *Texts) {
	for _, p := range []*string{&t.Summary, &t.Difficulties, &t.Proposals, &t.NextTasks} {
		*p = strings.TrimSpace(vntext.NFC(*p))
	}
}

// CheckTexts normalises and validates the free-text sections.
func CheckTexts(t *Texts) error {
	NormalizeTexts(t)
	fe := plan.FieldErrors{}
	for _, f := range []struct{ key, text string }{
		{"summary", t.Summary}, {"difficulties", t.Difficulties}, {"proposals", t.Proposals}, {"next_tasks", t.NextTasks},
	} {
		if utf8.RuneCountInString(f.text) > MaxText {
			fe[f.key] = "Nội dung quá dài (tối đa 20.000 ký tự)."
		}
	}
	return invalid(ErrInvalid, fe)
}

// CheckContribution normalises and validates a contribution's text.
func CheckContribution(c *Contribution) error {
	c.Text = strings.TrimSpace(vntext.NFC(c.Text))
	if utf8.RuneCountInString(c.Text) > MaxText {
		return invalid(ErrInvalid, plan.FieldErrors{"text": "Nội dung quá dài (tối đa 20.000 ký tự)."})
	}
	return nil
}

// CheckValue normalises and validates an indicator value.
func CheckValue(v *IndicatorValue) error {
	v.Note = strings.TrimSpace(vntext.NFC(v.Note))
	if utf8.RuneCountInString(v.Note) > MaxText {
		return invalid(ErrInvalid, plan.FieldErrors{"note": "Ghi chú quá dài (tối đa 20.000 ký tự)."})
	}
	return nil
}

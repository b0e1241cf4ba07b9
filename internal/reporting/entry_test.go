package reporting

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo/internal/plan"
)

func TestCheckEntry(t *testing.T) {
	today := d(2026, 6, 15)
	for _, c := range []struct {
		name   string
		e      Entry
		fields []string
	}{
		{"a draft line without status", Entry{Result: "Đang làm"}, nil},
		{"in progress", Entry{Status: plan.ClaimInProgress, Percent: 40, Result: "Đã ban hành kế hoạch"}, nil},
		{"completed with its date", Entry{Status: plan.ClaimCompleted, CompletedOn: d(2026, 6, 1)}, nil},
		{"completed without a date", Entry{Status: plan.ClaimCompleted}, []string{"completed_on"}},
		{"completed in the future", Entry{Status: plan.ClaimCompleted, CompletedOn: d(2026, 6, 16)}, []string{"completed_on"}},
		{"paused without reason", Entry{Status: plan.ClaimPaused, Reason: "   "}, []string{"reason"}},
		{"cancelled without reason", Entry{Status: plan.ClaimCancelled}, []string{"reason"}},
		{"cancelled with reason", Entry{Status: plan.ClaimCancelled, Reason: "Không còn phù hợp"}, nil},
		{"unknown status", Entry{Status: "done"}, []string{"status"}},
		{"percent out of range", Entry{Status: plan.ClaimInProgress, Percent: 101}, []string{"percent"}},
		{"negative percent", Entry{Percent: -1}, []string{"percent"}},
		{"result too long", Entry{Result: strings.Repeat("ă", MaxText+1)}, []string{"result"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := c.e
			err := CheckEntry(&e, today)
			var ie *InvalidError
			if len(c.fields) == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v", err)
			}
			for _, f := range c.fields {
				if ie.Fields[f] == "" {
					t.Errorf("no message for %s: %v", f, ie.Fields)
				}
			}
			if len(ie.Fields) != len(c.fields) {
				t.Errorf("fields %v, want %v", ie.Fields, c.fields)
			}
		})
	}
}

func TestNormalizeEntry(t *testing.T) {
	e := Entry{Status: plan.ClaimCompleted, Percent: 60, CompletedOn: time.Date(2026, 6, 1, 15, 0, 0, 0, time.UTC),
		Reason: "không cần", Result: "  Hoa\u0300n tha\u0300nh  "}
	NormalizeEntry(&e)
	if e.Percent != 100 || e.Reason != "" || !e.CompletedOn.Equal(d(2026, 6, 1)) || e.Result != "Hoàn thành" {
		t.Errorf("normalised %+v", e)
	}
	e = Entry{Status: plan.ClaimInProgress, CompletedOn: d(2026, 6, 1), Reason: "x"}
	NormalizeEntry(&e)
	if !e.CompletedOn.IsZero() || e.Reason != "" {
		t.Errorf("normalised %+v", e)
	}
}

func TestValidateForSubmit(t *testing.T) {
	r := &Report{Entries: []Entry{{TaskID: 3, Status: plan.ClaimInProgress}, {TaskID: 5}, {TaskID: 8}}}
	err := ValidateForSubmit(r)
	var ie *InvalidError
	if !errors.Is(err, ErrIncomplete) || !errors.As(err, &ie) || len(ie.Fields) != 2 || ie.Fields["entries.5"] == "" {
		t.Errorf("err %v", err)
	}
	r.Entries[1].Status, r.Entries[2].Status = plan.ClaimNotStarted, plan.ClaimCompleted
	if err := ValidateForSubmit(r); err != nil {
		t.Error(err)
	}
	if err := ValidateForSubmit(&Report{}); err != nil {
		t.Errorf("a report without led tasks: %v", err)
	}
}

func TestCheckTextsAndValues(t *testing.T) {
	tx := Texts{Summary: " Kết quả ", NextTasks: strings.Repeat("a", MaxText+1)}
	var ie *InvalidError
	if err := CheckTexts(&tx); !errors.As(err, &ie) || ie.Fields["next_tasks"] == "" || tx.Summary != "Kết quả" {
		t.Errorf("texts %v %+v", err, tx)
	}
	c := Contribution{Text: strings.Repeat("a", MaxText+1)}
	if err := CheckContribution(&c); !errors.Is(err, ErrInvalid) {
		t.Error("long contribution accepted")
	}
	v := IndicatorValue{Note: " ghi chú "}
	if err := CheckValue(&v); err != nil || v.Note != "ghi chú" {
		t.Errorf("value %v %+v", err, v)
	}
}

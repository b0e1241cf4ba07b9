package app

import (
	"testing"
	"time"

	"tiendo/internal/reporting"
)

// TestFlowStep reads the audit details the store writes, and the older
// shapes some data still has, into one step.
func TestFlowStep(t *testing.T) {
	logged := time.Date(2025, 9, 1, 4, 0, 0, 0, time.UTC)
	s := flowStep(reporting.ActSubmit, logged, 7, `{"state": {"old": "draft", "new": "submitted"}, "on_time": false, "at": "2025-09-01T03:00:00.000000Z"}`)
	if s.State != reporting.StateSubmitted || s.OnTime == nil || *s.OnTime || s.At.Hour() != 3 || s.By != 7 {
		t.Errorf("submit %+v", s)
	}
	s = flowStep(reporting.ActReturn, logged, 2, `{"return_reason": {"old": "", "new": " Thiếu số liệu "}}`)
	if s.Reason != "Thiếu số liệu" || s.State != reporting.StateReturned || !s.At.Equal(logged) {
		t.Errorf("return %+v", s)
	}
	s = flowStep(reporting.ActRevise, logged, 3, `not json`)
	if s.State != reporting.StateAccepted || !s.At.Equal(logged) || s.Reason != "" || s.OnTime != nil {
		t.Errorf("revise %+v", s)
	}
}

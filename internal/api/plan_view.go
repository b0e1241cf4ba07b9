package api

import (
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// planJSON is a plan (kế hoạch) as the API shows it.
type planJSON struct {
	ID            int64   `json:"id"`
	Code          string  `json:"code"`
	IssuedOn      *string `json:"issued_on"`
	Issuer        string  `json:"issuer"`
	Level         string  `json:"level"`
	Title         string  `json:"title"`
	DisplayName   string  `json:"display_name"`  // plan.Plan.Name
	DisplayTitle  string  `json:"display_title"` // plan.Plan.DisplayTitle
	Status        string  `json:"status"`
	ReplacesID    *int64  `json:"replaces_id"`
	Replaces      string  `json:"replaces"`
	ReportingRule string  `json:"reporting_rule"`
	CreatedAt     *string `json:"created_at"`
	UpdatedAt     *string `json:"updated_at"`
}

// sectionJSON is a section (mục, nhóm nhiệm vụ) of a plan's tree.
type sectionJSON struct {
	ID         int64  `json:"id"`
	PlanID     int64  `json:"plan_id"`
	ParentID   *int64 `json:"parent_id"`
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	Label      string `json:"label"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Order      int    `json:"order"`
	HoldsTasks bool   `json:"holds_tasks"`
	TaskCount  int    `json:"task_count"`
}

// planView is p as the API shows it; it points into p.
func planView(p *plan.Plan) planJSON {
	return planJSON{
		ID:            p.ID,
		Code:          p.Code,
		IssuedOn:      nullDate(p.IssuedOn),
		Issuer:        p.Issuer,
		Level:         string(p.Level),
		Title:         p.Title,
		DisplayName:   p.Name(),
		DisplayTitle:  p.DisplayTitle(),
		Status:        string(p.Status),
		ReplacesID:    nullID(&p.ReplacesID),
		Replaces:      p.Replaces,
		ReportingRule: p.ReportingRule,
		CreatedAt:     nullTime(p.CreatedAt),
		UpdatedAt:     nullTime(p.UpdatedAt),
	}
}

// sectionView is s as the API shows it; it points into s.
func sectionView(s *plan.Section) sectionJSON {
	return sectionJSON{
		ID:         s.ID,
		PlanID:     s.PlanID,
		ParentID:   nullID(&s.ParentID),
		Kind:       string(s.Kind),
		Number:     s.Number,
		Label:      s.Label,
		Title:      s.Title,
		Body:       s.Body,
		Order:      s.Ord,
		HoldsTasks: s.HoldsTasks,
		TaskCount:  s.TaskCount,
	}
}

// nullTime formats an instant as RFC 3339 in Vietnam's zone, nil for zero.
func nullTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(clock.Local).Format(time.RFC3339)
	return &s
}

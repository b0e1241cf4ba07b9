package figures

import (
	"time"

	"tiendo/internal/plan"
)

// Settings are a plan's traffic-light thresholds and early-warning lag
// (issue 4, point 1) with the version of their stored row: Version 0 (and
// DefaultSettings) for a plan whose coordinator never set them. Every
// figure of a plan is computed with them (Options), so that the dashboard,
// its downloads, the official report and the open data agree.
type Settings struct {
	PlanID int64
	Thresholds
	WarningLag float64 // percentage points, Options.LagPoints
	Version    int
	UpdatedAt  time.Time
	UpdatedBy  int64
}

// DefaultSettings are the settings of a plan without a stored row.
var DefaultSettings = Settings{
	Thresholds: Thresholds{Green: DefaultGreen, Amber: DefaultAmber},
	WarningLag: DefaultLagPoints,
}

// Options returns o with the settings' thresholds and warning lag.
func (s *Settings) Options(o Options) Options {
	o.Lights, o.LagPoints = s.Thresholds, s.WarningLag
	return o
}

// Validate checks the rules of settings a person sets: green above amber
// above 0, and a warning lag from 1 to 100 points. The problems are keyed
// by the field they are about ("green", "amber", "lag"), nil when there
// is none.
func (s *Settings) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	switch {
	case !(s.Green > 0):
		fe["green"] = "Phải lớn hơn 0."
	case !(s.Green > s.Amber) && s.Amber > 0:
		fe["green"] = "Ngưỡng xanh phải lớn hơn ngưỡng vàng."
	}
	if !(s.Amber > 0) {
		fe["amber"] = "Phải lớn hơn 0."
	}
	if !(s.WarningLag >= 1 && s.WarningLag <= 100) {
		fe["lag"] = "Độ chậm phải từ 1 đến 100 điểm phần trăm."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// RankingSetting is a plan's weights for the yearly ranking score (issue 4,
// point 3) with the version of their stored row: Version 0 (and
// DefaultWeights) for a plan whose coordinator never set them.
type RankingSetting struct {
	PlanID int64
	Weights
	Version   int
	UpdatedAt time.Time
	UpdatedBy int64
}

// Years a ranking may be asked for; outside them no year is ranked.
const (
	FirstRankingYear = 2000
	LastRankingYear  = 2100
)

// Package indicator holds chỉ tiêu: a plan's measurable targets with unit,
// direction, baseline, a target per year and the agency that answers for it.
// Values per period and aggregation come with reporting and dashboards.
package indicator

// Direction says which way is good.
type Direction string

// Directions.
const (
	Increase Direction = "increase" // higher is better (online services %, R&D spend)
	Decrease Direction = "decrease" // lower is better (late files %)
)

// Aggregation is how values of sub-agencies combine into a parent's value.
type Aggregation string

// Aggregation rules.
const (
	Sum     Aggregation = "sum"
	Average Aggregation = "average"
	Latest  Aggregation = "latest"
	Ratio   Aggregation = "ratio"
)

// Indicator is one chỉ tiêu of a plan.
type Indicator struct {
	ID          int64
	PlanID      int64
	Code        string // "CT01"
	Name        string
	Unit        string // "%", "tổ", "tỷ đồng"
	Direction   Direction
	Aggregation Aggregation
	Baseline    *float64        // giá trị cơ sở; nil when not stated
	BaselineYr  int             // year of the baseline; 0 when not stated
	Targets     map[int]float64 // target per year
	AgencyID    int64           // responsible agency; 0 while unassigned
}

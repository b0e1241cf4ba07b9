package reporting

import "tiendo/internal/plan"

// PlanName names the report's plan as people do (plan.Plan.Name): its
// number, else what it implements.
func (d DueReport) PlanName() string { return plan.Plan{Code: d.PlanCode, Title: d.PlanTitle}.Name() }

// PlanName names the coordinator's plan as people do (plan.Plan.Name).
func (w *CoordinatorWork) PlanName() string {
	return plan.Plan{Code: w.PlanCode, Title: w.PlanTitle}.Name()
}

package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Ranking is a plan's yearly ranking of agencies (khen thưởng, issue 4
// point 3) with what it was computed from.
type Ranking struct {
	Plan *plan.Plan
	Year int
	// AsOf is the day ranked on: the year's last day for a year gone by,
	// today otherwise (figures.RankingDay).
	AsOf time.Time
	// Weights are those in force (Version 0: figures.DefaultWeights).
	Weights *figures.RankingSetting
	Rows    []figures.RankRow
	// Agencies are the agencies the plan names, for their names now
	// (an agency that ended in a reorganisation and its successor).
	Agencies []agency.Agency
}

// PlanRanking ranks plan planID's agencies for year (0: this year) with
// the plan's weights, on figures.RankingDay. A year outside
// figures.FirstRankingYear…LastRankingYear is Invalid (field "year").
func (a *App) PlanRanking(ctx context.Context, by *auth.User, planID int64, year int) (_ *Ranking, err error) {
	defer derrors.Wrap(&err, "app.PlanRanking(plan %d, %d)", planID, year)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	today := a.Today()
	if year == 0 {
		year = today.Year()
	}
	if year < figures.FirstRankingYear || year > figures.LastRankingYear {
		return nil, derrors.InvalidFields(map[string]string{"year": msgRankingYear}, msgRankingYear)
	}
	ws, err := a.store.RankingWeights(ctx, planID)
	if err != nil {
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	asOf := figures.RankingDay(year, today)
	f, err := a.store.Facts(ctx, planID, asOf)
	if err != nil {
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	return &Ranking{Plan: &f.Plan, Year: year, AsOf: asOf, Weights: ws, Agencies: f.Agencies,
		Rows: figures.Ranking(f, year, asOf, ws.Weights)}, nil
}

// msgRankingYear refuses a year no ranking is computed for.
const msgRankingYear = "Năm xếp hạng phải từ 2000 đến 2100."

// PlanRankingWeights reads plan planID's ranking weights (Version 0: the
// defaults).
func (a *App) PlanRankingWeights(ctx context.Context, by *auth.User, planID int64) (*figures.RankingSetting, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	ws, err := a.store.RankingWeights(ctx, planID)
	return ws, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
}

// SaveRankingWeights sets plan planID's ranking weights, for editors.
// version is the version the person read (0: the defaults); when someone
// saved since, the answer is a Conflict and nothing is written. Weights
// that are negative or do not add up to 100 are Invalid, beside the weight
// at fault or under "sum". Returns the new version.
func (a *App) SaveRankingWeights(ctx context.Context, by *auth.User, planID int64, w figures.Weights, version int) (_ int, err error) {
	defer derrors.Wrap(&err, "app.SaveRankingWeights(plan %d)", planID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return 0, err
	}
	if _, err := a.Plan(ctx, planID); err != nil {
		return 0, err
	}
	if err := checkWeights(w); err != nil {
		return 0, err
	}
	v, err := a.store.SaveRankingWeights(ctx, userID(by), planID, w, version)
	switch {
	case errors.Is(err, derrors.Conflict):
		return 0, derrors.New(derrors.Conflict, "Người khác vừa lưu trọng số xếp hạng của kế hoạch này.")
	case err != nil:
		return 0, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	return v, nil
}

// checkWeights applies figures.Weights.Validate and words its refusal:
// each negative weight beside its field, else the sum.
func checkWeights(w figures.Weights) error {
	if w.Validate() == nil {
		return nil
	}
	fe := map[string]string{}
	for _, x := range []struct {
		key string
		v   float64
	}{{"on_time", w.OnTime}, {"timeliness", w.Timeliness}, {"indicators", w.Indicators}} {
		if x.v < 0 {
			fe[x.key] = "Trọng số không được âm."
		}
	}
	if len(fe) == 0 {
		fe["sum"] = "Ba trọng số phải cộng lại bằng 100 (hiện là " + pointsText(w.OnTime+w.Timeliness+w.Indicators) + ")."
	}
	return derrors.InvalidFields(fe, "")
}

// pointsText writes a number of points as people read it: "110", "12,5".
func pointsText(f float64) string {
	if f == float64(int64(f)) {
		return vntext.FormatNumber(f, 0)
	}
	return strings.TrimRight(strings.TrimRight(vntext.FormatNumber(f, 3), "0"), ",")
}

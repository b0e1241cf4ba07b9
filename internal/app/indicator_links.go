package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/vntext"
)

// An indicator feeds one upstream indicator at a time (the national target
// the province's figure counts towards): read with suggestions by name,
// set, with the links' history kept as for tasks.

// IndicatorLinks is a plan's indicators with their links to an upstream
// plan's indicators.
type IndicatorLinks struct {
	Plan      plan.Plan
	Upstream  *plan.Plan // the upstream plan shown; nil when none to link to
	Upstreams []plan.Plan
	Rows      []IndicatorLinkRow
	// Choices are the upstream plan's indicators, in code order.
	Choices []indicator.Indicator
}

// IndicatorLinkRow is one indicator with its current upstream indicator
// (of any plan), the one suggested among the upstream plan's, and its
// history.
type IndicatorLinkRow struct {
	Indicator indicator.Indicator
	Current   *indicator.Indicator
	Suggested *indicator.Indicator
	Score     float64
	History   []LinkEvent
}

// IndicatorLinks reads plan planID's indicators with their links and,
// among upstream plan upID's indicators (0: the first plan it may link
// to), a suggestion for each not linked: the one whose name is most alike
// (word pairs without diacritics, at rollup.MinScore or more), the same
// unit breaking ties.
func (a *App) IndicatorLinks(ctx context.Context, by *auth.User, planID, upID int64) (_ *IndicatorLinks, err error) {
	defer derrors.Wrap(&err, "app.IndicatorLinks(%d → %d)", planID, upID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	p, err := a.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	x := &IndicatorLinks{Plan: *p}
	if x.Upstreams, err = a.upstreamPlans(ctx, p); err != nil {
		return nil, err
	}
	for i := range x.Upstreams {
		if upID == 0 && i == 0 || x.Upstreams[i].ID == upID {
			x.Upstream = &x.Upstreams[i]
		}
	}
	own, err := a.store.Indicators(ctx, planID)
	if err != nil {
		return nil, err
	}
	links, err := a.store.IndicatorLinks(ctx, planID)
	if err != nil {
		return nil, err
	}
	if x.Upstream != nil {
		if x.Choices, err = a.store.Indicators(ctx, x.Upstream.ID); err != nil {
			return nil, err
		}
	}
	names, err := newLinkReader(a).userNames(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*indicator.Indicator{}
	for i := range x.Choices {
		byID[x.Choices[i].ID] = &x.Choices[i]
	}
	pairs := make([]plan.Pairs, len(x.Choices))
	for i := range x.Choices {
		pairs[i] = plan.PairsOf(x.Choices[i].Name)
	}
	for _, ind := range own {
		row := IndicatorLinkRow{Indicator: ind}
		for _, l := range links[ind.ID] {
			up := byID[l.UpstreamIndicatorID]
			if up == nil {
				if u, err := a.store.Indicator(ctx, l.UpstreamIndicatorID); err == nil {
					up = u
				}
			}
			title, code := "", ""
			if up != nil {
				title, code = up.Name, up.Code
			}
			row.History = append(row.History, LinkEvent{At: l.LinkedAt, By: names[l.LinkedBy], Linked: true, How: l.How,
				UpstreamTaskID: l.UpstreamIndicatorID, UpstreamTitle: title, PlanCode: code})
			if !l.Current() {
				row.History = append(row.History, LinkEvent{At: l.UnlinkedAt, By: names[l.UnlinkedBy], How: l.How,
					UpstreamTaskID: l.UpstreamIndicatorID, UpstreamTitle: title, PlanCode: code})
			} else {
				row.Current = up
			}
		}
		slices.SortStableFunc(row.History, func(a, b LinkEvent) int { return a.At.Compare(b.At) })
		if row.Current == nil && len(x.Choices) > 0 {
			own := plan.PairsOf(ind.Name)
			best := -1
			for i := range x.Choices {
				s := own.Similarity(pairs[i])
				if s < rollup.MinScore {
					continue
				}
				if best < 0 || s > row.Score || s == row.Score && sameUnit(ind, x.Choices[i]) && !sameUnit(ind, x.Choices[best]) {
					best, row.Score = i, s
				}
			}
			if best >= 0 {
				row.Suggested = &x.Choices[best]
			}
		}
		x.Rows = append(x.Rows, row)
	}
	slices.SortStableFunc(x.Choices, func(a, b indicator.Indicator) int { return cmp.Compare(a.Code, b.Code) })
	return x, nil
}

// sameUnit reports whether two indicators are counted in the same unit.
func sameUnit(a, b indicator.Indicator) bool {
	return strings.EqualFold(vntext.Fold(a.Unit), vntext.Fold(b.Unit))
}

// SetIndicatorLinks links each indicator of plan planID in set to the
// upstream indicator given (0: unlinks it), each in its own transaction
// with its audit row; the first refusal (an indicator not of the plan, an
// upstream indicator of the plan itself, of a lower level, of a plan not
// in force) stops with Invalid (field "indicator.<id>") and leaves the
// indicators after it as they were.
func (a *App) SetIndicatorLinks(ctx context.Context, by *auth.User, planID int64, set map[int64]int64, how rollup.How) (err error) {
	defer derrors.Wrap(&err, "app.SetIndicatorLinks(%d)", planID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	own, err := a.store.Indicators(ctx, planID)
	if err != nil {
		return err
	}
	var order []int64
	mine := map[int64]bool{}
	for _, ind := range own {
		mine[ind.ID] = true
		if _, ok := set[ind.ID]; ok {
			order = append(order, ind.ID)
		}
	}
	for id := range set {
		if !mine[id] {
			return derrors.InvalidFields(map[string]string{"indicator": "Chỉ tiêu mã " + vntext.FormatInt(int(id)) + " không thuộc kế hoạch này."}, "")
		}
	}
	for _, id := range order {
		err := a.store.SetIndicatorLink(ctx, userID(by), id, set[id], how)
		var le *rollup.LinkError
		switch {
		case errors.As(err, &le):
			msg := strings.Replace(le.Message(), "Nhiệm vụ mã", "Chỉ tiêu mã", 1)
			return derrors.InvalidFields(map[string]string{"indicator." + vntext.FormatInt(int(id)): msg}, msg)
		case errors.Is(err, derrors.ReadOnly):
			return derrors.New(derrors.ReadOnly, "Kế hoạch đã được thay thế hoặc đã kết thúc; chỉ còn để xem, không sửa được liên kết.")
		case err != nil:
			return err
		}
	}
	return nil
}

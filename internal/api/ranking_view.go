package api

import (
	"tiendo/internal/app"
	"tiendo/internal/figures"
)

// rankingJSON is GET /plans/{id}/ranking: figures.Ranking for clients.
type rankingJSON struct {
	PlanID  int64              `json:"plan_id"`
	Year    int                `json:"year"`
	AsOf    string             `json:"asof"`
	Weights rankingWeightsJSON `json:"weights"`
	Items   []rankRowJSON      `json:"items"`
}

// rankingWeightsJSON are the weights in force, points out of 100; version
// 0 for the defaults.
type rankingWeightsJSON struct {
	TasksOnTime float64 `json:"tasks_on_time"`
	Timeliness  float64 `json:"timeliness"`
	Indicators  float64 `json:"indicators"`
	Version     int     `json:"version"`
}

type rankRowJSON struct {
	Rank        int           `json:"rank"`
	AgencyID    int64         `json:"agency_id"`
	Agency      string        `json:"agency"`
	Score       float64       `json:"score"`
	TasksOnTime componentJSON `json:"tasks_on_time"`
	Timeliness  componentJSON `json:"timeliness"`
	Indicators  componentJSON `json:"indicators"`
}

// componentJSON is one part of a score: pct is num ÷ den × 100, null when
// den is 0 (the part does not apply and its weight goes to the others).
type componentJSON struct {
	Num float64  `json:"num"`
	Den float64  `json:"den"`
	Pct *float64 `json:"pct"`
}

func newComponentJSON(c figures.Component) componentJSON {
	out := componentJSON{Num: c.Num, Den: c.Den}
	if c.Rate != nil {
		p := *c.Rate * 100
		out.Pct = &p
	}
	return out
}

func rankingView(rk *app.Ranking) rankingJSON {
	ws := rk.Weights
	out := rankingJSON{PlanID: rk.Plan.ID, Year: rk.Year, AsOf: rk.AsOf.Format(dateLayout),
		Weights: rankingWeightsJSON{TasksOnTime: ws.OnTime, Timeliness: ws.Timeliness, Indicators: ws.Indicators, Version: ws.Version},
		Items:   make([]rankRowJSON, 0, len(rk.Rows))}
	for _, r := range rk.Rows {
		out.Items = append(out.Items, rankRowJSON{Rank: r.Rank, AgencyID: r.AgencyID, Agency: r.Name, Score: r.Score,
			TasksOnTime: newComponentJSON(r.OnTime), Timeliness: newComponentJSON(r.Timeliness), Indicators: newComponentJSON(r.Indicators)})
	}
	return out
}

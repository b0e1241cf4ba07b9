package api

import (
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/figures"
)

// Years a ranking may be asked for, as on the web page.
const minRankingYear, maxRankingYear = 2000, 2100

// rankingGet answers GET /plans/{id}/ranking: the yearly ranking of
// agencies (year=, default this year by the injected clock) with each
// component's counts and the weights in force. It takes the ranking page's
// path: the plan's stored weights, store.Facts on figures.RankingDay and
// figures.Ranking — the same numbers the page and its downloads show.
func (a *api) rankingGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	today := clock.Today(a.clock)
	year := today.Year()
	if s := strings.TrimSpace(r.URL.Query().Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < minRankingYear || y > maxRankingYear {
			return badRequest(map[string]string{"year": "year phải là năm từ 2000 đến 2100, ví dụ 2025."},
				"Tham số truy vấn không hợp lệ; xem từng tham số.")
		}
		year = y
	}
	asOf := figures.RankingDay(year, today)
	ws, err := a.store.RankingWeights(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	facts, err := a.store.Facts(r.Context(), id, asOf)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	return a.writeJSON(w, http.StatusOK, rankingView(id, year, asOf, ws, figures.Ranking(facts, year, asOf, ws.Weights)))
}

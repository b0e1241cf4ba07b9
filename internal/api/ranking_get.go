package api

import (
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/figures"
)

// Years a ranking may be asked for: the domain's (the web page's too).
const minRankingYear, maxRankingYear = figures.FirstRankingYear, figures.LastRankingYear

// rankingGet answers GET /plans/{id}/ranking: the yearly ranking of
// agencies (year=, default this year by the injected clock) with each
// component's counts and the weights in force. It is app.PlanRanking, as
// for the ranking page and its downloads: the same numbers.
func (a *api) rankingGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	year := 0
	if s := strings.TrimSpace(r.URL.Query().Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < minRankingYear || y > maxRankingYear {
			return badRequest(map[string]string{"year": "year phải là năm từ 2000 đến 2100, ví dụ 2025."},
				"Tham số truy vấn không hợp lệ; xem từng tham số.")
		}
		year = y
	}
	rk, err := a.app.PlanRanking(r.Context(), u, id, year)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, rankingView(rk))
}

package web

import "net/http"

// rankingShow shows the plan's ranking of agencies for a year (year=,
// default this year): rank, score and each component's counts and rate,
// the method in words and the weights in force; editors also get the
// weights form.
func (h *handler) rankingShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	year, err := rankingYear(r)
	if err != nil {
		return err
	}
	v, err := h.loadRanking(r, id, year, nil)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("saved") == "1" {
		v.Form.Notice = "Đã lưu trọng số; bảng xếp hạng đã được tính lại theo trọng số mới."
	}
	return h.render(w, r, http.StatusOK, "ranking", rankingPage(v))
}

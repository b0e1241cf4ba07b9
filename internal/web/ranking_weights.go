package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/derrors"
	"tiendo/internal/figures"
)

// msgRankingConflict is shown when someone else saved the weights since
// the form was opened.
const msgRankingConflict = "Người khác vừa lưu trọng số xếp hạng của kế hoạch này (xem bản đã lưu bên dưới). " +
	"Những gì bạn nhập vẫn được giữ: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."

// rankingWeightsSave saves the plan's ranking weights
// (app.SaveRankingWeights). The version read with the form guards against
// overwriting someone else's save: on a conflict the input is kept, the
// other save is shown beside it and the form takes the new version.
// Errors re-show the ranking page (computed with the weights in force)
// with the messages beside the fields.
func (h *handler) rankingWeightsSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := &rankingForm{}
	if err := readRankingForm(w, r, f); err != nil {
		return err
	}
	year := f.Year
	if year < figures.FirstRankingYear || year > figures.LastRankingYear {
		if year, err = rankingYear(r); err != nil {
			return err
		}
	}
	if year == 0 {
		year = h.app.Today().Year()
	}
	ctx, by := r.Context(), h.user(r)
	fail := func(status int) error {
		v, err := h.loadRanking(r, id, year, f)
		if err != nil {
			return err
		}
		return reshow(status, "ranking", rankingPage(v))
	}
	weights, fe := f.weights()
	if fe != nil {
		f.Errors = fe
		return fail(http.StatusUnprocessableEntity)
	}
	_, err = h.app.SaveRankingWeights(ctx, by, id, weights, f.Version)
	if f.Errors = invalidFields(err); f.Errors != nil {
		return fail(http.StatusUnprocessableEntity)
	}
	if errors.Is(err, derrors.Conflict) {
		theirs, rerr := h.app.PlanRankingWeights(ctx, by, id)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version = msgRankingConflict, theirs, theirs.Version
		return fail(http.StatusConflict)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/ranking?year="+strconv.Itoa(year)+"&saved=1", http.StatusSeeOther)
	return nil
}

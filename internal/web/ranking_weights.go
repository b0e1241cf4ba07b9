package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/figures"
	"tiendo/internal/store"
)

// msgRankingConflict is shown when someone else saved the weights since
// the form was opened.
const msgRankingConflict = "Người khác vừa lưu trọng số xếp hạng của kế hoạch này (xem bản đã lưu bên dưới). " +
	"Những gì bạn nhập vẫn được giữ: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."

// rankingWeightsSave saves the plan's ranking weights. The version read
// with the form guards against overwriting someone else's save: on a
// conflict the input is kept, the other save is shown beside it and the
// form takes the new version. Errors re-show the ranking page (computed
// with the weights in force) with the messages beside the fields.
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
	if year < minRankingYear || year > maxRankingYear {
		if year, err = h.rankingYear(r); err != nil {
			return err
		}
	}
	ctx := r.Context()
	if _, err := h.store.Plan(ctx, id); err != nil {
		return err
	}
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
	_, err = h.store.SaveRankingWeights(ctx, actorID(r), id, weights, f.Version)
	switch {
	case errors.Is(err, figures.ErrWeights):
		f.Errors = map[string]string{"sum": msgWeightRule}
		return fail(http.StatusUnprocessableEntity)
	case errors.Is(err, store.ErrConflict):
		theirs, rerr := h.store.RankingWeights(ctx, id)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version = msgRankingConflict, theirs, theirs.Version
		return fail(http.StatusConflict)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/ranking?year="+strconv.Itoa(year)+"&saved=1", http.StatusSeeOther)
	return nil
}

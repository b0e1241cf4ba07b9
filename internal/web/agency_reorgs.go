package web

import (
	"net/http"
	"time"

	"tiendo/internal/agency"
)

// reorgRecordRow is an applied reorganisation as the history lists it.
type reorgRecordRow struct {
	agency.ReorgRecord
	By       string    // who applied it
	Undoable bool      // today is before its undo deadline and it is not undone
	Others   int       // how many others were applied with it (a mapping), undone with it
	LastDay  time.Time // the last day it can be undone
}

// reorgHistory is the reorganisations page: every one applied, last
// first; Undone is set after an undo.
type reorgHistory struct {
	Rows   []reorgRecordRow
	Undone bool
}

// agencyReorgs lists the reorganisations applied, with their undo state.
func (h *handler) agencyReorgs(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.Reorganisations(r.Context(), h.user(r))
	if err != nil {
		return err
	}
	rows, err := h.reorgRows(r, list)
	if err != nil {
		return err
	}
	v := reorgHistory{Rows: rows, Undone: r.URL.Query().Get("undone") == "1"}
	return h.render(w, r, http.StatusOK, "agency_reorgs", &page{Title: "Lịch sử sắp xếp tổ chức", Nav: "agencies", Data: v})
}

// reorgRows adds to each record who applied it, whether it can still be
// undone today, and the size of its batch.
func (h *handler) reorgRows(r *http.Request, list []agency.ReorgRecord) ([]reorgRecordRow, error) {
	today := h.app.Today()
	batch := map[int64]int{}
	for _, x := range list {
		batch[x.Batch]++
	}
	names, err := h.app.UserNames(r.Context())
	if err != nil {
		return nil, err
	}
	rows := make([]reorgRecordRow, len(list))
	for i, x := range list {
		rows[i] = reorgRecordRow{ReorgRecord: x, By: names[x.AppliedBy], Undoable: x.Undoable(today),
			Others: batch[x.Batch] - 1, LastDay: x.UndoUntil.AddDate(0, 0, -1)}
	}
	return rows, nil
}

// reorgUndoPage is one reorganisation with its undo: the preview (what
// undo would write back) or the reason it is refused.
type reorgUndoPage struct {
	reorgRecordRow
	Preview *agency.UndoResult
	Refused string
	Today   time.Time
}

// agencyReorgRecord shows one applied reorganisation and its undo button.
func (h *handler) agencyReorgRecord(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := h.reorgUndoPage(r, id)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "agency_reorg_record", &page{Title: "Việc sắp xếp tổ chức", Nav: "agencies", Data: p})
}

func (h *handler) reorgUndoPage(r *http.Request, id int64) (*reorgUndoPage, error) {
	rec, err := h.app.Reorganisation(r.Context(), h.user(r), id)
	if err != nil {
		return nil, err
	}
	batch, err := h.app.Reorganisations(r.Context(), h.user(r))
	if err != nil {
		return nil, err
	}
	rows, err := h.reorgRows(r, batch)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if row.ID == rec.ID {
			return &reorgUndoPage{reorgRecordRow: row, Today: h.app.Today()}, nil
		}
	}
	return nil, errNotFound
}

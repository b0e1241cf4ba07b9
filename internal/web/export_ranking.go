package web

import (
	"fmt"
	"net/http"
	"strconv"

	"tiendo/internal/export/table"
	"tiendo/internal/figures"
	"tiendo/internal/vntext"
)

// rankingXLSX downloads the ranking of year= (as on the page) as a workbook.
func (h *handler) rankingXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.rankingExport(w, r, "xlsx")
}

// rankingCSV downloads the ranking of year= as CSV with a BOM.
func (h *handler) rankingCSV(w http.ResponseWriter, r *http.Request) error {
	return h.rankingExport(w, r, "csv")
}

// rankingExport loads the ranking through loadRanking, the page's own
// path, and sends its rows unformatted.
func (h *handler) rankingExport(w http.ResponseWriter, r *http.Request, format string) error {
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
	return sendSheets(w, format, fmt.Sprintf("xep-hang-co-quan-ke-hoach-%d-nam-%d", id, v.Year), rankingSheet(v))
}

// rankingSheet is the ranking table: rank, agency, score, then each
// component's numerator, denominator and rate, then the weights in force
// (the same on every row, so that a CSV carries them too).
func rankingSheet(v *rankingView) table.Sheet {
	ws := v.Weights.Weights
	source := "mặc định"
	if v.Weights.Version > 0 {
		source = "do cơ quan điều phối đặt, lần lưu thứ " + strconv.Itoa(v.Weights.Version)
	}
	s := table.Sheet{Name: "Xếp hạng",
		Title: fmt.Sprintf("XẾP HẠNG CƠ QUAN NĂM %d — tính đến ngày %s; trọng số: nhiệm vụ %s, báo cáo %s, chỉ tiêu %s (%s)",
			v.Year, vntext.FormatDate(v.AsOf), weightText(ws.OnTime), weightText(ws.Timeliness), weightText(ws.Indicators), source),
		Columns: []table.Column{
			{Header: "Hạng", Name: "rank", Kind: table.Int, Width: 6},
			{Header: "Cơ quan", Name: "agency", Kind: table.Text, Width: 40},
			{Header: "Điểm (thang 100)", Name: "score", Kind: table.Number, Width: 10},
			{Header: "Nhiệm vụ đúng hạn: đạt", Name: "tasks_on_time_num", Kind: table.Number},
			{Header: "Nhiệm vụ đúng hạn: tổng", Name: "tasks_on_time_den", Kind: table.Number},
			{Header: "Nhiệm vụ đúng hạn: tỷ lệ", Name: "tasks_on_time_pct", Kind: table.Percent},
			{Header: "Báo cáo đúng hạn: đạt", Name: "timeliness_num", Kind: table.Number},
			{Header: "Báo cáo đúng hạn: tổng", Name: "timeliness_den", Kind: table.Number},
			{Header: "Báo cáo đúng hạn: tỷ lệ", Name: "timeliness_pct", Kind: table.Percent},
			{Header: "Chỉ tiêu: điểm", Name: "indicators_num", Kind: table.Number},
			{Header: "Chỉ tiêu: tối đa", Name: "indicators_den", Kind: table.Number},
			{Header: "Chỉ tiêu: tỷ lệ", Name: "indicators_pct", Kind: table.Percent},
			{Header: "Trọng số nhiệm vụ", Name: "weight_on_time", Kind: table.Number},
			{Header: "Trọng số báo cáo", Name: "weight_timeliness", Kind: table.Number},
			{Header: "Trọng số chỉ tiêu", Name: "weight_indicators", Kind: table.Number},
		}}
	for _, row := range v.Ranked {
		out := []any{row.Rank, row.Name, row.Score}
		for _, c := range []figures.Component{row.OnTime, row.Timeliness, row.Indicators} {
			out = append(out, rankingCells(c)...)
		}
		s.Rows = append(s.Rows, append(out, ws.OnTime, ws.Timeliness, ws.Indicators))
	}
	return s
}

// rankingCells are a component's numerator, denominator and rate (0–1),
// all empty when the component does not apply ("—" on the page).
func rankingCells(c figures.Component) []any {
	if c.Rate == nil {
		return []any{nil, nil, nil}
	}
	return []any{c.Num, c.Den, *c.Rate}
}

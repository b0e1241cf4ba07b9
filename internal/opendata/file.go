package opendata

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/export/csv"
	"tiendo/internal/plan"
)

// published is one active plan with its datasets, computed on the
// server's day.
type published struct {
	Plan plan.Plan
	// Modified is the day the datasets were computed for (the server's
	// day: --clock moves it): their statuses and days overdue are as of it.
	Modified time.Time
	Datasets []dataset
}

// serveFile answers /open/plans/{id}/{dataset}.csv, .csv-metadata.json and
// .json. The CSV starts with a UTF-8 byte-order mark, without which Excel
// reads it in the ANSI code page and garbles the Vietnamese.
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request) {
	id, ok := planID(w, r)
	if !ok {
		return
	}
	file := r.PathValue("file")
	var stem, kind string
	for _, ext := range []string{".csv-metadata.json", ".csv", ".json"} {
		if s, ok := strings.CutSuffix(file, ext); ok {
			stem, kind = s, ext
			break
		}
	}
	pf, err := h.app.PublishedFigures(r.Context(), id)
	if err != nil {
		h.failOrNotFound(w, r, err)
		return
	}
	p := &published{Plan: pf.Facts.Plan, Modified: pf.Dashboard.AsOf, Datasets: datasets(pf.Facts, pf.Dashboard)}
	var ds *dataset
	for i := range p.Datasets {
		if p.Datasets[i].Name == stem {
			ds = &p.Datasets[i]
		}
	}
	if ds == nil || kind == "" {
		notFound(w)
		return
	}
	var buf bytes.Buffer
	hdr := w.Header()
	ctype := ""
	switch kind {
	case ".csv":
		if err := csv.Write(&buf, ds.Sheet, csv.Options{BOM: true}); err != nil {
			h.fail(w, r, err)
			return
		}
		ctype = "text/csv; charset=utf-8; header=present"
		hdr.Set("Link", `<`+file+`-metadata.json>; rel="describedby"; type="application/csvm+json"`)
	case ".csv-metadata.json":
		b, err := csv.MetadataJSON(ds.Sheet, datasetURL(r, id, ds.Name+".csv"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		buf.Write(b)
		ctype = "application/csvm+json"
	case ".json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"plan_id": id, "plan": p.Plan.Name(), "dataset": ds.Name, "title": ds.Title,
			"modified": p.Modified.Format(time.DateOnly), "license": LicenceURI,
			"rows": rowsJSON(ds.Sheet, csv.ColumnName)}); err != nil {
			h.fail(w, r, err)
			return
		}
		ctype = "application/json; charset=utf-8"
	}
	hdr.Set("Access-Control-Allow-Origin", "*") // open data: any site may fetch it
	send(w, r, ctype, buf.Bytes())
}

// Package opendata publishes the figures of every active plan as open data
// at /open, without login: an index page, per plan the task list with its
// status, progress by task group and by lead agency, and indicator values,
// each as CSV (UTF-8, with CSVW metadata) and JSON, and a DCAT-AP catalogue
// in JSON-LD at /open/catalog.jsonld.
//
// Every number comes from the application (app.PublishedFigures:
// figures.Compute over the plan's facts with its settings, on the server's
// day), so open data equals the dashboard: statuses and indicator values
// move only with accepted reports, and only organisations are named —
// never a person, a user name or an e-mail address.
package opendata

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/export/csv"
	"tiendo/internal/plan"
)

// Licence is the licence every dataset is published under.
const (
	LicenceURI   = "https://creativecommons.org/licenses/by/4.0/"
	LicenceTitle = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
)

//go:embed templates/*.html
var templateFS embed.FS

// Config is what the open-data handler needs.
type Config struct {
	// App computes the published figures (its clock gives the day).
	App *app.App
	Log *slog.Logger
}

// handler serves /open/.
type handler struct {
	app   *app.App
	log   *slog.Logger
	index *template.Template
	mux   *http.ServeMux
}

// New returns the handler of /open/ (mounted there by the server, which
// applies security headers and CSRF protection).
func New(cfg Config) (http.Handler, error) {
	if cfg.App == nil {
		return nil, errors.New("opendata: Config.App is required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	t, err := template.New("index.html").Funcs(template.FuncMap{"day": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02/01/2006")
	}}).ParseFS(templateFS, "templates/index.html")
	if err != nil {
		return nil, err
	}
	h := &handler{app: cfg.App, log: cfg.Log, index: t, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /open/{$}", h.serveIndex)
	h.mux.HandleFunc("GET /open/catalog.jsonld", h.serveCatalog)
	h.mux.HandleFunc("GET /open/plans/{id}/{file}", h.serveFile)
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// published is one active plan with its computed figures and datasets.
type published struct {
	Plan     plan.Plan
	Modified time.Time
	Datasets []dataset
}

// load computes the datasets of one published plan (app.PublishedFigures:
// active, with a reporting period) on the server's day; a plan not
// published is a NotFound.
func (h *handler) load(r *http.Request, id int64) (*published, error) {
	pf, err := h.app.PublishedFigures(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return newPublished(pf), nil
}

// newPublished lays out one plan's figures as its datasets.
func newPublished(pf *app.PlanFigures) *published {
	f := pf.Facts
	return &published{Plan: f.Plan, Modified: modified(f), Datasets: datasets(f, pf.Dashboard)}
}

// loadAll loads every published plan, in the store's plan order.
func (h *handler) loadAll(r *http.Request) ([]*published, error) {
	all, err := h.app.PublishedPlans(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]*published, 0, len(all))
	for _, pf := range all {
		out = append(out, newPublished(pf))
	}
	return out, nil
}

func (h *handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	all, err := h.loadAll(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := h.index.Execute(&buf, map[string]any{"Plans": all, "LicenceURI": LicenceURI, "LicenceTitle": LicenceTitle}); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(buf.Bytes())
}

// serveFile answers /open/plans/{id}/{dataset}.csv, .csv-metadata.json and .json.
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	file := r.PathValue("file")
	if err != nil || id <= 0 {
		notFound(w)
		return
	}
	var stem, kind string
	for _, ext := range []string{".csv-metadata.json", ".csv", ".json"} {
		if s, ok := strings.CutSuffix(file, ext); ok {
			stem, kind = s, ext
			break
		}
	}
	p, err := h.load(r, id)
	if errors.Is(err, derrors.NotFound) {
		notFound(w)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var ds *dataset
	for i := range p.Datasets {
		if p.Datasets[i].Name == stem {
			ds = &p.Datasets[i]
		}
	}
	if ds == nil {
		notFound(w)
		return
	}
	var buf bytes.Buffer
	hdr := w.Header()
	switch kind {
	case ".csv":
		if err := csv.Write(&buf, ds.Sheet, csv.Options{}); err != nil {
			h.fail(w, r, err)
			return
		}
		hdr.Set("Content-Type", "text/csv; charset=utf-8; header=present")
		hdr.Set("Link", `<`+file+`-metadata.json>; rel="describedby"; type="application/csvm+json"`)
	case ".csv-metadata.json":
		b, err := csv.MetadataJSON(ds.Sheet, datasetURL(r, id, ds.Name+".csv"))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		buf.Write(b)
		hdr.Set("Content-Type", "application/csvm+json")
	case ".json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"plan_id": id, "dataset": ds.Name, "title": ds.Title,
			"modified": p.Modified.Format(time.DateOnly), "license": LicenceURI,
			"rows": rowsJSON(ds.Sheet, csv.ColumnName)}); err != nil {
			h.fail(w, r, err)
			return
		}
		hdr.Set("Content-Type", "application/json; charset=utf-8")
	}
	hdr.Set("Cache-Control", "public, max-age=300")
	hdr.Set("Access-Control-Allow-Origin", "*") // open data: any site may fetch it
	if !p.Modified.IsZero() {
		hdr.Set("Last-Modified", p.Modified.UTC().Format(http.TimeFormat))
	}
	w.Write(buf.Bytes())
}

// baseURL is the scheme and host the request came to, for the absolute
// URLs CSVW and DCAT want.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// datasetURL is the absolute URL of one file of a plan.
func datasetURL(r *http.Request, planID int64, file string) string {
	return baseURL(r) + "/open/plans/" + strconv.FormatInt(planID, 10) + "/" + file
}

func notFound(w http.ResponseWriter) {
	http.Error(w, "Không có dữ liệu mở này.", http.StatusNotFound)
}

// fail logs an internal error and answers 500 without internals.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.log.Error("open data", "path", r.URL.Path, "err", err)
	http.Error(w, "Lỗi máy chủ. Vui lòng thử lại sau.", http.StatusInternalServerError)
}

// Package opendata is the province's transparency page at /open, without
// login: for each active plan its public dashboard — status cards, charts
// by task group and by lead agency with a table behind each, the trend,
// the overdue tasks, indicators against targets — every number a link to
// the public list of the tasks behind it; and its figures as open data:
// the task list, progress by group and by lead agency, and indicator
// values, each as CSV (UTF-8 with a byte-order mark, with CSVW metadata)
// and JSON, and a DCAT-AP catalogue in JSON-LD at /open/catalog.jsonld.
//
// Every number comes from the application (app.PublishedDashboards and
// app.PublishedFigures: figures.Compute over the plan's facts with its
// settings, on the server's day, the dashboards read through the figure
// cache), so the page and the files equal the dashboard: statuses and
// indicator values move only with accepted reports, and only
// organisations are named — never a person, a user name or an e-mail
// address. Pages wear the UI's stylesheet (Config.Stylesheet), draw their
// charts with internal/chart and need no script; responses may be cached
// by browsers and proxies for five minutes and carry an ETag.
package opendata

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/chart"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// Licence is the licence every dataset is published under.
const (
	LicenceURI   = "https://creativecommons.org/licenses/by/4.0/"
	LicenceTitle = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
)

// maxAge is how long browsers and proxies may keep an answer: the figures
// move with accepted reports and the day, not by the second.
const maxAge = "public, max-age=300"

//go:embed templates/*.html
var templateFS embed.FS

// Config is what the open-data handler needs.
type Config struct {
	// App computes the published figures (its clock gives the day).
	App *app.App
	Log *slog.Logger
	// Stylesheet is the address of the UI's stylesheet (web.StaticURL),
	// so that the public pages wear the house style.
	Stylesheet string
}

// handler serves /open/.
type handler struct {
	app        *app.App
	log        *slog.Logger
	stylesheet string
	pages      map[string]*template.Template // "index", "plan", "tasks"
	mux        *http.ServeMux
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
	h := &handler{app: cfg.App, log: cfg.Log, stylesheet: cfg.Stylesheet, pages: map[string]*template.Template{}, mux: http.NewServeMux()}
	for _, name := range []string{"index", "plan", "tasks"} {
		t, err := template.New(name).Funcs(funcs()).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err == nil {
			_, err = t.New("chart").Parse(chart.Template)
		}
		if err != nil {
			return nil, err
		}
		h.pages[name] = t
	}
	h.mux.HandleFunc("GET /open/{$}", h.serveIndex)
	h.mux.HandleFunc("GET /open/catalog.jsonld", h.serveCatalog)
	h.mux.HandleFunc("GET /open/plans/{id}", h.servePlan)
	h.mux.HandleFunc("GET /open/plans/{id}/tasks", h.serveTasks)
	h.mux.HandleFunc("GET /open/plans/{id}/{file}", h.serveFile)
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// funcs are the templates' helpers: Vietnamese dates and numbers, the
// badge of a status, the licence.
func funcs() template.FuncMap {
	return template.FuncMap{
		"day": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return vntext.FormatDate(t)
		},
		"iso":          func(t time.Time) string { return t.Format(time.DateOnly) },
		"num":          vntext.FormatInt,
		"badge":        chart.BadgeClass,
		"licenceURI":   func() string { return LicenceURI },
		"licenceTitle": func() string { return LicenceTitle },
	}
}

// page is what the layout renders around a page's content.
type page struct {
	Title      string
	Stylesheet string
	Nav        string // "index" on the index
	Data       any
}

// render writes page name with data.
func (h *handler) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	var buf bytes.Buffer
	nav := ""
	if name == "index" {
		nav = "index"
	}
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", page{Title: title, Stylesheet: h.stylesheet, Nav: nav, Data: data}); err != nil {
		h.fail(w, r, err)
		return
	}
	send(w, r, "text/html; charset=utf-8", buf.Bytes())
}

// send writes body with its type, the caching headers and an ETag (the
// body's digest), answering 304 to a request that has it already.
func send(w http.ResponseWriter, r *http.Request, ctype string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	hd := w.Header()
	hd.Set("Cache-Control", maxAge)
	hd.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && (match == etag || match == "W/"+etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// planID reads {id}; false (after answering 404) when it is not one.
func planID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		notFound(w)
		return 0, false
	}
	return id, true
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

// failOrNotFound answers a NotFound of the application with 404 and any
// other error with fail.
func (h *handler) failOrNotFound(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, derrors.NotFound) {
		notFound(w)
		return
	}
	h.fail(w, r, err)
}

// fail logs an internal error and answers 500 without internals.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.log.Error("open data", "path", r.URL.Path, "err", err)
	http.Error(w, "Lỗi máy chủ. Vui lòng thử lại sau.", http.StatusInternalServerError)
}

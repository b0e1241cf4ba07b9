// Package api serves the JSON API under /api/v1 for integrators (other
// provincial systems, dashboards, scripts): plans, their sections and tasks,
// agencies, reporting periods, the agencies' reports and their flow
// (draft → submitted → accepted or returned) with indicator values and
// evidence files, extension and amendment requests, "Việc của tôi", and the
// OpenAPI document that describes them.
//
// Conventions shared with the web UI: every route is registered in routes()
// with its permission on the same line, one handler per file, handlers return
// an error, and one function at the edge (fail, in errors.go) turns errors into
// a status and a JSON body. Messages are Vietnamese, codes English.
package api

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/ratelimit"
)

// Prefix is where server mounts the API; patterns and Location headers use it.
const Prefix = "/api/v1"

// Config is what the JSON API needs.
type Config struct {
	// App runs the use cases; the handlers parse, call it and render.
	App   *app.App
	Clock clock.Clock // judges task status and token expiry; the system clock when nil
	Log   *slog.Logger
	// Writes limits each user's writes (unsafe methods); nil: no limit.
	Writes *ratelimit.Limiter
}

// api holds the dependencies every handler uses. It is built once by New and
// is read-only afterwards, apart from the buffer pool.
type api struct {
	app     *app.App
	clock   clock.Clock
	log     *slog.Logger
	writes  *ratelimit.Limiter
	mux     *http.ServeMux
	bufs    sync.Pool // *bytes.Buffer, so list responses do not allocate a fresh buffer per request
	openapi []byte    // the OpenAPI document, encoded once
	rollups bodyCache // encoded roll-ups by ETag (rollup_get.go)
	// taskPages are encoded task list pages by plan, facts version, day
	// and query (task_list.go).
	taskPages bodyCache
	// dashboards are the encodings of the dashboards the figure cache
	// shares (encoded.go).
	dashboards dashboardBodies
	// work are the encodings of the agencies' "Việc của tôi" the app
	// keeps (me_due_bodies.go).
	work workBodies
	// national is the encoding of the national rollup the app last gave
	// (national_get.go).
	national nationalBody
}

// handlerFunc is the shape of every API handler: u is the signed-in user
// (nil on public routes); a returned error is answered by fail.
type handlerFunc func(w http.ResponseWriter, r *http.Request, u *auth.User) error

// New returns the handler of every /api/v1/ route.
func New(cfg Config) http.Handler {
	if cfg.Clock == nil {
		cfg.Clock = clock.System{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	a := &api{app: cfg.App, clock: cfg.Clock, log: cfg.Log, writes: cfg.Writes, mux: http.NewServeMux(),
		taskPages: bodyCache{max: maxTaskPages}}
	rt := &router{a: a}
	a.routes(rt)
	a.openapi = openapiJSON(rt.routes)
	return a
}

// routes registers every route of the API and the permission it needs.
// openapi.go describes each of them; TestOpenAPICoversRoutes keeps the two in step.
// The reporting routes' permission is the role half of reporting.Can
// (report_perm.go); the use case checks the rest on the report itself
// (reporting.Can), and the store again inside the write's transaction.
func (a *api) routes(r *router) {
	r.handle("GET /plans", auth.ReadPlan, a.planList)
	r.handle("GET /plans/{id}", auth.ReadPlan, a.planGet)
	r.handle("POST /plans/import", auth.EditPlan, a.planImport)
	r.handle("GET /plans/{id}/sections", auth.ReadPlan, a.sectionList)
	r.handle("GET /plans/{id}/tasks", auth.ReadPlan, a.taskList)
	r.handle("POST /plans/{id}/tasks", auth.EditPlan, a.taskCreate)
	r.handle("GET /tasks/{id}", auth.ReadPlan, a.taskGet)
	r.handle("PATCH /tasks/{id}", auth.EditPlan, a.taskPatch)
	r.handle("GET /tasks/{id}/history", auth.ReadPlan, a.taskHistory)
	r.handle("GET /agencies", auth.ReadPlan, a.agencyList)
	r.handle("GET /agencies/{id}", auth.ReadPlan, a.agencyGet)
	r.handle("POST /agencies/reorganisations", auth.ManageAgency, a.agencyReorganise)
	r.handle("GET /agencies/reorganisations", auth.ManageAgency, a.agencyReorganisations)
	r.handle("GET /agencies/reorganisations/{id}", auth.ManageAgency, a.agencyReorganisationGet)
	r.handle("POST /agencies/reorganisations/{id}/undo", auth.ManageAgency, a.agencyReorganisationUndo)
	r.handle("GET /plans/{id}/periods", auth.ReadPlan, a.periodList)
	r.handle("GET /plans/{id}/amendments", auth.ReadPlan, a.amendmentList)
	r.handle("POST /plans/{id}/amendments", auth.EditPlan, a.amendmentCreate)
	r.handle("GET /plans/{id}/replacement", auth.ReadPlan, a.replacementGet)
	r.handle("POST /plans/{id}/replacement", auth.EditPlan, a.replacementPost)
	r.handle("GET /plans/{id}/dashboard", auth.ReadPlan, a.dashboardGet)
	r.handle("GET /dashboard", auth.ReadPlan, a.nationalGet)
	r.handle("GET /plans/{id}/ranking", auth.ReadPlan, a.rankingGet)
	r.handle("GET /plans/{id}/report.docx", auth.ReadPlan, a.officialReportDocx)
	r.handle("GET /plans/{id}/report.xlsx", auth.ReadPlan, a.officialReportXLSX)
	r.handle("GET /reports", auth.ReadPlan, a.reportList)     // scoped by reporting's view rule
	r.handle("GET /reports/{id}", auth.ReadPlan, a.reportGet) // 403 unless reporting.Can(view)
	r.handle("PUT /reports/{id}/entries/{task}", auth.WriteReport, a.entryPut)
	r.handle("PUT /reports/{id}/contributions/{task}", auth.WriteReport, a.contributionPut)
	r.handle("PUT /reports/{id}/texts", auth.WriteReport, a.textsPut)
	r.handle("POST /reports/{id}/submit", auth.SubmitReport, a.reportSubmit)
	r.handle("POST /reports/{id}/accept", auth.ReviewReport, a.reportAccept)
	r.handle("POST /reports/{id}/return", auth.ReviewReport, a.reportReturn)
	r.handle("POST /reports/{id}/revise", auth.WriteReport, a.reportRevise)
	r.handle("PUT /reports/{id}/values/{indicator}", auth.WriteReport, a.valuePut)
	r.handle("POST /reports/{id}/files", auth.WriteReport, a.fileUpload)
	r.handle("GET /files/{id}", auth.ReadPlan, a.fileGet)          // 403 unless reporting.Can(view) on the file's report
	r.handle("DELETE /files/{id}", auth.WriteReport, a.fileDelete) // the use case checks reporting.Can(edit) on the report
	r.handle("POST /tasks/{id}/extensions", auth.RequestExtension, a.extensionRequest)
	r.handle("GET /extensions", auth.ReadPlan, a.extensionList)     // scoped: an agency sees its own requests
	r.handle("GET /extensions/{id}", auth.ReadPlan, a.extensionGet) // 403 unless reporting.CanViewExtension
	r.handle("POST /extensions/{id}/decide", auth.DecideExtension, a.extensionDecide)
	r.handle("GET /me/due", auth.ReadPlan, a.meDue)
	r.handle("GET /me/notices", auth.ReadPlan, a.noticeList)            // the caller's own
	r.handle("POST /me/notices/{id}/read", auth.ReadPlan, a.noticeRead) // another user's notice is 404
	r.handle("GET /users", auth.ManageUsers, a.userList)
	r.handle("POST /users", auth.ManageUsers, a.userCreate)
	r.handle("PATCH /users/{id}", auth.ManageUsers, a.userPatch)
	r.handle("POST /users/{id}/password-reset", auth.ManageUsers, a.userPasswordReset)
	// Plans linked across levels and their roll-up (rollup_*.go, task_links.go).
	r.handle("PUT /plans/{id}/level", auth.EditPlan, a.planLevelPut)
	r.handle("GET /tasks/{id}/links", auth.ReadPlan, a.taskLinksGet)
	r.handle("PUT /tasks/{id}/links", auth.EditPlan, a.taskLinksPut)
	r.handle("GET /tasks/{id}/links/suggestions", auth.ReadPlan, a.taskLinkSuggestions)
	r.handle("POST /plans/{id}/links/sheet", auth.EditPlan, a.linkSheetPost)
	r.handle("GET /plans/{id}/rollup", auth.ReadPlan, a.rollupGet)
	r.handle("GET /plans/{id}/rollup/package", auth.EditPlan, a.rollupPackageGet)
	r.handle("POST /rollup/packages", auth.EditPlan, a.rollupPackagePost)
	r.handle("GET /rollup/packages", auth.ReadPlan, a.rollupPackageList)
	r.handle("GET /rollup/identity", auth.EditPlan, a.rollupIdentityGet)
	r.handle("GET /rollup/senders", auth.ManageUsers, a.rollupSenderList)
	r.handle("POST /rollup/senders", auth.ManageUsers, a.rollupSenderPost)
	r.handle("DELETE /rollup/senders/{id}", auth.ManageUsers, a.rollupSenderDelete)
	r.handle("GET /openapi.json", auth.Public, a.openapiGet)
}

// route is one registered route, kept for the OpenAPI document and its test.
type route struct {
	Method string
	Path   string // without Prefix, in ServeMux syntax: "/plans/{id}"
	Perm   auth.Permission
}

// router registers handlers on the api's mux behind the permission guard and
// remembers what it registered.
type router struct {
	a      *api
	routes []route
}

// handle registers pattern ("GET /plans/{id}") under Prefix, guarded by perm.
func (r *router) handle(pattern string, perm auth.Permission, h handlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		panic("api: route pattern without a method: " + pattern)
	}
	r.a.mux.Handle(method+" "+Prefix+path, r.a.guard(perm, h))
	r.routes = append(r.routes, route{Method: method, Path: path, Perm: perm})
}

// ServeHTTP routes the request. Paths and methods the API does not know get
// a JSON error too, not ServeMux's plain-text one, so clients parse one shape.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, pattern := a.mux.Handler(r); pattern == "" {
		a.unrouted(w, r, h)
		return
	}
	a.mux.ServeHTTP(w, r)
}

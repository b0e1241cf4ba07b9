// Package metrics exposes tiendo's Prometheus metrics at /metrics: request
// latency by route, the database pools, and the background jobs' runs.
// Each instance has its own; Prometheus scrapes every instance.
package metrics

import (
	"database/sql"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the registry and the instruments the server feeds.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
	jobRuns  *prometheus.CounterVec
	jobTime  *prometheus.HistogramVec
}

// New makes the metrics; pools reads the database pools' statistics
// (store.PoolStats) at each scrape.
func New(pools func() map[string]sql.DBStats) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "tiendo_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by route pattern, method and status class.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method", "code"})
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tiendo_job_runs_total", Help: "Background job runs made by this instance, by job and result.",
	}, []string{"job", "result"})
	m.jobTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tiendo_job_duration_seconds", Help: "Time background job runs took on this instance.",
		Buckets: prometheus.ExponentialBuckets(.01, 4, 8),
	}, []string{"job"})
	m.reg.MustRegister(m.requests, m.jobRuns, m.jobTime, &poolCollector{pools: pools},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe records one finished job run (jobs.Scheduler.Observe).
func (m *Metrics) Observe(job string, took time.Duration, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.jobRuns.WithLabelValues(job, result).Inc()
	m.jobTime.WithLabelValues(job).Observe(took.Seconds())
}

// Middleware times every request, labelled by the route pattern the
// routers matched (r.Pattern, set by the innermost ServeMux on the shared
// request) — never by the raw path, which would make a label per ID.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "other"
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status/100)+"xx").Observe(time.Since(start).Seconds())
	})
}

// Admission shows the server's admission gate (server.Config.MaxActive):
// how many requests work, and how many wait for their turn. A queue that
// stays long says the instance needs more CPU or another instance.
func (m *Metrics) Admission(active, waiting func() int) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tiendo_http_requests_active",
			Help: "Requests of the application working now (serve --max-active bounds them)."},
			func() float64 { return float64(active()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "tiendo_http_requests_waiting",
			Help: "Requests of the application waiting for their turn to work."},
			func() float64 { return float64(waiting()) }))
}

// Handler serves the metrics to Prometheus on the local machine or a
// private network only: the numbers say little, but there is no reason
// to show them to the Internet (docs/DEPLOY.md has the nginx rule too).
func (m *Metrics) Handler() http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		if err != nil || ip == nil || !(ip.IsLoopback() || ip.IsPrivate()) {
			http.Error(w, "Không tìm thấy.", http.StatusNotFound)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer (flushes,
// deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// poolCollector reports the database pools at scrape time.
type poolCollector struct{ pools func() map[string]sql.DBStats }

var (
	poolOpen  = prometheus.NewDesc("tiendo_db_connections_open", "Open database connections.", []string{"pool"}, nil)
	poolInUse = prometheus.NewDesc("tiendo_db_connections_in_use", "Database connections in use.", []string{"pool"}, nil)
	poolIdle  = prometheus.NewDesc("tiendo_db_connections_idle", "Idle database connections.", []string{"pool"}, nil)
	poolWaits = prometheus.NewDesc("tiendo_db_waits_total", "Times a query waited for a free connection.", []string{"pool"}, nil)
	poolWait  = prometheus.NewDesc("tiendo_db_wait_seconds_total", "Time spent waiting for a free connection.", []string{"pool"}, nil)
)

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolOpen, poolInUse, poolIdle, poolWaits, poolWait} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, s := range c.pools() {
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.OpenConnections), name)
		ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(s.InUse), name)
		ch <- prometheus.MustNewConstMetric(poolIdle, prometheus.GaugeValue, float64(s.Idle), name)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.WaitCount), name)
		ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, s.WaitDuration.Seconds(), name)
	}
}

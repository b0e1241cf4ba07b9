package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/server"
	"tiendo/internal/store"
)

// cmdServe runs the web application until ctx is cancelled, then shuts down
// gracefully, letting in-flight requests finish.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	db := dbFlag(fs)
	addr := fs.String("addr", envOr("TIENDO_ADDR", "127.0.0.1:8080"), "listen address (env TIENDO_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo data (agencies, reference plan, one account per role) into a new database")
	fixed := fs.String("clock", envOr("TIENDO_CLOCK", ""), "fix today's date, YYYY-MM-DD, for training and demos (env TIENDO_CLOCK)")
	devDir := fs.String("dev-templates", "", "reload templates from this directory on every request (development)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	clk, err := parseClock(*fixed)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if *withDemo {
		if err := loadDemo(ctx, s, stdout); err != nil {
			return err
		}
	}

	h, err := server.New(server.Config{Store: s, Clock: clk, Log: log, DevDir: *devDir})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // plan uploads over slow provincial links
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "tiendo đang chạy tại http://%s (cơ sở dữ liệu: %s)\n", ln.Addr(), s.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadDemo fills a new database with the demo data and prints the accounts;
// on a database that already holds plans it says so and changes nothing.
func loadDemo(ctx context.Context, s *store.Store, stdout io.Writer) error {
	plans, err := s.Plans(ctx)
	if err != nil {
		return err
	}
	if len(plans) > 0 {
		fmt.Fprintln(stdout, "Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu mẫu (tài khoản mẫu đã được in ra khi tạo).")
		return nil
	}
	res, err := demo.Load(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã nạp dữ liệu mẫu: kế hoạch #%d với %d nhiệm vụ (%d nhiệm vụ có cơ quan chủ trì nêu trong văn bản, %d nhiệm vụ được phân công mẫu).\n",
		res.PlanID, res.Tasks, res.Assigned, res.SampleAssigned)
	fmt.Fprintln(stdout, "Tài khoản mẫu (mật khẩu chỉ in một lần):")
	for _, a := range res.Accounts {
		agency := ""
		if a.Agency != "" {
			agency = " — " + a.Agency
		}
		fmt.Fprintf(stdout, "  %-16s %-28s %s (%s)%s\n", a.Username, a.Password, a.Role, a.Role.Label(), agency)
	}
	return nil
}

// parseClock returns the system clock, or a clock fixed at noon (Vietnam
// time) of the given day.
func parseClock(day string) (clock.Clock, error) {
	if day == "" {
		return clock.System{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", day, clock.Local)
	if err != nil {
		return nil, fmt.Errorf("--clock %q: want a date as YYYY-MM-DD", day)
	}
	return clock.Fixed(t.Add(12 * time.Hour)), nil
}
